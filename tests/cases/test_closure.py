"""Closing a case and archiving its file."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from cases.models import Case, CasePolicy, Referral, ReturnVisit
from cases.selectors.closure import archiving_overdue
from cases.services.closure import archive_case, close_case
from cases.services.followups import record_complaint, schedule_return_visit
from cases.services.risks import raise_risk, review_risk
from lawstation.errors import DomainError
from tests.cases.closure_helpers import (
    add_document,
    add_service,
    closed_case,
    complete_file,
    entries,
    scope_of,
    served_case,
)
from tests.cases.helpers import make_case

pytestmark = pytest.mark.django_db


def close(cast, case, **values):
    data = {"outcome": "resolved", "closing_summary": "调解成功"} | values
    return close_case(case, actor=cast.user("340102", Role.CLERK), **data)


def test_closing_sets_the_outcome_the_archive_date_and_the_return_visit(cast):
    case = served_case(cast)
    closed = close(cast, case, money_recovered=Decimal("12000.50"), expected_version=case.version)
    today = timezone.localdate()
    stored = Case.all_objects.get(pk=case.pk)
    assert stored.status == "closed"
    assert stored.money_recovered == Decimal("12000.50")
    assert stored.archive_due_on == today + timedelta(days=90)
    assert ReturnVisit.all_objects.get(case=closed).due_on == today + timedelta(days=30)
    entry = entries("case.closed").get()
    assert entry.changes["money_recovered"] == [None, "12000.50"]
    assert entries("case.status_changed").get().changes["status"] == ["in_service", "closed"]
    assert entries("return_visit.scheduled").count() == 1


def test_the_provinces_policy_sets_the_days(cast):
    CasePolicy.objects.create(
        province=cast.regions["340000"], archive_within_days=60, return_visit_within_days=10
    )
    closed = close(cast, served_case(cast))
    today = timezone.localdate()
    assert closed.archive_due_on == today + timedelta(days=60)
    assert ReturnVisit.all_objects.get(case=closed).due_on == today + timedelta(days=10)


def test_a_case_with_an_unreviewed_risk_cannot_close_and_the_flags_are_named(cast, english):
    case = served_case(cast)
    flag = raise_risk(case, actor=cast.user("340102", Role.CLERK), kind="self_harm", note="情绪")
    with pytest.raises(DomainError) as excinfo:
        close(cast, case)
    assert "Risk of self-harm or extreme action" in excinfo.value.messages[0]
    assert Case.all_objects.get(pk=case.pk).status == "in_service"
    assert not entries("case.closed").exists()
    review_risk(flag, actor=cast.user("340102", Role.LEADER), note="已安抚")
    assert close(cast, Case.all_objects.get(pk=case.pk)).status == "closed"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"outcome": "terminated"}, "LAL Art. 48"),
        ({"outcome": "nonsense"}, "Choose the outcome"),
        ({"money_recovered": Decimal("-1")}, "cannot be negative"),
        ({"closing_summary": "   "}, "closing summary"),
        ({"expected_version": 99}, "Someone else changed this record"),
    ],
)
def test_closing_refuses_bad_input_and_saves_nothing(cast, english, values, message):
    case = served_case(cast)
    with pytest.raises(DomainError) as excinfo:
        close(cast, case, **values)
    assert message in excinfo.value.messages[0]
    assert Case.all_objects.get(pk=case.pk).status == "in_service"
    assert not ReturnVisit.all_objects.exists()


def test_a_terminated_case_keeps_its_lal_48_reason(cast):
    closed = close(cast, served_case(cast), outcome="terminated", termination_reason="own_lawyer")
    assert closed.termination_reason == "own_lawyer"


def referral_of(case: Case, **fields) -> Referral:
    referral = Referral(case=case, kind=Referral.Kind.LEGAL_AID, prepared_at=timezone.now())
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.province_code, referral.city_code = case.province_code, case.city_code
    referral.county_code = case.county_code
    referral.save()
    return referral


def test_a_case_closes_as_referred_only_once_a_referral_was_sent(cast, english):
    case = served_case(cast)
    referral_of(case)  # prepared, never sent
    with pytest.raises(DomainError) as excinfo:
        close(cast, case, outcome="referred")
    assert excinfo.value.code == "outcome"
    assert (
        "cannot be closed as “referred”: no referral of it was sent" in (excinfo.value.messages[0])
    )
    assert Case.all_objects.get(pk=case.pk).status == "in_service"
    assert not entries("case.closed").exists()
    assert not ReturnVisit.all_objects.exists()

    today = timezone.localdate()
    referral_of(case, status=Referral.Status.SENT, consented_on=today, sent_on=today)
    closed = close(cast, Case.all_objects.get(pk=case.pk), outcome="referred")
    assert closed.outcome == "referred"
    assert entries("case.closed").get().changes["outcome"] == [None, "referred"]


def test_the_refusal_is_shown_on_the_closing_form(client, cast, english):
    case = served_case(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("closure:close", args=[case.pk]),
        {"outcome": "referred", "closing_summary": "已转介", "version": case.version},
    )
    assert response.status_code == 200
    assert "no referral of it was sent" in response.content.decode()
    assert Case.all_objects.get(pk=case.pk).status == "in_service"


def test_a_registered_case_cannot_be_closed(cast):
    with pytest.raises(DomainError):
        close(cast, make_case(cast, "340102"))


def test_archiving_refuses_an_incomplete_file_naming_the_missing_items(cast, english):
    case = closed_case(cast)
    with pytest.raises(DomainError) as excinfo:
        archive_case(case, actor=cast.user("340102", Role.CLERK))
    message = excinfo.value.messages[0]
    assert "Copies of the applicant's identity" in message
    assert "Return visit record" in message
    assert "Record of the services" in message
    assert Case.all_objects.get(pk=case.pk).status == "closed"


def test_archiving_a_complete_file_numbers_it_per_federation_and_year(cast):
    first, second = complete_file(cast), complete_file(cast)
    other = complete_file(cast, "340103")
    clerk = cast.user("340102", Role.CLERK)
    year = timezone.localdate().year
    archived = archive_case(
        first, actor=clerk, is_confidential=True, expected_version=first.version
    )
    assert archived.status == "archived"
    assert archived.archive_number == f"340102-档-{year}-0001"
    assert archived.is_confidential
    assert archived.archive_checklist["referrals"] == "not_applicable"
    assert archive_case(second, actor=clerk).archive_number == f"340102-档-{year}-0002"
    other_clerk = cast.user("340103", Role.CLERK)
    assert archive_case(other, actor=other_clerk).archive_number == f"340103-档-{year}-0001"
    entry = entries("case.archived").order_by("pk").first()
    assert entry.changes["archive_number"] == [None, f"340102-档-{year}-0001"]


def test_paper_copies_confirmed_by_the_clerk_complete_the_file(cast):
    case = closed_case(cast)
    add_service(cast, case)
    visit = ReturnVisit.all_objects.get(case=case)
    visit.done_on, visit.method, visit.satisfaction = timezone.localdate(), "phone", 4
    visit.save()
    with pytest.raises(DomainError):
        archive_case(case, actor=cast.user("340102", Role.CLERK))
    archived = archive_case(
        case, actor=cast.user("340102", Role.CLERK), checklist={"identity", "registration"}
    )
    assert archived.archive_checklist["identity"] == "confirmed"


def test_only_a_closed_case_is_archived(cast):
    case = served_case(cast)
    add_document(case, "identity")
    with pytest.raises(DomainError):
        archive_case(case, actor=cast.user("340102", Role.CLERK))


def test_archiving_overdue_lists_closed_files_past_their_date(cast):
    due = closed_case(cast)
    complete = complete_file(cast)
    archive_case(complete, actor=cast.user("340102", Role.CLERK))
    scope = scope_of(cast, "340100")
    today = timezone.localdate()
    assert list(archiving_overdue(scope, today)) == []
    assert list(archiving_overdue(scope, today + timedelta(days=91))) == [due]
    assert list(archiving_overdue(scope_of(cast, "340103"), today + timedelta(days=91))) == []


def test_the_archive_date_counts_from_the_day_of_closure(cast):
    with time_machine.travel("2026-03-01 10:00 +0800", tick=False):
        closed = close(cast, served_case(cast))
    assert str(closed.archive_due_on) == "2026-05-30"


# --- pages ------------------------------------------------------------------------------------


def test_the_clerk_closes_the_case_by_form(client, cast):
    case = served_case(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("closure:close", args=[case.pk]),
        {
            "outcome": "resolved",
            "closing_summary": "已结案",
            "money_recovered": "300",
            "version": case.version,
        },
    )
    assert response.status_code == 302
    assert Case.all_objects.get(pk=case.pk).status == "closed"


def test_a_refused_closing_keeps_what_was_typed(client, cast, english):
    case = served_case(cast)
    raise_risk(case, actor=cast.user("340102", Role.CLERK), kind="conflict", note="监护人即对方")
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("closure:close", args=[case.pk]),
        {"outcome": "resolved", "closing_summary": "我写的总结", "version": case.version + 1},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "awaits a supervisor" in html
    assert "我写的总结" in html


def test_bad_money_is_a_clear_message_not_a_500(client, cast, english):
    case = served_case(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("closure:close", args=[case.pk]),
        {"outcome": "resolved", "closing_summary": "x", "money_recovered": "-5", "version": "1"},
    )
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()


def test_the_archive_page_shows_the_checklist_and_archives(client, cast, english):
    case = complete_file(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    url = reverse("closure:archive", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Contents of the file" in page
    assert "Return visit record" in page
    response = client.post(url, {"is_confidential": "on", "version": case.version})
    assert response.status_code == 302
    assert Case.all_objects.get(pk=case.pk).is_confidential


def test_the_archive_page_of_a_sibling_county_is_not_found(client, cast):
    case = closed_case(cast)
    client.force_login(cast.user("340103", Role.CLERK))
    assert client.get(reverse("closure:archive", args=[case.pk])).status_code == 404


def page_queries(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return len(queries)


def test_the_case_page_sections_add_no_queries_per_risk_visit_or_complaint(client, cast, english):
    clerk = cast.user("340102", Role.CLERK)
    small, big = closed_case(cast), closed_case(cast)
    for n in range(4):
        raise_risk(big, actor=clerk, kind="deadline", note=f"风险{n}")
        record_complaint(big, actor=clerk, received_on=timezone.localdate(), content=f"投诉{n}")
        schedule_return_visit(big, actor=clerk, due_on=timezone.localdate())
    client.force_login(clerk)
    assert page_queries(client, big) == page_queries(client, small)
    html = client.get(reverse("cases:detail", args=[big.pk])).content.decode()
    assert "投诉3" in html
    assert "Record the return visit due on" in html
    assert "Check the file and archive it" in html
