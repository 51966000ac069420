"""The triage pages and the case page's triage partial."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import Case
from cases.services.decisions import triage_case
from regions.scoping import unscoped
from tests.cases.helpers import make_applicant, make_case

pytestmark = pytest.mark.django_db

FACTS = {
    "disability_category": "2",
    "disability_grade": "3",
    "is_criminal_suspect": "on",
    "matter_category": "criminal",
    "social_assistance": "none",
}


def clerk(cast):
    return cast.user("340102", Role.CLERK)


def fresh(case: Case) -> Case:
    with unscoped("test reads back"):
        return Case.all_objects.get(pk=case.pk)


def hearing_case(cast) -> Case:
    applicant = make_applicant(
        cast,
        "340102",
        disability_category="7",
        disability_components=["2", "4"],
        disability_grade=2,
        no_fixed_income=True,
        social_assistance="dibao",
        guardian_is_adverse_party=True,
    )
    return make_case(cast, "340102", applicant=applicant, matter_category="family")


def test_the_facts_form_is_prefilled_from_the_applicant_and_the_read_is_audited(
    client, cast, english
):
    case = hearing_case(cast)
    client.force_login(clerk(cast))
    response = client.get(reverse("triage:page", args=[case.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="7" selected>' in html
    assert 'value="2" id="id_disability_components_1" checked' in html
    assert 'name="no_fixed_income" id="id_no_fixed_income" checked' in html
    assert '<option value="dibao" selected>' in html
    assert 'name="guardian_adverse_party" id="id_guardian_adverse_party" checked' in html
    assert '<option value="family" selected>' in html
    assert "No suggestions yet" in html
    (entry,) = AuditEntry.all_objects.filter(action="case.viewed")
    assert entry.changes == {"page": [None, "triage"]}
    assert entry.target_id == str(case.pk)


def test_posting_facts_shows_the_suggestions_with_reasons_and_articles(client, cast, english):
    case = make_case(cast, "340102")
    client.force_login(clerk(cast))
    response = client.post(reverse("triage:page", args=[case.pk]), {**FACTS, "version": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("#suggestions")
    html = client.get(response["Location"]).content.decode()
    assert "Basis: LAL Arts. 25, 36" in html
    assert "must notify legal aid within 3 days" in html
    assert "mandatory" in html
    assert 'name="decision"' in html
    stored = fresh(case)
    assert stored.triage_facts["disability_grade"] == 3
    assert AuditEntry.all_objects.filter(action="case.triaged").count() == 1


def test_bad_facts_are_explained_and_what_was_typed_is_kept(client, cast, english):
    case = make_case(cast, "340102")
    client.force_login(clerk(cast))
    response = client.post(
        reverse("triage:page", args=[case.pk]),
        {
            **FACTS,
            "monthly_income": "一千",
            "time_limit_on": "2026-02-30",
            "version": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "Enter a number." in html
    assert "Enter a valid date." in html
    assert 'value="一千"' in html
    assert fresh(case).triage_facts == {}


def test_an_override_without_reason_is_explained_then_recorded_with_one(client, cast, english):
    case = make_case(cast, "340102")
    client.force_login(clerk(cast))
    client.post(reverse("triage:page", args=[case.pk]), {**FACTS, "version": "1"})
    decide = reverse("triage:decide", args=[case.pk])
    response = client.post(decide, {"decision": "direct", "deadline_on": "", "version": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "give the reason" in html
    assert re.search(r'<input type="radio" name="decision" value="direct"[^>]* checked', html)
    assert fresh(case).decision == ""
    response = client.post(
        decide, {"decision": "direct", "override_reason": "家属已委托律师", "version": "2"}
    )
    assert response.status_code == 302
    stored = fresh(case)
    assert stored.decision == "direct"
    assert stored.decision_override_reason == "家属已委托律师"


def test_a_stale_decision_form_is_explained(client, cast, english):
    case = make_case(cast, "340102")
    client.force_login(clerk(cast))
    client.post(reverse("triage:page", args=[case.pk]), {**FACTS, "version": "1"})
    response = client.post(
        reverse("triage:decide", args=[case.pk]), {"decision": "legal_aid", "version": "1"}
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()


def test_the_decide_url_refuses_get(client, cast):
    case = make_case(cast, "340102")
    client.force_login(clerk(cast))
    assert client.get(reverse("triage:decide", args=[case.pk])).status_code == 405


@pytest.mark.parametrize(
    ("code", "role", "status"),
    [
        ("340102", Role.LAWYER, 403),
        ("340102", Role.LEADER, 403),
        ("340103", Role.CLERK, 404),
        ("340100", Role.CLERK, 200),
    ],
)
def test_who_may_triage(client, cast, code, role, status):
    case = make_case(cast, "340102")
    client.force_login(cast.user(code, role))
    assert client.get(reverse("triage:page", args=[case.pk])).status_code == status
    response = client.post(reverse("triage:page", args=[case.pk]), {**FACTS, "version": "1"})
    assert response.status_code == (302 if status == 200 else status)


def test_the_triage_page_stays_at_constant_queries(client, cast, django_assert_max_num_queries):
    case = make_case(cast, "340102")
    client.force_login(clerk(cast))
    url = reverse("triage:page", args=[case.pk])
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    baseline = len(few.captured_queries)  # the next request resets the log
    busy = {
        **FACTS,
        "monthly_income": "100",
        "is_litigation": "on",
        "no_fixed_income": "on",
        "art31_matter": "maintenance",
        "judicial_aid_category": "6",
        "judicial_aid_exclusions": ["major_fault", "gave_up_claim"],
        "guardian_adverse_party": "on",
        "time_limit_on": "2020-01-01",
        "competent_department": "civil_affairs",
        "group_interests": "on",
        "version": "1",
    }
    client.post(url, busy)
    assert len(fresh(case).triage_suggestions) >= 8
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_the_page_renders_in_chinese_by_default(client, cast):
    case = make_case(cast, "340102")
    client.force_login(clerk(cast))
    client.post(reverse("triage:page", args=[case.pk]), {**FACTS, "version": "1"})
    response = client.get(reverse("triage:page", args=[case.pk]))
    assert response.status_code == 200
    assert 'lang="zh-Hans"' in response.content.decode()


def test_the_detail_partial_shows_stored_suggestions_and_decision_read_only(cast, english):
    case = make_case(cast, "340102")
    triage_case(
        case,
        actor=clerk(cast),
        facts={"disability_category": "4", "matter_category": "family", "art32_situation": "abuse"},
        expected_version=1,
    )
    stored = fresh(case)
    scope = type("S", (), {"capabilities": frozenset({"case.edit"})})()
    html = render_to_string("cases/_detail_triage.html", {"case": stored, "scope": scope})
    assert "Basis: LAL Art. 32" in html
    assert "Not decided yet" in html
    assert reverse("triage:page", args=[case.pk]) in html
    assert "<form" not in html
    read_only = render_to_string(
        "cases/_detail_triage.html",
        {"case": stored, "scope": type("S", (), {"capabilities": frozenset()})()},
    )
    assert reverse("triage:page", args=[case.pk]) not in read_only


def test_the_partial_of_an_untriaged_case_says_so(cast, english):
    html = render_to_string("cases/_detail_triage.html", {"case": make_case(cast, "340102")})
    assert "No suggestions yet" in html


def test_suggestions_stored_in_an_older_shape_still_show_and_can_be_decided(client, cast, english):
    case = make_case(cast, "340102", triage_suggestions=[{"code": "direct", "reason": "demo"}])
    client.force_login(clerk(cast))
    assert client.get(reverse("triage:page", args=[case.pk])).status_code == 200
    response = client.post(
        reverse("triage:decide", args=[case.pk]), {"decision": "direct", "version": "1"}
    )
    assert response.status_code == 200
    assert "give the reason" in response.content.decode()
