"""The figures behind an indicator, in words: "Months with an on-site duty day: 11", not
"months_on_duty: 11". Used by the scorecard and the self-assessment pages."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Channel
from compliance.selectors.data_quality import CHECK_BY_NAME
from workstations.models import Filing

LABELS = {
    "cases": gettext_lazy("Cases"),
    "complaints": gettext_lazy("Complaints received"),
    "unresolved": gettext_lazy("Complaints not resolved"),
    "visits": gettext_lazy("Return visits with a satisfaction score"),
    "satisfied": gettext_lazy("Satisfied or very satisfied"),
    "share": gettext_lazy("Share"),
    "required": gettext_lazy("Required"),
    "recorded": gettext_lazy("Recorded"),
    "present": gettext_lazy("Present"),
    "stale": gettext_lazy("Evidence too old"),
    "months": gettext_lazy("Months"),
    "has_head": gettext_lazy("Head recorded"),
    "formal_same_level": gettext_lazy("Head is formal staff of this federation"),
    "engaged": gettext_lazy("Lawyers and legal workers engaged"),
    "has_notice": gettext_lazy("Public notice in force"),
    "items_present": gettext_lazy("Items present"),
    "items": gettext_lazy("Items required"),
    "website": gettext_lazy("Published on the website"),
    "notice_board": gettext_lazy("Published on a notice board"),
    "months_on_duty": gettext_lazy("Months with an on-site duty day"),
    "offered": gettext_lazy("Channels offered"),
    "channels": gettext_lazy("Channels required"),
    "missing": gettext_lazy("Channels missing"),
    "requested": gettext_lazy("Requested"),
    "arranged": gettext_lazy("Arranged"),
    "flagged": gettext_lazy("Closed cases with a risk flag"),
    "reviewed": gettext_lazy("Reviewed before closure"),
    "overdue": gettext_lazy("Overdue"),
    "days": gettext_lazy("Days allowed"),
    "referred": gettext_lazy("Referred"),
    "referrals": gettext_lazy("Referrals"),
    "quarters": gettext_lazy("Quarters"),
    "quarters_with_contact": gettext_lazy("Quarters with a coordination contact"),
    "contacts": gettext_lazy("Coordination contacts"),
    "years": gettext_lazy("Years"),
    "years_budgeted": gettext_lazy("Years with a budget"),
    "rules": gettext_lazy("Financial rules in force"),
    "budget": gettext_lazy("Budget (yuan)"),
    "expenditures": gettext_lazy("Expenditures recorded"),
    "spent": gettext_lazy("Spent (yuan)"),
    "on_time": gettext_lazy("On time"),
    "due": gettext_lazy("Due"),
    "errors": gettext_lazy("Data-quality errors"),
    "state": gettext_lazy("Filing"),
}
YES_NO = {"has_head", "formal_same_level", "has_notice", "website", "notice_board"}
CHANNEL_WORDS = {**dict(Channel.choices), "in_person": Channel.IN_PERSON.label}


def figure_rows(figures: Mapping[str, object]) -> list[tuple[str, str]]:
    """(label, value) pairs in the figures' order, values formatted for the reader."""
    return [(label_of(name), value_of(name, value)) for name, value in figures.items()]


def label_of(name: str) -> str:
    if name in LABELS:
        return str(LABELS[name])
    if name in CHECK_BY_NAME:
        return str(CHECK_BY_NAME[name].label)
    return name.replace("_", " ")


def value_of(name: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    if name == "share" and isinstance(value, int | float):
        return f"{number_format(value * 100, 0)} %"
    if name in YES_NO:
        return _("Yes") if value else _("No")
    if name == "missing":
        return "、".join(str(CHANNEL_WORDS.get(code, code)) for code in str(value).split(","))
    if name == "state":
        return str(dict(Filing.Status.choices).get(str(value), value))
    return str(value)
