"""Scope-matrix rows for self-assessments and their review (rows written directly: one submitted
assessment per federation, with one item and one evidence file)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from accounts.roles import Capability
from cases import storage
from compliance.models import Assessment, AssessmentItem, Criterion, Evidence
from tests.cases.provision_helpers import PDF_BYTES
from tests.compliance.assessment_helpers import framework
from tests.factories import Cast
from tests.scope import Row, roles_with
from tests.scope_rows.funding import station


def assessment_for(cast: Cast, code: str) -> Assessment:
    """A submitted self-assessment of ``code``'s workstation for 2025 (made once)."""
    workstation = station(cast, code)
    existing = Assessment.all_objects.filter(workstation=workstation).first()
    if existing is not None:
        return existing
    version = framework()
    region = cast.regions[code]
    reviewer = cast.federations.get(region.parent_id) or cast.federations[code]
    assessment = Assessment(
        workstation=workstation,
        framework=version,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        reviewer=reviewer,
        status=Assessment.Status.SUBMITTED,
        round=1,
    )
    assessment.set_region(region)
    assessment.save()
    criterion = Criterion.objects.filter(standard__framework=version, province=None).first()
    item = AssessmentItem(assessment=assessment, criterion=criterion, self_result="met")
    item.set_region(region)
    item.save()
    staged = storage.stage([PDF_BYTES], 10**6)
    stored_name = storage.new_stored_name()
    storage.keep(staged, stored_name)
    evidence = Evidence(
        item=item,
        original_name="台账.pdf",
        stored_name=stored_name,
        kind="pdf",
        size=staged.size,
        sha256=staged.sha256,
        uploaded_by=cast.user(code, "clerk"),
    )
    evidence.set_region(region)
    evidence.save()
    return assessment


def _item_url(name: str):
    def url(cast: Cast, code: str) -> str:
        assessment = assessment_for(cast, code)
        item = AssessmentItem.all_objects.filter(assessment=assessment).first()
        return reverse(name, args=[assessment.pk, item.pk])

    return url


def _evidence_url(cast: Cast, code: str) -> str:
    assessment = assessment_for(cast, code)
    evidence = Evidence.all_objects.filter(item__assessment=assessment).first()
    return reverse("assessments:evidence_download", args=[assessment.pk, evidence.pk])


def _url(name: str):
    return lambda cast, code: reverse(name, args=[assessment_for(cast, code).pk])


ROWS: dict[str, Row] = {
    "assessments:list": Row(
        lambda cast, code: reverse("assessments:list"),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
    ),
    "assessments:start": Row(
        lambda cast, code: reverse("assessments:start"),
        roles_with(Capability.WORKSTATION_EDIT),
        anonymous=302,
    ),
    "assessments:detail": Row(
        _url("assessments:detail"),
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
        is_object=True,
    ),
    # A stale version: the own federation is told the form is stale, any other federation in
    # scope that only the workstation's own federation fills it in; both re-render (200).
    "assessments:save": Row(
        _url("assessments:save"),
        roles_with(Capability.WORKSTATION_EDIT),
        anonymous=302,
        is_object=True,
        method="post",
        data={"version": 0},
    ),
    # The page shows the review form to the federation directly above, and to others in scope
    # why they may not review (no federation reviews itself; only the direct parent reviews).
    "assessments:review": Row(
        _url("assessments:review"),
        roles_with(Capability.COMPLIANCE_REVIEW),
        anonymous=302,
        is_object=True,
    ),
    "assessments:evidence_upload": Row(
        _item_url("assessments:evidence_upload"),
        roles_with(Capability.WORKSTATION_EDIT),
        anonymous=302,
        is_object=True,
    ),
    "assessments:evidence_download": Row(
        _evidence_url,
        roles_with(Capability.WORKSTATION_VIEW),
        anonymous=302,
        is_object=True,
    ),
}
