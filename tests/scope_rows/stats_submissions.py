"""Scope-matrix rows for the period reports (issue 7, item 4).

A report is an object of the submitting federation's region, written directly (one submitted
report per federation, for 2026-Q3). The POST steps are sent with a stale or empty form: whoever
may act in scope gets the page again with the refusal (200), nothing is saved."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.urls import reverse

from accounts.roles import Capability
from stats.models import PeriodReport
from tests.factories import Cast
from tests.scope import Row, roles_with

VIEW, SUBMIT, REVIEW = (
    Capability.STATISTICS_VIEW,
    Capability.STATISTICS_SUBMIT,
    Capability.STATISTICS_REVIEW,
)


def report_for(cast: Cast, code: str) -> PeriodReport:
    """A submitted 2026-Q3 report of ``code``'s federation (made once)."""
    federation = cast.federations[code]
    existing = PeriodReport.all_objects.filter(federation=federation).first()
    if existing is not None:
        return existing
    region = cast.regions[code]
    report = PeriodReport(
        federation=federation,
        region=region,
        submitted_to=cast.federations.get(region.parent_id),
        kind="quarter",
        period_key="2026-Q3",
        period_start=date(2026, 7, 1),
        period_end=date(2026, 9, 30),
        due_on=date(2026, 10, 10),
        status=PeriodReport.Status.SUBMITTED,
        submitted_at=datetime(2026, 10, 2, 2, 0, tzinfo=UTC),
        submitted_by=cast.user(code, "clerk"),
    )
    report.set_region(region)
    report.save()
    return report


def _url(name: str):
    return lambda cast, code: reverse(name, args=[report_for(cast, code).pk])


def _post(name: str, capability: str, data: dict) -> Row:
    return Row(
        _url(name),
        roles_with(capability),
        anonymous=302,
        is_object=True,
        method="post",
        data=data,
    )


ROWS: dict[str, Row] = {
    "submissions:list": Row(
        lambda cast, code: reverse("submissions:list"), roles_with(VIEW), anonymous=302
    ),
    # A period that does not exist: the list page again with the message.
    "submissions:submit": Row(
        lambda cast, code: reverse("submissions:submit"),
        roles_with(SUBMIT),
        anonymous=302,
        method="post",
        data={"period": "2026-Q5", "version": 0},
    ),
    "submissions:detail": Row(
        _url("submissions:detail"), roles_with(VIEW), anonymous=302, is_object=True
    ),
    "submissions:return": _post("submissions:return", REVIEW, {"reason": "", "version": 0}),
    "submissions:accept": _post("submissions:accept", REVIEW, {"version": 0}),
    "submissions:reopen": _post("submissions:reopen", SUBMIT, {"reason": "", "version": 0}),
    "submissions:reopen_decide": _post(
        "submissions:reopen_decide", REVIEW, {"decision": "accept", "version": 0}
    ),
}
