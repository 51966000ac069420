"""The registry of audit action codes (``noun.past_participle``) and their display labels.

Entries store the code; the label is translated when shown, never when stored.
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "auth.logged_in": _("Logged in"),
    "auth.login_failed": _("Login failed"),
    "auth.locked_out": _("Locked out after repeated failed logins"),
    "auth.logged_out": _("Logged out"),
    "auth.session_expired": _("Logged out automatically (maximum session time reached)"),
    "auth.no_membership": _("Refused: account without a federation membership"),
    "auth.permission_denied": _("Refused: missing permission"),
    "auth.password_changed": _("Password changed"),
    "user.created": _("Account created"),
    "user.deactivated": _("Account deactivated"),
    "user.unlocked": _("Account unlocked"),
    "membership.granted": _("Added to a federation"),
    "membership.role_changed": _("Role changed"),
    "audit.viewed": _("Audit log searched"),
    "report.exported": _("Report exported"),
    "seed.loaded": _("Demo data loaded"),
}


def label_for(action: str) -> str:
    return str(ACTIONS.get(action, action))


def is_known(action: str) -> bool:
    return action in ACTIONS
