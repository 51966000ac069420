"""Which files a case may hold, decided by their content (ASVS 5.2.2; SECURITY.md UP-01, UP-03).

Pure rules: a file object in, a :class:`FileType` or a :class:`RefusedFile` out; no database.
The type is detected from the bytes (magic numbers, the Office package's content types), never
from the name or the browser's claim, and the name's extension must then agree with it. Anything
that looks like a web page is refused whatever it claims to be, so a download can never turn
into a page that runs in the browser.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _

MAX_SIZE = 20 * 1024 * 1024
# Office packages are zips: cap what they claim to unpack to, and their entry count (UP-03).
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_CONTENT_TYPES_SIZE = 256 * 1024
HEAD_SIZE = 4096
CHUNK = 64 * 1024
# What a browser would take for markup (HTML, SVG, XML with scripts), anywhere in the head.
MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|style|a\s)"
    rb"|javascript:",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FileType:
    key: str
    content_type: str
    extensions: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileType("pdf", "application/pdf", (".pdf",))
JPEG = FileType("jpeg", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileType("png", "image/png", (".png",))
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
TEXT = FileType("text", "text/plain; charset=utf-8", (".txt",))
ALLOWED = (PDF, JPEG, PNG, DOCX, XLSX, TEXT)
# The main part of each Office package, as its [Content_Types].xml names it.
OFFICE_MAIN_PARTS = {
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}


class RefusedFile(ValueError):
    """The file may not be stored; the message is translated and safe to show."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def allowed_extensions() -> list[str]:
    return [extension for kind in ALLOWED for extension in kind.extensions]


def extension_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def detect(stream: BinaryIO, name: str, size: int) -> FileType:
    """The type of the file in ``stream`` (read from its start), checked against ``name``.

    Raises :class:`RefusedFile` for an empty or too large file, an unknown or disguised type,
    a page in disguise, a zip bomb, or an extension that does not match the content."""
    if size <= 0:
        raise RefusedFile(_("The file is empty."), "empty")
    if size > MAX_SIZE:
        raise RefusedFile(too_large_message(), "too_large")
    stream.seek(0)
    head = stream.read(HEAD_SIZE)
    # An Office package's own XML parts may sit uncompressed in its first entry.
    if not head.startswith(b"PK\x03\x04") and MARKUP.search(head):
        raise RefusedFile(
            _("The file looks like a web page. Web pages cannot be stored; save it as PDF."),
            "markup",
        )
    kind = _kind_of(stream, head)
    extension = extension_of(name)
    if extension not in kind.extensions:
        raise RefusedFile(
            _(
                "The file's name ends in “%(extension)s” but its content is %(kind)s. Rename it "
                "to end in “%(expected)s”, or choose the right file."
            )
            % {
                "extension": extension or _("(no extension)"),
                "kind": kind_label(kind),
                "expected": kind.extension,
            },
            "extension",
        )
    return kind


def too_large_message() -> str:
    return _("The file is larger than %(limit)s MB. Split it or scan it at a lower resolution.") % {
        "limit": MAX_SIZE // (1024 * 1024)
    }


def kind_label(kind: FileType) -> str:
    return {
        "pdf": _("a PDF document"),
        "jpeg": _("a JPEG image"),
        "png": _("a PNG image"),
        "docx": _("a Word document"),
        "xlsx": _("an Excel workbook"),
        "text": _("plain text"),
    }[kind.key]


def _kind_of(stream: BinaryIO, head: bytes) -> FileType:
    if head.startswith(b"%PDF-"):
        _check_pdf(stream)
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        _check_image(stream, "JPEG")
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(stream, "PNG")
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    if _is_plain_text(stream):
        return TEXT
    raise RefusedFile(
        _(
            "This kind of file cannot be stored. Allowed: PDF, JPEG, PNG, Word (.docx), "
            "Excel (.xlsx) and plain text."
        ),
        "type",
    )


def _check_pdf(stream: BinaryIO) -> None:
    stream.seek(0, 2)
    end = stream.tell()
    stream.seek(max(end - 2048, 0))
    if b"%%EOF" not in stream.read():
        raise RefusedFile(_("The PDF file is incomplete or damaged."), "damaged")


def _check_image(stream: BinaryIO, format_name: str) -> None:
    """The image decodes as what its signature says (Pillow refuses decompression bombs)."""
    from PIL import Image

    stream.seek(0)
    try:
        with Image.open(stream, formats=[format_name]) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many kinds for a damaged image
        raise RefusedFile(_("The image is damaged or not a real image."), "damaged") from exc


def _office_kind(stream: BinaryIO) -> FileType:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as package:
            entries = package.infolist()
            if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED:
                raise RefusedFile(_("The document unpacks to too much data."), "zip_bomb")
            names = {entry.filename for entry in entries}
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise RefusedFile(_("Documents with macros cannot be stored."), "macros")
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > MAX_CONTENT_TYPES_SIZE:
                raise RefusedFile(_("The document unpacks to too much data."), "zip_bomb")
            content_types = package.read(info)
    except RefusedFile:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise RefusedFile(
            _("The file is a damaged or unknown package, not a Word or Excel document."),
            "package",
        ) from exc
    for kind, main_part in OFFICE_MAIN_PARTS.items():
        if main_part in content_types:
            return kind
    raise RefusedFile(
        _("Only Word (.docx) and Excel (.xlsx) documents can be stored, without macros."),
        "package",
    )


def _is_plain_text(stream: BinaryIO) -> bool:
    """UTF-8 throughout (a byte-order mark allowed), no NUL byte, no markup anywhere."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    tail = b""
    while chunk := stream.read(CHUNK):
        if b"\x00" in chunk or MARKUP.search(tail + chunk):
            return False
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
        tail = chunk[-32:]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
