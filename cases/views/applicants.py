"""Staff pages for applicants: list and search, register, detail, edit, show a number in full,
link records of the same person.

Every page needs ``case.view`` (editing ``case.edit``, showing a number ``identity.reveal``):
a lawyer reaches an applicant only through a case they serve, on the case pages. Full numbers
never travel in a URL: the search by number and "show in full" are POSTs, and every response
here is ``Cache-Control: no-store`` (``never_cache``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from cases.forms.applicants import (
    ApplicantEditForm,
    ApplicantForm,
    IdentifierSearchForm,
    LinkForm,
    RevealForm,
)
from cases.models import Applicant, CommunicationNeed, DisabilityCategory
from cases.selectors.applicants import (
    applicant_in_scope_or_404,
    applicants_within,
    find_by_id_number,
    links_of,
    possible_duplicates,
)
from cases.services.applicants import (
    PROFILE_FIELDS,
    link_applicants,
    record_applicant_viewed,
    register_applicant,
    reveal_identifier,
    update_applicant,
)
from lawstation.errors import DomainError

PAGE_SIZE = 50


@never_cache
@requires(Capability.CASE_VIEW)
def applicant_list(request: HttpRequest) -> HttpResponse:
    """GET: by name (``?q=``). POST: by a full ID or certificate number (audited)."""
    name = request.GET.get("q", "").strip()[:64]
    search = IdentifierSearchForm(request.POST or None)
    found = None
    if request.method == "POST" and search.is_valid():
        found = find_by_id_number(request.scope, search.cleaned_data["number"], actor=request.user)
    applicants = applicants_within(request.scope, name=name)
    page = Paginator(applicants, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/applicants/applicant_list.html",
        {"page": page, "q": name, "search": search, "found": found},
    )


@never_cache
@requires(Capability.CASE_EDIT)
def applicant_new(request: HttpRequest) -> HttpResponse:
    form = ApplicantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            applicant = register_applicant(
                request.membership.federation, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            _announce(request, applicant, _("%(name)s was registered.") % {"name": applicant.name})
            return redirect("applicants:detail", pk=applicant.pk)
    return render(request, "cases/applicants/applicant_form.html", {"form": form})


@never_cache
@requires(Capability.CASE_VIEW)
def applicant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    applicant = applicant_in_scope_or_404(request.scope, pk)
    record_applicant_viewed(applicant, actor=request.user)
    return _detail(request, applicant)


@never_cache
@requires(Capability.CASE_EDIT)
def applicant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    applicant = applicant_in_scope_or_404(request.scope, pk)
    initial = {name: getattr(applicant, name) for name in PROFILE_FIELDS}
    form = ApplicantEditForm(
        request.POST or None,
        applicant=applicant,
        initial={**initial, "version": applicant.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            updated = update_applicant(
                applicant,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            _announce(request, updated, _("The changes were saved."))
            return redirect("applicants:detail", pk=pk)
    return render(
        request, "cases/applicants/applicant_form.html", {"form": form, "applicant": applicant}
    )


@never_cache
@require_POST
@requires(Capability.IDENTITY_REVEAL)
def applicant_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The detail page once more, with one number in full: shown once, audited, not cached."""
    applicant = applicant_in_scope_or_404(request.scope, pk)
    form = RevealForm(request.POST)
    revealed = None
    if form.is_valid():
        try:
            number = reveal_identifier(
                applicant, actor=request.user, which=form.cleaned_data["which"]
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            revealed = {"which": form.cleaned_data["which"], "number": number}
    else:
        messages.error(request, _("Choose which number to show."))
    return _detail(request, applicant, revealed=revealed)


@require_POST
@requires(Capability.CASE_EDIT)
def applicant_link(request: HttpRequest, pk: int) -> HttpResponse:
    applicant = applicant_in_scope_or_404(request.scope, pk)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the record to link from the list of possible matches."))
        return redirect("applicants:detail", pk=pk)
    other = applicant_in_scope_or_404(request.scope, form.cleaned_data["same_as"])
    try:
        link_applicants(applicant, other, actor=request.user, note=form.cleaned_data["note"])
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s (record %(pk)s) is now linked as the same person.")
            % {"name": other.name, "pk": other.pk},
        )
    return redirect("applicants:detail", pk=pk)


def _detail(
    request: HttpRequest, applicant: Applicant, *, revealed: dict | None = None
) -> HttpResponse:
    duplicates = possible_duplicates(request.scope, applicant)
    link_forms = [
        (other, LinkForm(initial={"same_as": other.pk}, auto_id=f"id_link{other.pk}_%s"))
        for other in duplicates
        if not other.is_linked
    ]
    return render(
        request,
        "cases/applicants/applicant_detail.html",
        {
            "applicant": applicant,
            "duplicates": duplicates,
            "link_forms": link_forms,
            "links": links_of(request.scope, applicant),
            "revealed": revealed,
            "components": _labels(DisabilityCategory, applicant.disability_components),
            "needs": _labels(CommunicationNeed, applicant.communication_needs),
        },
    )


def _labels(choices: type, values: list[str]) -> list[str]:
    names = dict(choices.choices)
    return [str(names.get(value, value)) for value in values]


def _announce(request: HttpRequest, applicant: Applicant, text: str) -> None:
    messages.success(request, text)
    for warning in getattr(applicant, "identifier_warnings", ()):
        messages.warning(request, warning)
