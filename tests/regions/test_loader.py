"""The region table: real data, irregular cases, idempotent loading, clear errors."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from regions.loader import RegionDataError, parse_rows, read_csv
from regions.models import Level, Region
from regions.services import ensure_federations, load_regions

ROWS = read_csv()


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English here; other tests check the Chinese ones."""
    with translation.override("en"):
        yield


def by_code(code):
    return next(row for row in ROWS if row.code == code)


def test_the_table_has_every_level():
    counts = {level: sum(1 for row in ROWS if row.level == level) for level in (1, 2, 3)}
    assert counts == {1: 33, 2: 333, 3: 2845}


def test_anhui_has_16_cities_and_104_county_level_units():
    anhui = [row for row in ROWS if row.province_code == "340000"]
    assert sum(1 for row in anhui if row.level == Level.CITY) == 16
    assert sum(1 for row in anhui if row.level == Level.COUNTY) == 104
    hefei = [row for row in ROWS if row.parent_code == "340100"]
    assert len(hefei) == 9
    feixi = by_code("340123")
    assert (feixi.name, feixi.city_code, feixi.county_code) == ("肥西县", "340100", "340123")


def test_irregular_regions():
    chaoyang = by_code("110105")  # a Beijing district attaches to the municipality itself
    assert (chaoyang.province_code, chaoyang.city_code, chaoyang.parent_code) == (
        "110000",
        None,
        "110000",
    )
    xiantao = by_code("429004")  # a county-level city directly under Hubei
    assert (xiantao.province_code, xiantao.city_code) == ("420000", None)
    for city in ("441900", "442000", "460400", "620200"):  # 东莞, 中山, 儋州, 嘉峪关
        assert by_code(city).level == Level.CITY
        assert not [row for row in ROWS if row.parent_code == city]


@pytest.mark.django_db
def test_loading_is_idempotent_and_bounded_in_queries(django_assert_max_num_queries):
    first = load_regions()
    assert (first.created, first.updated) == (3211, 0)
    with django_assert_max_num_queries(4):
        second = load_regions()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3211)
    assert Region.objects.get(code="340123").parent_id == "340100"


@pytest.mark.django_db
def test_a_renamed_region_is_updated_not_duplicated():
    load_regions()
    Region.objects.filter(code="340123").update(name="旧名")
    result = load_regions()
    assert (result.created, result.updated) == (0, 1)
    assert Region.objects.get(code="340123").name == "肥西县"


@pytest.mark.django_db
def test_ensure_federations_creates_each_once():
    load_regions()
    anhui = Region.objects.filter(province_code="340000")
    assert ensure_federations(anhui) == 121
    assert ensure_federations(anhui) == 0
    assert Region.objects.get(code="340123").federation.name == "肥西县残疾人联合会"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([["34000", "安徽省", "1", ""]], "six-digit"),
        ([["340000", "安徽省", "1", ""], ["340100", "合肥市", "2", "990000"]], "990000"),
        ([["340000", "安徽省", "1", ""], ["340100", "合肥市", "1", "340000"]], "no parent"),
        ([["340000", "安徽省", "3", ""]], "no parent"),
        ([["340000", "安徽省", "2", "340000"]], "lower level"),
        ([["340000", "安徽省", "1", ""], ["340000", "安徽省", "1", ""]], "twice"),
        ([["340000", "安徽省", "1"]], "4 fields"),
        ([["340000", "", "1", ""]], "name"),
        ([["340000", "安徽省", "4", ""]], "level"),
    ],
)
def test_bad_rows_name_the_line(lines, message):
    with pytest.raises(RegionDataError, match=message) as error:
        parse_rows(enumerate(lines, start=2))
    assert "Line " in str(error.value)


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_text("code;name\n340000;安徽省\n", encoding="utf-8")
    with pytest.raises(RegionDataError, match="first line"):
        read_csv(path)


@pytest.mark.django_db
def test_command_reports_counts_and_refuses_a_bad_file(tmp_path, capsys):
    call_command("load_regions")
    assert "3211 created" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_regions", "--file", str(tmp_path / "missing.csv"))
    bad = Path(tmp_path / "bad.csv")
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CommandError):
        call_command("load_regions", "--file", str(bad))
