"""The online request for help (``/help/``), its receipt and the status lookup (``/status/``).

Every page here is ``no-store`` (it may carry what the person typed or their reference). The
POSTs are rate-limited per client address (``portal.ratelimit``) before anything else is done.
"""

from __future__ import annotations

import time

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from lawstation.errors import DomainError
from lawstation.http import no_store
from portal import ratelimit
from portal.forms.help import HONEYPOT, HelpRequestForm
from portal.forms.status import StatusForm
from portal.notify import channel_for
from portal.references import display_reference, new_reference
from portal.selectors.places import places_under, provinces, region_by_code
from portal.selectors.routing import serving_federation
from portal.selectors.status import stage_of
from portal.services.requests import Submission, submit_help_request
from portal.stages import USUAL_REPLY_WORKING_DAYS
from portal.validation import is_mobile, normalise_phone
from regions.models import Level, Region

RECEIPT_SESSION_KEY = "portal_help_receipt"
# The receipt stays readable in this browser for a while only (a shared computer).
RECEIPT_SECONDS = 60 * 60


def _place_problem(code: str | None) -> tuple[Region | None, str]:
    """The chosen region when a workstation serves it, else a message saying what is wrong."""
    region = region_by_code((code or "").strip())
    if region is None:
        return None, _("We do not know this place. Choose where the person lives from the lists.")
    if serving_federation(region) is None:
        return None, _(
            "No workstation can receive requests for this place yet. Choose another place, or "
            "contact the local disabled persons' federation."
        )
    return region, ""


def _choose_place(request: HttpRequest, problem: str = "") -> HttpResponse:
    """Step 1: province → city → county, one GET form each, working without JavaScript."""
    province = region_by_code(request.GET.get("province"))
    province = province if province and province.level == Level.PROVINCE else None
    city = region_by_code(request.GET.get("city")) if province else None
    city = city if city and city.parent_id == province.code else None
    counties = list(places_under(city)) if city else []
    if city and not counties:  # a county directly under the province: it is the place
        return redirect(f"{request.path}?region={city.code}")
    context = {
        "problem": problem,
        "provinces": provinces(),
        "province": province,
        "cities": places_under(province) if province else [],
        "city": city,
        "counties": counties,
    }
    return render(request, "portal/help/choose_place.html", context)


def _form_page(request: HttpRequest, form: HelpRequestForm, region: Region) -> HttpResponse:
    context = {"form": form, "region": region, "honeypot": form[HONEYPOT]}
    return render(request, "portal/help/form.html", context)


def rate_limited(request: HttpRequest, decision: ratelimit.Decision) -> HttpResponse:
    minutes = decision.retry_minutes
    wait = ngettext(
        "Please wait %(count)d minute and try again.",
        "Please wait %(count)d minutes and try again.",
        minutes,
    ) % {"count": minutes}
    response = render(request, "portal/help/rate_limited.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response


@login_not_required
@no_store
@require_http_methods(["GET", "POST"])
def help_form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _submit(request)
    if "region" not in request.GET:
        return _choose_place(request)
    region, problem = _place_problem(request.GET.get("region"))
    if region is None:
        return _choose_place(request, problem)
    return _form_page(request, HelpRequestForm(), region)


def _submit(request: HttpRequest) -> HttpResponse:
    address = ratelimit.client_address(request)
    decision = ratelimit.hit_all([("help", address), ("help_daily", address)])
    if not decision.allowed:
        return rate_limited(request, decision)
    region, problem = _place_problem(request.POST.get("region"))
    if region is None:
        return _choose_place(request, problem)
    if request.POST.get(HONEYPOT):
        return _fake_receipt(request)
    form = HelpRequestForm(request.POST)
    if form.is_valid():
        try:
            submission = submit_help_request(
                form.details(), region=region, submission_key=form.cleaned_data["submission_key"]
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            _remember_receipt(request, submission)
            return redirect("help:receipt")
    return _form_page(request, form, region)


def _remember_receipt(request: HttpRequest, submission: Submission) -> None:
    help_request = submission.help_request
    shown = display_reference(help_request.reference)
    previous = request.session.get(RECEIPT_SESSION_KEY) or {}
    if not submission.created and previous.get("reference") == shown:
        return  # a double submit: the first receipt (with its code) stays
    choice = channel_for(help_request)
    request.session[RECEIPT_SESSION_KEY] = {
        "at": int(time.time()),
        "reference": shown,
        "code": submission.code,
        "email_only": not help_request.phone,
        "channel": choice[0] if choice else "",
    }


def _fake_receipt(request: HttpRequest) -> HttpResponse:
    """The honeypot was filled (a robot): a normal-looking receipt, nothing stored or audited."""
    phone = normalise_phone(request.POST.get("phone", "")) or ""
    email = (request.POST.get("email") or "").strip()
    request.session[RECEIPT_SESSION_KEY] = {
        "at": int(time.time()),
        "reference": display_reference(new_reference()),
        "code": "" if phone else "0000",
        "email_only": not phone,
        "channel": "sms" if is_mobile(phone) else ("email" if email else ""),
    }
    return redirect("help:receipt")


@login_not_required
@no_store
@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    """The reference (and code) from the session, never from the URL; what happens next."""
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    if receipt and time.time() - receipt.get("at", 0) > RECEIPT_SECONDS:
        del request.session[RECEIPT_SESSION_KEY]
        receipt = None
    context = {
        "receipt": receipt,
        "usual_days": USUAL_REPLY_WORKING_DAYS,
    }
    return render(request, "portal/help/receipt.html", context)


@login_not_required
@no_store
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """The stage of a request and its date: nothing else. Unknown and wrong look the same."""
    if request.method == "GET":
        return render(request, "portal/help/status.html", {"form": StatusForm()})
    address = ratelimit.client_address(request)
    decision = ratelimit.hit("status", address)
    if not decision.allowed:
        return rate_limited(request, decision)
    form = StatusForm(request.POST)
    context = {"form": form, "stage": None, "not_found": False}
    if form.is_valid():
        reference = form.cleaned_data["reference"]
        decision = ratelimit.hit("status_reference", reference)
        if not decision.allowed:
            return rate_limited(request, decision)
        context["stage"] = stage_of(reference, form.cleaned_data["second_factor"])
        context["not_found"] = context["stage"] is None
    return render(request, "portal/help/status.html", context)
