"""The case list: filters, search and keyset pages over the cases the user may see."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from cases.forms.lists import CaseFilterForm
from cases.models import Case, MatterCategory
from cases.selectors.lists import CaseFilter
from cases.selectors.lists import case_list as list_cases
from cases.services.searches import record_identifier_search
from regions.scoping import regions_within


@never_cache
@requires((Capability.CASE_VIEW, Capability.CASE_VIEW_ASSIGNED))
def case_list(request: HttpRequest) -> HttpResponse:
    """Newest first; ``?after=<cursor>`` continues after the previous page's last case."""
    regions = list(regions_within(request.scope).order_by("code"))
    form = CaseFilterForm(request.GET or None, regions=regions)
    page = None
    if not form.is_bound or form.is_valid():
        filters = form.to_filter() if form.is_bound else CaseFilter()
        page = list_cases(request.scope, filters, after=request.GET.get("after"))
        label_rows(page.cases)
        if number := form.searched_identifier():
            record_identifier_search(
                number, actor=request.user, kind=form.search_kind, results=page.count
            )
    query = request.GET.copy()
    query.pop("after", None)
    template = "cases/_case_results.html" if request.htmx else "cases/case_list.html"
    return render(
        request,
        template,
        {"form": form, "page": page, "query": query.urlencode(), "filtered": bool(query)},
    )


def label_rows(cases: list[Case]) -> None:
    """Each row's status and matter labels, translated once per page: ``get_FOO_display``
    translates every choice on every call (a third of the page's time at 50 rows)."""
    statuses = {value: str(label) for value, label in Case.Status.choices}
    matters = {value: str(label) for value, label in MatterCategory.choices}
    for case in cases:
        case.status_label = statuses.get(case.status, case.status)
        case.matter_label = matters.get(case.matter_category, case.matter_category)
