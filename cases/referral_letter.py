"""The referral letter (转介函) as a PDF: A4 portrait, tagged, CJK fonts embedded, rendered by
WeasyPrint with the reports' font settings (``REPORT_PDF_FONT_FAMILY``).

The caller passes a referral whose ``case`` (with its applicant, federation and workstation)
and ``partner`` are loaded within the scope; nothing here queries the database."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from cases import referral_rules as rules
from cases.models import Referral

# The same guard as the reports' PDF: nothing that could end the style rule.
_CSS_FORBIDDEN = re.compile(r"[<>{};]")


def letter_context(referral: Referral, *, today: date) -> dict:
    """Everything the letter shows, from the referral and its case."""
    case = referral.case
    applicant = case.applicant
    ticked = set(referral.materials or [])
    due = rules.deadlines(
        referral.kind,
        sent_on=referral.sent_on or today,
        is_mandatory_defence=referral.is_mandatory_defence,
        decided_on=referral.decided_on,
    )
    return {
        "referral": referral,
        "case": case,
        "applicant": applicant,
        "federation": case.federation,
        "workstation": case.workstation,
        "partner": referral.partner,
        "today": today,
        "legal_basis": rules.legal_basis(
            referral.kind, is_mandatory_defence=referral.is_mandatory_defence
        ),
        "materials": [
            (label, code in ticked) for code, label in rules.materials_for(referral.kind)
        ],
        "decision_due_on": referral.decision_due_on or due.decision_due_on,
        "assignment_due_on": referral.assignment_due_on or due.assignment_due_on,
        "is_draft": referral.sent_on is None,
        "advance_aid": rules.advance_aid_possible(case.deadline_on, today),
    }


def render_referral_letter(referral: Referral, *, today: date, issued_by: str = "") -> bytes:
    """The letter's PDF bytes."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    language = translation.get_language() or settings.LANGUAGE_CODE
    font_family = _CSS_FORBIDDEN.sub("", settings.REPORT_PDF_FONT_FAMILY) or "sans-serif"
    html = render_to_string(
        "cases/referral_letter_pdf.html",
        {
            **letter_context(referral, today=today),
            "issued_by": issued_by,
            "font_family": font_family,
            "html_lang": "zh-Hans" if language == "zh-hans" else language,
        },
    )
    # The letter holds no links to fetch; refuse every URL so typed text can never load one.
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(pdf_tags=True)
