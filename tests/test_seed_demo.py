"""The demo data and the issue's 'done when' logins, on the real region table."""

import pytest
from django.core.management import call_command

from accounts.models import Membership, User
from accounts.roles import ADMIN_ROLES, Role
from audit.models import AuditEntry
from cases.models import Referral
from cases.referral_rules import partner_kind_fits
from cases.selectors.referrals import referral_candidates
from lawstation import periods
from lawstation.demo import DEFAULT_DEMO_PASSWORD, seed_demo
from regions.models import Federation, Region
from regions.scoping import unscoped
from stats.selectors.quality import problem_counts
from workstations.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return seed_demo(DEFAULT_DEMO_PASSWORD)


def test_demo_has_anhui_federations_and_a_clerk_for_each(demo):
    assert demo.federations == 121
    assert Federation.objects.filter(region__province_code="340000").count() == 121
    clerks = User.objects.filter(username__startswith="clerk-")
    assert clerks.count() == 121
    assert {"clerk-340000", "clerk-340100", "clerk-340123"} <= set(
        clerks.values_list("username", flat=True)
    )
    roles = dict(
        Membership.all_objects.filter(
            user__username__in=["sysadmin", "secadmin", "auditor"]
        ).values_list("user__username", "role")
    )
    assert roles == {
        "sysadmin": Role.SYSTEM_ADMIN,
        "secadmin": Role.SECURITY_ADMIN,
        "auditor": Role.AUDIT_ADMIN,
    }
    assert set(roles.values()) == set(ADMIN_ROLES)


def test_seed_demo_is_idempotent(demo, django_assert_max_num_queries):
    entries = AuditEntry.all_objects.count()
    # 10 for accounts and workstations, 1 for the demo cases (lawstation/demo_cases.py), 1 for
    # the compliance records (lawstation/demo_compliance.py), 1 for the portal's notices, duty
    # days and requests (lawstation/demo_portal.py), 2 to see that the demo lawyer's account is
    # already linked, 1 for the period reports (lawstation/demo_stats.py).
    with django_assert_max_num_queries(16):
        again = seed_demo(DEFAULT_DEMO_PASSWORD)
    assert again.users_created == 0
    assert User.objects.count() == demo.users_total
    assert AuditEntry.all_objects.count() == entries


def test_seed_demo_command_refuses_a_weak_password(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setenv("DEMO_PASSWORD", "123456")
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("seed_demo")


@pytest.mark.parametrize(
    ("username", "expected", "absent"),
    [
        ("clerk-340123", ["肥西县"], ["长丰县", "合肥市</a>"]),
        (
            "clerk-340100",
            [
                "瑶海区",
                "庐阳区",
                "蜀山区",
                "包河区",
                "长丰县",
                "肥东县",
                "肥西县",
                "庐江县",
                "巢湖市",
            ],
            ["芜湖市"],
        ),
        (
            "clerk-340000",
            [
                "合肥市",
                "芜湖市",
                "蚌埠市",
                "淮南市",
                "马鞍山市",
                "淮北市",
                "铜陵市",
                "安庆市",
                "黄山市",
                "滁州市",
                "阜阳市",
                "宿州市",
                "六安市",
                "亳州市",
                "池州市",
                "宣城市",
            ],
            [],
        ),
    ],
)
def test_demo_clerks_log_in_and_see_their_regions(client, demo, username, expected, absent):
    response = client.post(
        "/accounts/login/", {"username": username, "password": DEFAULT_DEMO_PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    for name in expected:
        assert name in html, name
    for name in absent:
        assert name not in html, name


def test_city_clerk_sees_nine_county_level_units(client, demo):
    client.post("/accounts/login/", {"username": "clerk-340100", "password": DEFAULT_DEMO_PASSWORD})
    html = client.get("/staff/").content.decode()
    assert html.count('href="/staff/regions/3401') == 9


def test_every_sent_demo_referral_went_to_an_agency_the_service_would_accept(demo):
    """Each has a receiving agency that fits its kind, among those its case may be referred to
    (``cases.services.referrals``' own check), so the data-quality pages show no "referral
    without a receiving agency"; the directory holds each agency once."""
    with unscoped("test: the demo referrals"):
        sent = list(
            Referral.objects.exclude(status=Referral.Status.PREPARED).select_related(
                "partner", "case__federation__region"
            )
        )
        agencies = list(Partner.objects.values_list("region_id", "kind"))
    assert len(sent) > 50
    for referral in sent:
        assert referral.partner is not None, referral.pk
        assert partner_kind_fits(referral.kind, referral.partner.kind), referral.pk
        candidates = referral_candidates(referral.case, referral.kind)
        assert candidates.filter(pk=referral.partner_id).exists(), referral.pk
        assert referral.partner.region_id == referral.case.federation.region_id
    assert {referral.partner.kind for referral in sent} >= {"legal_aid", "court"}
    assert len(agencies) == len(set(agencies))
    province = Region.objects.get(code="340000")
    for year in sorted({referral.sent_on.year for referral in sent}):
        assert problem_counts(province, periods.year(year))["referral_without_target"] == 0
