"""The report form as laid out for people: sections of indicator lines, one cell per area.

Shared by the statistics page (``templates/stats/_figure_table.html``, any ``FigureTable``, live or
from a submission's snapshot) and the ``statistics`` report, so the page and the files show the
same rows in the same order. Pure: a ``FigureTable`` in, plain values out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regions.models import Level
from stats.indicators import SECTIONS, SHOWN, Indicator, Section
from stats.selectors.figures import OWN, TOTAL, Area, FigureTable
from stats.suppression import RATIO_HIDDEN, SECONDARY, Policy, policy_from_settings, suppress

NO_FIGURE = "—"


@dataclass(frozen=True)
class Cell:
    """One figure: ``value`` for a file (a number, the text of a hidden figure, or ``None``),
    ``text`` for a page, and ``state``: ``""``, ``"small"`` (``<5``), ``"secondary"`` (``x``),
    ``"ratio_hidden"`` (``–``) or ``"none"`` (a ratio over zero)."""

    value: Any
    text: str
    state: str = ""


# Breakdowns of one headline by one attribute get a heading of their own: "Not recorded" under
# "By sex" is not "Not recorded" under "By age band". Keyed by the breakdown's key prefix.
GROUPS: dict[str, str | Promise] = {
    "consultations.channel": _("By channel"),
    "cases.channel": _("By channel"),
    "cases.matter": _("By matter category"),
    "cases.disability": _("By disability category"),
    "cases.grade": _("By disability grade"),
    "cases.sex": _("By sex"),
    "cases.age": _("By age band"),
    "cases.service": _("By service given"),
    "referrals.target": _("By receiving body"),
    "cases.outcome": _("By outcome"),
}


@dataclass(frozen=True)
class Line:
    """An indicator's row; ``depth`` is its indentation (a breakdown under a group heading is
    one deeper than its ``level``)."""

    indicator: Indicator
    cells: list[Cell]  # in the order of the table's areas
    depth: int = 0
    group: str | Promise = ""  # the heading it stands under, if any
    is_heading: bool = False


@dataclass(frozen=True)
class Heading:
    """A group heading inside a section (``By sex``): a row with a label and no figures."""

    label: str | Promise
    depth: int = 1
    is_heading: bool = True


@dataclass(frozen=True)
class Block:
    section: Section
    lines: list[Line | Heading]


def sub_areas(table: FigureTable) -> list[Area]:
    return [area for area in table.areas if area.kind == "sub"]


def own_area(table: FigureTable) -> Area | None:
    return next((area for area in table.areas if area.code == OWN), None)


def total_area(table: FigureTable) -> Area | None:
    return next((area for area in table.areas if area.code == TOTAL), None)


def number_text(value: Any, indicator: Indicator) -> str:
    """A figure as the page shows it: counts whole, money with two places, ratios with one."""
    if value is None:
        return NO_FIGURE
    if isinstance(value, str):
        return value
    if indicator.kind == "money":
        return f"{Decimal(value):.2f}"
    if indicator.kind == "ratio":
        return f"{Decimal(value):.1f}"
    return str(value)


def form_blocks(
    table: FigureTable, *, suppressed: bool = False, policy: Policy | None = None
) -> list[Block]:
    """The shown indicators grouped under their sections, in the registry's order; with
    ``suppressed`` the small cells are hidden as every export hides them (``stats.suppression``).
    """
    values: dict[str, dict[str, Any]] = table.values
    if suppressed:
        values = suppress(table.values, table.areas, policy=policy)
    hidden_states = {SECONDARY: "secondary", RATIO_HIDDEN: "ratio_hidden"}
    blocks = []
    for section in SECTIONS:
        lines: list[Line | Heading] = []
        group = ""
        for indicator in (shown for shown in SHOWN if shown.section == section.key):
            prefix = indicator.key.rpartition(".")[0]
            in_group = indicator.level > 0 and prefix in GROUPS
            if in_group and prefix != group:
                lines.append(Heading(GROUPS[prefix], depth=indicator.level))
            group = prefix if in_group else ""
            row = values.get(indicator.key, {})
            cells = []
            for area in table.areas:
                value = row.get(area.code)
                if isinstance(value, str):
                    state = hidden_states.get(value, "small")
                else:
                    state = "none" if value is None else ""
                cells.append(Cell(value, number_text(value, indicator), state))
            depth = indicator.level + (1 if in_group else 0)
            lines.append(Line(indicator, cells, depth, GROUPS[prefix] if in_group else ""))
        if lines:
            blocks.append(Block(section, lines))
    return blocks


def suppression_note(policy: Policy | None = None) -> str:
    """What the hidden cells mean, for the foot of the form; empty when suppression is off."""
    policy = policy if policy is not None else policy_from_settings()
    if not policy.active:
        return ""
    levels = ", ".join(
        str(Level(level).label).lower() for level in sorted(policy.levels) if level in Level
    )
    return gettext(
        "To protect the persons counted, a count from 1 to %(largest)s in an area at "
        "%(levels)s level is shown as %(marker)s; %(secondary)s marks a figure hidden as well "
        "so that the small ones cannot be worked out from a total or a sum, and the money "
        "recovered where the cases closed are hidden; %(ratio)s marks a ratio computed from a "
        "hidden figure. Coverage is never hidden."
    ) % {
        "largest": policy.threshold - 1,
        "levels": levels,
        "marker": policy.marker,
        "secondary": SECONDARY,
        "ratio": RATIO_HIDDEN,
    }
