"""audit.services.record, the only writer: what it stores, where it files it, what it masks;
and SEC-AU-02: no ID or mobile number reaches the log, whatever path it takes."""

from __future__ import annotations

import itertools
from urllib.parse import quote

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Membership, User
from accounts.roles import Role
from accounts.services import change_role, create_user, deactivate_user
from audit.models import AuditEntry
from audit.services import record
from lawstation import request_context
from tests.audit.identifiers import ID_PATTERN, MOBILE_PATTERN, mobiles, resident_id, resident_ids
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NUMBER = resident_id("340123", "19800101", "123")


def test_unknown_action_codes_are_refused(cast):
    before = AuditEntry.all_objects.count()
    with pytest.raises(ValueError, match=r"audit/actions\.py"):
        record("case.teleported", None, actor=None)
    assert AuditEntry.all_objects.count() == before


def test_record_snapshots_the_actor_and_the_request(cast):
    actor = cast.user("340102", Role.CLERK)
    context = request_context.RequestContext(
        channel="web", ip="203.0.113.7", user_agent="Edge/140", request_id="a" * 32
    )
    with request_context.bind(context):
        entry = record("membership.granted", Membership.all_objects.get(user=actor), actor=actor)
    stored = AuditEntry.all_objects.get(pk=entry.pk)
    assert (stored.actor, stored.actor_label, stored.actor_role) == (actor, actor.username, "clerk")
    assert (stored.channel, stored.ip, stored.user_agent, stored.request_id) == (
        "web",
        "203.0.113.7",
        "Edge/140",
        "a" * 32,
    )
    assert (stored.outcome, stored.target_type) == ("success", "accounts.membership")
    assert stored.at is not None


def test_outside_a_request_the_channel_is_system(cast):
    entry = record("seed.loaded", None, actor=None)
    assert (entry.channel, entry.ip, entry.request_id, entry.actor, entry.actor_label) == (
        "system",
        None,
        "",
        None,
        "",
    )


def test_an_entry_is_filed_under_its_target_then_the_region_then_the_actor(cast):
    actor = cast.user("340202", Role.CLERK)
    by_target = record("seed.loaded", cast.regions["340103"], actor=actor)
    by_region = record("seed.loaded", None, actor=actor, region=cast.regions["340200"])
    by_actor = record("seed.loaded", None, actor=actor)
    nowhere = record("seed.loaded", None, actor=None)

    def codes(entry):
        return (entry.province_code, entry.city_code, entry.county_code)

    assert codes(by_target) == ("340000", "340100", "340103")
    assert codes(by_region) == ("340000", "340200", None)
    assert codes(by_actor) == ("340000", "340200", "340202")
    assert codes(nowhere) == (None, None, None)


def test_record_masks_identifiers_in_changes(cast):
    entry = record(
        "seed.loaded",
        None,
        actor=None,
        region=cast.regions["340102"],
        changes={"id_number": [None, NUMBER], "phone": ["13812345678", None], "n": [1, 2]},
    )
    stored = AuditEntry.all_objects.get(pk=entry.pk).changes
    assert stored == {
        "id_number": [None, f"3401{'*' * 10}{NUMBER[-4:]}"],
        "phone": ["138****5678", None],
        "n": [1, 2],
    }


def test_record_masks_identifiers_in_the_target_label(cast):
    user = User.objects.create_user("loner", full_name=f"张三 {NUMBER} 13812345678")
    entry = record("user.created", user, actor=None, region=cast.regions["340102"])
    assert AuditEntry.all_objects.get(pk=entry.pk).target_label == (
        f"张三 3401{'*' * 10}{NUMBER[-4:]} 138****5678"
    )


def test_record_masks_identifiers_in_a_free_actor_label(cast):
    entry = record("auth.login_failed", None, actor=None, actor_label="13812345678")
    assert AuditEntry.all_objects.get(pk=entry.pk).actor_label == "138****5678"


# --- SEC-AU-02 property: nothing that looks like an ID or a mobile number is ever stored ------

id_wrappers = st.sampled_from(["{}", "身份证号码{}", "ID{}", "{}号", "（{}）", "id:{}"])
mobile_wrappers = st.sampled_from(["{}", "电话{}", "tel{}", "+86{}", "0086{}", "（{}）"])
_serial = itertools.count()


def stored_text() -> list[str]:
    """Every stored entry as text, every column but the random request id (32 hex digits, which
    may by chance hold a run of 18 digits)."""
    return [
        repr(model_to_dict(entry, exclude=["request_id"])) for entry in AuditEntry.all_objects.all()
    ]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(number=resident_ids, mobile=mobiles, id_wrap=id_wrappers, mobile_wrap=mobile_wrappers)
def test_no_stored_entry_ever_holds_an_id_or_mobile_number(
    client, cast, number, mobile, id_wrap, mobile_wrap
):
    serial = next(_serial)
    id_text, mobile_text = id_wrap.format(number), mobile_wrap.format(mobile)
    sysadmin = cast.user("340100", Role.SYSTEM_ADMIN)
    # A person's identifiers in an account's full name (the target's label) ...
    user = create_user(
        f"temp-{serial}",
        actor=sysadmin,
        password=PASSWORD,
        full_name=f"{id_text[:30]} {mobile_text[:30]}",
        federation=cast.federations["340102"],
        role=Role.CLERK,
    )
    change_role(Membership.all_objects.get(user=user), actor=None, role=Role.LEADER)
    deactivate_user(user, actor=sysadmin)
    # ... typed as a username at the login form ...
    for typed in (id_text, mobile_text):
        client.post("/accounts/login/", {"username": typed, "password": "Wrong-Guess-Pw-1"})
    # ... searched for in the audit log (stored with the search), also after Chinese text ...
    client.force_login(cast.user("340100", Role.AUDIT_ADMIN))
    client.get(reverse("audit:list"), {"target": id_text, "actor": mobile_text})
    client.get(reverse("audit:list"), {"target": f"号{number}", "actor": f"电话{mobile}"})
    client.get(f"{reverse('audit:list')}?target={quote('证' + number)}")
    client.logout()
    # ... and passed to record() directly.
    record(
        "seed.loaded",
        None,
        actor=None,
        region=cast.regions["340102"],
        changes={"note": [id_text, f"{mobile_text} / {number}"]},
    )
    for text in stored_text():
        assert not ID_PATTERN.search(text), text
        assert not MOBILE_PATTERN.search(text), text
        assert number[6:14] not in text, text
