"""Factories for services and documents on a case (plain keyword functions calling services)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from cases.models import Case, Document, Service
from cases.services.documents import upload_document
from cases.services.provision import record_service
from people.models import Person
from tests.cases.helpers import make_case
from tests.factories import Cast
from tests.people.helpers import make_person

# A minimal valid PDF (header, one empty page, trailer with %%EOF).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def open_case(cast: Cast, code: str, status: str = "accepted", **fields) -> Case:
    """A case registered a week ago, in ``status``."""
    return make_case(
        cast, code, status=status, registered_at=timezone.now() - timedelta(days=7), **fields
    )


def make_service(
    cast: Cast,
    code: str,
    *,
    case: Case | None = None,
    kind: str = Service.Kind.CONSULTATION,
    provider: Person | None = None,
    **kind_fields,
) -> Service:
    case = case or open_case(cast, code)
    provider = provider or make_person(cast, code, kind=Person.Kind.LAWYER)
    if kind == Service.Kind.MEDIATION:
        kind_fields.setdefault("parties", "申请人与某公司")
    if kind in (Service.Kind.REPRESENTATION, Service.Kind.DEFENCE):
        kind_fields.setdefault("proceeding", "劳动仲裁")
        kind_fields.setdefault("court", "合肥市劳动人事争议仲裁委员会")
    return record_service(
        case,
        actor=cast.user(code, Role.CLERK),
        kind=kind,
        provider=provider,
        provided_on=timezone.localdate(),
        channel="in_person",
        duration_minutes=30,
        result="已解答",
        **kind_fields,
    )


def make_document(cast: Cast, code: str, *, case: Case | None = None) -> Document:
    case = case or open_case(cast, code)
    return upload_document(
        case,
        actor=cast.user(code, Role.CLERK),
        file=SimpleUploadedFile("申请书.pdf", PDF_BYTES, content_type="application/pdf"),
        category=Document.Category.APPLICATION,
        title="申请书",
    )


def today() -> date:
    return timezone.localdate()
