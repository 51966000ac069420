"""The data-quality list (issue 7, item 3): for a region and a period, how many records fail
each check and how many of them block the report of the region's federation, then the records
of each check with what to do and a link to a page the viewer can open to put each right.

``?region=<code>&period=<key>&records=own|region&check=<name>&page=<n>``. ``records``: the
federation's own records (those that block its report; the default on one's own region) or
every record filed under the region (the default on a region below). ``check``: one check's
records in full, page by page; without it, the first records of every check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from math import ceil
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from compliance.selectors.data_quality import CHECK_BY_NAME, CHECKS, Check
from lawstation import periods
from lawstation.periods import Period
from regions.models import Federation, Region
from regions.scoping import Scope, child_regions
from regions.selectors import region_in_scope
from stats.forms.quality import QualityForm
from stats.selectors.quality import (
    DEFAULT_LIMIT,
    OWN,
    REGION,
    Problem,
    blocking_problems,
    federation_of,
    problem_counts,
    problems,
)
from stats.services.quality import record_quality_viewed

PAGE_SIZE = 50

# What to do about each check's records. A check that no page corrects is a warning
# (compliance.selectors.data_quality); its advice says who can correct the record.
ADVICE: dict[str, Promise] = {
    "missing_disability_category": gettext_lazy(
        "Record the disability category on the applicant's record; saving it fills in the "
        "category of the applicant's cases. The record is kept, and corrected, by the "
        "federation that registered the applicant, also after a case is transferred."
    ),
    "applicant_missing_sex_or_birth": gettext_lazy(
        "Enter the sex and the date of birth on the applicant's record (they come from the "
        "resident ID number when it is entered). The federation that registered the applicant "
        "corrects it, also after a case is transferred."
    ),
    "closed_without_summary": gettext_lazy(
        "No page adds a closing summary after closing. While the case is closed (not archived) "
        "it can be reopened on the case page and closed again with a summary; otherwise keep "
        "the summary in the paper file."
    ),
    "closed_without_outcome": gettext_lazy(
        "On the case page, reopen the case (the reason: the outcome is missing), then close it "
        "again with its outcome."
    ),
    "referral_without_target": gettext_lazy(
        "No page changes the receiving agency of a sent referral. Give the case number and the "
        "agency named on the referral letter to the system administrator to correct the record. "
        "The report is not affected: referrals are counted by kind."
    ),
    "referred_without_referral": gettext_lazy(
        "On the case page, reopen the case; then record and send the referral that was made and "
        "close the case again as referred, or close it again with the outcome it really had."
    ),
    "archived_without_number": gettext_lazy(
        "An archived file cannot change in the system. Give the case number and the number "
        "written on the paper file to the system administrator to correct the record."
    ),
    "certificate_contradicts": gettext_lazy(
        "Compare the disability certificate with the applicant's record and correct the "
        "certificate number or the category and grade. The federation that registered the "
        "applicant corrects it, also after a case is transferred."
    ),
    "registered_before_intake": gettext_lazy(
        "Neither time can be changed in the system: both are stamped when they are recorded, so "
        "a wrong one comes from an import or a wrong server clock. Give the case number to the "
        "system administrator, who checks the clock and corrects the record."
    ),
    "registered_late": gettext_lazy(
        "Register cases within the days allowed after the request is received; note the "
        "reason for the delay in the case file."
    ),
    "possible_duplicate": gettext_lazy(
        "Compare the cases. If they are the same request, keep one and settle the other on its "
        "case page: do not accept it while it is registered, or close it as withdrawn, noting "
        "the number of the case kept. Two different requests of the same person stay as they "
        "are."
    ),
    "future_dates": gettext_lazy(
        "Registration, closing and archiving times are stamped when they are recorded and no "
        "page changes them. Give the case number to the system administrator, who checks the "
        "server's clock and corrects the record. A closed case can also be reopened on the case "
        "page and closed again."
    ),
    "future_service_dates": gettext_lazy("Edit the service and correct the date in the future."),
    "future_referral_dates": gettext_lazy(
        "The steps of a referral cannot be changed once recorded. Give the case number and the "
        "step with the wrong date to the system administrator, who checks the server's clock "
        "and corrects the record."
    ),
    "future_return_visit_dates": gettext_lazy(
        "A recorded return visit cannot be changed. Give the case number and the day the visit "
        "was really made to the system administrator, who checks the server's clock and "
        "corrects the record."
    ),
}
# Beside an error's record that can no longer change (``Check.correctable``).
NOT_CORRECTABLE = gettext_lazy(
    "The case is archived and its file cannot change: this record does not block the report. "
    "If it must be corrected, give the case number to the system administrator."
)


@dataclass(frozen=True)
class Page:
    """A page a problem links to: its URL name and arguments, the capability its view needs,
    and whether the record is corrected there (or only read)."""

    url_name: str
    kwargs: Callable[[Problem], dict[str, int]]
    capability: str
    label: Promise
    corrects: bool = False


def _case(problem: Problem) -> dict[str, int]:
    return {"pk": problem.case_id}


def _applicant(problem: Problem) -> dict[str, int]:
    return {"pk": problem.applicant_id}


def _of_case(problem: Problem) -> dict[str, int]:
    return {"case_pk": problem.case_id, "pk": problem.row_id}


EDIT, VIEW, RECORD = Capability.CASE_EDIT, Capability.CASE_VIEW, Capability.SERVICE_RECORD
PAGES = {
    "applicant_edit": Page(
        "applicants:edit", _applicant, EDIT, gettext_lazy("Correct the applicant's record"), True
    ),
    "applicant": Page(
        "applicants:detail", _applicant, VIEW, gettext_lazy("See the applicant's record")
    ),
    # The case page holds the moves that put a case right: reopen, not accept, close.
    "case_edit": Page("cases:detail", _case, EDIT, gettext_lazy("Correct on the case page"), True),
    "case": Page("cases:detail", _case, VIEW, gettext_lazy("See the case")),
    "service_edit": Page(
        "case_services:edit", _of_case, RECORD, gettext_lazy("Edit the service"), True
    ),
    "service": Page("case_services:detail", _of_case, VIEW, gettext_lazy("See the service")),
    "referral": Page("referrals:detail", _of_case, VIEW, gettext_lazy("See the referral")),
}
# The pages of each check's records, the one that corrects them first (default: the case).
FIX_PAGES = {
    "missing_disability_category": ("applicant_edit", "applicant"),
    "applicant_missing_sex_or_birth": ("applicant_edit", "applicant"),
    "certificate_contradicts": ("applicant_edit", "applicant"),
    "closed_without_outcome": ("case_edit", "case"),
    "referred_without_referral": ("case_edit", "case"),
    "possible_duplicate": ("case_edit", "case"),
    "future_service_dates": ("service_edit", "service"),
    "referral_without_target": ("referral",),
    "future_referral_dates": ("referral",),
}


def fix_link(problem: Problem, scope: Scope) -> tuple[str, str] | None:
    """The first page of the problem's check that the viewer may open (a page that corrects
    only while the record can still change), with the words of the link; None: no page."""
    for key in FIX_PAGES.get(problem.check, ("case",)):
        page = PAGES[key]
        if not scope.can(page.capability) or (page.corrects and not problem.correctable):
            continue
        return reverse(page.url_name, kwargs=page.kwargs(problem)), str(page.label)
    return None


@dataclass(frozen=True)
class Row:
    problem: Problem
    link: tuple[str, str] | None
    blocks: bool  # blocks the report of the region's federation
    status: str


@dataclass(frozen=True)
class Section:
    check: Check
    advice: Promise
    count: int
    blocking: int  # of them, blocking the report of the region's federation
    rows: list[Row]
    first: int  # the position of the first row shown (from 1)
    all_url: str  # the check's records in full, page by page

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1

    @property
    def stuck(self) -> bool:
        """Some error rows shown can no longer change (and block nothing)."""
        return self.check.blocks and any(not row.problem.correctable for row in self.rows)


def row_of(problem: Problem, check: Check, federation: Federation | None, scope: Scope) -> Row:
    own = federation is not None and problem.federation_id == federation.pk
    blocks = check.blocks and problem.correctable and own
    if blocks:
        status = _("This federation's report")
    elif not check.blocks:
        status = _("None (a warning)")
    elif not problem.correctable:
        status = _("None (the record can no longer change)")
    else:
        status = _("The report of the federation that keeps the record")
    return Row(problem, fix_link(problem, scope), blocks, status)


@dataclass(frozen=True)
class Listing:
    """What the page lists: the region, the period, whose records, optionally one check."""

    region: Region
    period: Period
    records: str
    check: Check | None = None
    page: int = 1

    def url(self, **changes: object) -> str:
        values = {"region": self.region.code, "period": self.period.key, "records": self.records}
        values |= {"check": self.check.name if self.check else "", "page": self.page} | changes
        query = {key: value for key, value in values.items() if value not in ("", None, 1)}
        return f"{reverse('quality:list')}?{urlencode(query)}"


def sections_of(
    listing: Listing, counts: dict[str, int], blocking: dict[str, int], scope: Scope
) -> list[Section]:
    """Each check with problems and its first records, or the one check chosen and the records
    of the page (one query per check listed)."""
    federation = federation_of(listing.region)
    chosen = [listing.check] if listing.check else [c for c in CHECKS if counts[c.name]]
    size = PAGE_SIZE if listing.check else DEFAULT_LIMIT
    offset = (listing.page - 1) * size
    sections = []
    for check in chosen:
        found = problems(
            listing.region,
            listing.period,
            check,
            records=listing.records,
            limit=size,
            offset=offset,
        )
        rows = [row_of(problem, check, federation, scope) for problem in found]
        all_url = listing.url(check=check.name, page=1)
        advice = ADVICE[check.name]
        count = counts[check.name]
        sections.append(
            Section(check, advice, count, blocking.get(check.name, 0), rows, offset + 1, all_url)
        )
    return sections


def pages_of(listing: Listing, total: int) -> dict[str, object]:
    """The pager of one check's records, on ``total`` pages."""
    return {
        "number": listing.page,
        "total": total,
        "previous": listing.url(page=listing.page - 1) if listing.page > 1 else "",
        "next": listing.url(page=listing.page + 1) if listing.page < total else "",
    }


def default_period() -> Period:
    """The current year so far."""
    return periods.year(timezone.localdate().year)


def _chosen(request: HttpRequest, region: Region) -> tuple[QualityForm, Listing | None]:
    """The form, and what to list when it is valid (its defaults when nothing was asked)."""
    own_region = region.code == request.scope.region_code
    default_records = OWN if own_region else REGION
    if "period" not in request.GET:
        period = default_period()
        initial = {"region": region.code, "period": period.key, "records": default_records}
        return QualityForm(initial=initial), Listing(region, period, default_records)
    data = request.GET.copy()
    data.setdefault("records", default_records)
    form = QualityForm(data)
    if not form.is_valid():
        return form, None
    chosen = form.cleaned_data
    check = CHECK_BY_NAME[chosen["check"]] if chosen["check"] else None
    records = chosen["records"] or default_records
    return form, Listing(region, chosen["period"], records, check, chosen["page"] or 1)


@never_cache
@requires(Capability.STATISTICS_VIEW)
def quality_list(request: HttpRequest) -> HttpResponse:
    region = region_in_scope(request.scope, request.GET.get("region") or request.scope.region_code)
    form, listing = _chosen(request, region)
    federation = federation_of(region)
    context = {"region": region, "form": form, "federation": federation, "listing": listing}
    if listing is not None:
        counts = problem_counts(region, listing.period, records=listing.records)
        blocking = blocking_problems(federation, listing.period) if federation else {}
        if listing.check:  # past the last page: the last one
            last = max(1, ceil(counts[listing.check.name] / PAGE_SIZE))
            listing = replace(listing, page=min(listing.page, last))
            context.update(pages=pages_of(listing, last))
        summary = [(check, counts[check.name], blocking.get(check.name, 0)) for check in CHECKS]
        context.update(
            listing=listing,
            period=listing.period,
            summary=summary,
            blocking=sum(blocking.values()),
            errors=sum(count for check, count, _b in summary if check.blocks),
            warnings=sum(count for check, count, _b in summary if not check.blocks),
            sections=sections_of(listing, counts, blocking, request.scope),
            below=list(child_regions(request.scope, region)),
            own_url=listing.url(records=OWN, check="", page=1),
            region_url=listing.url(records=REGION, check="", page=1),
            all_checks_url=listing.url(check="", page=1),
            not_correctable=NOT_CORRECTABLE,
        )
        record_quality_viewed(
            region,
            listing.period,
            actor=request.user,
            records=listing.records,
            check=listing.check.name if listing.check else "",
            page=listing.page,
        )
    return render(request, "stats/quality/list.html", context)
