"""Documents of a case: uploads checked by content, drafts generated from a template, and the
audited download.

A file streams to a temporary name (``cases/storage.py``), is measured, hashed and typed by its
bytes (``cases/filetypes.py``); only then is the row saved and the file renamed into place, in
one transaction. On any failure the temporary and final files are removed, so no partial or
orphaned file stays behind. A refused upload is audited (``document.refused``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from cases import drafting, filetypes, lifecycle, storage
from cases.models import Case, Document, Service
from cases.services.provision import check_own_work
from lawstation.errors import DomainError
from lawstation.versioning import lock_at_version

MAX_NAME = 200
MAX_EXTENSION = 10


def upload_document(
    case: Case,
    *,
    actor: Any,
    file: Any,
    category: str,
    title: str,
    service: Service | None = None,
) -> Document:
    """Store ``file`` (anything with ``name``, ``size`` and ``chunks()``) as a document of
    ``case``, optionally of one of its services."""
    title = _checked(case, category, title, service)
    name = clean_file_name(getattr(file, "name", ""))
    if (getattr(file, "size", 0) or 0) > filetypes.MAX_SIZE:
        _refuse(case, actor, name, filetypes.too_large_message(), "too_large")
    staged, kind = _staged(case, actor, name, file.chunks())
    return _store(
        case,
        staged,
        kind,
        actor=actor,
        name=name,
        category=category,
        title=title,
        service=service,
        action="document.uploaded",
    )


def generate_drafted_document(
    service: Service,
    *,
    actor: Any,
    template: str,
    addressee: str,
    requests: str,
    facts: str,
) -> Document:
    """Draft a document for a drafting service from a template, store it as a PDF document of
    the case and make it the service's drafted document."""
    if service.kind != Service.Kind.DRAFTING:
        raise DomainError(_("Only a drafting service drafts documents."), code="not_drafting")
    if template not in drafting.DRAFT_TEMPLATES:
        raise DomainError({"template": _("Choose a template.")}, code="template")
    values = {"addressee": addressee, "requests": requests, "facts": facts}
    values = {key: (value or "").strip() for key, value in values.items()}
    if missing := [key for key, value in values.items() if not value]:
        raise DomainError(
            {key: _("This field is needed for the document.") for key in missing},
            code="required",
        )
    case = Case.all_objects.select_related("applicant", "federation").get(pk=service.case_id)
    title = drafting.document_title(template)
    _checked(case, Document.Category.DRAFTED, title, service)
    check_own_work(service.provider, actor)
    today = timezone.localdate()
    pdf = drafting.render_draft(template, {**values, **_letter_values(case)})
    name = clean_file_name(f"{title}-{case.number}-{today:%Y%m%d}.pdf")
    staged, kind = _staged(case, actor, name, [pdf])
    return _store(
        case,
        staged,
        kind,
        actor=actor,
        name=name,
        category=Document.Category.DRAFTED,
        title=title,
        service=service,
        action="document.generated",
        extra={"template": template},
        then=lambda document: _link_drafted(service, document, actor=actor),
    )


@transaction.atomic
def record_document_download(document: Document, *, actor: Any) -> None:
    """A download reads personal data: audit it before the file is sent."""
    record(
        "document.downloaded",
        document,
        actor=actor,
        changes={"case": [None, document.case_id], "sha256": [None, document.sha256]},
    )


def clean_file_name(name: str) -> str:
    """A display name safe to keep and to send back: the last path part, no control or format
    characters (NUL, direction overrides), no leading dots, at most 200 characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        char for char in name if char == " " or unicodedata.category(char)[0] not in {"C", "Z"}
    )
    name = name.strip().lstrip(".").strip()
    if len(name) > MAX_NAME:
        extension = filetypes.extension_of(name)
        extension = extension if len(extension) <= MAX_EXTENSION else ""
        name = name[: MAX_NAME - len(extension)] + extension
    return name or "document"


# --- Steps ----------------------------------------------------------------------------------


def _checked(case: Case, category: str, title: str, service: Service | None) -> str:
    if case.status == lifecycle.ARCHIVED:
        raise DomainError(_("The case is archived; its file cannot change."), code="archived")
    if category not in Document.Category.values:
        raise DomainError({"category": _("Choose a category.")}, code="category")
    title = (title or "").strip()
    if not title:
        raise DomainError({"title": _("Give the document a title.")}, code="title")
    if len(title) > 128:
        raise DomainError({"title": _("The title is too long (128 characters at most).")})
    if service is not None and service.case_id != case.pk:
        raise DomainError({"service": _("Choose a service of this case.")}, code="service")
    return title


def _staged(
    case: Case, actor: Any, name: str, chunks: Iterable[bytes]
) -> tuple[storage.Staged, filetypes.FileType]:
    """The file under a temporary name once it passed the size and type checks."""
    try:
        staged = storage.stage(chunks, filetypes.MAX_SIZE)
    except storage.TooLarge:
        _refuse(case, actor, name, filetypes.too_large_message(), "too_large")
    try:
        with staged.open() as stream:
            kind = filetypes.detect(stream, name, staged.size)
    except filetypes.RefusedFile as refusal:
        storage.discard(staged)
        _refuse(case, actor, name, refusal.message, refusal.code)
    except BaseException:
        storage.discard(staged)
        raise
    return staged, kind


def _store(
    case: Case,
    staged: storage.Staged,
    kind: filetypes.FileType,
    *,
    actor: Any,
    name: str,
    category: str,
    title: str,
    service: Service | None,
    action: str,
    extra: dict[str, Any] | None = None,
    then: Callable[[Document], None] | None = None,
) -> Document:
    stored_name = storage.new_stored_name()
    try:
        with transaction.atomic():
            document = Document(
                case_id=case.pk,
                service=service,
                category=category,
                title=title,
                original_name=name,
                stored_name=stored_name,
                content_type=kind.content_type,
                size=staged.size,
                sha256=staged.sha256,
                uploaded_by=actor if getattr(actor, "pk", None) else None,
                uploaded_at=timezone.now(),
                province_code=case.province_code,
                city_code=case.city_code,
                county_code=case.county_code,
            )
            document.save()
            changes = {
                "title": [None, title],
                "category": [None, category],
                "file_name": [None, name],
                "content_type": [None, document.content_type],
                "size": [None, staged.size],
                "sha256": [None, staged.sha256],
                "service": [None, service.pk if service else None],
            }
            changes.update({key: [None, value] for key, value in (extra or {}).items()})
            record(action, document, actor=actor, changes=changes)
            if then is not None:
                then(document)
            storage.keep(staged, stored_name)
    except BaseException:
        storage.discard(staged)
        storage.remove(stored_name)
        raise
    return document


def _letter_values(case: Case) -> dict[str, str]:
    return {
        "applicant_name": case.applicant.name,
        "applicant_address": case.applicant.address,
        "applicant_phone": case.applicant.phone,
        "federation": case.federation.name,
        "on_text": drafting.chinese_date(timezone.localdate()),
    }


def _link_drafted(service: Service, document: Document, *, actor: Any) -> None:
    """Make ``document`` the service's drafted document (inside the storing transaction)."""
    locked = lock_at_version(service, None)
    before = locked.drafted_document_id
    locked.drafted_document = document
    locked.save()
    record(
        "service.updated", locked, actor=actor, changes={"drafted_document": [before, document.pk]}
    )


def _refuse(case: Case, actor: Any, name: str, message: str, code: str) -> None:
    """Audit the refusal (in its own transaction) and raise it as a form error."""
    with transaction.atomic():
        record(
            "document.refused",
            case,
            actor=actor,
            outcome="failure",
            changes={"file_name": [None, name], "reason": [None, code]},
        )
    raise DomainError({"file": message}, code=code)
