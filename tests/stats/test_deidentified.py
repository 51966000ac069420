"""The report ``cases_deidentified``: one row per case registered in the period, coded facts only,
coarsened (quarters, age and money bands), k-anonymous (small classes generalised), confidential
cases left out, a stable one-way pseudonym under its own key; only for clerks and leaders of a
city or province (capability ``statistics.deidentified_export``); one query whatever the number
of cases."""

from __future__ import annotations

import csv
import io
import os
import secrets
import subprocess
import sys
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from accounts.roles import CAPABILITIES, Capability, Role, capabilities_for
from audit.models import AuditEntry
from cases.models import Case
from lawstation.errors import DomainError
from regions.models import Region
from regions.scoping import scope_for_region, unscoped
from reports import registry
from reports.exporters.deidentified import (
    DeidentifiedCasesReport,
    is_whole_quarters,
    money_band,
    pseudonym,
)
from reports.services import export_report
from tests.cases.helpers import make_applicant, make_case
from tests.cases.provision_helpers import make_service
from tests.factories import build_cast
from tests.scope_rows.cases_referrals import make_referral

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent
SHANGHAI = ZoneInfo("Asia/Shanghai")
IN_PERIOD = datetime(2026, 8, 10, 10, 0, tzinfo=SHANGHAI)
SUPPRESSED = "Suppressed"
HEADER = [
    "Case pseudonym",
    "County code",
    "Registered (quarter)",
    "Channel",
    "Matter category",
    "Disability category",
    "Disability grade",
    "Sex",
    "Age band",
    "Services given",
    "Referrals and results",
    "Status",
    "Outcome",
    "Closed (quarter)",
    "Economic loss recovered (yuan, band)",
]
PERSONAL = {
    "name": "欧阳娜娜",
    "id_number_masked": "3401**********123X",
    "certificate_masked": "3401**********12341",
    "birth_date": date(1990, 9, 30),
    "phone": "13912345678",
    "address": "合肥市瑶海区长江东路88号",
    "guardian_name": "欧阳大海",
    "email": "nana@example.com",
}
# The quasi-identifiers of the k-anonymity tests: a hearing-impaired woman of grade 3, 36 in 2026.
ALIKE = {"sex": "f", "disability_category": "2", "disability_grade": 3}
ALIKE_BIRTH = date(1990, 1, 15)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2026-10-08 10:00 +0800", tick=False), translation.override("en"):
        yield


@pytest.fixture
def cast():
    return build_cast(roles=["clerk"])


@pytest.fixture
def no_k(settings):
    """k-anonymity off (threshold 0), to read every coded fact as recorded."""
    settings.STATS_SMALL_CELL_THRESHOLD = 0


@pytest.fixture
def cases(cast):
    applicant = make_applicant(
        cast,
        "340102",
        sex="f",
        disability_category="2",
        disability_grade=3,
        **{key: value for key, value in PERSONAL.items() if key != "name"},
        name=PERSONAL["name"],
    )
    served = make_case(
        cast,
        "340102",
        applicant=applicant,
        status="accepted",
        registered_at=IN_PERIOD,
        matter="她的雇主欧阳大海拖欠工资三个月",
    )
    make_service(cast, "340102", case=served, kind="mediation")
    make_service(cast, "340102", case=served, kind="consultation")
    make_referral(cast, "340102", case=served, kind="legal_aid", status="accepted")
    closing = {
        "status": "closed",
        "outcome": "resolved",
        # 00:30 on 1 October in Shanghai is still 30 September in UTC: the local quarter counts.
        "closed_at": datetime(2026, 10, 1, 0, 30, tzinfo=SHANGHAI),
        "money_recovered": Decimal("12000.50"),
    }
    Case.all_objects.filter(pk=served.pk).update(**closing)
    other = make_case(cast, "340103", status="accepted", registered_at=IN_PERIOD)
    own = make_case(cast, "340100", status="accepted", registered_at=IN_PERIOD)
    # Outside the period (registered in June) and outside the region (芜湖市).
    make_case(cast, "340102", registered_at=datetime(2026, 6, 30, 23, 0, tzinfo=SHANGHAI))
    make_case(cast, "340202", registered_at=IN_PERIOD)
    return {"served": served, "other": other, "own": own}


def run(fmt: str, code: str = "340100", role: str = Role.CLERK, **params) -> bytes:
    scope = scope_for_region(Region.objects.get(code=code), capabilities_for(role))
    params = {"period": "2026-Q3", **params}
    return export_report(
        "cases_deidentified", scope=scope, actor=None, params=params, fmt=fmt
    ).content


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def by_pseudonym(content: bytes) -> dict[str, list[str]]:
    return {row[0]: row for row in csv_rows(content)[1:]}


def alike_cases(cast, count: int, code: str = "340102", **fields) -> list[Case]:
    """``count`` cases whose applicants share every quasi-identifier (:data:`ALIKE`)."""
    made = []
    for _number in range(count):
        applicant = make_applicant(cast, code, birth_date=ALIKE_BIRTH, **ALIKE)
        values = {"status": "accepted", "registered_at": IN_PERIOD, **fields}
        made.append(make_case(cast, code, applicant=applicant, **values))
    return made


# --- Who may run it -----------------------------------------------------------------------------


def test_clerks_and_leaders_hold_the_capability_and_no_other_role():
    holders = {
        role
        for role in Role.values
        if Capability.STATISTICS_DEIDENTIFIED_EXPORT in CAPABILITIES[role]
    }
    assert holders == {Role.CLERK, Role.LEADER}
    assert DeidentifiedCasesReport.capability == Capability.STATISTICS_DEIDENTIFIED_EXPORT


def test_report_export_alone_is_refused_and_the_report_is_not_listed(cases):
    scope = scope_for_region(Region.objects.get(code="340100"), {Capability.REPORT_EXPORT})
    with pytest.raises(DomainError, match="You may not run the report"):
        export_report(
            "cases_deidentified",
            scope=scope,
            actor=None,
            params={"period": "2026-Q3"},
            fmt="csv",
        )
    listed = [exporter.identifier for exporter in registry.available_for(scope)]
    assert "statistics" in listed
    assert "cases_deidentified" not in listed


def test_a_leader_of_the_city_may_run_it(cases):
    assert len(csv_rows(run("csv", role=Role.LEADER))) == 4


def test_a_county_federation_cannot_run_it(cases):
    with pytest.raises(DomainError) as excinfo:
        run("csv", code="340102")
    assert excinfo.value.messages == [
        "The de-identified case export is made by a city or provincial federation for the "
        "counties in its region; a county federation cannot run it."
    ]


def test_the_report_page_is_404_without_the_capability_and_records_the_attempt(client, db):
    cast = build_cast(roles=[Role.CLERK, Role.LAWYER])
    url = "/staff/reports/cases_deidentified/"
    client.force_login(cast.user("340100", Role.LAWYER))
    assert client.get(url).status_code == 404
    with unscoped("test: read the audit log"):
        entry = AuditEntry.objects.get(action="auth.permission_denied")
    assert entry.changes["capability"] == [None, "statistics.deidentified_export"]
    client.force_login(cast.user("340100", Role.CLERK))
    assert client.get(url).status_code == 200


# --- What the file holds ------------------------------------------------------------------------


def test_one_row_per_case_of_the_period_and_region_with_coded_facts_only(cases, no_k):
    header, *rows = csv_rows(run("csv"))
    assert header == HEADER
    assert DeidentifiedCasesReport().columns()[0].key == "pseudonym"
    rows_by_pseudonym = {row[0]: row for row in rows}
    assert set(rows_by_pseudonym) == {pseudonym(case.pk) for case in cases.values()}
    served = rows_by_pseudonym[pseudonym(cases["served"].pk)]
    assert served[1:] == [
        "340102",
        "2026-Q3",  # registered on 10 August: the quarter, never the month
        "Face to face",
        "Employment and labour",
        "Hearing",
        "Grade 3 (moderate)",
        "Female",
        "18 to 44",  # 36 on 2026-09-30: a band, never the date
        "Consultation; Mediation",
        "Legal aid institution: Accepted",
        "Closed",
        "Resolved",
        "2026-Q4",  # closed at 00:30 on 1 October, local time
        "10,000 to 99,999",  # 12,000.50 yuan: a band, never the amount
    ]
    own = rows_by_pseudonym[pseudonym(cases["own"].pk)]
    assert own[1] == "340100"  # a city's own case carries the city's code
    assert own[9:11] == ["", ""]
    assert own[-1] == ""  # nothing recovered is recorded on an open case


def test_no_personal_field_appears_anywhere_in_any_format(cases, no_k):
    case = cases["served"]
    secrets_in_record = [
        *(str(value) for value in PERSONAL.values()),
        "1990-09-30",
        "19900930",
        case.number,
        case.matter,
        "2026-08",  # the month registered
        "2026-10-01",
        "12000.5",  # the exact amount recovered
        "12,000.5",
    ]
    files = {"csv": run("csv"), "xlsx": run("xlsx")}
    xlsx_text = ""
    with zipfile.ZipFile(io.BytesIO(files["xlsx"])) as archive:
        for name in archive.namelist():
            xlsx_text += archive.read(name).decode("utf-8", errors="replace")
    csv_text = files["csv"].decode("utf-8-sig")
    for secret in secrets_in_record:
        assert secret not in csv_text, secret
        assert secret not in xlsx_text, secret
    assert f",{case.pk}," not in csv_text


def test_cases_marked_confidential_are_left_out(cases, no_k):
    Case.all_objects.filter(pk=cases["served"].pk).update(is_confidential=True)
    rows = by_pseudonym(run("csv"))
    assert set(rows) == {pseudonym(cases["other"].pk), pseudonym(cases["own"].pk)}
    assert "confidential" in str(DeidentifiedCasesReport.description)


@pytest.mark.parametrize(
    ("amount", "band"),
    [
        (None, ""),
        (Decimal("0.00"), "0"),
        (Decimal("0.01"), "Under 1,000"),
        (Decimal("999.99"), "Under 1,000"),
        (Decimal("1000.00"), "1,000 to 9,999"),
        (Decimal("9999.99"), "1,000 to 9,999"),
        (Decimal("10000.00"), "10,000 to 99,999"),
        (Decimal("99999.99"), "10,000 to 99,999"),
        (Decimal("100000.00"), "100,000 and over"),
        (Decimal("2500000.00"), "100,000 and over"),
    ],
)
def test_money_recovered_is_shown_as_a_band(amount, band):
    assert money_band(amount) == band


def test_the_quarter_is_the_local_quarter(cast, no_k):
    # 00:30 on 1 July in Shanghai is 30 June in UTC: still registered in 2026-Q3.
    early = make_case(
        cast,
        "340102",
        status="accepted",
        registered_at=datetime(2026, 7, 1, 0, 30, tzinfo=SHANGHAI),
    )
    rows = by_pseudonym(run("csv"))
    assert rows[pseudonym(early.pk)][2] == "2026-Q3"


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        (date(2008, 9, 30), "18 to 44"),  # 18 on the period's last day, 2026-09-30
        (date(2008, 10, 1), "Under 18"),
        (date(1966, 9, 30), "60 and over"),
        (None, "Not recorded"),
    ],
)
def test_the_age_band_is_the_age_on_the_last_day_with_the_figures_rule(cast, no_k, birth, band):
    from stats.selectors import deidentified, figure_sources

    assert deidentified.age_thresholds is figure_sources.age_thresholds  # one rule, not a copy
    applicant = make_applicant(cast, "340102", birth_date=birth)
    case = make_case(
        cast, "340102", applicant=applicant, status="accepted", registered_at=IN_PERIOD
    )
    assert by_pseudonym(run("csv"))[pseudonym(case.pk)][8] == band


@pytest.mark.parametrize(
    ("period", "whole"),
    [
        ("2026-Q3", True),
        ("2026-H2", True),
        ("2026", True),
        ("2026-01-01..2026-06-30", True),
        ("2026-07", False),
        ("2026-07-01..2026-09-29", False),
        ("2026-07-02..2026-09-30", False),
    ],
)
def test_only_whole_quarters_may_be_exported(cases, period, whole):
    from lawstation.periods import parse

    assert is_whole_quarters(parse(period)) is whole
    if whole:
        run("csv", period=period)
        return
    with pytest.raises(DomainError) as excinfo:
        run("csv", period=period)
    assert (
        "This export covers whole quarters only: a quarter, a half-year, a year, or two dates "
        "from a quarter's first day to a quarter's last day."
    ) in excinfo.value.messages


# --- k-anonymity --------------------------------------------------------------------------------


def test_a_row_whose_class_is_smaller_than_k_is_generalised(cast):
    five = alike_cases(cast, 5)
    applicant = make_applicant(cast, "340102", birth_date=ALIKE_BIRTH, **{**ALIKE, "sex": "m"})
    lone = make_case(
        cast, "340102", applicant=applicant, status="accepted", registered_at=IN_PERIOD
    )
    rows = by_pseudonym(run("csv"))
    for case in five:
        assert rows[pseudonym(case.pk)][5:9] == [
            "Hearing",
            "Grade 3 (moderate)",
            "Female",
            "18 to 44",
        ]
    # Alone in its class (the only man): sex, age band and grade hidden; the rest stays.
    assert rows[pseudonym(lone.pk)][1:9] == [
        "340102",
        "2026-Q3",
        "Face to face",
        "Employment and labour",
        "Hearing",
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
    ]


def test_k_is_the_small_cell_threshold(cast, settings):
    five = alike_cases(cast, 5)
    settings.STATS_SMALL_CELL_THRESHOLD = 6
    rows = by_pseudonym(run("csv"))
    assert {tuple(rows[pseudonym(case.pk)][6:9]) for case in five} == {(SUPPRESSED,) * 3}
    settings.STATS_SMALL_CELL_THRESHOLD = 5
    rows = by_pseudonym(run("csv"))
    assert {rows[pseudonym(case.pk)][7] for case in five} == {"Female"}


def test_classes_are_counted_per_area_and_quarter_and_without_confidential_cases(cast):
    alike_cases(cast, 3)
    in_q4 = alike_cases(cast, 2, registered_at=datetime(2026, 10, 2, 10, 0, tzinfo=SHANGHAI))
    elsewhere = alike_cases(cast, 2, code="340103")
    rows = by_pseudonym(run("csv", period="2026"))
    assert {row[7] for row in rows.values()} == {SUPPRESSED}  # 3 + 2 + 2: no class of 5
    more = alike_cases(cast, 2)
    Case.all_objects.filter(pk=more[0].pk).update(is_confidential=True)
    rows = by_pseudonym(run("csv", period="2026"))
    shown = {key for key, row in rows.items() if row[7] == "Female"}
    assert len(shown) == 0  # 3 + 1 in Q3: the confidential case counts for nothing
    alike_cases(cast, 1)
    rows = by_pseudonym(run("csv", period="2026"))
    shown = {key for key, row in rows.items() if row[7] == "Female"}
    assert len(shown) == 5
    assert all(rows[pseudonym(case.pk)][7] == SUPPRESSED for case in in_q4 + elsewhere)


def test_the_city_and_the_province_files_generalise_the_same_rows(cast):
    alike_cases(cast, 5)
    alike_cases(cast, 1, code="340103")
    alike_cases(cast, 4, code="340202")
    city = by_pseudonym(run("csv"))
    province = by_pseudonym(run("csv", code="340000"))
    assert all(province[key] == row for key, row in city.items())
    assert len(province) == len(city) + 4


# --- The pseudonym ------------------------------------------------------------------------------


def test_the_pseudonym_is_stable_one_way_and_distinct(cases, settings):
    first = csv_rows(run("csv"))[1:]
    again = csv_rows(run("csv"))[1:]
    assert first == again
    pseudonyms = [row[0] for row in first]
    assert len(set(pseudonyms)) == len(pseudonyms) == 3
    assert all(len(value) == 20 and str(cases["served"].pk) != value for value in pseudonyms)


def test_the_pseudonym_follows_its_own_key_not_the_secret_key(cases, settings):
    served = pseudonym(cases["served"].pk)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert pseudonym(cases["served"].pk) == served
    settings.STATS_PSEUDONYM_KEY = secrets.token_hex(32)
    assert pseudonym(cases["served"].pk) != served


def test_the_local_profile_derives_a_key_apart_from_the_secret_key():
    key = django_settings.STATS_PSEUDONYM_KEY
    assert len(key) == 64
    assert key != django_settings.SECRET_KEY
    assert key not in django_settings.SECRET_KEY


@pytest.mark.parametrize("key", ["", "too-short-a-key"])
def test_an_unset_or_short_key_stops_the_export_before_any_row(cases, settings, key):
    settings.STATS_PSEUDONYM_KEY = key
    with pytest.raises(ImproperlyConfigured, match="STATS_PSEUDONYM_KEY"):
        run("csv")
    with unscoped("test: read the audit log"):
        assert not AuditEntry.objects.filter(action="report.exported").exists()


def _production(tmp_path: Path, **env: str) -> str:
    """What a production process reads as ``STATS_PSEUDONYM_KEY`` and what ``pseudonym`` does."""
    script = (
        "from django.conf import settings\n"
        "from reports.exporters.deidentified import pseudonym\n"
        "print(repr(settings.STATS_PSEUDONYM_KEY))\n"
        "try:\n"
        "    print(pseudonym(1))\n"
        "except Exception as error:\n"
        "    print(type(error).__name__)\n"
    )
    kept = {"DJANGO_SETTINGS_MODULE", "LAWSTATION_PROFILE", "STATS_PSEUDONYM_KEY", "DATABASE_URL"}
    environment = {key: value for key, value in os.environ.items() if key not in kept}
    environment.update(
        LAWSTATION_PROFILE="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="lawstation.example.org",
        LAWSTATION_VAR_DIR=str(tmp_path),
        **env,
    )
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_production_never_derives_the_key_and_refuses_without_it(tmp_path):
    assert _production(tmp_path).split() == ["''", "ImproperlyConfigured"]
    key = secrets.token_hex(32)
    value, named = _production(tmp_path, STATS_PSEUDONYM_KEY=key).split()
    assert value == repr(key)
    assert len(named) == 20


# --- Formats and queries ------------------------------------------------------------------------


def test_the_xlsx_has_the_header_and_the_money_band_as_text(cases, no_k):
    sheet = load_workbook(io.BytesIO(run("xlsx"))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    served = next(row for row in rows if row[0] == pseudonym(cases["served"].pk))
    assert served[-1] == "10,000 to 99,999"


def test_a_city_exports_one_county_when_it_names_it(cases, no_k):
    rows = csv_rows(run("csv", region="340102"))[1:]
    assert [row[0] for row in rows] == [pseudonym(cases["served"].pk)]


def test_the_region_outside_the_scope_and_a_bad_period_are_refused(cases):
    with pytest.raises(DomainError, match="There is no region 340202 in your region"):
        run("csv", region="340202")
    with pytest.raises(DomainError) as excinfo:
        run("csv", period="2026-Q5")
    assert "A quarter is Q1 to Q4." in excinfo.value.messages


def test_the_query_count_does_not_grow_with_the_cases(cast):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            run("csv", code="340000")
        return len(context.captured_queries)

    case = make_case(cast, "340102", status="accepted", registered_at=IN_PERIOD)
    small = queries()
    for code in ("340102", "340103", "340202", "340100"):
        case = make_case(cast, code, status="accepted", registered_at=IN_PERIOD)
        make_service(cast, code, case=case, kind="drafting")
        make_referral(cast, code, case=case, kind="fee_relief", status="refused")
    assert queries() == small
