"""Small-cell suppression (stats/suppression.py): pure rules over hand-made tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stats.indicators import BY_KEY
from stats.selectors.figures import OWN, TOTAL, Area
from stats.suppression import (
    RATIO_HIDDEN,
    SECONDARY,
    Policy,
    policy_from_settings,
    primary_cells,
    suppress,
)

# A city's table: two counties, the city's own federation, the total.
CITY = [
    Area("340102", "瑶海区", "sub", 3),
    Area("340103", "庐阳区", "sub", 3),
    Area(OWN, "Own", "own", 2),
    Area(TOTAL, "Total", "total", 2),
]
# A province's table: a city, a county directly under the province, the province's own work.
PROVINCE = [
    Area("340100", "合肥市", "sub", 2),
    Area("349001", "直管县", "sub", 3),
    Area(OWN, "Own", "own", 1),
    Area(TOTAL, "Total", "total", 1),
]
COUNTY = [Area(TOTAL, "Total", "total", 3)]
POLICY = Policy(threshold=5, levels=frozenset({3}))


def row(*figures):
    return dict(zip([a.code for a in CITY], figures, strict=True))


def test_counts_from_one_to_four_in_a_county_show_as_less_than_five():
    values = {"cases.registered": row(3, 1, 10, 14), "cases.closed": row(4, 4, 1, 9)}
    result = suppress(values, CITY, policy=POLICY)
    # City-level columns (own, total) are not at a suppressed level.
    assert result["cases.registered"] == {"340102": "<5", "340103": "<5", OWN: 10, TOTAL: 14}
    # 9 - 1 = 8 between two cells of 1 to 4 makes both 4: the own column is hidden too.
    assert result["cases.closed"] == {"340102": "<5", "340103": "<5", OWN: SECONDARY, TOTAL: 9}


def test_zero_and_the_threshold_itself_are_shown():
    values = {"cases.registered": row(0, 5, 0, 5)}
    assert suppress(values, CITY, policy=POLICY) == values


def test_the_marker_carries_the_configured_threshold():
    values = {"cases.registered": row(9, 20, 0, 29)}
    result = suppress(values, CITY, policy=Policy(threshold=10, levels=frozenset({3})))
    assert result["cases.registered"]["340102"] == "<10"


@pytest.mark.parametrize("threshold", [0, 1])
def test_a_threshold_of_zero_or_one_turns_suppression_off(threshold):
    values = {"cases.registered": row(1, 2, 3, 6)}
    assert suppress(values, CITY, policy=Policy(threshold=threshold)) == values


def test_money_coverage_and_unsuppressed_indicators_are_never_hidden():
    values = {
        "money.recovered": row(Decimal("3.00"), Decimal("0.00"), Decimal(0), Decimal("3.00")),
        "coverage.workstations": row(1, 1, 1, 3),
        "duty.days_held": row(2, 0, 0, 2),
    }
    assert not BY_KEY["coverage.workstations"].suppress
    assert suppress(values, CITY, policy=POLICY) == values


def test_a_lone_hidden_county_cell_hides_the_next_smallest_county_cell_too():
    # 340102 = 2 would be 30 - 20 - 8 = 2 from the total: 340103 (8) is hidden as well.
    values = {"cases.registered": row(2, 8, 20, 30)}
    result = suppress(values, CITY, policy=POLICY)["cases.registered"]
    assert result == {"340102": "<5", "340103": SECONDARY, OWN: 20, TOTAL: 30}


def test_two_hidden_cells_need_no_secondary_suppression():
    values = {"cases.registered": row(2, 3, 20, 25)}
    result = suppress(values, CITY, policy=POLICY)["cases.registered"]
    assert result == {"340102": "<5", "340103": "<5", OWN: 20, TOTAL: 25}


def test_with_no_other_county_figure_the_own_column_is_hidden():
    values = {"cases.registered": row(3, 0, 12, 15)}
    result = suppress(values, CITY, policy=POLICY)["cases.registered"]
    assert result == {"340102": "<5", "340103": 0, OWN: SECONDARY, TOTAL: 15}


def test_when_the_hidden_cell_is_the_whole_total_the_total_is_hidden():
    values = {"cases.registered": row(3, 0, 0, 3)}
    result = suppress(values, CITY, policy=POLICY)["cases.registered"]
    assert result == {"340102": "<5", "340103": 0, OWN: 0, TOTAL: SECONDARY}


def test_the_secondary_cell_prefers_a_county_then_the_smallest_then_the_code():
    areas = [
        Area("340102", "a", "sub", 3),
        Area("340103", "b", "sub", 3),
        Area("340104", "c", "sub", 3),
        Area(OWN, "Own", "own", 2),
        Area(TOTAL, "Total", "total", 2),
    ]
    codes = [area.code for area in areas]

    def hidden(*figures):
        values = {"cases.registered": dict(zip(codes, figures, strict=True))}
        result = suppress(values, areas, policy=POLICY)["cases.registered"]
        return {code for code, cell in result.items() if cell == SECONDARY}

    # Own (5) is smaller than the counties' 9s, but a county goes first; then the lower code.
    assert hidden(1, 9, 9, 5, 24) == {"340103"}
    assert hidden(1, 9, 6, 5, 21) == {"340104"}


def test_two_hidden_cells_that_the_total_pins_down_hide_a_third():
    # 9 - 7 = 2 shared by two cells of 1 to 4: both are 1. The own column goes too.
    values = {"cases.registered": row(1, 1, 7, 9)}
    result = suppress(values, CITY, policy=POLICY)["cases.registered"]
    assert result == {"340102": "<5", "340103": "<5", OWN: SECONDARY, TOTAL: 9}


def test_a_small_cell_and_a_county_x_that_the_total_pins_down_hide_the_total():
    # "<5" is 1 to 4 and a county's "x" is at least 5: with 6 between them, 1 and 5. In this
    # four-column table the total is the last figure left to hide.
    areas = [
        Area("340102", "a", "sub", 3),
        Area("340103", "b", "sub", 3),
        Area(OWN, "Own", "own", 2),
        Area(TOTAL, "Total", "total", 2),
    ]
    values = {"cases.closed": dict(zip([a.code for a in areas], [1, 5, 0, 6], strict=True))}
    result = suppress(values, areas, policy=POLICY)["cases.closed"]
    assert result == {"340102": "<5", "340103": SECONDARY, OWN: 0, TOTAL: SECONDARY}


def _county_column(**figures):
    return {key: {TOTAL: value} for key, value in figures.items()}


def test_a_breakdown_cannot_be_worked_out_from_its_headline_in_a_county_form():
    # 7 registered, 5 men, none unrecorded: the women (2) would be 7 - 5 - 0.
    values = _county_column(
        **{"cases.registered": 7, "cases.sex.m": 5, "cases.sex.f": 2, "cases.sex.unknown": 0}
    )
    result = suppress(values, COUNTY, policy=POLICY)
    assert result["cases.sex.f"] == {TOTAL: "<5"}
    assert result["cases.sex.m"] == {TOTAL: SECONDARY}
    assert result["cases.sex.unknown"] == {TOTAL: 0}
    assert result["cases.registered"] == {TOTAL: 7}


def test_a_hidden_headline_is_not_given_back_by_its_breakdown():
    # Referrals sent 3 ("<5"): its targets add up to it, and each of them is small too.
    values = _county_column(
        **{
            "referrals.sent": 3,
            "referrals.target.legal_aid": 3,
            "referrals.target.judicial_aid": 0,
        }
    )
    result = suppress(values, COUNTY, policy=POLICY)
    assert result["referrals.sent"] == {TOTAL: "<5"}
    assert result["referrals.target.legal_aid"] == {TOTAL: "<5"}


def test_hiding_spreads_from_rows_to_columns_until_no_sum_gives_a_cell_back():
    # In a city's table, 瑶海区 has 2 women among 12 cases. Hiding "<5" in the women row hides
    # 庐阳区's women (x); each county's column then has one hidden part under a shown headline,
    # so a man's cell goes too, and that row needs a second hidden cell in turn.
    values = {
        "cases.registered": row(12, 20, 0, 32),
        "cases.sex.m": row(10, 11, 0, 21),
        "cases.sex.f": row(2, 9, 0, 11),
        "cases.sex.unknown": row(0, 0, 0, 0),
    }
    result = suppress(values, CITY, policy=POLICY)
    assert result["cases.sex.f"] == {"340102": "<5", "340103": SECONDARY, OWN: 0, TOTAL: 11}
    assert result["cases.sex.m"] == {
        "340102": SECONDARY,
        "340103": SECONDARY,
        OWN: 0,
        TOTAL: 21,
    }
    assert result["cases.registered"] == values["cases.registered"]
    _assert_no_sum_gives_a_hidden_cell_back(result, values)


def test_money_recovered_is_hidden_where_the_cases_closed_are():
    values = {
        "cases.closed": row(2, 8, 10, 20),
        "money.recovered": row(
            Decimal("5000.00"), Decimal("100.00"), Decimal("0.00"), Decimal("5100.00")
        ),
    }
    result = suppress(values, CITY, policy=POLICY)
    assert result["cases.closed"] == {"340102": "<5", "340103": SECONDARY, OWN: 10, TOTAL: 20}
    # 瑶海区's award and, so that the total does not give it back, the next one.
    assert result["money.recovered"] == {
        "340102": SECONDARY,
        "340103": SECONDARY,
        OWN: Decimal("0.00"),
        TOTAL: Decimal("5100.00"),
    }


def _assert_no_sum_gives_a_hidden_cell_back(result, values):
    """Independently of the module: no row total or headline has exactly one hidden part."""
    from stats.indicators import ADDS_UP

    for key, cells in result.items():
        hidden = [code for code, cell in cells.items() if isinstance(cell, str)]
        if TOTAL not in hidden:
            assert len(hidden) != 1, key
    for headline, parts in ADDS_UP:
        if headline not in result:
            continue
        for code in result[headline]:
            hidden = [part for part in parts if isinstance(result.get(part, {}).get(code), str)]
            if not isinstance(result[headline][code], str):
                assert len(hidden) != 1, (headline, code)


def test_in_a_province_table_only_the_county_directly_under_it_is_a_small_cell():
    values = {
        "cases.registered": dict(zip(["340100", "349001", OWN, TOTAL], [2, 4, 1, 7], strict=True))
    }
    result = suppress(values, PROVINCE, policy=POLICY)["cases.registered"]
    # The county is hidden; the smallest other non-zero addend (own, 1) goes with it.
    assert result == {"340100": 2, "349001": "<5", OWN: SECONDARY, TOTAL: 7}


def test_a_county_table_is_suppressed_too():
    values = {"cases.registered": {TOTAL: 4}, "cases.closed": {TOTAL: 6}}
    result = suppress(values, COUNTY, policy=POLICY)
    assert result == {"cases.registered": {TOTAL: "<5"}, "cases.closed": {TOTAL: 6}}


def test_ratios_over_a_hidden_figure_show_a_dash():
    values = {
        "return_visits.satisfied": row(2, 8, 10, 20),
        "return_visits.rated": row(6, 9, 10, 25),
        "return_visits.satisfaction_rate": row(
            Decimal("33.3"), Decimal("88.9"), Decimal("100.0"), Decimal("80.0")
        ),
        "referrals.decided": row(0, 6, 0, 6),
        "referrals.decision_days_total": row(0, 30, 0, 30),
        "referrals.decision_days_average": row(None, Decimal("5.0"), None, Decimal("5.0")),
    }
    result = suppress(values, CITY, policy=POLICY)
    rate = result["return_visits.satisfaction_rate"]
    # satisfied: 340102 "<5", 340103 secondary "x": both ratios go; own and total stay.
    assert rate == {
        "340102": RATIO_HIDDEN,
        "340103": RATIO_HIDDEN,
        OWN: Decimal("100.0"),
        TOTAL: Decimal("80.0"),
    }
    assert result["referrals.decision_days_average"] == values["referrals.decision_days_average"]
    assert "<" not in RATIO_HIDDEN


def test_the_input_is_not_changed():
    values = {"cases.registered": row(2, 8, 20, 30)}
    suppress(values, CITY, policy=POLICY)
    assert values == {"cases.registered": row(2, 8, 20, 30)}


def test_primary_cells_ignore_non_counts_and_booleans():
    assert primary_cells({"340102": True, "340103": "3"}, CITY, POLICY) == set()


def test_the_policy_follows_the_settings(settings):
    settings.STATS_SMALL_CELL_THRESHOLD = 3
    settings.STATS_SMALL_CELL_LEVELS = [2, 3]
    assert policy_from_settings() == Policy(threshold=3, levels=frozenset({2, 3}))
    values = {"cases.registered": row(1, 3, 2, 6)}
    result = suppress(values, CITY)["cases.registered"]
    # City-level own column (2) is now a small cell too; two hidden addends need no more.
    assert result == {"340102": "<3", "340103": 3, OWN: "<3", TOTAL: 6}


def test_the_default_settings_hide_county_counts_under_five():
    assert policy_from_settings() == Policy(threshold=5, levels=frozenset({3}))
