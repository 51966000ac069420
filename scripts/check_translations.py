"""Fail when a gettext catalogue has an untranslated or fuzzy entry, or a broken placeholder.

The gate behind ``make i18n-check``; pure Python, so it runs where GNU gettext is missing. It
reports, with file and line:

- ``fuzzy``: an entry (the header included) still flagged ``#, fuzzy``;
- ``untranslated``: an empty ``msgstr``, or an empty plural form;
- ``plural-forms``: a plural entry whose number of forms differs from the header's ``nplurals``,
  or plural entries without a ``Plural-Forms`` header;
- ``placeholder``: a translation whose named placeholders (``%(name)s`` in ``python-format``
  entries, ``{name}`` in ``python-brace-format`` ones) differ from the source's, which would
  raise ``KeyError`` or drop a value at run time.

Obsolete (``#~``) entries are ignored. Every catalogue must be complete, English included (our
rule: "the English catalogue is complete"). ``--source-language en`` relaxes that for a catalogue
in the language of the message ids, where an empty ``msgstr`` means "use the id"; fuzzy entries
are never allowed. With no
argument it checks every ``locale/*/LC_MESSAGES/*.po`` and fails if there is none.

Usage: ``python -m scripts.check_translations [FILE.po ...]``; exit status 1 on any problem.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.compile_messages import DEFAULT_PATTERN, Entry, PoError, catalogues, nplurals, read_po

SOURCE_LANGUAGES: tuple[str, ...] = ()
_PERCENT = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
_BRACE = re.compile(r"(?<!\{)\{(\w+)[^{}]*\}(?!\})")


@dataclass(frozen=True)
class Problem:
    lineno: int
    kind: str
    message: str


def placeholders(text: str, entry: Entry) -> set[str]:
    if "python-brace-format" in entry.flags:
        return set(_BRACE.findall(text))
    if "python-format" in entry.flags or (
        "no-python-format" not in entry.flags and _PERCENT.search(entry.msgid)
    ):
        return set(_PERCENT.findall(text))
    return set()


def _placeholder_problems(entry: Entry) -> list[Problem]:
    if entry.msgid_plural is None:
        expected = placeholders(entry.msgid, entry)
        translation = placeholders(entry.msgstr[0], entry)
        if translation != expected:
            return [
                Problem(
                    entry.lineno,
                    "placeholder",
                    f"{entry.label!r}: translation has {sorted(translation)}, "
                    f"source has {sorted(expected)}",
                )
            ]
        return []
    # A plural form may leave out the number (Chinese: "一条" for n == 1); it may not invent one.
    known = placeholders(entry.msgid, entry) | placeholders(entry.msgid_plural, entry)
    found = []
    for index, form in enumerate(entry.msgstr):
        unknown = placeholders(form, entry) - known
        if unknown:
            found.append(
                Problem(
                    entry.lineno,
                    "placeholder",
                    f"{entry.label!r}: msgstr[{index}] uses unknown {sorted(unknown)}",
                )
            )
    return found


def problems(entries: list[Entry], *, source_language: bool = False) -> list[Problem]:
    """Everything that keeps the catalogue from being complete and safe.

    ``source_language``: the catalogue is in the language of the message ids, where an empty
    translation falls back to the id and is not a problem.
    """
    found: list[Problem] = []
    expected_forms = nplurals(entries)
    has_plurals = any(entry.msgid_plural is not None for entry in entries)
    if has_plurals and expected_forms is None:
        found.append(Problem(1, "plural-forms", "plural entries but no Plural-Forms header"))
    for entry in entries:
        if entry.is_fuzzy:
            what = "the header" if entry.is_header else repr(entry.label)
            found.append(Problem(entry.lineno, "fuzzy", f"{what} is marked fuzzy"))
        if entry.is_header:
            continue
        if not entry.is_translated:
            if source_language and not any(entry.msgstr):
                continue
            found.append(Problem(entry.lineno, "untranslated", repr(entry.label)))
        elif (
            entry.msgid_plural is not None
            and expected_forms is not None
            and len(entry.msgstr) != expected_forms
        ):
            found.append(
                Problem(
                    entry.lineno,
                    "plural-forms",
                    f"{entry.label!r}: {len(entry.msgstr)} forms, the header says "
                    f"nplurals={expected_forms}",
                )
            )
        if entry.is_translated:
            found.extend(_placeholder_problems(entry))
    return found


def language_of(path: Path) -> str:
    """``zh_Hans`` for ``locale/zh_Hans/LC_MESSAGES/django.po``."""
    return path.parent.parent.name if path.parent.name == "LC_MESSAGES" else ""


def check_file(path: Path, source_languages: tuple[str, ...] = SOURCE_LANGUAGES) -> list[Problem]:
    return problems(read_po(path), source_language=language_of(path) in source_languages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help=f"catalogues (default: {DEFAULT_PATTERN})")
    parser.add_argument(
        "--source-language",
        action="append",
        help="language of the message ids, whose empty entries are allowed (default: none)",
    )
    args = parser.parse_args(argv)
    source_languages = tuple(args.source_language or SOURCE_LANGUAGES)
    files = catalogues(args.paths, Path.cwd())
    if not files:
        print(f"check_translations: no catalogue matches {DEFAULT_PATTERN}", file=sys.stderr)
        return 1
    failed = False
    for path in files:
        try:
            entries = read_po(path)
        except (OSError, PoError) as error:
            print(f"check_translations: {error}", file=sys.stderr)
            failed = True
            continue
        found = problems(entries, source_language=language_of(path) in source_languages)
        for problem in found:
            print(f"{path}:{problem.lineno}: {problem.kind}: {problem.message}", file=sys.stderr)
        messages = sum(1 for entry in entries if not entry.is_header)
        print(f"{path}: {messages} messages, {len(found)} problems")
        failed = failed or bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
