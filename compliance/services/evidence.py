"""Evidence files of a self-assessment item, stored and type-checked like case documents
(``cases.storage``, ``cases.filetypes``): typed by their bytes, never by their name; a refusal is
audited (``evidence.refused``); a download is audited (``evidence.downloaded``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from cases import filetypes, storage
from cases.services.documents import clean_file_name
from compliance.models import Assessment, AssessmentItem, Evidence
from compliance.services.assessments import check_own, is_item_editable
from lawstation.errors import DomainError


def upload_evidence(item: AssessmentItem, *, actor: Any, file: Any) -> Evidence:
    """Store ``file`` (anything with ``name``, ``size`` and ``chunks()``) as evidence of
    ``item``, while the workstation may still edit the item."""
    assessment = Assessment.all_objects.get(pk=item.assessment_id)
    check_own(assessment, actor)
    if not is_item_editable(assessment, item):
        raise DomainError(
            _(
                "Evidence can be added while the item can be edited: in a draft, or when "
                "the reviewer disagreed with it."
            ),
            code="not_editable",
        )
    name = clean_file_name(getattr(file, "name", ""))
    staged, kind = _staged(item, actor, name, file)
    stored_name = storage.new_stored_name()
    try:
        with transaction.atomic():
            evidence = Evidence(
                item=item,
                original_name=name,
                stored_name=stored_name,
                kind=kind.key,
                size=staged.size,
                sha256=staged.sha256,
                uploaded_by=actor,
                province_code=item.province_code,
                city_code=item.city_code,
                county_code=item.county_code,
            )
            evidence.save()
            record(
                "evidence.uploaded",
                evidence,
                actor=actor,
                changes={
                    "assessment": [None, assessment.pk],
                    "criterion": [None, item.criterion.code],
                    "file_name": [None, name],
                    "type": [None, kind.key],
                    "size": [None, staged.size],
                    "sha256": [None, staged.sha256],
                },
            )
            storage.keep(staged, stored_name)
    except BaseException:
        storage.discard(staged)
        storage.remove(stored_name)
        raise
    return evidence


def _staged(
    item: AssessmentItem, actor: Any, name: str, file: Any
) -> tuple[storage.Staged, filetypes.FileType]:
    """The file under a temporary name once it passed the size and type checks."""
    if (getattr(file, "size", 0) or 0) > filetypes.MAX_SIZE:
        _refuse(item, actor, name, filetypes.too_large_message(), "too_large")
    try:
        staged = storage.stage(file.chunks(), filetypes.MAX_SIZE)
    except storage.TooLarge:
        _refuse(item, actor, name, filetypes.too_large_message(), "too_large")
    try:
        with staged.open() as stream:
            kind = filetypes.detect(stream, name, staged.size)
    except filetypes.RefusedFile as refusal:
        storage.discard(staged)
        _refuse(item, actor, name, refusal.message, refusal.code)
    except BaseException:
        storage.discard(staged)
        raise
    return staged, kind


def content_type_of(evidence: Evidence) -> str:
    for kind in filetypes.ALLOWED:
        if kind.key == evidence.kind:
            return kind.content_type
    return "application/octet-stream"


@transaction.atomic
def record_evidence_download(evidence: Evidence, *, actor: Any) -> None:
    record(
        "evidence.downloaded",
        evidence,
        actor=actor,
        changes={"item": [None, evidence.item_id], "sha256": [None, evidence.sha256]},
    )


def _refuse(item: AssessmentItem, actor: Any, name: str, message: str, code: str) -> None:
    """Audit the refusal (in its own transaction) and raise it as a form error."""
    with transaction.atomic():
        record(
            "evidence.refused",
            item,
            actor=actor,
            outcome="failure",
            changes={"file_name": [None, name], "reason": [None, code]},
        )
    raise DomainError({"file": message}, code=code)
