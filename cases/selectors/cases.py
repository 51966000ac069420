"""Reading cases: the one place that says which cases a scope may see.

Clerks and leaders see every case filed in their region and below (the region scope); a lawyer
or legal worker (``case.view_assigned``) sees only the cases they handle or have served."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.roles import Capability
from cases.models import Case, Service
from regions.scoping import Scope, activate


def cases_visible(scope: Scope) -> QuerySet[Case]:
    """Every case the scope may see (call inside ``activate(scope)`` or evaluate at once)."""
    with activate(scope):
        cases = Case.objects.all()
        if scope.can(Capability.CASE_VIEW):
            return cases
        if scope.can(Capability.CASE_VIEW_ASSIGNED) and scope.user_id is not None:
            served = Service.all_objects.filter(
                case=OuterRef("pk"), provider__user_id=scope.user_id
            )
            return cases.filter(Q(handler__user_id=scope.user_id) | Exists(served))
        return cases.none()


def case_in_scope_or_404(scope: Scope | None, pk: int | str) -> Case:
    """One case the scope may see; missing, out of region and not assigned all give 404."""
    if scope is None:
        raise Http404
    try:
        return (
            cases_visible(scope)
            .select_related("applicant", "federation__region", "workstation", "handler")
            .get(pk=pk)
        )
    except (Case.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def sub_object_or_404(scope: Scope | None, model, case: Case, pk: int | str):
    """A row belonging to ``case`` (a service, referral, document...): 404 unless it does."""
    if scope is None:
        raise Http404
    with activate(scope):
        try:
            return model.objects.get(pk=pk, case=case)
        except (model.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc
