"""The national framework "CDPF-2020": the nine standards of the notice's attachment, what each
asks, and the national criteria with how each is measured.

Data in code, translated: the data migration ``0002_national_framework`` stores the codes and
measures (and the English text) of this registry; pages show a NATIONAL standard's or criterion's
text from here by its number or code, so it follows the user's language. A province's local
criteria are stored text (``Criterion.text``).

Pure (no database): plain values and lazy translations only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FRAMEWORK_CODE = "CDPF-2020"
# The notice of the Anhui provincial federation that carries the standard is dated 2020-11-09.
FRAMEWORK_EFFECTIVE_FROM = date(2020, 11, 9)
FRAMEWORK_TITLE = _("CDPF standard for legal assistance workstations (nine aspects)")
FRAMEWORK_SOURCE = "皖残联 notice of 2020-11-09, attachment (CDPF workstation standard)"


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    text: str | Promise
    measure: str = ""  # an indicator key of compliance.indicators, or "" (judged on evidence)


@dataclass(frozen=True)
class StandardSpec:
    number: int
    title: str | Promise
    summary: str | Promise
    criteria: tuple[CriterionSpec, ...]


STANDARDS: tuple[StandardSpec, ...] = (
    StandardSpec(
        1,
        _("Work style"),
        _(
            "Serve persons with disabilities wholeheartedly, protect their rights by law and give "
            "solid legal assistance to those who need it."
        ),
        (
            CriterionSpec(
                "1.1",
                _("No complaint about the service is upheld, or every upheld one is resolved."),
                "work_style.complaints_upheld",
            ),
            CriterionSpec(
                "1.2",
                _("Applicants are satisfied with the service when visited after closure."),
                "work_style.satisfaction",
            ),
            CriterionSpec(
                "1.3",
                _(
                    "Staff serve wholeheartedly and protect the rights of persons with "
                    "disabilities by law."
                ),
            ),
        ),
    ),
    StandardSpec(
        2,
        _("Reception premises"),
        _(
            "A fixed, barrier-free reception place, preferably street-facing, on the ground floor "
            "and near public transport; conspicuous signage; a tidy layout with basic office "
            "equipment."
        ),
        (
            CriterionSpec(
                "2.1",
                _("Every premises item is present, with recent evidence."),
                "premises.items",
            ),
        ),
    ),
    StandardSpec(
        3,
        _("Staffing"),
        _(
            "The head is a formal staff member of the federation at the same level; the legal "
            "assistance is given by lawyers, legal workers or other legal professionals who know "
            "the situation of persons with disabilities."
        ),
        (
            CriterionSpec(
                "3.1",
                _("The head is a formal staff member of the federation at the same level."),
                "staffing.head",
            ),
            CriterionSpec(
                "3.2",
                _("At least one lawyer or legal worker is engaged."),
                "staffing.lawyers",
            ),
            CriterionSpec(
                "3.3",
                _("The providers know the situation of persons with disabilities."),
            ),
        ),
    ),
    StandardSpec(
        4,
        _("Public notice"),
        _(
            "The scope of cases, workflow, working hours, office address and contact details are "
            "published long-term on the website, in the media, on notice boards and at service "
            "windows."
        ),
        (
            CriterionSpec(
                "4.1",
                _("The notice in force gives all five items."),
                "notice.complete",
            ),
            CriterionSpec(
                "4.2",
                _("The notice is published on the website and on a notice board."),
                "notice.published",
            ),
        ),
    ),
    StandardSpec(
        5,
        _("Service provision"),
        _(
            "Help face to face, by phone, SMS, e-mail and online; on site at least one day each "
            "month; consultation, drafting, mediation, coordination, representation and defence; "
            "sign language and other access arranged by the federation."
        ),
        (
            CriterionSpec(
                "5.1",
                _("Someone is on site at least one day in every month."),
                "service.duty_days",
            ),
            CriterionSpec(
                "5.2",
                _("Help is offered on all five channels."),
                "service.channels",
            ),
            CriterionSpec(
                "5.3",
                _("Sign language and other access are arranged whenever needed."),
                "service.accommodations",
            ),
            CriterionSpec(
                "5.4",
                _("The six services are offered."),
            ),
        ),
    ),
    StandardSpec(
        6,
        _("Service quality"),
        _(
            "Services are lawful and standardised; a risk-prevention mechanism avoids serious "
            "liability incidents."
        ),
        (
            CriterionSpec(
                "6.1",
                _("Cases with a risk flag are reviewed before they are closed."),
                "quality.flagged_reviewed",
            ),
            CriterionSpec(
                "6.2",
                _("No risk flag waits past its review time."),
                "quality.risk_reviews",
            ),
            CriterionSpec(
                "6.3",
                _("Services are lawful and standardised."),
            ),
        ),
    ),
    StandardSpec(
        7,
        _("Coordination"),
        _(
            "Good communication with courts, procuratorates, public security, justice, civil "
            "affairs, human resources, education, health and other departments; cases within "
            "legal aid are promptly referred; cases within judicial aid are helped to apply."
        ),
        (
            CriterionSpec(
                "7.1",
                _("A referral is made whenever triage says one is required."),
                "coordination.referrals_made",
            ),
            CriterionSpec(
                "7.2",
                _("Referral outcomes are followed up in time."),
                "coordination.referral_outcomes",
            ),
            CriterionSpec(
                "7.3",
                _("Contacts with partner agencies are logged regularly."),
                "coordination.contacts",
            ),
        ),
    ),
    StandardSpec(
        8,
        _("Funding"),
        _("Stable funding and a proper financial system."),
        (
            CriterionSpec("8.1", _("There is a budget for the year."), "funding.budget"),
            CriterionSpec("8.2", _("A financial rule is on file."), "funding.rule"),
            CriterionSpec("8.3", _("Spending is recorded."), "funding.spending"),
        ),
    ),
    StandardSpec(
        9,
        _("Information and statistics"),
        _(
            "Case registration, archive and statistics systems; information reported through the "
            "CDPF legal assistance information system is timely, accurate, true and valid."
        ),
        (
            CriterionSpec(
                "9.1",
                _("Cases are registered promptly after intake."),
                "information.registration",
            ),
            CriterionSpec(
                "9.2",
                _("Closed case files are archived on time."),
                "information.archiving",
            ),
            CriterionSpec(
                "9.3",
                _("There are no open data-quality errors."),
                "information.data_quality",
            ),
            CriterionSpec(
                "9.4",
                _("The daily manager's filing with the level above is accepted."),
                "information.filing",
            ),
        ),
    ),
)

STANDARD_BY_NUMBER: dict[int, StandardSpec] = {spec.number: spec for spec in STANDARDS}
CRITERION_BY_CODE: dict[str, CriterionSpec] = {
    criterion.code: criterion for spec in STANDARDS for criterion in spec.criteria
}

# How each indicator is measured, in words (shown on the framework page and the scorecards).
MEASURES: dict[str, str | Promise] = {
    "work_style.complaints_upheld": _(
        "Complaints received in the period about the workstation's cases (the record has no "
        "finding, so each one counts as upheld): none is met; all resolved by the end of the "
        "period is partly met; any still unresolved is not met."
    ),
    "work_style.satisfaction": _(
        "Return visits done in the period with a satisfaction score: 90 per cent or more "
        "satisfied or very satisfied is met, 70 per cent or more partly met."
    ),
    "premises.items": _(
        "The latest check of every premises item: all present with evidence checked within the "
        "configured number of months is met; all present but some evidence older is partly met."
    ),
    "staffing.head": _(
        "The head is an active formal staff member of the workstation's own federation."
    ),
    "staffing.lawyers": _(
        "At least one lawyer or legal worker has an engagement during the period."
    ),
    "notice.complete": _(
        "The notice in force at the end of the period gives the scope of cases, workflow, "
        "working hours, office address and a phone number: all five is met, some partly met."
    ),
    "notice.published": _(
        "The notice in force is published on the website and on a notice board: both is met, "
        "one partly met."
    ),
    "service.duty_days": _(
        "At least one checked-in on-site duty day in every month of the period: every month is "
        "met, some months partly met."
    ),
    "service.channels": _(
        "Channels the notice offers (face to face at an office address, phone, SMS, e-mail, and "
        "the web through the portal): all five is met, three or four partly met."
    ),
    "service.accommodations": _(
        "Served cases whose applicant needs sign language or other access, against those where "
        "an accommodation was arranged: all is met, 80 per cent or more partly met."
    ),
    "quality.flagged_reviewed": _(
        "Cases closed in the period that had a risk flag: all flags reviewed before closure is "
        "met, 80 per cent or more partly met."
    ),
    "quality.risk_reviews": _(
        "Risk flags still unreviewed at the end of the period and older than the review time: "
        "none is met."
    ),
    "coordination.referrals_made": _(
        "Cases whose triage decision calls for a referral, against those with a referral: all is "
        "met, 80 per cent or more partly met."
    ),
    "coordination.referral_outcomes": _(
        "Referrals whose decision or lawyer assignment is overdue at the end of the period: none "
        "is met."
    ),
    "coordination.contacts": _(
        "Contacts with partner agencies logged: at least one in every quarter of the period is "
        "met, some quarters partly met."
    ),
    "funding.budget": _("A budget recorded for every year the period touches."),
    "funding.rule": _("A financial management rule adopted by the end of the period."),
    "funding.spending": _(
        "Expenditure recorded in the period (not applicable when the budget is zero)."
    ),
    "information.registration": _(
        "Cases registered in the period within the configured number of days of their intake: "
        "95 per cent or more is met, 80 per cent or more partly met."
    ),
    "information.archiving": _(
        "Case files due for archiving in the period that were archived by the due date: all is "
        "met, 80 per cent or more partly met."
    ),
    "information.data_quality": _(
        "Records failing a data-quality check at the end of the period: none is met."
    ),
    "information.filing": _(
        "The latest filing of the daily manager with the level above: accepted is met, "
        "submitted and waiting partly met."
    ),
}


def standard_title(number: int) -> str | Promise:
    spec = STANDARD_BY_NUMBER.get(number)
    return spec.title if spec else str(number)


def standard_summary(number: int) -> str | Promise:
    spec = STANDARD_BY_NUMBER.get(number)
    return spec.summary if spec else ""


def criterion_text(code: str, stored_text: str, *, is_national: bool) -> str | Promise:
    """The text to show: a national criterion's from this registry (translated), a local one's
    as stored."""
    if is_national and code in CRITERION_BY_CODE:
        return CRITERION_BY_CODE[code].text
    return stored_text


def measure_text(measure: str) -> str | Promise:
    """How ``measure`` is measured, in words; a criterion without one is judged on evidence."""
    if not measure:
        return _("Judged on the evidence the workstation gives; no indicator.")
    return MEASURES.get(measure, measure)
