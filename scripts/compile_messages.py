"""Compile gettext catalogues (.po) to .mo files in pure Python.

Django's ``compilemessages`` needs GNU gettext's ``msgfmt``, which a fresh machine may lack. This
module reads the subset of the PO format that ``makemessages`` writes (``msgctxt``, ``msgid``,
``msgid_plural``, ``msgstr``, ``msgstr[N]``, flags, obsolete ``#~`` entries, C escapes) and writes
the GNU .mo format without a hash table, byte for byte what ``msgfmt --no-hash`` writes. Like
``msgfmt``, it leaves out fuzzy and untranslated entries (an entry whose first ``msgstr`` is
empty) and keeps the header even when it is fuzzy (without its ``POT-Creation-Date`` line).
``scripts/check_translations.py`` is the gate that fails on those entries.

Usage: ``python -m scripts.compile_messages [FILE.po ...]`` (default: every
``locale/*/LC_MESSAGES/*.po``). A .mo file is rewritten only when its content changes.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

MO_MAGIC = 0x950412DE
DEFAULT_PATTERN = "locale/*/LC_MESSAGES/*.po"
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*)$")
_ESCAPE = re.compile(r"""\\(?:([\\"'?abfnrtv])|([0-7]{1,3})|x([0-9a-fA-F]{1,2}))""")
_SIMPLE_ESCAPES = {
    "\\": b"\\",
    '"': b'"',
    "'": b"'",
    "?": b"?",
    "a": b"\a",
    "b": b"\b",
    "f": b"\f",
    "n": b"\n",
    "r": b"\r",
    "t": b"\t",
    "v": b"\v",
}


class PoError(ValueError):
    """A catalogue that cannot be read; the message names the file and line."""


@dataclass
class Entry:
    """One message of a catalogue, with its strings as decoded text."""

    msgid: str
    lineno: int
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_translated(self) -> bool:
        """Every form has a translation."""
        return bool(self.msgstr) and all(self.msgstr)

    @property
    def is_compiled(self) -> bool:
        """What ``msgfmt`` keeps: the header, and entries not fuzzy whose first form is set."""
        if self.is_header:
            return True
        return not self.is_fuzzy and bool(self.msgstr) and self.msgstr[0] != ""

    @property
    def label(self) -> str:
        text = self.msgid if self.msgctxt is None else f"{self.msgctxt}|{self.msgid}"
        return text if len(text) <= 60 else text[:57] + "..."


def unescape(quoted: str, *, where: str) -> bytes:
    """The bytes a C string literal such as ``"a\\nb"`` stands for."""
    if len(quoted) < 2 or not quoted.startswith('"') or not quoted.endswith('"'):
        raise PoError(f"{where}: expected a string in double quotes")
    body = quoted[1:-1]
    out = bytearray()
    position = 0
    for match in _ESCAPE.finditer(body):
        out += _plain(body[position : match.start()], where)
        simple, octal, hexadecimal = match.groups()
        if simple is not None:
            out += _SIMPLE_ESCAPES[simple]
        elif octal is not None:
            out.append(int(octal, 8) & 0xFF)
        else:
            out.append(int(hexadecimal, 16))
        position = match.end()
    out += _plain(body[position:], where)
    return bytes(out)


def _plain(text: str, where: str) -> bytes:
    if "\\" in text:
        raise PoError(f"{where}: invalid escape sequence in {text!r}")
    if '"' in text:
        raise PoError(f"{where}: unescaped double quote")
    return text.encode("utf-8")


class _Parser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self._reset()

    def _reset(self) -> None:
        self.parts: dict[str, bytearray] = {}
        self.plural_forms: dict[int, bytearray] = {}
        self.flags: set[str] = set()
        self.section: bytearray | None = None
        self.start = 0
        self.seen: list[str] = []

    def where(self, lineno: int) -> str:
        return f"{self.path}:{lineno}"

    def finish(self, lineno: int) -> None:
        if not self.seen:
            self.flags = set()
            return
        if "msgid" not in self.parts:
            raise PoError(f"{self.where(self.start)}: entry without msgid")
        has_plural = "msgid_plural" in self.parts
        if has_plural:
            if "msgstr" in self.parts:
                raise PoError(f"{self.where(self.start)}: plural entry needs msgstr[N]")
            indexes = sorted(self.plural_forms)
            if indexes != list(range(len(indexes))) or not indexes:
                raise PoError(f"{self.where(self.start)}: msgstr[N] must count up from 0")
            raw_forms = [bytes(self.plural_forms[i]) for i in indexes]
        else:
            if self.plural_forms:
                raise PoError(f"{self.where(self.start)}: msgstr[N] without msgid_plural")
            if "msgstr" not in self.parts:
                raise PoError(f"{self.where(self.start)}: entry without msgstr")
            raw_forms = [bytes(self.parts["msgstr"])]
        try:
            entry = Entry(
                msgid=self.parts["msgid"].decode("utf-8"),
                lineno=self.start,
                msgctxt=self.parts["msgctxt"].decode("utf-8") if "msgctxt" in self.parts else None,
                msgid_plural=self.parts["msgid_plural"].decode("utf-8") if has_plural else None,
                msgstr=[form.decode("utf-8") for form in raw_forms],
                flags=self.flags,
            )
        except UnicodeDecodeError as error:
            raise PoError(f"{self.where(self.start)}: not UTF-8 ({error})") from error
        self.entries.append(entry)
        self._reset()

    def feed(self, lineno: int, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.finish(lineno)
            return
        if stripped.startswith("#"):
            self._comment(lineno, stripped)
            return
        if stripped.startswith('"'):
            if self.section is None:
                raise PoError(f"{self.where(lineno)}: string outside an entry")
            self.section += unescape(stripped, where=self.where(lineno))
            return
        match = _KEYWORD.match(stripped)
        if not match:
            raise PoError(f"{self.where(lineno)}: cannot parse {stripped[:40]!r}")
        keyword, index, quoted = match.groups()
        if keyword in {"msgctxt", "msgid"} and any(k.startswith("msgstr") for k in self.seen):
            self.finish(lineno)
        if not self.seen:
            self.start = lineno
        value = bytearray(unescape(quoted, where=self.where(lineno)))
        if index is not None:
            if int(index) in self.plural_forms:
                raise PoError(f"{self.where(lineno)}: msgstr[{index}] given twice")
            self.plural_forms[int(index)] = value
            self.seen.append(f"msgstr[{index}]")
        else:
            if keyword in self.parts:
                raise PoError(f"{self.where(lineno)}: {keyword} given twice in one entry")
            self.parts[keyword] = value
            self.seen.append(keyword)
        self.section = value

    def _comment(self, lineno: int, stripped: str) -> None:
        if self.seen and any(k.startswith("msgstr") for k in self.seen):
            self.finish(lineno)
        self.section = None
        if stripped.startswith("#~"):
            # An obsolete entry: its flags, if any, were its own.
            self.flags = set()
        elif stripped.startswith("#,"):
            self.flags |= {flag.strip() for flag in stripped[2:].split(",") if flag.strip()}


def parse_po(text: str, path: str = "<string>") -> list[Entry]:
    """The live (not obsolete) entries of a catalogue, in file order."""
    parser = _Parser(path)
    lines = text.splitlines()
    for lineno, line in enumerate(lines, start=1):
        parser.feed(lineno, line)
    parser.finish(len(lines) + 1)
    keys: dict[tuple[str | None, str], int] = {}
    for entry in parser.entries:
        key = (entry.msgctxt, entry.msgid)
        if key in keys:
            raise PoError(
                f"{path}:{entry.lineno}: duplicate message (first defined on line {keys[key]})"
            )
        keys[key] = entry.lineno
    header = next((entry for entry in parser.entries if entry.is_header), None)
    if header is not None:
        charset = header_fields(header).get("content-type", "")
        found = re.search(r"charset=([\w-]+)", charset)
        if found and found.group(1).lower().replace("_", "-") not in {"utf-8", "charset"}:
            raise PoError(f"{path}: only UTF-8 catalogues are supported, not {found.group(1)}")
    return parser.entries


def read_po(path: Path) -> list[Entry]:
    return parse_po(path.read_text(encoding="utf-8"), str(path))


def header_fields(header: Entry) -> dict[str, str]:
    fields = {}
    for line in header.msgstr[0].splitlines() if header.msgstr else []:
        name, _, value = line.partition(":")
        if value:
            fields[name.strip().lower()] = value.strip()
    return fields


def nplurals(entries: list[Entry]) -> int | None:
    """The ``nplurals`` of the header's Plural-Forms, if it has one."""
    header = next((entry for entry in entries if entry.is_header), None)
    if header is None:
        return None
    found = re.search(r"nplurals\s*=\s*(\d+)", header_fields(header).get("plural-forms", ""))
    return int(found.group(1)) if found else None


def _without_pot_date(header: str) -> list[str]:
    return [
        line
        for line in header.splitlines(keepends=True)
        if not line.startswith("POT-Creation-Date:")
    ]


def mo_bytes(entries: list[Entry]) -> bytes:
    """The GNU .mo file for these entries (no hash table, native little-endian)."""
    messages: dict[bytes, bytes] = {}
    for entry in entries:
        if not entry.is_compiled:
            continue
        key = entry.msgid.encode("utf-8")
        if entry.msgid_plural is not None:
            key += b"\0" + entry.msgid_plural.encode("utf-8")
        if entry.msgctxt is not None:
            key = entry.msgctxt.encode("utf-8") + b"\x04" + key
        forms = entry.msgstr
        if entry.is_header:
            # As msgfmt does: the template's date would make every rebuild differ.
            forms = ["".join(_without_pot_date(forms[0]))] if forms else [""]
        messages[key] = b"\0".join(form.encode("utf-8") for form in forms)
    keys = sorted(messages)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + 8 * count
    strings_at = translations_at + 8 * count
    table_originals = []
    table_translations = []
    data = bytearray()
    for key in keys:
        table_originals.append((len(key), strings_at + len(data)))
        data += key + b"\0"
    for key in keys:
        value = messages[key]
        table_translations.append((len(value), strings_at + len(data)))
        data += value + b"\0"
    out = bytearray(
        struct.pack("<7I", MO_MAGIC, 0, count, originals_at, translations_at, 0, strings_at)
    )
    for length, offset in table_originals + table_translations:
        out += struct.pack("<2I", length, offset)
    out += data
    return bytes(out)


def compile_file(po_path: Path, mo_path: Path | None = None) -> bool:
    """Write the .mo beside the .po (or at ``mo_path``); True when the file changed."""
    target = mo_path or po_path.with_suffix(".mo")
    content = mo_bytes(read_po(po_path))
    if target.exists() and target.read_bytes() == content:
        return False
    target.write_bytes(content)
    return True


def catalogues(paths: list[str], root: Path) -> list[Path]:
    if paths:
        return [Path(path) for path in paths]
    return sorted(root.glob(DEFAULT_PATTERN))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help=f"catalogues (default: {DEFAULT_PATTERN})")
    args = parser.parse_args(argv)
    files = catalogues(args.paths, Path.cwd())
    if not files:
        print(f"compile_messages: no catalogue matches {DEFAULT_PATTERN}", file=sys.stderr)
        return 0
    status = 0
    for path in files:
        try:
            changed = compile_file(path)
        except (OSError, PoError) as error:
            print(f"compile_messages: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"{'compiled' if changed else 'up to date'}: {path.with_suffix('.mo')}")
    return status


if __name__ == "__main__":
    sys.exit(main())
