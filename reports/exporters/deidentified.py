"""The de-identified case-level export (issue 7, item 7): one row per case, for the level above.

Who: the capability ``statistics.deidentified_export`` (clerks and leaders), at a city or a
province only. The file is for the federation above the counties: it makes the file itself,
within its own region; a county federation cannot run it (its cases reach the level above that
way, and the file would only ever describe one small area).

Parameters: ``region`` (six digits inside the scope; default the scope's own region) and
``period`` (required, whole quarters only: a quarter, a half-year, a year, or two dates from the
first day of a quarter to the last day of a quarter): the cases registered in the period and
filed under the region. **Cases marked confidential are left out.**

Each case is named by a pseudonym: a keyed HMAC (SHA-256) of its id under the dedicated key
``STATS_PSEUDONYM_KEY`` with a salt of its own (``django.utils.crypto.salted_hmac``), never
``SECRET_KEY``. It is the same in every export, so the level above can follow a case from one
export to the next, and it cannot be turned back into the case without that key. Production
must set the key; without it the export stops with ``ImproperlyConfigured`` before reading a row.

Only coded facts, coarsened: the area code, the quarters registered and closed (``2026-Q3``),
channel, matter category, disability category and grade, sex, the age band (never the birth
date), services given, referral targets and results, status, outcome, and the money recovered as
a band. Then k-anonymity with k = ``STATS_SMALL_CELL_THRESHOLD``: a row whose combination of
area, quarter registered, sex, age band, disability category and grade occurs fewer than k times
in the file shows sex, age band and grade as :data:`SUPPRESSED`. No names, identity or
certificate numbers, case numbers, addresses, phone numbers or free text. Rows stream from one
query (``stats.selectors.deidentified``), in chunks. Residual risks: ``docs/statistics.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.roles import Capability
from cases.models import (
    Applicant,
    Case,
    Channel,
    DisabilityCategory,
    DisabilityGrade,
    MatterCategory,
    Referral,
    Service,
)
from lawstation import periods
from lawstation.errors import DomainError
from lawstation.periods import Period
from regions.models import Level
from regions.scoping import Scope
from reports.base import Column, Exporter
from reports.exporters.statistics import StatisticsParameters
from reports.parameters import region_of
from reports.registry import register
from stats.indicators import AGE_BANDS
from stats.selectors.deidentified import REFERRAL_KINDS, SERVICE_KINDS, deidentified_cases

CHUNK_SIZE = 2000
PSEUDONYM_SALT = "lawstation.stats.deidentified.case"
PSEUDONYM_LENGTH = 20  # hex digits: 80 bits, no collision in any realistic number of cases
PSEUDONYM_KEY_MIN_LENGTH = 32
AGE_LABELS = {key: label for key, _low, _high, label in AGE_BANDS}
LIST_SEPARATOR = "; "
NOT_RECORDED = pgettext_lazy("statistics", "Not recorded")
# What a generalised quasi-identifier shows (k-anonymity).
SUPPRESSED = pgettext_lazy("de-identified export", "Suppressed")
# Money recovered, in yuan: (upper bound, not included; label). Whole yuan: 9,999.50 is 1,000
# to 9,999. Zero is "0"; nothing recorded is an empty cell.
MONEY_BANDS: list[tuple[Decimal | None, Any]] = [
    (Decimal(1000), gettext_lazy("Under 1,000")),
    (Decimal(10000), gettext_lazy("1,000 to 9,999")),
    (Decimal(100000), gettext_lazy("10,000 to 99,999")),
    (None, gettext_lazy("100,000 and over")),
]


def pseudonym_key() -> str:
    """``STATS_PSEUDONYM_KEY``; ``ImproperlyConfigured`` when it is unset or too short."""
    key = getattr(settings, "STATS_PSEUDONYM_KEY", "") or ""
    if not key:
        raise ImproperlyConfigured(
            "STATS_PSEUDONYM_KEY is not set: the de-identified case export cannot name cases. "
            "Set it in the environment; see docs/statistics.md."
        )
    if len(key) < PSEUDONYM_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"STATS_PSEUDONYM_KEY must have at least {PSEUDONYM_KEY_MIN_LENGTH} characters."
        )
    return key


def pseudonym(case_id: int) -> str:
    """The case's stable, one-way pseudonym (see the module's docstring)."""
    digest = salted_hmac(
        PSEUDONYM_SALT, str(case_id), secret=pseudonym_key(), algorithm="sha256"
    ).hexdigest()
    return digest[:PSEUDONYM_LENGTH]


def is_whole_quarters(period: Period) -> bool:
    """Whether ``period`` starts on a quarter's first day and ends on a quarter's last day."""
    after = period.end + timedelta(days=1)
    return all(day.day == 1 and day.month % 3 == 1 for day in (period.start, after))


def money_band(amount: Decimal | None) -> str:
    """The band of the money recovered (:data:`MONEY_BANDS`); empty when none is recorded."""
    if amount is None:
        return ""
    if amount <= 0:
        return "0"
    for bound, label in MONEY_BANDS:
        if bound is None or amount < bound:
            return str(label)
    raise AssertionError("unreachable: the last band has no bound")


def quarter(value: datetime | None) -> str:
    """``2026-Q3``: the local quarter of ``value``; empty for none."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


class DeidentifiedParameters(StatisticsParameters):
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=32,
        help_text=gettext_lazy(
            "Whole quarters: a quarter (2026-Q3), a half-year (2026-H1), a year (2026) or two "
            "dates from a quarter's first day to a quarter's last day (2026-01-01..2026-06-30)."
        ),
    )

    def clean_period(self) -> str:
        key = super().clean_period()
        if not is_whole_quarters(periods.parse(key)):
            raise forms.ValidationError(
                _(
                    "This export covers whole quarters only: a quarter, a half-year, a year, or "
                    "two dates from a quarter's first day to a quarter's last day."
                ),
                code="whole_quarters",
            )
        return key


def _label(choices: type[TextChoices], value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def deidentified_cells(row: Mapping[str, Any], k: int) -> list[Any]:
    """One row of the export, in the order of :meth:`DeidentifiedCasesReport.columns`; sex, age
    band and grade generalised when fewer than ``k`` rows of the file share the row's class."""
    services = [_label(Service.Kind, kind) for kind in SERVICE_KINDS if row[f"service_{kind}"]]
    referrals = [
        f"{_label(Referral.Kind, kind)}: {_label(Referral.Status, row[f'referral_{kind}'])}"
        for kind in REFERRAL_KINDS
        if row[f"referral_{kind}"]
    ]
    grade = row["applicant__disability_grade"]
    grade_label = str(DisabilityGrade(grade).label) if grade else ""
    sex = _label(Applicant.Sex, row["applicant__sex"])
    age = str(AGE_LABELS.get(row["age_band"], NOT_RECORDED))
    if row["class_size"] < k:
        grade_label = sex = age = str(SUPPRESSED)
    return [
        pseudonym(row["pk"]),
        row["area"],
        quarter(row["registered_at"]),
        _label(Channel, row["channel"]),
        _label(MatterCategory, row["matter_category"]),
        _label(DisabilityCategory, row["disability_category"]),
        grade_label,
        sex,
        age,
        LIST_SEPARATOR.join(services),
        LIST_SEPARATOR.join(referrals),
        _label(Case.Status, row["status"]),
        _label(Case.Outcome, row["outcome"]),
        quarter(row["closed_at"]),
        money_band(row["money_recovered"]),
    ]


@register
class DeidentifiedCasesReport(Exporter):
    identifier = "cases_deidentified"
    title = gettext_lazy("Cases, de-identified (case-level)")
    description = gettext_lazy(
        "One row per case registered in the period in your region (or the region you name), "
        "for a city or provincial federation: a stable pseudonym instead of the case, coded "
        "facts only, quarters instead of dates, the age band instead of the birth date, money "
        "in bands; sex, age band and grade hidden where too few cases share them; no "
        "names, identity numbers, addresses, phone numbers or free text. Cases marked "
        "confidential are left out."
    )
    capability = Capability.STATISTICS_DEIDENTIFIED_EXPORT
    form_class = DeidentifiedParameters

    def columns(self) -> Sequence[Column]:
        return [
            Column("pseudonym", gettext_lazy("Case pseudonym"), width=22),
            Column("county", gettext_lazy("County code"), width=10),
            Column("registered", gettext_lazy("Registered (quarter)"), width=10),
            Column("channel", gettext_lazy("Channel"), width=10),
            Column("matter", gettext_lazy("Matter category"), width=18),
            Column("disability", gettext_lazy("Disability category"), width=10),
            Column("grade", gettext_lazy("Disability grade"), width=14),
            Column("sex", gettext_lazy("Sex"), width=6),
            Column("age_band", gettext_lazy("Age band"), width=10),
            Column("services", gettext_lazy("Services given"), width=30),
            Column("referrals", gettext_lazy("Referrals and results"), width=36),
            Column("status", gettext_lazy("Status"), width=12),
            Column("outcome", gettext_lazy("Outcome"), width=12),
            Column("closed", gettext_lazy("Closed (quarter)"), width=10),
            Column("money", gettext_lazy("Economic loss recovered (yuan, band)"), width=16),
        ]

    def rows(self, scope: Scope, params: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
        if scope.level == Level.COUNTY:
            raise DomainError(
                _(
                    "The de-identified case export is made by a city or provincial federation "
                    "for the counties in its region; a county federation cannot run it."
                ),
                code="forbidden",
            )
        pseudonym_key()  # fail before reading a row
        region = region_of(scope, params)
        period = periods.parse(params.get("period") or "")
        k = max(int(getattr(settings, "STATS_SMALL_CELL_THRESHOLD", 5)), 0)
        for row in deidentified_cases(region, period).iterator(chunk_size=CHUNK_SIZE):
            yield deidentified_cells(row, k)
