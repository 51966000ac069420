"""Risk flags: raised on a case, reviewed by a supervisor, listed in the register."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from cases.models import Case, RiskFlag
from cases.selectors.risks import risk_register
from cases.services.risks import raise_risk, review_risk
from lawstation.errors import DomainError
from tests.cases.closure_helpers import entries, scope_of, served_case
from tests.cases.helpers import make_case

pytestmark = pytest.mark.django_db


def flag_on(cast, case, note="申请人情绪激动，扬言上访"):
    return raise_risk(case, actor=cast.user("340102", Role.CLERK), kind="high_impact", note=note)


def test_raising_a_risk_marks_the_case_and_is_audited(cast):
    case = served_case(cast)
    flag = flag_on(cast, case)
    stored = Case.all_objects.get(pk=case.pk)
    assert stored.has_open_risk
    assert stored.version == case.version
    assert flag.county_code == "340102"
    entry = entries("risk.raised").get()
    assert entry.target_id == str(flag.pk)
    assert entry.changes["kind"] == [None, "high_impact"]


@pytest.mark.parametrize(("kind", "note"), [("nonsense", "x"), ("deadline", "  ")])
def test_a_risk_needs_a_known_kind_and_a_note(cast, kind, note):
    case = served_case(cast)
    with pytest.raises(DomainError):
        raise_risk(case, actor=cast.user("340102", Role.CLERK), kind=kind, note=note)
    assert not RiskFlag.all_objects.exists()
    assert not entries("risk.raised").exists()


def test_the_county_leader_reviews_and_the_last_review_clears_the_case(cast):
    case = served_case(cast)
    first, second = flag_on(cast, case), flag_on(cast, case, note="时效将届满")
    leader = cast.user("340102", Role.LEADER)
    review_risk(first, actor=leader, note="已与申请人沟通")
    assert Case.all_objects.get(pk=case.pk).has_open_risk
    reviewed = review_risk(second, actor=leader, note="已提交起诉状")
    assert reviewed.reviewed_by == leader
    assert not Case.all_objects.get(pk=case.pk).has_open_risk
    assert entries("risk.reviewed").count() == 2
    assert entries("risk.reviewed").order_by("pk").last().changes["case_has_open_risk"] == [
        True,
        False,
    ]


def test_a_leader_above_may_review(cast):
    flag = flag_on(cast, served_case(cast))
    review_risk(flag, actor=cast.user("340100", Role.LEADER), note="市级督办")
    assert RiskFlag.all_objects.get(pk=flag.pk).reviewed_at is not None


@pytest.mark.parametrize(("code", "role"), [("340103", Role.LEADER), ("340102", Role.CLERK)])
def test_only_a_supervisor_of_the_case_may_review(cast, english, code, role):
    flag = flag_on(cast, served_case(cast))
    with pytest.raises(DomainError) as excinfo:
        review_risk(flag, actor=cast.user(code, role), note="看过了")
    assert "Only a supervisor" in excinfo.value.messages[0]
    assert RiskFlag.all_objects.get(pk=flag.pk).reviewed_at is None
    assert not entries("risk.reviewed").exists()


def test_a_risk_is_reviewed_once(cast):
    flag = flag_on(cast, served_case(cast))
    leader = cast.user("340102", Role.LEADER)
    review_risk(flag, actor=leader, note="已处理")
    with pytest.raises(DomainError):
        review_risk(flag, actor=leader, note="再次")


def test_the_register_shows_open_risks_first_within_the_scope(cast):
    mine, sibling = served_case(cast), served_case(cast, "340103")
    old = flag_on(cast, mine)
    review_risk(old, actor=cast.user("340102", Role.LEADER), note="已处理")
    new = flag_on(cast, mine, note="新的风险")
    raise_risk(sibling, actor=cast.user("340103", Role.CLERK), kind="conflict", note="利益冲突")
    flags = list(risk_register(scope_of(cast, "340102")))
    assert flags == [new, old]
    assert list(risk_register(scope_of(cast, "340102"), open_only=True)) == [new]
    assert len(risk_register(scope_of(cast, "340100"))) == 3


def test_a_lawyer_sees_no_risks_of_cases_they_do_not_serve(cast):
    flag_on(cast, served_case(cast))
    assert list(risk_register(scope_of(cast, "340102", Role.LAWYER))) == []


# --- pages ------------------------------------------------------------------------------------


def test_a_clerk_flags_a_risk_from_the_case_page(client, cast):
    case = served_case(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("risks:raise", args=[case.pk]), {"kind": "deadline", "note": "诉讼时效三日后届满"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert RiskFlag.all_objects.get().kind == "deadline"


def test_an_incomplete_flag_is_shown_again_with_what_was_typed(client, cast, english):
    case = served_case(cast)
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(reverse("risks:raise", args=[case.pk]), {"kind": "", "note": "已记录"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "已记录" in response.content.decode()
    assert not RiskFlag.all_objects.exists()


def test_the_leader_reviews_from_the_form_and_a_second_review_is_refused(client, cast, english):
    flag = flag_on(cast, served_case(cast))
    client.force_login(cast.user("340102", Role.LEADER))
    url = reverse("risks:review", args=[flag.pk])
    assert client.post(url, {"note": "同意继续办理"}).status_code == 302
    again = client.post(url, {"note": "重复"})
    assert again.status_code == 200
    assert "already been reviewed" in again.content.decode()


def test_a_sibling_leader_cannot_open_the_review(client, cast):
    flag = flag_on(cast, served_case(cast))
    client.force_login(cast.user("340103", Role.LEADER))
    assert client.get(reverse("risks:review", args=[flag.pk])).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_register_page_runs_in_constant_queries(
    client, cast, count, django_assert_max_num_queries
):
    clerk = cast.user("340102", Role.CLERK)
    for n in range(count):
        raise_risk(
            make_case(cast, "340102"), actor=clerk, kind="group_dispute", note=f"风险记录{n}号"
        )
    client.force_login(cast.user("340100", Role.LEADER))
    with django_assert_max_num_queries(9):
        response = client.get(reverse("risks:register"))
    assert response.status_code == 200
    assert response.content.decode().count("风险记录") == count
    assert client.get(reverse("risks:register"), {"open_only": "on"}).status_code == 200
