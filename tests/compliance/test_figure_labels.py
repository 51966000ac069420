"""Indicator figures shown in words (compliance/figure_labels.py)."""

from compliance.figure_labels import figure_rows


def test_figures_are_labelled_and_formatted_for_the_reader(english):
    rows = dict(
        figure_rows(
            {
                "months_on_duty": 11,
                "share": 0.8333,
                "website": 1,
                "notice_board": 0,
                "missing": "sms,email",
                "state": "accepted",
                "closed_without_outcome": 2,
                "budget": None,
                "something_new": 3,
            }
        )
    )
    assert rows == {
        "Months with an on-site duty day": "11",
        "Share": "83 %",
        "Published on the website": "Yes",
        "Published on a notice board": "No",
        "Channels missing": "SMS、E-mail",
        "Filing": "Accepted",
        "Closed case without an outcome": "2",
        "Budget (yuan)": "—",
        "something new": "3",
    }
