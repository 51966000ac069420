"""The audit administrator's search of the log, within their scope."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.permissions import requires
from accounts.roles import Capability
from audit.forms import AuditSearchForm
from audit.models import AuditEntry
from audit.selectors import AuditFilter, entries_within, entry_in_scope
from audit.services import record

PAGE_SIZE = 50


@never_cache
@requires(Capability.AUDIT_VIEW)
def entry_list(request: HttpRequest) -> HttpResponse:
    """Newest first, keyset-paginated (``?before=<id>``) so deep pages stay fast."""
    form = AuditSearchForm(request.GET or None)
    entries: list[AuditEntry] = []
    next_cursor = None
    if not form.is_bound or form.is_valid():
        filters = form.to_filter() if form.is_bound else AuditFilter()
        queryset = entries_within(request.scope, filters)
        before = request.GET.get("before", "")
        if before.isdigit():
            queryset = queryset.filter(id__lt=int(before))
        entries = list(queryset[: PAGE_SIZE + 1])
        if len(entries) > PAGE_SIZE:
            entries = entries[:PAGE_SIZE]
            next_cursor = entries[-1].pk
        record(
            "audit.viewed",
            None,
            actor=request.user,
            changes={"query": [None, _search_text(request)]},
        )
    template = "audit/_entries.html" if request.htmx else "audit/entry_list.html"
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        template,
        {"form": form, "entries": entries, "next_cursor": next_cursor, "query": query.urlencode()},
    )


@never_cache
@requires(Capability.AUDIT_VIEW)
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_in_scope(request.scope, pk)
    record("audit.viewed", entry, actor=request.user)
    return render(request, "audit/entry_detail.html", {"entry": entry})


def _search_text(request: HttpRequest) -> str:
    """The search as typed, not percent-encoded: record() masks the identifiers it can see, and
    in ``%E5%8F%B7340102…`` an ID number hides behind the escape's last hex digit."""
    return "&".join(f"{key}={value}" for key, values in request.GET.lists() for value in values)
