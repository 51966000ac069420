"""``{% figure_form table suppressed=False as form %}``: what ``stats/_figure_table.html`` draws.

Presentation only: the rows and cells come from ``stats.layout`` (the same the report files use).
"""

from __future__ import annotations

from typing import Any

from django import template

from stats.layout import form_blocks, own_area, sub_areas, suppression_note, total_area
from stats.selectors.figures import FigureTable

register = template.Library()


@register.simple_tag
def figure_form(table: FigureTable, suppressed: bool = False) -> dict[str, Any]:
    return {
        "blocks": form_blocks(table, suppressed=bool(suppressed)),
        "subs": sub_areas(table),
        "own": own_area(table),
        "total": total_area(table),
        "width": 2 + len(table.areas),
        "note": suppression_note() if suppressed else "",
    }
