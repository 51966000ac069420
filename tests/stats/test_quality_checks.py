"""Each data-quality check catches a built bad record and ignores a good one; counts follow the
region and the period; the submission's blocking problems are the federation's own errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases.models import ApplicantLink, Case, Referral
from compliance.selectors.data_quality import CHECKS, ERROR, WARNING
from lawstation import periods
from stats.selectors.quality import LABELS, blocking_problems, problem_counts, problems
from stats.views.quality import ADVICE
from tests.compliance import factories as f

pytestmark = pytest.mark.django_db

YEAR = periods.year(2025)
JUNE = date(2025, 6, 10)
SUMMARY = "已协调解决，申请人表示满意。"


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def closed(station, **fields) -> Case:
    return f.closed_case(station, closed_on=JUNE, **({"closing_summary": SUMMARY} | fields))


def referred(station, *, with_referral: bool) -> Case:
    kase = closed(station, outcome=Case.Outcome.REFERRED)
    if with_referral:
        f.referral(kase, sent_on=JUNE - timedelta(days=5))
    return kase


def without_target(station) -> Case:
    kase = f.case(station, registered_on=JUNE)
    referral = f.referral(kase, sent_on=JUNE)
    Referral.all_objects.filter(pk=referral.pk).update(partner=None)
    return kase


def with_applicant(station, **fields) -> Case:
    person = f.applicant(station, **fields)
    return f.case(
        station,
        registered_on=JUNE,
        applicant=person,
        disability_category=person.disability_category,
    )


def duplicates(station, *, days_apart: int, matter: str = "employment") -> Case:
    first = f.case(station, registered_on=JUNE)
    f.case(
        station,
        registered_on=JUNE + timedelta(days=days_apart),
        applicant=first.applicant,
        matter_category=matter,
        disability_category=first.disability_category,
    )
    return first


def future_service(station, *, future: bool) -> Case:
    kase = f.case(station, registered_on=JUNE)
    f.service(kase, provided_on=in_days(3) if future else JUNE)
    return kase


def future_referral(station, *, future: bool) -> Case:
    kase = f.case(station, registered_on=JUNE)
    f.referral(kase, sent_on=JUNE, decided_on=in_days(4) if future else JUNE + timedelta(days=2))
    return kase


def future_visit(station, *, future: bool) -> Case:
    kase = closed(station)
    f.return_visit(kase, done_on=in_days(2) if future else JUNE, satisfaction=5)
    return kase


# check name → (build a bad record, build a good one); each returns the case it belongs to.
BUILDERS = {
    "missing_disability_category": (
        lambda s: f.case(s, registered_on=JUNE, disability_category=""),
        lambda s: f.case(s, registered_on=JUNE),
    ),
    "applicant_missing_sex_or_birth": (
        lambda s: with_applicant(s, birth_date=None),
        lambda s: with_applicant(s),
    ),
    "closed_without_summary": (lambda s: closed(s, closing_summary=""), closed),
    "closed_without_outcome": (lambda s: closed(s, outcome=""), closed),
    "referral_without_target": (
        without_target,
        lambda s: f.referral(f.case(s, registered_on=JUNE), sent_on=JUNE).case,
    ),
    "referred_without_referral": (
        lambda s: referred(s, with_referral=False),
        lambda s: referred(s, with_referral=True),
    ),
    "archived_without_number": (
        lambda s: closed(s, status=Case.Status.ARCHIVED, archived_at=f.at(JUNE)),
        lambda s: closed(
            s, status=Case.Status.ARCHIVED, archived_at=f.at(JUNE), archive_number="A-2025-1"
        ),
    ),
    "certificate_contradicts": (
        lambda s: with_applicant(s, certificate_category="2", certificate_grade=3),
        lambda s: with_applicant(s, certificate_category="4", certificate_grade=3),
    ),
    "registered_before_intake": (
        lambda s: f.case(s, registered_on=JUNE, received_on=JUNE + timedelta(days=2)),
        lambda s: f.case(s, registered_on=JUNE, received_on=JUNE),
    ),
    "registered_late": (
        lambda s: f.case(s, registered_on=JUNE, received_on=JUNE - timedelta(days=10)),
        lambda s: f.case(s, registered_on=JUNE, received_on=JUNE - timedelta(days=3)),
    ),
    "possible_duplicate": (
        lambda s: duplicates(s, days_apart=12),
        lambda s: duplicates(s, days_apart=12, matter="family"),
    ),
    "future_dates": (
        lambda s: f.case(s, registered_on=JUNE, closed_at=f.at(in_days(5))),
        lambda s: f.case(s, registered_on=JUNE),
    ),
    "future_service_dates": (
        lambda s: future_service(s, future=True),
        lambda s: future_service(s, future=False),
    ),
    "future_referral_dates": (
        lambda s: future_referral(s, future=True),
        lambda s: future_referral(s, future=False),
    ),
    "future_return_visit_dates": (
        lambda s: future_visit(s, future=True),
        lambda s: future_visit(s, future=False),
    ),
}
# Every check no page can correct is a warning (docs/statistics.md, "Data quality").
WARNINGS = {"closed_without_summary", "registered_late", "possible_duplicate"}
WARNINGS |= {"referral_without_target", "archived_without_number", "registered_before_intake"}
WARNINGS |= {"future_dates", "future_referral_dates", "future_return_visit_dates"}


@pytest.fixture
def station(cast):
    return f.station(cast, "340102")


def test_every_check_has_a_test_a_label_a_fix_and_a_severity():
    assert set(BUILDERS) == {check.name for check in CHECKS}
    for check in CHECKS:
        assert str(check.label), check.name
        assert str(ADVICE[check.name]), check.name
        assert check.severity == (WARNING if check.name in WARNINGS else ERROR), check.name
        assert LABELS[check.name] == check.label


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_check_catches_a_bad_record_and_ignores_a_good_one(cast, station, name):
    bad, good = BUILDERS[name]
    good_case = good(station)
    assert problem_counts(cast.regions["340102"], YEAR)[name] == 0
    bad_case = bad(station)

    region = cast.regions["340102"]
    expected = 2 if name == "possible_duplicate" else 1  # both cases of the pair are listed
    assert problem_counts(region, YEAR)[name] == expected
    listed = problems(region, YEAR, name)
    assert bad_case.number in {problem.case_number for problem in listed}
    assert good_case.number not in {problem.case_number for problem in listed}
    assert all(problem.federation == station.federation.name for problem in listed)


def test_counts_follow_the_region_and_the_period(cast, station):
    closed(station, outcome="")  # June 2025, 340102
    f.closed_case(station, closed_on=date(2024, 6, 1), outcome="")  # another year
    closed(f.station(cast, "340103"), outcome="")  # a sibling county

    assert problem_counts(cast.regions["340102"], YEAR)["closed_without_outcome"] == 1
    assert problem_counts(cast.regions["340100"], YEAR)["closed_without_outcome"] == 2
    assert problem_counts(cast.regions["340200"], YEAR)["closed_without_outcome"] == 0
    assert problem_counts(cast.regions["340102"], periods.year(2024))["closed_without_outcome"] == 1
    assert problem_counts(cast.regions["340102"], periods.quarter(2025, 3)) == dict.fromkeys(
        LABELS, 0
    )


def link(station, first, other) -> ApplicantLink:
    return ApplicantLink.all_objects.create(
        applicant=first,
        same_as=other,
        linked_by=f.user_at(station),
        province_code="340000",
        city_code="340100",
        county_code="340102",
    )


def test_applicants_with_the_same_identity_number_are_the_same_person(cast, station):
    first = f.case(station, registered_on=JUNE)
    other = f.applicant(station)
    for person in (first.applicant, other):
        type(person).all_objects.filter(pk=person.pk).update(id_number_hash="same-person")
    second = f.case(station, registered_on=JUNE + timedelta(days=20), applicant=other)
    f.case(station, registered_on=JUNE + timedelta(days=51), applicant=other)  # 31 days on
    region = cast.regions["340102"]

    listed = {p.case_number: p.detail for p in problems(region, YEAR, "possible_duplicate")}
    assert set(listed) == {first.number, second.number}
    assert second.number in listed[first.number]

    # Linking the two records says they are one person: the two cases stay possible twins.
    link(station, first.applicant, other)
    assert problem_counts(region, YEAR)["possible_duplicate"] == 2


@pytest.mark.parametrize("low_first", [True, False])
def test_linked_applicant_records_are_the_same_person(cast, station, low_first):
    first = f.case(station, registered_on=JUNE)
    other = f.applicant(station)  # no identity number in common
    second = f.case(station, registered_on=JUNE + timedelta(days=3), applicant=other)
    region = cast.regions["340102"]
    assert problem_counts(region, YEAR)["possible_duplicate"] == 0

    pair = (first.applicant, other) if low_first else (other, first.applicant)
    link(station, *pair)

    listed = {p.case_number: p.detail for p in problems(region, YEAR, "possible_duplicate")}
    assert set(listed) == {first.number, second.number}
    assert first.number in listed[second.number]


@pytest.mark.parametrize(
    "settled",
    [
        {"status": Case.Status.NOT_ACCEPTED},
        {"status": Case.Status.CLOSED, "outcome": Case.Outcome.WITHDRAWN, "closed_at": f.at(JUNE)},
        {"status": Case.Status.ARCHIVED, "outcome": Case.Outcome.WITHDRAWN},
    ],
)
def test_a_twin_settled_as_advised_clears_both_cases(cast, station, settled):
    kept = duplicates(station, days_apart=5)
    region = cast.regions["340102"]
    assert problem_counts(region, YEAR)["possible_duplicate"] == 2
    twin = Case.all_objects.filter(applicant=kept.applicant).exclude(pk=kept.pk).get()

    Case.all_objects.filter(pk=twin.pk).update(**settled)

    assert problem_counts(region, YEAR)["possible_duplicate"] == 0
    assert problems(region, YEAR, "possible_duplicate") == []


def test_a_third_live_case_keeps_the_warning_on_the_live_pair(cast, station):
    kept = duplicates(station, days_apart=5)
    third = f.case(station, registered_on=JUNE + timedelta(days=9), applicant=kept.applicant)
    twin = Case.all_objects.filter(applicant=kept.applicant).exclude(pk__in=[kept.pk, third.pk])
    twin.update(status=Case.Status.NOT_ACCEPTED)
    listed = {p.case_number for p in problems(cast.regions["340102"], YEAR, "possible_duplicate")}
    assert listed == {kept.number, third.number}


def test_a_case_of_another_federation_is_no_duplicate(cast, station):
    first = f.case(station, registered_on=JUNE)
    f.case(f.station(cast, "340103"), registered_on=JUNE, applicant=first.applicant)
    assert problem_counts(cast.regions["340100"], YEAR)["possible_duplicate"] == 0


def test_blocking_problems_are_the_federations_own_errors(cast, station):
    city = f.station(cast, "340100")
    closed(city, outcome="")  # the city's own error
    f.case(city, registered_on=JUNE, workstation=None, disability_category="")  # no workstation
    f.case(city, registered_on=JUNE, received_on=JUNE - timedelta(days=30))  # a warning only
    closed(station, outcome="")  # the county's error: checked when the county submitted
    future_service(station, future=True)
    without_target(station)  # a warning: no page can give a sent referral its agency

    assert blocking_problems(cast.federations["340100"], YEAR) == {
        "missing_disability_category": 1,
        "closed_without_outcome": 1,
    }
    assert blocking_problems(cast.federations["340102"], YEAR) == {
        "closed_without_outcome": 1,
        "future_service_dates": 1,
    }
    assert blocking_problems(cast.federations["340103"], YEAR) == {}
    assert blocking_problems(cast.federations["340100"], periods.year(2024)) == {}


def test_counts_take_a_fixed_number_of_queries(cast, station, django_assert_num_queries):
    # Cases (the case's checks, the applicant's), two case subqueries, referrals, services,
    # return visits.
    with django_assert_num_queries(7):
        problem_counts(cast.regions["340100"], YEAR)
    for name, (bad, _good) in BUILDERS.items():
        bad(station)
        if name.startswith("future"):
            bad(f.station(cast, "340103"))
    with django_assert_num_queries(7):
        counts = problem_counts(cast.regions["340100"], YEAR)
    assert all(counts[name] for name in BUILDERS)
