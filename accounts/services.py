"""Writes to accounts: every one atomic and audited."""

from __future__ import annotations

from axes.utils import reset as reset_axes_attempts
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from accounts.roles import ADMIN_ROLES, Role
from accounts.selectors import region_of
from audit.services import record
from lawstation.errors import DomainError
from regions.models import Federation


@transaction.atomic
def create_user(
    username: str,
    *,
    actor: User | None,
    password: str,
    full_name: str = "",
    federation: Federation,
    role: str,
) -> User:
    """Create a staff account with its membership."""
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("The username %(username)s is taken.") % {"username": username})
    user = User(username=username, full_name=full_name)
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save()
    record(
        "user.created",
        user,
        actor=actor,
        region=federation.region,
        changes={"username": [None, username]},
    )
    grant_membership(user, actor=actor, federation=federation, role=role)
    return user


@transaction.atomic
def grant_membership(
    user: User, *, actor: User | None, federation: Federation, role: str
) -> Membership:
    """Tie ``user`` to ``federation`` with ``role``. A user has one membership."""
    if role not in Role.values:
        raise DomainError(_("Unknown role %(role)s.") % {"role": role})
    if Membership.all_objects.filter(user=user).exists():
        raise DomainError(
            _("%(user)s already belongs to a federation; change that membership instead.")
            % {"user": user.get_username()}
        )
    membership = Membership(user=user, federation=federation, role=role)
    membership.set_region(federation.region)
    membership.save()
    record(
        "membership.granted",
        membership,
        actor=actor,
        changes={"federation": [None, federation.name], "role": [None, role]},
    )
    return membership


@transaction.atomic
def change_role(
    membership: Membership, *, actor: User | None, role: str, expected_role: str | None = None
) -> Membership:
    """Change a member's role. Nobody changes their own role, and nobody moves straight from
    one administrator post to another. ``expected_role`` refuses a stale edit."""
    if role not in Role.values:
        raise DomainError(_("Unknown role %(role)s.") % {"role": role})
    locked = Membership.all_objects.select_for_update().get(pk=membership.pk)
    if actor is not None and actor.pk == locked.user_id:
        raise DomainError(_("You cannot change your own role."))
    old = locked.role
    if expected_role is not None and old != expected_role:
        raise DomainError(
            _("Someone else changed this role meanwhile; it is now %(role)s. Nothing was saved.")
            % {"role": locked.get_role_display()}
        )
    if old == role:
        return locked
    if old in ADMIN_ROLES and role in ADMIN_ROLES:
        raise DomainError(
            _(
                "The system, security and audit administrators must be three different people: "
                "%(user)s already holds one of those posts."
            )
            % {"user": locked.user.get_username()}
        )
    locked.role = role
    locked.save(update_fields=["role"])
    record("membership.role_changed", locked, actor=actor, changes={"role": [old, role]})
    return locked


@transaction.atomic
def deactivate_user(user: User, *, actor: User | None) -> User:
    """Disable an account and end all its sessions."""

    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.is_active:
        return locked
    locked.is_active = False
    locked.save(update_fields=["is_active"])
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(locked.pk):
            session.delete()
    record(
        "user.deactivated",
        locked,
        actor=actor,
        changes={"is_active": [True, False]},
        region=region_of(locked),
    )
    return locked


@transaction.atomic
def change_password(user: User, *, actor: User | None, new_password: str) -> User:
    """Set a new password that passes every validator."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    validate_password(new_password, locked)
    locked.set_password(new_password)
    locked.password_changed_at = timezone.now()
    locked.save(update_fields=["password", "password_changed_at"])
    record("auth.password_changed", locked, actor=actor, region=region_of(locked))
    return locked


@transaction.atomic
def unlock_user(user: User, *, actor: User | None) -> int:
    """Lift a lockout before its cool-off ends. Returns how many lock records were cleared."""
    cleared = reset_axes_attempts(username=user.get_username())
    record(
        "user.unlocked",
        user,
        actor=actor,
        changes={"attempts_cleared": [None, cleared]},
        region=region_of(user),
    )
    return cleared
