"""The notice-board poster of one workstation (issue 5, item 3): its public notice on A4.

The PDF (``reports/poster.html``) shows the five items of standard 4 in force today — scope of
cases accepted, workflow, working hours, office address, contact details — in large type, with a
QR code to the workstation's public page (``PUBLIC_BASE_URL`` + ``/stations/<code>/``) and that
address printed under it. XLSX and CSV hold the five items, one row each. The QR code is inline
SVG drawn by ``segno`` (pure Python, nothing fetched). Exporting is scoped and audited by
``reports.services``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Capability
from lawstation.errors import DomainError
from regions.models import Federation
from regions.scoping import Scope
from regions.selectors import region_in_scope
from reports.base import Column, Exporter
from reports.registry import register
from workstations.completeness import (
    CONTACT,
    ITEM_LABELS,
    OFFICE_ADDRESS,
    SCOPE_OF_CASES,
    WORKFLOW,
    WORKING_HOURS,
)
from workstations.models import PublicNotice, Workstation
from workstations.selectors.stations import current_notice, notices_of, workstation_in_scope

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"


class PosterParameters(forms.Form):
    station = forms.CharField(
        label=gettext_lazy("Workstation (region code)"),
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", gettext_lazy("Enter the region's six-digit code."))],
        help_text=gettext_lazy("The code of the federation whose workstation it is, e.g. 340102."),
    )


def station_url(code: str) -> str:
    """The address of the workstation's page on the public portal."""
    base = getattr(settings, "PUBLIC_BASE_URL", "") or DEFAULT_PUBLIC_BASE_URL
    return f"{base.rstrip('/')}/stations/{code}/"


def poster_qr(url: str) -> str:
    """The QR code of ``url`` as inline SVG (black on white, quiet zone included), sized by CSS."""
    qr = segno.make(url, error="m", micro=False)
    return qr.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True)


@dataclass(frozen=True)
class PosterItem:
    key: str
    label: str
    lines: list[str]


def _contact_lines(notice: PublicNotice) -> list[str]:
    channels = [
        (_("Phone"), notice.phone),
        (_("SMS"), notice.sms_number),
        (_("E-mail"), notice.email),
        (_("Sign-language video"), notice.sign_language_video),
    ]
    return [f"{label}: {value}" for label, value in channels if value.strip()]


def poster_items(notice: PublicNotice) -> list[PosterItem]:
    """The five items of the notice, in the notice's order; a blank item shows a dash."""
    texts = {
        SCOPE_OF_CASES: notice.scope_of_cases,
        WORKFLOW: notice.workflow,
        WORKING_HOURS: notice.working_hours,
        OFFICE_ADDRESS: notice.office_address,
    }
    items = [
        PosterItem(key, str(ITEM_LABELS[key]), text.strip().splitlines() or ["—"])
        for key, text in texts.items()
    ]
    contact = _contact_lines(notice)
    items.append(PosterItem(CONTACT, _("Contact details"), contact or ["—"]))
    return items


@register
class PosterReport(Exporter):
    identifier = "poster"
    title = gettext_lazy("Notice-board poster")
    description = gettext_lazy(
        "One workstation's public notice for the notice board: best as PDF (A4, large type, the "
        "five items and a QR code to its public page). XLSX and CSV list the five items."
    )
    capability = Capability.REPORT_EXPORT
    form_class = PosterParameters
    pdf_template = "reports/poster.html"

    def columns(self) -> Sequence[Column]:
        return [
            Column("item", gettext_lazy("Item"), width=30),
            Column("content", gettext_lazy("Content"), width=80),
        ]

    def station(self, scope: Scope, params: Mapping[str, Any]) -> tuple[Workstation, PublicNotice]:
        """The workstation named by the parameters and its notice in force; refused otherwise."""
        code = params.get("station") or ""
        cached = getattr(self, "_station", None)
        if cached is not None and cached[0] == code:
            return cached[1]
        workstation = self._workstation(scope, code)
        view = current_notice(notices_of(scope, workstation))
        if view is None:
            raise DomainError(
                _(
                    "The workstation of %(name)s has no public notice in force. Publish its "
                    "notice first, then print the poster."
                )
                % {"name": workstation.federation.name},
                code="no_notice",
            )
        self._station = (code, (workstation, view.notice))
        return workstation, view.notice

    def _workstation(self, scope: Scope, code: str) -> Workstation:
        unknown = DomainError(
            _("There is no workstation of the region %(code)s in your region.") % {"code": code},
            code="unknown_station",
        )
        try:
            federation = region_in_scope(scope, code).federation
        except (Http404, Federation.DoesNotExist) as missing:
            raise unknown from missing
        workstation = workstation_in_scope(scope, federation)
        if workstation is None:
            raise unknown
        return workstation

    def rows(self, scope: Scope, params: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
        _workstation, notice = self.station(scope, params)
        for item in poster_items(notice):
            yield [item.label, "\n".join(item.lines)]

    def pdf_context(self, scope: Scope, params: Mapping[str, Any]) -> dict[str, Any]:
        workstation, notice = self.station(scope, params)
        url = station_url(workstation.federation.region.code)
        return {
            "workstation": workstation,
            "federation": workstation.federation,
            "notice": notice,
            "items": poster_items(notice),
            "public_url": url,
            "qr_svg": poster_qr(url),
        }
