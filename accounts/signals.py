"""Authentication events go to the audit log. (Signals only relay; no business rules here.)"""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.models import User
from accounts.selectors import region_of
from audit.services import record

SESSION_LOGIN_AT = "lawstation_login_at"


def _user_named(username: str | None) -> User | None:
    if not username:
        return None
    return User.objects.filter(username=username).first()


@receiver(user_logged_in)
def on_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = int(time.time())
    record("auth.logged_in", user, actor=user)


@receiver(user_logged_out)
def on_logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record("auth.logged_out", user, actor=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = (credentials or {}).get("username") or ""
    user = _user_named(username)
    record(
        "auth.login_failed",
        user,
        actor=None,
        actor_label=username[:150],
        outcome="failure",
        region=region_of(user),
    )


@receiver(user_locked_out)
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    user = _user_named(username)
    record(
        "auth.locked_out",
        user,
        actor=None,
        actor_label=(username or "")[:150],
        outcome="failure",
        region=region_of(user),
    )
