"""The audit log, for the audit administrator: entries filed under the scope's region or below."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Capability, Role
from audit import actions
from audit.models import AuditEntry
from audit.selectors import AuditFilter, entries_within
from regions.scoping import Scope
from reports.base import Column, Exporter
from reports.registry import register

CHUNK_SIZE = 2000


class AuditReportParameters(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(
        label=_("User"), required=False, max_length=150, help_text=_("The exact username.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            ("", _("Any action")),
            *sorted(actions.ACTIONS.items(), key=lambda item: item[0]),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


def _label(choices: type, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register
class AuditLogReport(Exporter):
    identifier = "audit"
    title = _("Audit log")
    description = _(
        "Every audit entry filed under your region and the regions below it: who did what, when, "
        "from where and to which record."
    )
    capability = Capability.AUDIT_EXPORT
    form_class = AuditReportParameters

    def columns(self) -> Sequence[Column]:
        return [
            Column("at", _("Time"), kind="datetime"),
            Column("actor", _("User"), width=16),
            Column("role", _("Role"), width=16),
            Column("action", _("Action"), width=24),
            Column("outcome", _("Outcome"), width=10),
            Column("target_type", _("Record type"), width=18),
            Column("target_id", _("Record id"), width=10),
            Column("target", _("Record"), width=28),
            Column("ip", _("IP address"), width=16),
            Column("channel", _("Channel"), width=12),
            Column("request_id", _("Request id"), width=34),
            Column("region", _("Region code"), width=10),
            Column("changes", _("Changes"), width=60),
        ]

    def rows(self, scope: Scope, params: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
        filters = AuditFilter(
            actor=params.get("actor") or "",
            action=params.get("action") or "",
            date_from=params.get("date_from"),
            date_to=params.get("date_to"),
        )
        for entry in entries_within(scope, filters).iterator(chunk_size=CHUNK_SIZE):
            yield self._row(entry)

    def _row(self, entry: AuditEntry) -> list[Any]:
        return [
            timezone.localtime(entry.at),
            entry.actor_label,
            _label(Role, entry.actor_role) if entry.actor_role else "",
            actions.label_for(entry.action),
            _label(AuditEntry.Outcome, entry.outcome),
            entry.target_type,
            entry.target_id,
            entry.target_label,
            entry.ip or "",
            _label(AuditEntry.Channel, entry.channel),
            entry.request_id,
            entry.county_code or entry.city_code or entry.province_code or "",
            json.dumps(entry.changes, ensure_ascii=False, sort_keys=True) if entry.changes else "",
        ]
