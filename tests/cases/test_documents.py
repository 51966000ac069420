"""Documents: uploads checked by content, stored under random names, downloaded as attachments
through the scope, every step audited; drafts generated from templates."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from accounts.roles import Role
from audit.models import AuditEntry
from cases import filetypes, storage
from cases.models import Document, Service
from cases.services import documents as document_services
from cases.services.documents import clean_file_name, generate_drafted_document, upload_document
from lawstation.errors import DomainError
from regions.scoping import unscoped
from tests.cases.provision_helpers import PDF_BYTES, make_document, make_service, open_case

pytestmark = pytest.mark.django_db
MACRO_DOCUMENT = "application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path, english) -> Path:
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def entries(action):
    with unscoped("test"):
        return list(AuditEntry.all_objects.filter(action=action))


def upload(cast, name, content, code="340102", case=None, **values):
    case = case or open_case(cast, code)
    return upload_document(
        case,
        actor=cast.user(code, Role.CLERK),
        file=SimpleUploadedFile(name, content),
        category=values.pop("category", Document.Category.EVIDENCE),
        title=values.pop("title", "证据"),
        **values,
    )


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes(main_type: str = filetypes.OFFICE_MAIN_PARTS[filetypes.DOCX].decode()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/word/document.xml" ContentType="{main_type}"/>'
            "</Types>",
        )
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "欠薪明细"
    workbook.save(buffer)
    return buffer.getvalue()


def refusal(cast, name, content, **values) -> str:
    with pytest.raises(DomainError) as error:
        upload(cast, name, content, **values)
    return " ".join(error.value.messages)


def test_a_pdf_is_stored_under_a_random_name_with_its_hash(cast, document_root):
    document = upload(cast, "工资条.pdf", PDF_BYTES, title="工资条")
    assert document.content_type == "application/pdf"
    assert document.original_name == "工资条.pdf"
    assert document.size == len(PDF_BYTES)
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.county_code == "340102"
    stored = storage.path_of(document.stored_name)
    assert stored.read_bytes() == PDF_BYTES
    assert stored.is_relative_to(document_root)
    assert "工资条" not in str(stored)
    assert files_under(document_root) == [stored]
    [entry] = entries("document.uploaded")
    assert entry.changes["sha256"] == [None, document.sha256]
    assert entry.changes["file_name"] == [None, "工资条.pdf"]


def test_a_pdf_made_by_weasyprint_is_accepted(cast):
    from weasyprint import HTML

    pdf = HTML(string="<p>证明</p>").write_pdf()
    assert upload(cast, "证明.PDF", pdf).content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("照片.png", png_bytes(), "image/png"),
        ("合同.docx", docx_bytes(), filetypes.DOCX.content_type),
        ("明细.xlsx", xlsx_bytes(), filetypes.XLSX.content_type),
        ("说明.txt", "申请人陈述：单位拖欠工资三个月。\n".encode(), "text/plain; charset=utf-8"),
    ],
)
def test_allowed_types_are_recognised_by_content(cast, name, content, content_type):
    assert upload(cast, name, content).content_type == content_type


def test_html_inside_a_pdf_name_is_refused_and_audited(cast, document_root):
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    message = refusal(cast, "judgment.pdf", html)
    assert "looks like a web page" in message
    [entry] = entries("document.refused")
    assert entry.outcome == "failure"
    assert entry.changes["reason"] == [None, "markup"]
    with unscoped("test"):
        assert not Document.objects.exists()
    assert files_under(document_root) == []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("photo.pdf", png_bytes(), "its content is a PNG image"),
        ("scan.jpg", PDF_BYTES, "its content is a PDF document"),
        ("note.txt", b"<svg onload=alert(1)></svg>", "looks like a web page"),
        ("note.txt", b"plain\x00binary", "cannot be stored"),
        ("note.txt", "GBK编码".encode("gbk"), "cannot be stored"),
        ("broken.pdf", b"%PDF-1.4\nno end", "incomplete or damaged"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "damaged or not a real image"),
        (
            "letter.docx",
            docx_bytes("application/vnd.ms-word.document.macroEnabled.main+xml"),
            "without macros",
        ),
        ("archive.docx", b"PK\x03\x04 not really a zip", "damaged or unknown package"),
        ("empty.pdf", b"", "empty"),
        ("program.exe", b"MZ\x90\x00\x03" + b"\x00" * 60, "cannot be stored"),
    ],
)
def test_disguised_damaged_and_unknown_files_are_refused(
    cast, document_root, name, content, expected
):
    assert expected in refusal(cast, name, content)
    assert files_under(document_root) == []


def test_a_zip_bomb_is_refused_before_unpacking(cast, monkeypatch):
    monkeypatch.setattr(filetypes, "MAX_UNPACKED", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "x")
        package.writestr("word/document.xml", "0" * 5000)
    assert "unpacks to too much data" in refusal(cast, "bomb.docx", buffer.getvalue())


def test_a_file_over_20_mb_is_refused_with_a_clear_message(cast, document_root):
    content = PDF_BYTES + b"0" * (21 * 1024 * 1024)
    assert "larger than 20 MB" in refusal(cast, "big.pdf", content)
    assert files_under(document_root) == []


def test_a_stream_longer_than_announced_is_cut_off(cast, document_root):
    class Lying:
        name = "big.pdf"
        size = 10

        def chunks(self):
            for _ in range(25):
                yield b"0" * (1024 * 1024)

    case = open_case(cast, "340102")
    with pytest.raises(DomainError, match="larger than 20 MB"):
        upload_document(case, actor=None, file=Lying(), category="other", title="x")
    assert files_under(document_root) == []


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("a\x00b.pdf", "ab.pdf"),
        ("invoice\u202efdp.txt", "invoicefdp.txt"),
        ("...", "document"),
        ("  .hidden.pdf ", "hidden.pdf"),
        ("名" * 300 + ".pdf", "名" * 196 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(given, kept):
    assert clean_file_name(given) == kept


def test_a_traversal_name_stays_inside_the_document_root(cast, document_root, tmp_path):
    document = upload(cast, "../../x.pdf", PDF_BYTES)
    assert document.original_name == "x.pdf"
    assert not (tmp_path / "x.pdf").exists()
    assert files_under(document_root) == [storage.path_of(document.stored_name)]


def test_no_file_is_left_when_the_transaction_fails(cast, document_root, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(document_services, "record", broken)
    with pytest.raises(RuntimeError):
        upload(cast, "x.pdf", PDF_BYTES)
    assert files_under(document_root) == []
    with unscoped("test"):
        assert not Document.objects.exists()


def test_a_document_of_another_case_service_is_refused(cast):
    service = make_service(cast, "340102")
    with pytest.raises(DomainError, match="service of this case"):
        upload(cast, "x.pdf", PDF_BYTES, service=service)


def test_a_drafting_service_drafts_a_complaint_letter_as_pdf(cast):
    service = make_service(cast, "340102", kind=Service.Kind.DRAFTING)
    document = generate_drafted_document(
        service,
        actor=cast.user("340102", Role.CLERK),
        template="complaint_letter",
        addressee="瑶海区劳动保障监察大队",
        requests="责令用人单位支付拖欠工资",
        facts="申请人系肢体残疾人，单位拖欠工资三个月。",
    )
    stored = storage.path_of(document.stored_name).read_bytes()
    assert stored.startswith(b"%PDF-")
    assert document.category == Document.Category.DRAFTED
    assert document.service_id == service.pk
    with unscoped("test"):
        service.refresh_from_db()
    assert service.drafted_document_id == document.pk
    assert entries("document.generated")[0].changes["template"] == [None, "complaint_letter"]
    assert entries("service.updated")[0].changes["drafted_document"] == [None, document.pk]


def test_only_a_drafting_service_drafts_and_every_field_is_needed(cast):
    consultation = make_service(cast, "340102")
    with pytest.raises(DomainError, match="Only a drafting service"):
        generate_drafted_document(
            consultation, actor=None, template="fee_relief", addressee="a", requests="b", facts="c"
        )
    drafting = make_service(cast, "340102", kind=Service.Kind.DRAFTING)
    with pytest.raises(DomainError) as error:
        generate_drafted_document(
            drafting, actor=None, template="fee_relief", addressee="", requests="b", facts=" "
        )
    assert set(error.value.error_dict) == {"addressee", "facts"}


# --- Pages ----------------------------------------------------------------------------------


def test_upload_page_stores_the_file_and_returns_to_the_case(client, cast):
    case = open_case(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("documents:upload", args=[case.pk]),
        {
            "title": "身份证复印件",
            "category": "identity",
            "file": SimpleUploadedFile("id.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    with unscoped("test"):
        assert Document.objects.get().title == "身份证复印件"


def test_a_21_mb_upload_gets_a_form_error_not_a_crash(client, cast, document_root):
    case = open_case(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (21 * 1024 * 1024))
    response = client.post(
        reverse("documents:upload", args=[case.pk]),
        {"title": "判决书扫描件", "category": "decision", "file": big},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "larger than 20 MB" in html
    assert 'role="alert"' in html
    assert "判决书扫描件" in html
    assert files_under(document_root) == []


def test_html_renamed_pdf_gets_a_form_error(client, cast):
    case = open_case(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.post(
        reverse("documents:upload", args=[case.pk]),
        {
            "title": "x",
            "category": "other",
            "file": SimpleUploadedFile("x.pdf", b"<html><script>1</script></html>"),
        },
    )
    assert response.status_code == 200
    assert "looks like a web page" in response.content.decode()


def test_download_is_an_audited_attachment_with_safe_headers(client, cast):
    document = make_document(cast, "340102")
    client.force_login(cast.user("340100", Role.LEADER))
    response = client.get(reverse("documents:download", args=[document.case_id, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        "attachment; filename=\"document.pdf\"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf"
    )
    [entry] = entries("document.downloaded")
    assert entry.target_id == str(document.pk)


def test_a_sibling_county_cannot_download(client, cast):
    document = make_document(cast, "340102")
    client.force_login(cast.user("340103", Role.CLERK))
    response = client.get(reverse("documents:download", args=[document.case_id, document.pk]))
    assert response.status_code == 404
    assert not entries("document.downloaded")


def test_a_document_is_found_only_under_its_own_case(client, cast):
    document = make_document(cast, "340102")
    other = open_case(cast, "340102")
    client.force_login(cast.user("340102", Role.CLERK))
    response = client.get(reverse("documents:download", args=[other.pk, document.pk]))
    assert response.status_code == 404


def test_a_lawyer_downloads_only_on_cases_they_serve(client, cast):
    from tests.cases.test_provision import lawyer_with_account

    document = make_document(cast, "340102")
    url = reverse("documents:download", args=[document.case_id, document.pk])
    client.force_login(cast.user("340102", Role.LAWYER))
    assert client.get(url).status_code == 404
    make_service(cast, "340102", case=document.case, provider=lawyer_with_account(cast))
    assert client.get(url).status_code == 200
