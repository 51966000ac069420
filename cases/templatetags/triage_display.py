"""Showing stored triage suggestions: their message ids translated in the reader's language.

The suggestions are stored as codes, message ids and parameters (``cases/triage.py``); this
filter only renders them, it decides nothing."""

from __future__ import annotations

from typing import Any

from django import template

from cases.models import Case
from cases.triage import render

register = template.Library()


@register.filter
def described(suggestions: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Each stored suggestion with ``text``, ``article_text`` and ``decision_label`` added."""
    shown = []
    for stored in suggestions or []:
        decision = stored.get("decision", "")
        shown.append(
            {
                **stored,
                "text": render(stored.get("reason", ""), stored.get("params")),
                "article_text": render(stored.get("article", "")),
                "decision_label": Case.Decision(decision).label
                if decision in Case.Decision.values
                else decision,
            }
        )
    return shown
