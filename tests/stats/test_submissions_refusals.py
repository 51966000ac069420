"""Every bad input to the period-report services is refused with a clear message, and nothing is
saved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from accounts.roles import Role
from lawstation.errors import DomainError
from stats.models import PeriodReport, ReopenRequest, ReportEvent
from stats.services.reopening import decide_reopen, request_reopen
from stats.services.submissions import accept_report, return_report
from tests.cases.helpers import make_case
from tests.stats.submissions_helpers import (
    ON_TIME,
    accept,
    accept_counties,
    code_of,
    fresh,
    message_of,
    submit,
    submit_accepted,
)

pytestmark = pytest.mark.django_db
Status = PeriodReport.Status


@pytest.fixture(autouse=True)
def _today(time_machine, english):
    time_machine.move_to(ON_TIME, tick=False)


def nothing_saved():
    assert not PeriodReport.all_objects.exists()
    assert not ReportEvent.all_objects.exists()


@pytest.mark.parametrize(
    ("period", "code", "words"),
    [
        ("2026-Q5", "quarter", "A quarter is Q1 to Q4."),
        ("2026-07-01..2026-07-31", "period_kind", "not for a half-year or a range of dates"),
        ("2026-H1", "period_kind", "not for a half-year or a range of dates"),
        ("2026-Q4", "not_ended", "The period 2026-Q4 has not ended yet"),
        ("2026", "not_ended", "can be submitted from 2027-01-01"),
        ("last quarter", "format", "Write the period as a year"),
    ],
)
def test_a_period_that_cannot_be_reported_is_refused(cast, period, code, words):
    with pytest.raises(DomainError) as error:
        submit(cast, "340102", period=period)
    assert words in message_of(error)
    assert code_of(error) == code
    nothing_saved()


def test_another_federation_cannot_submit_a_report(cast):
    with pytest.raises(DomainError) as error:
        submit(cast, "340102", actor=cast.user("340103", Role.CLERK))
    assert code_of(error) == "not_own"
    assert "Only members of 瑶海区残疾人联合会 submit its reports." in message_of(error)
    with pytest.raises(DomainError) as error:
        submit(cast, "340102", actor=cast.user("340100", Role.CLERK))  # not even the level above
    assert code_of(error) == "not_own"
    nothing_saved()


def test_a_leader_reviews_but_does_not_submit(cast):
    with pytest.raises(DomainError) as error:
        submit(cast, "340102", actor=cast.user("340102", Role.LEADER))
    assert code_of(error) == "capability"
    nothing_saved()


def test_open_data_quality_errors_stop_the_submission(cast, monkeypatch):
    seen = []

    def problems(federation, period):
        seen.append((federation.pk, period.key))
        return {"closed_without_outcome": 2, "future_dates": 0}

    monkeypatch.setattr("stats.selectors.quality.blocking_problems", problems)
    with pytest.raises(DomainError) as error:
        submit(cast, "340102")
    assert code_of(error) == "quality"
    assert seen == [(cast.federations["340102"].pk, "2026-Q3")]
    text = message_of(error)
    assert "data-quality checks find errors" in text
    assert ": 2" in text
    assert "future_dates" not in text  # a zero count is no problem
    nothing_saved()


def test_a_real_data_quality_error_in_the_quarter_stops_the_submission(cast):
    registered = datetime(2026, 8, 1, 2, 0, tzinfo=UTC)
    make_case(cast, "340102", status="accepted", registered_at=registered)  # no sex, no birth
    with pytest.raises(DomainError) as error:
        submit(cast, "340102")
    assert code_of(error) == "quality"
    assert "Applicant without sex or date of birth: 1" in message_of(error)
    nothing_saved()
    submit(cast, "340103")  # the sibling's records are its own


def test_a_city_submits_only_when_every_county_report_is_accepted(cast):
    submit_accepted(cast, "340102")
    submit(cast, "340103")  # submitted, not accepted yet
    with pytest.raises(DomainError) as error:
        submit(cast, "340100")
    assert code_of(error) == "children_not_accepted"
    assert "Not accepted yet: 庐阳区残疾人联合会." in message_of(error)
    assert "瑶海区" not in message_of(error)
    assert not PeriodReport.all_objects.filter(region_id="340100").exists()


def test_a_province_names_every_city_missing(cast):
    with pytest.raises(DomainError) as error:
        submit(cast, "340000")
    assert "合肥市残疾人联合会, 芜湖市残疾人联合会" in message_of(error)


def test_a_second_submission_waits_for_a_return_or_a_reopen(cast):
    report = submit(cast, "340102")
    with pytest.raises(DomainError) as error:
        submit(cast, "340102", expected_version=report.version)
    assert code_of(error) == "already_submitted"
    accept(cast, report)
    with pytest.raises(DomainError) as error:
        submit(cast, "340102", expected_version=fresh(report).version)
    assert code_of(error) == "already_submitted"
    assert ReportEvent.all_objects.filter(action="submitted").count() == 1


def test_a_stale_form_is_refused(cast):
    first = submit(cast, "340102")
    with pytest.raises(DomainError) as error:
        submit(cast, "340102", expected_version=0)  # loaded before the first submission
    assert code_of(error) == "stale"
    city = cast.user("340100", Role.CLERK)
    returned = return_report(first, actor=city, reason="渠道错误", expected_version=first.version)
    with pytest.raises(DomainError) as error:
        accept_report(returned, actor=city, expected_version=first.version)
    assert code_of(error) == "stale"
    assert "Someone else changed this record" in message_of(error)
    assert fresh(first).status == Status.RETURNED


def test_nobody_decides_their_own_report_and_only_the_level_above_decides(cast):
    report = submit(cast, "340102")
    refusals = {
        "own_report": cast.user("340102", Role.LEADER),
        "not_reviewer": cast.user("340103", Role.CLERK),
    }
    for code, actor in refusals.items():
        with pytest.raises(DomainError) as error:
            accept_report(report, actor=actor, expected_version=report.version)
        assert code_of(error) == code
    with pytest.raises(DomainError) as error:  # the province is not the level directly above
        accept_report(report, actor=cast.user("340000", Role.CLERK), expected_version=None)
    assert "Only 合肥市残疾人联合会, to which this report was submitted" in message_of(error)
    assert fresh(report).status == Status.SUBMITTED


def test_a_return_needs_a_reason(cast):
    report = submit(cast, "340102")
    with pytest.raises(DomainError) as error:
        return_report(
            report, actor=cast.user("340100", Role.CLERK), reason="  ", expected_version=None
        )
    assert code_of(error) == "reason"
    assert "Say why the report is returned" in message_of(error)
    assert fresh(report).status == Status.SUBMITTED
    assert ReportEvent.all_objects.count() == 1


def test_a_decided_report_cannot_be_decided_again(cast):
    report = submit_accepted(cast, "340102")
    with pytest.raises(DomainError) as error:
        return_report(
            report, actor=cast.user("340100", Role.CLERK), reason="再看看", expected_version=None
        )
    assert code_of(error) == "not_submitted"


def test_a_province_report_has_no_level_above_to_decide_it(cast):
    for city in ("340100", "340200"):
        accept_counties(cast, city)
        submit_accepted(cast, city)
    province = submit(cast, "340000")
    with pytest.raises(DomainError) as error:
        accept_report(province, actor=cast.user("340000", Role.LEADER), expected_version=None)
    assert code_of(error) == "no_level_above"


def test_reopening_needs_an_accepted_report_and_a_reason(cast):
    report = submit(cast, "340102")
    clerk = cast.user("340102", Role.CLERK)
    with pytest.raises(DomainError) as error:
        request_reopen(report, actor=clerk, reason="漏登", expected_version=None)
    assert code_of(error) == "not_accepted"
    accepted = accept(cast, report)
    with pytest.raises(DomainError) as error:
        request_reopen(accepted, actor=clerk, reason="", expected_version=None)
    assert code_of(error) == "reason"
    with pytest.raises(DomainError) as error:
        request_reopen(
            accepted, actor=cast.user("340103", Role.CLERK), reason="漏登", expected_version=None
        )
    assert code_of(error) == "not_own"
    request_reopen(accepted, actor=clerk, reason="漏登", expected_version=None)
    with pytest.raises(DomainError) as error:
        request_reopen(accepted, actor=clerk, reason="再次", expected_version=None)
    assert code_of(error) == "pending"
    assert ReopenRequest.all_objects.count() == 1


def test_a_county_cannot_reopen_while_its_city_has_accepted_an_overlapping_period(cast):
    county, _ = accept_counties(cast, "340100")
    city = submit_accepted(cast, "340100")
    with pytest.raises(DomainError) as error:
        request_reopen(
            county, actor=cast.user("340102", Role.CLERK), reason="漏登", expected_version=None
        )
    assert code_of(error) == "locked_above"
    assert "ask 合肥市残疾人联合会 to reopen its report first" in message_of(error)
    assert city.period_key in message_of(error)
    assert not ReopenRequest.all_objects.exists()


def test_a_county_cannot_reopen_while_its_city_report_awaits_the_province(cast):
    county, _ = accept_counties(cast, "340100")
    submit(cast, "340100")  # awaiting the province's decision
    with pytest.raises(DomainError) as error:
        request_reopen(
            county, actor=cast.user("340102", Role.CLERK), reason="漏登", expected_version=None
        )
    assert code_of(error) == "held_above"
    assert "waiting for a decision" in message_of(error)
    assert not ReopenRequest.all_objects.exists()


def test_a_request_made_before_the_city_submitted_cannot_be_accepted_after(cast):
    county, _ = accept_counties(cast, "340100")
    request = request_reopen(
        county, actor=cast.user("340102", Role.CLERK), reason="漏登", expected_version=None
    )
    # The city's clerk submits first; the reopen decision now would change figures under it.
    submit(cast, "340100")
    with pytest.raises(DomainError) as error:
        decide_reopen(request, actor=cast.user("340100", Role.CLERK), accept=True)
    assert code_of(error) == "held_above"
    assert fresh(county).status == Status.ACCEPTED


def test_the_province_cannot_accept_a_city_report_when_a_county_was_reopened_since(cast):
    counties = accept_counties(cast, "340100")
    city = submit(cast, "340100")
    # A county reopened behind the city's back (an earlier release allowed it; or a race).
    PeriodReport.all_objects.filter(pk=counties[0].pk).update(status=Status.REOPENED)
    with pytest.raises(DomainError) as error:
        accept(cast, city)
    assert code_of(error) == "children_not_accepted"
    assert "瑶海区残疾人联合会" in message_of(error)
    assert fresh(city).status == Status.SUBMITTED
    return_report(
        city, actor=cast.user("340000", Role.CLERK), reason="瑶海区已重开", expected_version=None
    )
    assert fresh(city).status == Status.RETURNED


def test_a_yearly_report_above_overlaps_a_quarter_below(cast, time_machine):
    time_machine.move_to(datetime(2027, 1, 3, 2, 0, tzinfo=UTC), tick=False)
    county = submit_accepted(cast, "340102")  # 2026-Q3
    submit_accepted(cast, "340102", period="2026")
    submit_accepted(cast, "340103", period="2026")
    submit_accepted(cast, "340100", period="2026")
    with pytest.raises(DomainError) as error:
        request_reopen(
            county, actor=cast.user("340102", Role.CLERK), reason="漏登", expected_version=None
        )
    assert code_of(error) == "locked_above"
    assert "for 2026, which includes" in message_of(error)


def test_a_reopen_request_is_decided_by_the_level_above_only(cast):
    report = submit_accepted(cast, "340102")
    request = request_reopen(
        report, actor=cast.user("340102", Role.CLERK), reason="漏登", expected_version=None
    )
    refusals = {
        "own_report": cast.user("340102", Role.LEADER),
        "not_reviewer": cast.user("340200", Role.CLERK),
    }
    for code, actor in refusals.items():
        with pytest.raises(DomainError) as error:
            decide_reopen(request, actor=actor, accept=True)
        assert code_of(error) == code
    assert fresh(report).status == Status.ACCEPTED
    with pytest.raises(DomainError) as error:
        decide_reopen(
            request, actor=cast.user("340100", Role.CLERK), accept=True, expected_version=1
        )
    assert code_of(error) == "stale"
