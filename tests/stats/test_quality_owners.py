"""Whose problem a record is, and whether it can still be put right: the applicant's record stays
with the federation that registered it when a case is transferred, so its checks count, list and
block there; an error's record that can no longer change is listed but blocks nothing; and each
blocking check has a page that corrects it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from cases.models import Case, Service
from cases.services.closure import close_case
from cases.services.provision import update_service
from cases.services.transfers import transfer_case
from cases.services.transitions import move_case
from compliance.selectors import data_quality
from compliance.selectors.data_quality import CHECKS, ERROR_CHECKS
from lawstation import periods
from stats.selectors.quality import blocking_problems, problem_counts, problems
from stats.views.quality import FIX_PAGES, PAGES
from tests.compliance import factories as f
from tests.stats.test_quality_checks import JUNE, YEAR, closed, future_service, with_applicant

pytestmark = pytest.mark.django_db

APPLICANT_CHECKS = {"missing_disability_category", "applicant_missing_sex_or_birth"}
APPLICANT_CHECKS |= {"certificate_contradicts"}


def transferred(cast, case: Case, to: str = "340103") -> Case:
    f.station(cast, to)  # the receiving federation runs an established workstation
    return transfer_case(
        case,
        actor=cast.user(case.county_code, Role.CLERK),
        to_federation=cast.federations[to],
        consent_recorded_on=timezone.localdate(),
        reason="申请人迁居",
        expected_version=case.version,
    )


@pytest.fixture
def sending(cast):
    return f.station(cast, "340102")


@pytest.fixture
def moved(cast, sending):
    """A case of 340102 whose applicant has no date of birth, a blank category and a
    certificate contradicting the record, with a service dated in the future, moved to 340103."""
    case = with_applicant(sending, birth_date=None, certificate_category="2", certificate_grade=1)
    Case.all_objects.filter(pk=case.pk).update(disability_category="")
    future_service(sending, future=True)  # another case, to keep the sending county's own
    f.service(case, provided_on=timezone.localdate() + timedelta(days=3))
    return transferred(cast, Case.all_objects.get(pk=case.pk))


def test_the_applicants_checks_stay_with_the_federation_that_keeps_the_record(cast, moved):
    sending, receiving = cast.federations["340102"], cast.federations["340103"]
    assert moved.federation_id == receiving.pk
    assert moved.applicant.federation_id == sending.pk

    assert blocking_problems(sending, YEAR) == {
        "missing_disability_category": 1,
        "applicant_missing_sex_or_birth": 1,
        "certificate_contradicts": 1,
        "future_service_dates": 1,  # its own other case
    }
    # The case's own records moved with it: the receiving county answers for them.
    assert blocking_problems(receiving, YEAR) == {"future_service_dates": 1}

    at_sending = problem_counts(cast.regions["340102"], YEAR)
    at_receiving = problem_counts(cast.regions["340103"], YEAR)
    for name in APPLICANT_CHECKS:
        assert (at_sending[name], at_receiving[name]) == (1, 0), name
        (listed,) = problems(cast.regions["340102"], YEAR, name)
        assert listed.case_number == moved.number
        assert (listed.federation_id, listed.federation) == (sending.pk, sending.name)
        assert problems(cast.regions["340103"], YEAR, name) == []
    assert problem_counts(cast.regions["340100"], YEAR)["certificate_contradicts"] == 1


def test_compliance_counts_the_applicants_checks_at_the_keeping_workstation(cast, moved):
    sending, receiving = f.station(cast, "340102"), f.station(cast, "340103")
    found = data_quality.counts([sending.pk, receiving.pk], YEAR)
    assert found[sending.pk]["applicant_missing_sex_or_birth"] == 1
    assert found[receiving.pk]["applicant_missing_sex_or_birth"] == 0
    assert found[receiving.pk]["future_service_dates"] == 1


def test_the_sending_county_opens_the_fix_and_the_receiving_one_is_not_sent_there(
    client, cast, moved
):
    client.force_login(cast.user("340102", Role.CLERK))
    html = client.get("/staff/statistics/quality/", {"period": "2025"}).content.decode()
    edit = f"/staff/applicants/{moved.applicant_id}/edit/"
    assert edit in html
    assert client.get(edit).status_code == 200

    client.force_login(cast.user("340103", Role.CLERK))
    html = client.get("/staff/statistics/quality/", {"period": "2025"}).content.decode()
    assert edit not in html
    assert 'id="check-applicant_missing_sex_or_birth"' not in html
    assert 'id="check-future_service_dates"' in html


def test_every_blocking_check_has_a_page_that_corrects_it_and_the_others_are_warnings():
    for check in CHECKS:
        correcting = [key for key in FIX_PAGES.get(check.name, ("case",)) if PAGES[key].corrects]
        # No page corrects it: a warning (an error would block every report for good).
        assert correcting or not check.blocks, check.name
    assert {check.name for check in ERROR_CHECKS if check.owner == "applicant"} == APPLICANT_CHECKS


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (lambda s: closed(s, outcome=""), "closed_without_outcome"),
        (lambda s: closed(s, outcome=Case.Outcome.REFERRED), "referred_without_referral"),
    ],
)
def test_an_archived_file_is_listed_but_blocks_nothing(cast, sending, build, name):
    kase = build(sending)
    federation = cast.federations["340102"]
    assert blocking_problems(federation, YEAR) == {name: 1}
    (listed,) = problems(cast.regions["340102"], YEAR, name)
    assert listed.correctable

    Case.all_objects.filter(pk=kase.pk).update(
        status=Case.Status.ARCHIVED, archived_at=f.at(JUNE), archive_number="A-1"
    )

    assert blocking_problems(federation, YEAR) == {}
    assert problem_counts(cast.regions["340102"], YEAR)[name] == 1
    (listed,) = problems(cast.regions["340102"], YEAR, name)
    assert not listed.correctable


def test_a_service_of_an_archived_case_is_listed_but_blocks_nothing(cast, sending):
    kase = future_service(sending, future=True)
    Case.all_objects.filter(pk=kase.pk).update(status=Case.Status.ARCHIVED)
    assert blocking_problems(cast.federations["340102"], YEAR) == {}
    assert problem_counts(cast.regions["340102"], YEAR)["future_service_dates"] == 1


def test_reopening_and_closing_again_corrects_a_closed_case(cast, sending, settings):
    clerk = cast.user("340102", Role.CLERK)
    today = timezone.localdate()
    this_year = periods.year(today.year)
    kase = f.closed_case(sending, closed_on=today, outcome="", closing_summary="已办结")
    federation = cast.federations["340102"]
    assert blocking_problems(federation, this_year) == {"closed_without_outcome": 1}

    reopened = move_case(kase, Case.Status.IN_SERVICE, actor=clerk, reason="结案结果漏填")
    close_case(reopened, actor=clerk, outcome="resolved", closing_summary="已办结")

    assert blocking_problems(federation, this_year) == {}


def test_editing_the_service_corrects_a_date_in_the_future(cast, sending):
    kase = future_service(sending, future=True)
    service = Service.all_objects.get(case=kase)
    federation = cast.federations["340102"]
    assert blocking_problems(federation, YEAR) == {"future_service_dates": 1}

    update_service(
        service,
        actor=cast.user("340102", Role.CLERK),
        expected_version=service.version,
        provided_on=max(JUNE, timezone.localdate(kase.registered_at)),
    )

    assert blocking_problems(federation, YEAR) == {}


def test_a_date_in_the_future_blocks_no_report(cast, sending):
    f.case(
        sending,
        registered_on=date(2025, 3, 1),
        closed_at=f.at(timezone.localdate() + timedelta(days=5)),
    )
    kase = closed(sending)
    f.return_visit(kase, done_on=timezone.localdate() + timedelta(days=2), satisfaction=5)
    counts = problem_counts(cast.regions["340102"], YEAR)
    assert counts["future_dates"] == counts["future_return_visit_dates"] == 1
    assert blocking_problems(cast.federations["340102"], YEAR) == {}
