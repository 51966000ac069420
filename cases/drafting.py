"""Documents drafted from a template (代书): a complaint letter and an application for
litigation-fee relief, rendered to PDF with the same WeasyPrint setup as the reports.

No database access: the caller passes plain values. The letter is addressed to a Chinese organ,
so it is always rendered in Chinese, whatever language the user works in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

DOCUMENT_LANGUAGE = "zh-hans"
_CSS_FORBIDDEN = re.compile(r"[<>{};]")


@dataclass(frozen=True)
class DraftTemplate:
    key: str
    title: Any
    template: str
    addressee_hint: Any


DRAFT_TEMPLATES: dict[str, DraftTemplate] = {
    template.key: template
    for template in (
        DraftTemplate(
            "complaint_letter",
            _("Complaint letter"),
            "cases/drafts/complaint_letter.html",
            _("The body complained to, e.g. the county labour inspection brigade."),
        ),
        DraftTemplate(
            "fee_relief",
            _("Application for deferral, reduction or waiver of litigation fees"),
            "cases/drafts/fee_relief.html",
            _("The people's court hearing the case."),
        ),
    )
}


def template_choices() -> list[tuple[str, Any]]:
    return [(template.key, template.title) for template in DRAFT_TEMPLATES.values()]


def document_title(key: str) -> str:
    """The drafted document's title, in the document's language."""
    with translation.override(DOCUMENT_LANGUAGE):
        return str(DRAFT_TEMPLATES[key].title)


def render_draft(key: str, values: dict[str, Any]) -> bytes:
    """The PDF of template ``key`` filled with ``values`` (applicant, addressee, requests,
    facts, federation, on)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    template = DRAFT_TEMPLATES[key]
    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(
            template.template,
            {
                **values,
                "title": str(template.title),
                "font_family": _font_family(),
                "html_lang": "zh-Hans",
            },
        )
    # Nothing to fetch: refuse every URL, so typed text can never load one.
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(pdf_tags=True)


def chinese_date(day: date) -> str:
    """The date as a letter in the document's language writes it."""
    with translation.override(DOCUMENT_LANGUAGE):
        return pgettext("date in a letter", "%(year)s-%(month)s-%(day)s") % {
            "year": day.year,
            "month": day.month,
            "day": day.day,
        }


def _font_family() -> str:
    return _CSS_FORBIDDEN.sub("", settings.REPORT_PDF_FONT_FAMILY) or "sans-serif"
