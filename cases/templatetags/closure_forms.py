"""Blank forms for the case page's risk, closure and follow-up sections.

The case page belongs to another view; its partials call ``{% closure_forms case as forms %}``
to get their forms (no logic here: the forms post to ``cases.views.closure`` and
``cases.views.risks``, whose services decide). The case's risks, return visits and complaints
are read from the page's prefetch (or through the page's scope when not prefetched)."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django import template
from django.utils import timezone

from cases.forms.closure import (
    ArchiveForm,
    CloseForm,
    ComplaintForm,
    ResolveComplaintForm,
    ReturnVisitForm,
    ScheduleVisitForm,
)
from cases.forms.risks import RaiseRiskForm, ReviewRiskForm
from cases.selectors.closure import is_archiving_overdue
from regions.scoping import activate

register = template.Library()


@register.simple_tag(takes_context=True)
def closure_forms(context: template.Context, case: Any) -> dict[str, Any]:
    scope = context.get("scope")
    with activate(scope) if scope is not None else nullcontext():
        visits = list(case.return_visits.all())
        complaints = list(case.complaints.all())
        risks = list(case.risks.all())
    return {
        "close": CloseForm(initial={"version": case.version}, auto_id="close_%s"),
        "archive": ArchiveForm(
            initial={"version": case.version, "is_confidential": case.is_confidential},
            auto_id="archive_%s",
        ),
        "schedule": ScheduleVisitForm(auto_id="schedule_%s"),
        "complaint": ComplaintForm(visits=visits, auto_id="complaint_%s"),
        "raise": RaiseRiskForm(auto_id="risk_%s"),
        "visits": [
            (visit, None if visit.done_on else ReturnVisitForm(auto_id=f"visit{visit.pk}_%s"))
            for visit in visits
        ],
        "complaints": [
            (
                complaint,
                None
                if complaint.resolved_on
                else ResolveComplaintForm(auto_id=f"resolve{complaint.pk}_%s"),
            )
            for complaint in complaints
        ],
        "risks": [
            (flag, None if flag.reviewed_at else ReviewRiskForm(auto_id=f"review{flag.pk}_%s"))
            for flag in risks
        ],
        "archiving_overdue": is_archiving_overdue(case, timezone.localdate()),
    }
