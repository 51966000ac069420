"""Assigning the lawyer or legal worker who handles a case (DOMAIN.md §6.1 step 4)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from cases import lifecycle
from cases.models import Case, MatterCategory
from cases.selectors.handlers import eligible_handlers
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version
from people.models import Person


@transaction.atomic
def assign_handler(
    case: Case, *, actor: User, handler: Person | None, expected_version: int | None
) -> Case:
    """Set who handles ``case``; refused unless they are eligible (``eligible_handlers``)."""
    if handler is None:
        raise DomainError(_("Choose who handles the case."), code="handler")
    locked = lock_at_version(case, expected_version)
    if not lifecycle.is_open(locked.status):
        raise DomainError(_("Only an open case can be given a handler."), code="closed")
    if locked.workstation_id is None:
        raise DomainError(
            _("The case is not filed at a workstation, so nobody is engaged to handle it."),
            code="workstation",
        )
    if not eligible_handlers(locked).filter(pk=handler.pk).exists():
        if locked.matter_category == MatterCategory.CRIMINAL and handler.kind != Person.Kind.LAWYER:
            message = _("A criminal matter must be handled by a lawyer (LAL Art. 25).")
        else:
            message = _(
                "%(name)s cannot handle this case: only a lawyer or legal worker of this "
                "federation who is currently engaged at its workstation can."
            ) % {"name": handler.name}
        raise DomainError(message, code="handler")
    before = locked.handler_id
    locked.handler = handler
    locked.save()
    record(
        "case.updated",
        locked,
        actor=actor,
        changes={"handler": [before, handler.pk], "handler_name": [None, handler.name]},
    )
    return locked
