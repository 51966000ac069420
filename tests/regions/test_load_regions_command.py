"""``manage.py load_regions``: counts on success, a clear CommandError (never a traceback)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from regions.management.commands.load_regions import Command
from regions.models import Region

HEADER = "code,name,level,parent_code\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def load(*args):
    call_command("load_regions", *args)


@pytest.mark.django_db
def test_command_prints_the_counts_and_is_idempotent(capsys):
    load()
    assert capsys.readouterr().out == (
        "Regions: 3211 created, 0 updated, 0 unchanged, 0 in the database but not in the file "
        "(kept).\n"
    )
    load()
    assert "0 created, 0 updated, 3211 unchanged" in capsys.readouterr().out
    assert Region.objects.count() == 3211


@pytest.mark.django_db
def test_command_loads_another_file(tmp_path, capsys):
    path = tmp_path / "anhui.csv"
    path.write_text(HEADER + "340000,安徽省,1,\n340100,合肥市,2,340000\n", encoding="utf-8")
    load("--file", str(path))
    assert "2 created" in capsys.readouterr().out
    assert list(Region.objects.values_list("code", flat=True)) == ["340000", "340100"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Cannot read"),
        (b"\xff\xfe\x00bad", "is not UTF-8 text"),
        (b"code;name\n", "the first line must be code,name,level,parent_code"),
        (HEADER.encode(), "holds no regions"),
        ((HEADER + "340000,安徽省,1,\n34010,合肥市,2,340000\n").encode(), "Line 3: 34010 is not"),
        ((HEADER + "340100,合肥市,2,340000\n").encode(), "Line 2: the parent 340000 of 340100"),
        (
            (HEADER + "340000,安徽省,1,\n340100,合肥市,2,340000\n340101,某区,2,340100\n").encode(),
            "Line 4: 340101 must be at a lower level than its parent 340100",
        ),
    ],
)
@pytest.mark.django_db
def test_a_bad_file_gives_a_command_error_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "regions.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        load("--file", str(path))
    assert not Region.objects.exists()


def test_from_the_command_line_a_bad_file_prints_one_line_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "regions.csv"
    path.write_text(HEADER + "340000,安徽省,1,\n340100,合肥市,2,990000\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "load_regions", "--file", str(path)])
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "CommandError: Line 3: the parent 990000 of 340100 is not in the table.\n"
    )
