"""The pure-Python catalogue compiler and the translation gate (scripts/)."""

import gettext
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import check_translations, compile_messages
from scripts.compile_messages import PoError, mo_bytes, parse_po

HEADER = r"""# A small catalogue.
msgid ""
msgstr ""
"Project-Id-Version: lawstation\n"
"POT-Creation-Date: 2026-01-01 00:00+0800\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
"""

COMPLETE = (
    HEADER
    + r"""
#: cases/views.py:10
msgid "Case"
msgstr "案件"

#, python-format
msgid "Hello, %(name)s"
msgstr "您好，%(name)s"

msgctxt "verb"
msgid "Close"
msgstr "结案"

msgid "Close"
msgstr "关闭"

#, python-format
msgid "%(count)s case"
msgid_plural "%(count)s cases"
msgstr[0] "%(count)s 件案件"
msgstr[1] "%(count)s 件案件（多）"

msgctxt "report"
msgid "%(count)s row"
msgid_plural "%(count)s rows"
msgstr[0] "%(count)s 行"
msgstr[1] "%(count)s 行（多）"

msgid ""
"A long message "
"on two lines"
msgstr ""
"一条很长的"
"消息"

msgid "Tab\tquote\" backslash\\ newline\n"
msgstr "制表\t引号\" 反斜杠\\ 换行\n"

#, fuzzy
#~ msgid "Old"
#~ msgstr "旧"
"""
)

INCOMPLETE = (
    HEADER
    + r"""
msgid "Translated"
msgstr "已翻译"

msgid "Untranslated"
msgstr ""

#, fuzzy, python-format
msgid "Fuzzy %(name)s"
msgstr "模糊 %(name)s"

msgid "One"
msgid_plural "Many"
msgstr[0] "一"
msgstr[1] ""
"""
)


def translations(po_text: str) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(mo_bytes(parse_po(po_text))))


def test_compiled_catalogue_reads_back_with_gnu_translations():
    catalogue = translations(COMPLETE)
    assert catalogue.gettext("Case") == "案件"
    assert catalogue.gettext("Hello, %(name)s") % {"name": "张三"} == "您好，张三"
    assert catalogue.gettext("Close") == "关闭"
    assert catalogue.pgettext("verb", "Close") == "结案"
    assert catalogue.ngettext("%(count)s case", "%(count)s cases", 1) == "%(count)s 件案件"
    assert catalogue.ngettext("%(count)s case", "%(count)s cases", 3) == "%(count)s 件案件（多）"
    assert (
        catalogue.npgettext("report", "%(count)s row", "%(count)s rows", 2) == "%(count)s 行（多）"
    )
    assert catalogue.gettext("A long message on two lines") == "一条很长的消息"
    assert catalogue.gettext('Tab\tquote" backslash\\ newline\n') == '制表\t引号" 反斜杠\\ 换行\n'
    assert catalogue.gettext("Old") == "Old"  # obsolete entries are not compiled
    assert catalogue.info()["plural-forms"] == "nplurals=2; plural=(n != 1);"
    assert "pot-creation-date" not in catalogue.info()


def test_fuzzy_and_untranslated_entries_fall_back_to_the_source():
    catalogue = translations(INCOMPLETE)
    assert catalogue.gettext("Translated") == "已翻译"
    assert catalogue.gettext("Untranslated") == "Untranslated"
    assert catalogue.gettext("Fuzzy %(name)s") == "Fuzzy %(name)s"


def test_compile_file_writes_only_when_the_content_changes(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(COMPLETE, encoding="utf-8")
    assert compile_messages.compile_file(po) is True
    assert compile_messages.compile_file(po) is False
    with (tmp_path / "django.mo").open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("Case") == "案件"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_output_is_byte_for_byte_what_gnu_msgfmt_writes(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(COMPLETE + INCOMPLETE.removeprefix(HEADER), encoding="utf-8")
    gnu = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "--no-hash", "-o", str(gnu), str(po)], check=True)  # noqa: S603, S607
    assert mo_bytes(parse_po(po.read_text(encoding="utf-8"))) == gnu.read_bytes()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('msgid "a"\nmsgstr "b\\q"\n', "invalid escape"),
        ('msgid "a"\n', "without msgstr"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "duplicate message"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', r"needs msgstr\[N\]"),
        ('msgid "a"\nmsgstr "b\n', "double quotes"),
        ('"dangling"\n', "outside an entry"),
    ],
)
def test_malformed_catalogues_are_refused_with_the_line(text, message):
    with pytest.raises(PoError, match=message):
        parse_po(text, "bad.po")


def test_checker_passes_a_complete_catalogue():
    assert check_translations.problems(parse_po(COMPLETE)) == []


def test_checker_flags_untranslated_and_fuzzy_entries():
    found = {
        (problem.kind, problem.message)
        for problem in check_translations.problems(parse_po(INCOMPLETE))
    }
    assert ("untranslated", "'Untranslated'") in found
    assert ("fuzzy", "'Fuzzy %(name)s' is marked fuzzy") in found
    assert ("untranslated", "'One'") in found  # one plural form left empty
    assert all(kind in {"untranslated", "fuzzy"} for kind, _ in found)
    assert len(found) == 3


def test_checker_flags_a_fuzzy_header():
    found = check_translations.problems(parse_po(HEADER.replace('msgid ""', '#, fuzzy\nmsgid ""')))
    assert [(problem.kind, problem.message) for problem in found] == [
        ("fuzzy", "the header is marked fuzzy")
    ]


def test_checker_flags_a_placeholder_the_source_does_not_have():
    text = HEADER + '\n#, python-format\nmsgid "Hello, %(name)s"\nmsgstr "您好，%(nmae)s"\n'
    [problem] = check_translations.problems(parse_po(text))
    assert problem.kind == "placeholder"
    assert "nmae" in problem.message


def test_checker_flags_a_wrong_number_of_plural_forms():
    text = HEADER + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "一"\n'
    [problem] = check_translations.problems(parse_po(text))
    assert problem.kind == "plural-forms"


def test_checker_command_exits_non_zero_and_names_the_line(tmp_path, capsys):
    po = tmp_path / "django.po"
    po.write_text(INCOMPLETE, encoding="utf-8")
    assert check_translations.main([str(po)]) == 1
    errors = capsys.readouterr().err
    assert f"{po}:12: untranslated: 'Untranslated'" in errors
    good = tmp_path / "good.po"
    good.write_text(COMPLETE, encoding="utf-8")
    assert check_translations.main([str(good)]) == 0


def test_checker_fails_when_there_is_no_catalogue(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_translations.main([]) == 1


def test_project_catalogues_parse():
    root = Path(__file__).resolve().parent.parent
    for po in sorted(root.glob(compile_messages.DEFAULT_PATTERN)):
        assert compile_messages.read_po(po), po


def test_source_language_catalogue_may_leave_messages_empty_but_not_fuzzy(tmp_path):
    en = tmp_path / "locale" / "en" / "LC_MESSAGES"
    en.mkdir(parents=True)
    po = en / "django.po"
    po.write_text(INCOMPLETE, encoding="utf-8")
    strict = {(problem.kind, problem.message) for problem in check_translations.check_file(po)}
    assert ("untranslated", "'Untranslated'") in strict  # by default English must be complete
    found = {
        (problem.kind, problem.message)
        for problem in check_translations.check_file(po, source_languages=("en",))
    }
    assert ("untranslated", "'Untranslated'") not in found
    assert ("fuzzy", "'Fuzzy %(name)s' is marked fuzzy") in found
    assert ("untranslated", "'One'") in found  # a half-filled plural is still a mistake
    zh = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES"
    zh.mkdir(parents=True)
    (zh / "django.po").write_text(INCOMPLETE, encoding="utf-8")
    assert "untranslated" in {p.kind for p in check_translations.check_file(zh / "django.po")}
