"""The province's case policy: defaults, the service that sets it, and its pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from cases.models import CasePolicy
from cases.selectors.policy import policy_for
from cases.services.policy import update_case_policy
from lawstation.errors import DomainError

pytestmark = pytest.mark.django_db

VALUES = {
    "hardship_income_per_month": Decimal("1500.00"),
    "acceptance_days": 5,
    "archive_within_days": 60,
    "return_visit_within_days": 20,
}
FORM = {
    "hardship_income_per_month": "1500",
    "acceptance_days": "5",
    "archive_within_days": "60",
    "return_visit_within_days": "20",
}


def province_clerk(cast):
    return cast.user("340000", Role.CLERK)


@pytest.mark.parametrize("code", ["340000", "340100", "340102"])
def test_a_province_without_a_row_uses_the_defaults_at_every_level(cast, code):
    policy = policy_for(cast.regions[code])
    assert policy.province_code == "340000"
    assert policy.is_default
    assert policy.hardship_income_per_month is None
    assert (policy.acceptance_days, policy.archive_within_days) == (7, 90)
    assert policy.return_visit_within_days == 30


def test_a_county_reads_its_province_row(cast):
    CasePolicy.objects.create(province=cast.regions["340000"], **VALUES)
    policy = policy_for(cast.regions["340207"])
    assert policy.hardship_income_per_month == Decimal("1500.00")
    assert policy.acceptance_days == 5
    assert not policy.is_default
    assert policy_for("340207") == policy


def test_setting_the_policy_creates_the_row_and_audits_old_and_new(cast):
    row = update_case_policy(
        cast.regions["340000"], actor=province_clerk(cast), expected_version=0, **VALUES
    )
    assert row.version == 1
    (entry,) = AuditEntry.all_objects.filter(action="case_policy.updated")
    assert entry.province_code == "340000"
    assert entry.city_code is None
    assert entry.changes == {
        "hardship_income_per_month": [None, "1500.00"],
        "acceptance_days": [7, 5],
        "archive_within_days": [90, 60],
        "return_visit_within_days": [30, 20],
    }


def test_changing_the_policy_needs_the_current_version(cast):
    province = cast.regions["340000"]
    update_case_policy(province, actor=province_clerk(cast), expected_version=0, **VALUES)
    row = update_case_policy(
        province, actor=province_clerk(cast), expected_version=1, **{**VALUES, "acceptance_days": 6}
    )
    assert row.version == 2
    last = AuditEntry.all_objects.filter(action="case_policy.updated").latest("pk")
    assert last.changes == {"acceptance_days": [5, 6]}
    for stale in (1, 0):
        with pytest.raises(DomainError) as error:
            update_case_policy(
                province, actor=province_clerk(cast), expected_version=stale, **VALUES
            )
        assert error.value.code == "stale"
    assert CasePolicy.objects.get().acceptance_days == 6


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"hardship_income_per_month": Decimal("0")}, "hardship"),
        ({"hardship_income_per_month": Decimal("-1")}, "hardship"),
        ({"acceptance_days": 0}, "days"),
        ({"acceptance_days": 61}, "days"),
        ({"archive_within_days": 366}, "days"),
        ({"return_visit_within_days": 0}, "days"),
    ],
)
def test_implausible_values_are_refused(cast, changes, code):
    with pytest.raises(DomainError) as error:
        update_case_policy(
            cast.regions["340000"],
            actor=province_clerk(cast),
            expected_version=0,
            **{**VALUES, **changes},
        )
    assert error.value.code == code
    assert not CasePolicy.objects.exists()
    assert not AuditEntry.all_objects.filter(action="case_policy.updated").exists()


def test_only_a_province_has_a_policy(cast):
    with pytest.raises(DomainError) as error:
        update_case_policy(
            cast.regions["340100"], actor=province_clerk(cast), expected_version=0, **VALUES
        )
    assert error.value.code == "level"


def test_no_standard_is_allowed(cast):
    row = update_case_policy(
        cast.regions["340000"],
        actor=province_clerk(cast),
        expected_version=0,
        **{**VALUES, "hardship_income_per_month": None},
    )
    assert row.hardship_income_per_month is None


# --- Pages ----------------------------------------------------------------------------------


def test_province_clerk_edits_the_policy(client, cast, english):
    client.force_login(province_clerk(cast))
    page = client.get(reverse("case_policy:edit"))
    assert page.status_code == 200
    assert 'name="version" value="0"' in page.content.decode()
    response = client.post(reverse("case_policy:edit"), {**FORM, "version": "0"})
    assert response.status_code == 302
    assert CasePolicy.objects.get().hardship_income_per_month == Decimal("1500")
    detail = client.get(reverse("case_policy:detail")).content.decode()
    assert "1500" in detail
    assert reverse("case_policy:edit") in detail


@pytest.mark.parametrize(("code", "role"), [("340100", Role.CLERK), ("340102", Role.CLERK)])
def test_city_and_county_clerks_read_but_cannot_edit(client, cast, english, code, role):
    client.force_login(cast.user(code, role))
    detail = client.get(reverse("case_policy:detail"))
    assert detail.status_code == 200
    assert reverse("case_policy:edit") not in detail.content.decode()
    assert "defaults" in detail.content.decode()
    assert client.get(reverse("case_policy:edit")).status_code == 403
    assert client.post(reverse("case_policy:edit"), {**FORM, "version": "0"}).status_code == 403
    assert not CasePolicy.objects.exists()


def test_province_leader_cannot_edit(client, cast):
    client.force_login(cast.user("340000", Role.LEADER))
    assert client.get(reverse("case_policy:detail")).status_code == 200
    assert client.get(reverse("case_policy:edit")).status_code == 403


def test_bad_policy_input_is_explained_and_kept(client, cast, english):
    client.force_login(province_clerk(cast))
    response = client.post(
        reverse("case_policy:edit"),
        {**FORM, "acceptance_days": "0", "hardship_income_per_month": "abc", "version": "0"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "Enter a number." in html
    assert 'value="60"' in html  # what the clerk typed stays
    assert not CasePolicy.objects.exists()


def test_a_stale_policy_edit_is_explained(client, cast, english):
    update_case_policy(
        cast.regions["340000"], actor=province_clerk(cast), expected_version=0, **VALUES
    )
    client.force_login(province_clerk(cast))
    response = client.post(reverse("case_policy:edit"), {**FORM, "version": "0"})
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()


def test_the_policy_page_is_in_chinese_by_default(client, cast):
    client.force_login(province_clerk(cast))
    response = client.get(reverse("case_policy:detail"))
    assert response.status_code == 200
    assert 'lang="zh-Hans"' in response.content.decode()
