"""Deterministic, idempotent demo data: Anhui's 121 federations and a clerk for each.

Later issues extend this with workstations, people and cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import Membership, User
from accounts.roles import Role
from audit.services import record
from lawstation.demo_cases import seed_cases
from lawstation.demo_compliance import seed_compliance
from lawstation.demo_portal import seed_portal
from lawstation.demo_stats import seed_stats
from lawstation.demo_workstations import seed_workstations
from people.models import Person
from regions.models import Federation, Region
from regions.scoping import region_codes, unscoped
from regions.services import ensure_federations, load_regions

DEMO_PROVINCE = "340000"
# A lawyer's account, linked to the demo lawyer of 瑶海区 who handles most of its cases: it shows
# what a lawyer sees (only the cases they handle or serve).
DEMO_LAWYER = ("lawyer-340102", "340102")
DEFAULT_DEMO_PASSWORD = "Demo-Password-2026!"  # noqa: S105 - documented demo credential
ADMINISTRATORS = {
    "sysadmin": Role.SYSTEM_ADMIN,
    "secadmin": Role.SECURITY_ADMIN,
    "auditor": Role.AUDIT_ADMIN,
}


@dataclass(frozen=True)
class DemoResult:
    federations: int
    users_created: int
    users_total: int


def demo_usernames(codes: list[str]) -> dict[str, tuple[str, str]]:
    """Username → (region code, role) for every demo account."""
    accounts = {f"clerk-{code}": (code, Role.CLERK) for code in codes}
    accounts[f"leader-{DEMO_PROVINCE}"] = (DEMO_PROVINCE, Role.LEADER)
    username, code = DEMO_LAWYER
    if code in codes:
        accounts[username] = (code, Role.LAWYER)
    for username, role in ADMINISTRATORS.items():
        accounts[username] = (DEMO_PROVINCE, role)
    return accounts


@transaction.atomic
def seed_demo(password: str = DEFAULT_DEMO_PASSWORD) -> DemoResult:
    if not Region.objects.filter(code=DEMO_PROVINCE).exists():
        load_regions()
    regions = list(Region.objects.filter(province_code=DEMO_PROVINCE).order_by("level", "code"))
    ensure_federations(regions)
    federations = {
        f.region_id: f
        for f in Federation.objects.filter(region__province_code=DEMO_PROVINCE).select_related(
            "region"
        )
    }
    accounts = demo_usernames([region.code for region in regions])
    existing = set(User.objects.filter(username__in=accounts).values_list("username", flat=True))
    missing = [name for name in sorted(accounts) if name not in existing]
    if missing:
        validate_password(password)
        # One hash for every demo account: hashing 124 times would cost half a minute.
        hashed = make_password(password)
        now = timezone.now()
        User.objects.bulk_create(
            [User(username=name, password=hashed, password_changed_at=now) for name in missing]
        )
        users = User.objects.filter(username__in=missing)
        with unscoped("seed_demo creates the demo memberships"):
            memberships = []
            for user in users:
                code, role = accounts[user.username]
                federation = federations[code]
                membership = Membership(user=user, federation=federation, role=role)
                membership.province_code, membership.city_code, membership.county_code = (
                    region_codes(federation.region)
                )
                memberships.append(membership)
            Membership.all_objects.bulk_create(memberships)
        record(
            "seed.loaded",
            federations[DEMO_PROVINCE].region,
            actor=None,
            actor_label="system:seed_demo",
            changes={"users": [None, len(missing)], "federations": [None, len(federations)]},
        )
    seed_workstations(federations, timezone.localdate())
    seed_cases(federations, timezone.localdate())
    seed_compliance(federations, timezone.localdate())
    seed_portal(federations, timezone.localdate())
    _link_demo_lawyer(federations)
    seed_stats(federations, timezone.localdate())
    return DemoResult(
        federations=len(federations), users_created=len(missing), users_total=len(accounts)
    )


def _link_demo_lawyer(federations: dict[str, Federation]) -> None:
    """Link the demo lawyer's account to the lawyer handling most cases at their federation."""
    username, code = DEMO_LAWYER
    user = User.objects.filter(username=username).first()
    if user is None or code not in federations:
        return
    with unscoped("seed_demo links the demo lawyer's account"):
        if Person.objects.filter(user=user).exists():
            return
        person = (
            Person.objects.filter(
                federation=federations[code], kind=Person.Kind.LAWYER, user__isnull=True
            )
            .annotate(cases=Count("handled_cases"))
            .order_by("-cases", "pk")
            .first()
        )
        if person is not None:
            Person.all_objects.filter(pk=person.pk).update(user=user)
