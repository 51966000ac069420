"""Referral rules: where to send a referral, what the receiving body must do by when, what to
enclose, and which state a referral may move to. Pure rules: plain values in and out.

Sources (DOMAIN.md §0 rules 7, 12-14, §2, §3): LAL Art. 38 (where to apply), Arts. 25 and 36
(mandatory defence: the organ notifies legal aid within 3 days, legal aid assigns within 3 days),
Art. 43 (decide within 7 days of receipt, assign within 3 days of the decision), Art. 44 (advance
aid when a time limit ends in under 7 days), Art. 49 (objection to the justice bureau);
诉讼费用交纳办法 Arts. 44-48 (litigation-fee relief); 中政委〔2014〕3号 (national judicial aid,
decided within 10 working days).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Kinds of referral (Referral.Kind values).
LEGAL_AID = "legal_aid"
FEE_RELIEF = "fee_relief"
JUDICIAL_AID = "judicial_aid"
DEPARTMENT = "department"
KINDS = (LEGAL_AID, FEE_RELIEF, JUDICIAL_AID, DEPARTMENT)

# States (Referral.Status values).
PREPARED = "prepared"
SENT = "sent"
ACCEPTED = "accepted"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
CONCLUDED = "concluded"

# The one state table: the moves out of each state.
TRANSITIONS: dict[str, frozenset[str]] = {
    PREPARED: frozenset({SENT, WITHDRAWN}),
    SENT: frozenset({ACCEPTED, REFUSED, WITHDRAWN}),
    ACCEPTED: frozenset({CONCLUDED, WITHDRAWN}),
    # After a refusal the outcome records what followed (an objection under LAL Art. 49...).
    REFUSED: frozenset({CONCLUDED}),
    WITHDRAWN: frozenset(),
    CONCLUDED: frozenset(),
}
# Referrals still waiting on someone: one of these per kind and case at a time.
OPEN_STATES = frozenset({PREPARED, SENT, ACCEPTED})

# Agencies (PartnerUnit values) that may receive each kind, the most usual first.
PARTNER_KINDS: dict[str, tuple[str, ...]] = {
    LEGAL_AID: ("legal_aid",),
    FEE_RELIEF: ("court",),
    # The organ handling the original case (court, procuratorate, police); justice bureaus
    # handle the judicial aid of their own matters.
    JUDICIAL_AID: ("court", "procuratorate", "public_security", "justice"),
    DEPARTMENT: (
        "human_resources",
        "civil_affairs",
        "education",
        "health",
        "public_security",
        "justice",
        "court",
        "procuratorate",
        "federation",
        "other",
    ),
}

LEGAL_AID_DECISION_DAYS = 7  # LAL Art. 43
LEGAL_AID_ASSIGNMENT_DAYS = 3  # LAL Art. 43
DEFENCE_NOTIFICATION_DAYS = 3  # LAL Art. 36
DEFENCE_ASSIGNMENT_DAYS = 3  # LAL Art. 36
JUDICIAL_AID_DECISION_WORKING_DAYS = 10  # 中政委〔2014〕3号
ADVANCE_AID_DAYS = 7  # LAL Art. 44

# A region as its codes: (province, city, county); a level it lacks is None.
RegionPath = tuple[str | None, str | None, str | None]


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def partner_kind_fits(kind: str, partner_kind: str) -> bool:
    return partner_kind in PARTNER_KINDS.get(kind, ())


# --- Routing (LAL Art. 38) ------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An agency from the directory, as plain values."""

    key: int
    kind: str
    region_code: str


@dataclass(frozen=True)
class Routing:
    """The suggested agency (``None`` when none fits) and why, in the user's language."""

    choice: int | None
    basis: str
    needs: str = ""  # what is missing to route at all ("organ"), when ``choice`` is None


def route(
    kind: str,
    *,
    candidates: Sequence[Candidate],
    is_litigation: bool,
    is_mandatory_defence: bool = False,
    organ: RegionPath | None = None,
    matter: RegionPath | None = None,
    region_names: Mapping[str, str] | None = None,
) -> Routing:
    """Choose the receiving agency among ``candidates`` as the law routes ``kind``.

    Legal aid: litigation (and mandatory defence) goes to the institution where the
    case-handling organ sits; non-litigation where the dispute-handling organ sits or, without
    one, where the matter arose. Fee relief: the court hearing the case. Judicial aid: the organ
    handling the original case. A department: where the matter arose. When no agency of the
    right kind is recorded for that region, the nearest level up that has one is chosen."""
    target, basis, needs = _target(kind, is_litigation, is_mandatory_defence, organ, matter)
    if target is None:
        return Routing(None, basis, needs=needs)
    names = region_names or {}
    wanted = PARTNER_KINDS.get(kind, ())
    levels = [code for code in (target[2], target[1], target[0]) if code]
    for depth, code in enumerate(levels):
        fitting = [c for c in candidates if c.region_code == code and c.kind in wanted]
        if not fitting:
            continue
        choice = min(fitting, key=lambda c: wanted.index(c.kind))
        if depth:
            basis += " " + _(
                "No suitable agency is recorded for %(region)s, so the nearest level up that "
                "has one was chosen."
            ) % {"region": names.get(levels[0], levels[0])}
        return Routing(choice.key, basis)
    basis += " " + _(
        "No suitable agency is recorded for %(region)s or the levels above it: add it to the "
        "partner directory, or choose one."
    ) % {"region": names.get(levels[0], levels[0])}
    return Routing(None, basis)


def _target(
    kind: str,
    is_litigation: bool,
    is_mandatory_defence: bool,
    organ: RegionPath | None,
    matter: RegionPath | None,
) -> tuple[RegionPath | None, str, str]:
    """The region the referral is routed to, the basis text, and what is missing (if so)."""
    need_organ = _(
        "Say where the court or other organ handling the matter sits: the law routes this "
        "referral by it."
    )
    if kind == LEGAL_AID and is_mandatory_defence:
        basis = _(
            "Mandatory defence (LAL Arts. 25, 36): the court, procuratorate or police handling "
            "the case notifies the legal aid institution where it sits within 3 days."
        )
        return (organ, basis, "") if organ else (None, need_organ, "organ")
    if kind == LEGAL_AID and is_litigation:
        basis = _(
            "Litigation (LAL Art. 38): the legal aid institution where the case-handling organ "
            "sits."
        )
        return (organ, basis, "") if organ else (None, need_organ, "organ")
    if kind == LEGAL_AID:
        if organ:
            basis = _(
                "Non-litigation (LAL Art. 38): the legal aid institution where the "
                "dispute-handling organ sits."
            )
            return organ, basis, ""
        if matter:
            basis = _(
                "Non-litigation (LAL Art. 38): the legal aid institution where the matter arose."
            )
            return matter, basis, ""
        return None, _("Say where the matter arose or where the dispute is handled."), "matter"
    if kind == FEE_RELIEF:
        basis = _(
            "Litigation-fee relief (Measures on the Payment of Litigation Costs, Arts. 44-48): "
            "a written application to the court hearing the case, made when filing the case or "
            "the appeal."
        )
        return (organ, basis, "") if organ else (None, need_organ, "organ")
    if kind == JUDICIAL_AID:
        basis = _(
            "National judicial aid (Opinions on national judicial aid, 2014): applied for at the "
            "court, procuratorate or police handling the original case."
        )
        return (organ, basis, "") if organ else (None, need_organ, "organ")
    basis = _("The competent department where the matter arose.")
    place = matter or organ
    return (place, basis, "") if place else (None, basis, "matter")


def legal_basis(kind: str, *, is_mandatory_defence: bool = False) -> str:
    """The law the referral letter cites for ``kind``."""
    if kind == LEGAL_AID and is_mandatory_defence:
        return _(
            "Legal Aid Law Arts. 25 and 36: a suspect or defendant who is visually, hearing or "
            "speech impaired, or an adult not fully able to recognise his own conduct, and has "
            "no defender, must be assigned a legal-aid lawyer."
        )
    if kind == LEGAL_AID:
        return _(
            "Legal Aid Law Arts. 31, 38, 42 and 43; Law on the Protection of Persons with "
            "Disabilities Art. 60."
        )
    if kind == FEE_RELIEF:
        return _(
            "Measures on the Payment of Litigation Costs Arts. 44-48: a person with a disability "
            "without a fixed source of income is exempted from litigation fees; Law on the "
            "Protection of Persons with Disabilities Art. 60."
        )
    if kind == JUDICIAL_AID:
        return _(
            "Opinions on establishing and improving the national judicial aid system (2014); Law "
            "on the Protection of Persons with Disabilities Art. 60."
        )
    return _(
        "Law on the Protection of Persons with Disabilities: the competent department provides "
        "the service (workstation rules Art. 6)."
    )


# --- Deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadlines:
    decision_due_on: date | None
    assignment_due_on: date | None


def deadlines(
    kind: str,
    *,
    sent_on: date,
    is_mandatory_defence: bool = False,
    decided_on: date | None = None,
) -> Deadlines:
    """What the receiving body must do by when, counted from the day the referral reached it.

    Legal aid decides within 7 days and assigns within 3 days of the decision (Art. 43); until
    it decides, the assignment is due 3 days after the decision's due date. Mandatory defence:
    legal aid is notified within 3 days and assigns within 3 days (Art. 36). Judicial aid is
    decided within 10 working days (Monday to Friday; public holidays are not known here). Fee
    relief and departments have no statutory time limit."""
    if kind == LEGAL_AID:
        first, second = (
            (DEFENCE_NOTIFICATION_DAYS, DEFENCE_ASSIGNMENT_DAYS)
            if is_mandatory_defence
            else (LEGAL_AID_DECISION_DAYS, LEGAL_AID_ASSIGNMENT_DAYS)
        )
        decision_due = sent_on + timedelta(days=first)
        return Deadlines(decision_due, (decided_on or decision_due) + timedelta(days=second))
    if kind == JUDICIAL_AID:
        return Deadlines(add_working_days(sent_on, JUDICIAL_AID_DECISION_WORKING_DAYS), None)
    return Deadlines(None, None)


def add_working_days(start: date, days: int) -> date:
    """``days`` working days (Monday to Friday) after ``start``."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


@dataclass(frozen=True)
class Due:
    """The next thing the receiving body owes, and by when."""

    step: str  # "decision" or "assignment"
    on: date

    def days_left(self, today: date) -> int:
        return (self.on - today).days

    def is_overdue(self, today: date) -> bool:
        return today > self.on


def next_due(
    status: str,
    *,
    decision_due_on: date | None,
    assignment_due_on: date | None,
    assigned_on: date | None,
) -> Due | None:
    """The open deadline of a referral in ``status``, if any."""
    if status == SENT and decision_due_on:
        return Due("decision", decision_due_on)
    if status == ACCEPTED and assignment_due_on and not assigned_on:
        return Due("assignment", assignment_due_on)
    return None


def advance_aid_possible(limit_on: date | None, today: date) -> bool:
    """LAL Art. 44: a statutory time limit ends in under 7 days, so advance aid may be given."""
    return limit_on is not None and 0 <= (limit_on - today).days < ADVANCE_AID_DAYS


# --- Materials ------------------------------------------------------------------------------

_IDENTITY = gettext_lazy("Identity document (resident ID card or household register)")
_CERTIFICATE = gettext_lazy("Disability certificate")

MATERIALS: dict[str, tuple[tuple[str, Promise], ...]] = {
    LEGAL_AID: (
        ("application_form", gettext_lazy("Legal aid application form")),
        ("identity", _IDENTITY),
        ("disability_certificate", _CERTIFICATE),
        (
            "economic_status",
            gettext_lazy(
                "Proof of economic status, or proof of exemption from the economic check "
                "(LAL Art. 42)"
            ),
        ),
        ("evidence", gettext_lazy("Evidence and documents of the matter")),
        (
            "representative",
            gettext_lazy("Proof of the legal representative's authority, if one applies (Art. 40)"),
        ),
    ),
    FEE_RELIEF: (
        (
            "written_application",
            gettext_lazy("Written application to defer, reduce or waive litigation fees"),
        ),
        ("disability_certificate", _CERTIFICATE),
        ("no_fixed_income", gettext_lazy("Proof of no fixed source of income")),
        (
            "hardship_certificate",
            gettext_lazy("Certificate that the family meets the local hardship standard"),
        ),
        ("statement_of_claim", gettext_lazy("The statement of claim or appeal being filed")),
    ),
    JUDICIAL_AID: (
        ("application", gettext_lazy("Written application for national judicial aid")),
        ("identity", _IDENTITY),
        (
            "proof_of_harm",
            gettext_lazy("Proof of the harm: injury report, medical bills, death certificate"),
        ),
        (
            "proof_of_hardship",
            gettext_lazy("Proof of hardship from the residents' or village committee"),
        ),
        ("judgment", gettext_lazy("The judgment, ruling or decision in the case")),
        ("compensation", gettext_lazy("Statement of compensation already received")),
    ),
    DEPARTMENT: (
        ("letter", gettext_lazy("This referral letter")),
        ("matter_documents", gettext_lazy("Documents of the matter")),
        ("identity", _IDENTITY),
    ),
}


def materials_for(kind: str) -> tuple[tuple[str, Promise], ...]:
    """The checklist of ``kind``: (code, label) pairs in the order of the letter."""
    return MATERIALS.get(kind, ())


def unknown_materials(kind: str, codes: Sequence[str]) -> list[str]:
    """The codes that are not on ``kind``'s checklist."""
    known = {code for code, _label in materials_for(kind)}
    return [code for code in codes if code not in known]
