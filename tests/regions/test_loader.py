"""The region table: real data, irregular cases, idempotent loading, clear errors."""

import pytest
from django.utils import translation

from regions.loader import RegionDataError, parse_rows, read_csv
from regions.models import Federation, Level, Region
from regions.services import ensure_federation, ensure_federations, load_regions

ROWS = read_csv()
BY_CODE = {row.code: row for row in ROWS}
HEADER = "code,name,level,parent_code\n"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English here; other tests check the Chinese ones."""
    with translation.override("en"):
        yield


def children(code):
    return [row for row in ROWS if row.parent_code == code]


def write(tmp_path, text):
    path = tmp_path / "regions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_table_has_every_level():
    counts = {level: sum(1 for row in ROWS if row.level == level) for level in (1, 2, 3)}
    assert counts == {1: 33, 2: 333, 3: 2845}


def test_rows_come_parents_first():
    seen = set()
    for row in ROWS:
        assert row.parent_code is None or row.parent_code in seen
        seen.add(row.code)


def test_anhui_has_16_cities_and_104_county_level_units():
    anhui = [row for row in ROWS if row.province_code == "340000"]
    assert sum(1 for row in anhui if row.level == Level.CITY) == 16
    assert sum(1 for row in anhui if row.level == Level.COUNTY) == 104


def test_hefei_has_nine_county_level_units_including_feixi():
    assert len(children("340100")) == 9
    feixi = BY_CODE["340123"]
    assert (feixi.name, feixi.level, feixi.parent_code) == ("肥西县", Level.COUNTY, "340100")
    assert (feixi.province_code, feixi.city_code, feixi.county_code) == (
        "340000",
        "340100",
        "340123",
    )


def test_beijing_districts_have_no_city():
    chaoyang = BY_CODE["110105"]
    assert (chaoyang.parent_code, chaoyang.province_code, chaoyang.city_code) == (
        "110000",
        "110000",
        None,
    )
    assert chaoyang.county_code == "110105"


def test_a_county_level_city_directly_under_a_province_has_no_city():
    xiantao = BY_CODE["429004"]
    assert (xiantao.name, xiantao.parent_code) == ("仙桃市", "420000")
    assert (xiantao.province_code, xiantao.city_code, xiantao.county_code) == (
        "420000",
        None,
        "429004",
    )


@pytest.mark.parametrize("code", ["441900", "442000", "460400", "620200"])  # 东莞 中山 儋州 嘉峪关
def test_cities_without_counties_are_plain_city_rows(code):
    city = BY_CODE[code]
    assert (city.level, city.city_code, city.county_code) == (Level.CITY, code, None)
    assert children(code) == []


def test_every_row_places_itself_consistently():
    for row in ROWS:
        assert row.province_code == row.code[:2] + "0000"
        assert (row.county_code == row.code) == (row.level == Level.COUNTY)
        if row.level == Level.CITY:
            assert row.city_code == row.code
        if row.city_code is not None:
            assert BY_CODE[row.city_code].level == Level.CITY


def test_hong_kong_and_macao_are_provinces_and_taiwan_is_absent():
    assert BY_CODE["810000"].level == BY_CODE["820000"].level == Level.PROVINCE
    assert children("810000") == children("820000") == []
    assert "710000" not in BY_CODE


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([["34000", "安徽省", "1", ""]], "Line 2: 34000 is not a six-digit"),
        ([["34000a", "安徽省", "1", ""]], "Line 2: 34000a is not a six-digit"),
        ([["340000", "安徽省", "1", ""], ["340100", "合肥市", "2", "3400"]], "Line 3: 3400 is"),
        (
            [["340000", "安徽省", "1", ""], ["340100", "合肥市", "2", "990000"]],
            "Line 3: the parent 990000 of 340100 is not in the table",
        ),
        (
            [
                ["340000", "安徽省", "1", ""],
                ["340100", "合肥市", "2", "340000"],
                ["340101", "某区", "2", "340100"],
            ],
            "Line 4: 340101 must be at a lower level than its parent 340100",
        ),
        ([["340000", "安徽省", "2", "340000"]], "Line 2: 340000 must be at a lower level"),
        (
            [["340000", "安徽省", "1", ""], ["350100", "福州市", "2", "340000"]],
            "Line 3: 350100 and its parent 340000 are in different provinces",
        ),
        ([["340000", "安徽省", "1", ""], ["340100", "合肥市", "1", "340000"]], "Line 3: a prov"),
        ([["340000", "安徽省", "3", ""]], "Line 2: a province has no parent"),
        ([["340000", "安徽省", "1", ""], ["340000", "安徽省", "1", ""]], "Line 3: the code"),
        ([["340000", "安徽省", "1"]], "Line 2: expected 4 fields, found 3"),
        ([["340000", " ", "1", ""]], "Line 2: the level must be 1, 2 or 3 and the name"),
        ([["340000", "安徽省", "4", ""]], "Line 2: the level must be 1, 2 or 3"),
    ],
)
def test_bad_rows_name_the_line(lines, message):
    with pytest.raises(RegionDataError) as error:
        parse_rows(enumerate(lines, start=2))
    assert message in str(error.value)


def test_a_bad_line_in_a_file_is_named_by_its_line_number(tmp_path):
    path = write(
        tmp_path, HEADER + "340000,安徽省,1,\n340100,合肥市,2,340000\n340123,肥西县,3,3401\n"
    )
    with pytest.raises(RegionDataError, match="Line 4: 3401 is not a six-digit region code"):
        read_csv(path)


def test_a_quoted_line_break_does_not_shift_line_numbers(tmp_path):
    path = write(tmp_path, HEADER + '340000,"安徽\n省",1,\n340100,合肥市,2,990000\n')
    with pytest.raises(RegionDataError, match="Line 4: the parent 990000"):
        read_csv(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code;name\n340000;安徽省\n", "the first line must be code,name,level,parent_code"),
        ("", "the first line must be"),
        (HEADER, "holds no regions"),
    ],
)
def test_a_file_without_regions_is_refused(tmp_path, text, message):
    with pytest.raises(RegionDataError, match=message):
        read_csv(write(tmp_path, text))


def test_a_byte_order_mark_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_bytes("\ufeffcode,name,level,parent_code\r\n340000,安徽省,1,\r\n".encode())
    assert [row.code for row in read_csv(path)] == ["340000"]


@pytest.mark.django_db
def test_loading_twice_is_idempotent_and_bounded_in_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(30):  # batched INSERTs (SQLite: 999 parameters each)
        first = load_regions()
    assert (first.created, first.updated, first.unchanged) == (3211, 0, 0)
    with django_assert_max_num_queries(4):
        second = load_regions()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3211)
    assert Region.objects.count() == 3211


@pytest.mark.django_db
def test_loaded_regions_keep_their_place_in_the_tree():
    load_regions()
    feixi = Region.objects.get(code="340123")
    assert (feixi.parent_id, feixi.province_code, feixi.city_code) == ("340100", "340000", "340100")
    assert Region.objects.filter(parent_id="340100").count() == 9
    assert Region.objects.get(code="110105").city_code is None
    assert not Region.objects.filter(parent_id="441900").exists()


@pytest.mark.django_db
def test_a_changed_region_is_updated_not_duplicated():
    load_regions()
    Region.objects.filter(code="340123").update(name="旧名", city_code=None)
    result = load_regions()
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3210)
    feixi = Region.objects.get(code="340123")
    assert (feixi.name, feixi.city_code) == ("肥西县", "340100")


@pytest.mark.django_db
def test_regions_missing_from_a_new_table_are_kept(tmp_path):
    load_regions()
    ensure_federation(Region.objects.get(code="340123"))  # referenced: must survive
    path = write(tmp_path, HEADER + "340000,安徽省,1,\n340100,合肥市,2,340000\n")
    result = load_regions(path)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert result.not_in_file == 3209
    assert Region.objects.count() == 3211
    assert Federation.objects.get(region_id="340123").name == "肥西县残疾人联合会"


@pytest.mark.django_db
def test_rows_can_be_given_in_any_order():
    rows = [row for row in ROWS if row.province_code == "340000"]
    result = load_regions(list(reversed(rows)))
    assert (result.created, result.updated) == (121, 0)
    assert Region.objects.get(code="340123").parent_id == "340100"


@pytest.mark.django_db
def test_a_bad_file_writes_nothing(tmp_path):
    path = write(tmp_path, HEADER + "340000,安徽省,1,\n340100,合肥市,2,990000\n")
    with pytest.raises(RegionDataError):
        load_regions(str(path))
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_ensure_federation_is_idempotent():
    load_regions()
    feixi = Region.objects.get(code="340123")
    federation = ensure_federation(feixi)
    assert federation.name == "肥西县残疾人联合会"
    assert ensure_federation(feixi) == federation
    assert Federation.objects.count() == 1


@pytest.mark.django_db
def test_ensure_federations_creates_each_once(django_assert_max_num_queries):
    load_regions()
    anhui = list(Region.objects.filter(province_code="340000"))
    ensure_federation(anhui[0])
    with django_assert_max_num_queries(5):
        assert ensure_federations(anhui + anhui[:3]) == 120  # duplicates are harmless
    assert ensure_federations(anhui) == 0
    assert Federation.objects.count() == 121
    assert Region.objects.get(code="340100").federation.name == "合肥市残疾人联合会"
