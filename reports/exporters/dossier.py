"""The case file (卷宗) of one case: one case, one file (DOMAIN.md §2.2, §6.1 step 6).

The PDF is the file itself (``reports/dossier.html``): a cover page with the archive number and
the confidential mark, a table of contents, then the registration, the applicant (identifiers
masked), the triage decision, services, referrals, documents, risks and their reviews, closure,
return visits, complaints and the transitions. XLSX and CSV hold the list of the file's contents,
one row per entry. Exporting is scoped and audited by ``reports.services``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Capability
from cases.models import Case
from cases.selectors.dossier import dossier_case
from lawstation.errors import DomainError
from regions.scoping import Scope
from reports.base import Column, Exporter
from reports.registry import register


class DossierParameters(forms.Form):
    case = forms.CharField(
        label=gettext_lazy("Case number"),
        max_length=32,
        help_text=gettext_lazy("For example 340102-2026-0007."),
    )


def _entries(case: Case) -> Iterator[tuple[str, str, Any, str]]:
    """``(section, item, date, details)`` for everything in the file, in the file's order."""
    applicant = case.applicant
    yield _("Registration"), case.number, case.registered_at, case.get_channel_display()
    yield _("Applicant"), applicant.name, None, applicant.id_number_masked or ""
    yield _("Matter"), case.get_matter_category_display(), None, case.matter
    if case.decision:
        yield _("Triage"), case.get_decision_display(), case.decided_at, ""
    for service in case.services.all():
        yield _("Service"), service.get_kind_display(), service.provided_on, str(service.provider)
    for referral in case.referrals.all():
        details = str(referral.partner) if referral.partner else referral.get_status_display()
        yield _("Referral"), referral.get_kind_display(), referral.prepared_at, details
    for document in case.documents.all():
        yield _("Document"), document.title, document.uploaded_at, document.get_category_display()
    for flag in case.risks.all():
        reviewed = _("Reviewed") if flag.reviewed_at else _("Awaiting review")
        yield _("Risk"), flag.get_kind_display(), flag.raised_at, reviewed
    if case.closed_at:
        yield _("Closure"), case.get_outcome_display(), case.closed_at, case.closing_summary
    for visit in case.return_visits.all():
        details = visit.get_satisfaction_display() if visit.done_on else _("Not yet made")
        yield _("Return visit"), str(visit.due_on), visit.done_on, details
    for complaint in case.complaints.all():
        yield _("Complaint"), complaint.content[:60], complaint.received_on, complaint.handling
    if case.archived_at:
        yield _("Archive"), case.archive_number, case.archived_at, ""
    for step in case.transitions.all():
        moved = f"{step.get_from_status_display()} → {step.get_to_status_display()}"
        yield _("Transition"), moved, step.at, step.reason


@register
class DossierReport(Exporter):
    identifier = "dossier"
    title = gettext_lazy("Case file")
    description = gettext_lazy(
        "The whole file of one case, for the archive: best as PDF (cover page, contents, "
        "registration, applicant with identifiers masked, triage, services, referrals, "
        "documents, risks, closure, return visits and history). XLSX and CSV list its contents."
    )
    capability = Capability.REPORT_EXPORT
    form_class = DossierParameters
    pdf_template = "reports/dossier.html"

    def columns(self) -> Sequence[Column]:
        return [
            Column("section", gettext_lazy("Section"), width=14),
            Column("item", gettext_lazy("Item"), width=30),
            Column("date", gettext_lazy("Date"), kind="datetime"),
            Column("details", gettext_lazy("Details"), width=60),
        ]

    def case(self, scope: Scope, params: Mapping[str, Any]) -> Case:
        """The case named by the parameters, within the scope; refused when there is none."""
        number = params.get("case") or ""
        cached = getattr(self, "_case", None)
        if cached is not None and cached.number == number:
            return cached
        case = dossier_case(scope, number)
        if case is None:
            raise DomainError(
                _("There is no case numbered %(number)s in your region.") % {"number": number},
                code="unknown_case",
            )
        self._case = case
        return case

    def rows(self, scope: Scope, params: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
        for entry in _entries(self.case(scope, params)):
            yield list(entry)

    def pdf_context(self, scope: Scope, params: Mapping[str, Any]) -> dict[str, Any]:
        case = self.case(scope, params)
        return {"case": case, "applicant": case.applicant}
