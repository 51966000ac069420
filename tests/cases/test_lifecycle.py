"""The lifecycle table, walked whole: every allowed move succeeds and stamps its milestone, every
other pair of statuses is refused with nothing saved."""

from __future__ import annotations

from decimal import Decimal
from itertools import product

import pytest
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from cases import lifecycle
from cases.models import Case, Transition
from cases.services.transitions import move_case, transition_case
from lawstation.errors import DomainError
from tests.cases.helpers import make_case

pytestmark = pytest.mark.django_db

ALL = list(Case.Status.values)
ALLOWED = [(before, after) for before, moves in lifecycle.TRANSITIONS.items() for after in moves]
REFUSED = [pair for pair in product(ALL, ALL) if pair not in ALLOWED]


@pytest.fixture(autouse=True)
def _language(english) -> None:
    """Messages are asserted in English."""


def clerk(cast):
    return cast.user("340102", Role.CLERK)


def saved(case: Case) -> Case:
    return Case.all_objects.get(pk=case.pk)


def test_the_table_covers_every_status_and_only_known_ones():
    assert set(lifecycle.TRANSITIONS) == set(ALL)
    for moves in lifecycle.TRANSITIONS.values():
        assert set(moves) <= set(ALL)
    assert set(ALL) >= lifecycle.OPEN_STATES
    for move in (m for moves in lifecycle.TRANSITIONS.values() for m in moves.values()):
        fields = {move.stamps, move.reason_field, *move.clears} - {""}
        assert all(Case._meta.get_field(name) for name in fields)


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_every_allowed_move_succeeds_stamps_its_milestone_and_is_audited(cast, before, after):
    case = make_case(cast, "340102", status=before)
    move = lifecycle.move(before, after)
    moved = transition_case(
        case, after, actor=clerk(cast), reason="申请人要求", expected_version=case.version
    )
    stored = saved(case)
    assert moved.status == stored.status == after
    assert stored.version == case.version + 1
    if move.stamps:
        assert getattr(stored, move.stamps) is not None
    if move.reason_field:
        assert getattr(stored, move.reason_field) == "申请人要求"
    step = Transition.all_objects.get(case=case)
    assert (step.from_status, step.to_status, step.actor) == (before, after, clerk(cast))
    assert step.county_code == "340102"
    entry = AuditEntry.all_objects.get(action="case.status_changed", target_id=str(case.pk))
    assert entry.changes["status"] == [before, after]
    assert entry.county_code == "340102"


@pytest.mark.parametrize(("before", "after"), REFUSED)
def test_every_other_pair_is_refused_with_nothing_saved(cast, before, after):
    case = make_case(cast, "340102", status=before)
    with pytest.raises(DomainError) as refused:
        transition_case(case, after, actor=clerk(cast), reason="理由", expected_version=1)
    assert refused.value.messages == [
        f"A case that is {Case.Status(before).label} cannot become {Case.Status(after).label}."
    ]
    stored = saved(case)
    assert (stored.status, stored.version) == (before, 1)
    assert not Transition.all_objects.filter(case=case).exists()
    assert not AuditEntry.all_objects.filter(action="case.status_changed").exists()


NEEDS_REASON = [
    (before, after) for before, after in ALLOWED if lifecycle.move(before, after).needs_reason
]


@pytest.mark.parametrize(("before", "after"), NEEDS_REASON)
@pytest.mark.parametrize("reason", ["", "   \n"])
def test_a_move_that_needs_a_reason_is_refused_without_one(cast, before, after, reason):
    case = make_case(cast, "340102", status=before)
    with pytest.raises(DomainError, match="Give the reason for this step"):
        transition_case(case, after, actor=clerk(cast), reason=reason, expected_version=1)
    assert saved(case).status == before
    assert not Transition.all_objects.exists()


def test_the_table_asks_for_a_reason_to_refuse_and_to_reopen():
    assert set(NEEDS_REASON) == {
        ("registered", "not_accepted"),
        ("not_accepted", "registered"),
        ("closed", "in_service"),
    }


def test_a_stale_version_is_refused_and_nothing_is_overwritten(cast):
    case = make_case(cast, "340102")
    transition_case(case, "accepted", actor=clerk(cast), expected_version=1)
    with pytest.raises(DomainError, match="Someone else changed this record"):
        transition_case(case, "not_accepted", actor=clerk(cast), reason="x", expected_version=1)
    stored = saved(case)
    assert (stored.status, stored.version, stored.not_accepted_at) == ("accepted", 2, None)
    assert Transition.all_objects.count() == 1


def test_an_unknown_status_is_refused_clearly(cast):
    case = make_case(cast, "340102")
    with pytest.raises(DomainError, match="There is no such case status"):
        transition_case(case, "vanished", actor=clerk(cast))
    assert saved(case).version == 1


def test_resuming_the_service_keeps_the_first_start(cast):
    first = timezone.now() - timezone.timedelta(days=30)
    case = make_case(cast, "340102", status="referred", service_started_at=first)
    transition_case(case, "in_service", actor=clerk(cast))
    assert saved(case).service_started_at == first


def test_resuming_a_case_never_served_stamps_the_start(cast):
    case = make_case(cast, "340102", status="referred")
    transition_case(case, "in_service", actor=clerk(cast))
    assert saved(case).service_started_at is not None


def test_reopening_a_closed_case_clears_its_closure_but_keeps_the_history(cast):
    closed_at = timezone.now()
    case = make_case(cast, "340102", status="closed", closed_at=closed_at, outcome="resolved")
    transition_case(case, "in_service", actor=clerk(cast), reason="新证据")
    stored = saved(case)
    assert (stored.closed_at, stored.outcome, stored.reopened_at is not None) == (None, "", True)
    entry = AuditEntry.all_objects.get(action="case.status_changed")
    assert entry.changes["closed_at"] == [closed_at.isoformat(), None]
    assert entry.changes["reason"] == [None, "新证据"]


def test_fields_of_a_move_are_saved_and_audited_as_plain_values(cast):
    case = make_case(cast, "340102", status="in_service")
    transition_case(
        case,
        "closed",
        actor=clerk(cast),
        fields={"outcome": "resolved", "money_recovered": Decimal("1200.50")},
    )
    stored = saved(case)
    assert (stored.outcome, stored.money_recovered) == ("resolved", Decimal("1200.50"))
    entry = AuditEntry.all_objects.get(action="case.status_changed")
    assert entry.changes["money_recovered"] == [None, "1200.50"]


@pytest.mark.parametrize(
    ("before", "after"),
    [(b, a) for b, a in ALLOWED if lifecycle.move(b, a).dedicated],
)
def test_the_case_page_buttons_cannot_make_a_dedicated_move(cast, before, after):
    case = make_case(cast, "340102", status=before)
    assert after not in lifecycle.button_moves(before)
    with pytest.raises(DomainError, match="needs its own form"):
        move_case(case, after, actor=clerk(cast), reason="理由", expected_version=1)
    assert saved(case).status == before


def test_closing_archiving_and_referring_are_the_dedicated_moves():
    dedicated = {a for b, a in ALLOWED if lifecycle.move(b, a).dedicated}
    assert dedicated == {"closed", "archived", "referred"}


def test_the_case_page_buttons_make_the_other_moves(cast):
    case = make_case(cast, "340102")
    moved = move_case(case, "accepted", actor=clerk(cast), expected_version=1)
    assert moved.status == "accepted"
    assert AuditEntry.all_objects.filter(action="case.status_changed").count() == 1
