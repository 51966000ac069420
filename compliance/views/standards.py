"""The framework page: the nine standards, their criteria and how each is measured; a province
clerk adds and retires the province's local criteria there."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from compliance import standards
from compliance.forms.standards import LocalCriterionForm
from compliance.selectors.standards import current_framework, framework_outline, local_criterion
from compliance.services.criteria import add_local_criterion, retire_criterion
from lawstation.errors import DomainError
from regions.models import Level, Region


def _province(request: HttpRequest) -> Region | None:
    code = request.scope.region_code
    region = Region.objects.filter(code=code).only("province_code").first()
    return Region.objects.filter(code=region.province_code).first() if region else None


def _may_edit(request: HttpRequest) -> bool:
    scope = request.scope
    return scope.level == Level.PROVINCE and scope.can(Capability.WORKSTATION_EDIT)


def _framework():
    framework = current_framework(timezone.localdate())
    if framework is None:
        raise Http404
    return framework


def _render(request: HttpRequest, form: LocalCriterionForm | None = None, status: int = 200):
    framework = _framework()
    province = _province(request)
    today = timezone.localdate()
    outline = framework_outline(framework, province.code if province else None, today)
    for view in outline:
        view.title = standards.standard_title(view.standard.number)
        view.summary = standards.standard_summary(view.standard.number)
        for criterion in view.criteria + view.retired:
            criterion.shown_text = standards.criterion_text(
                criterion.code, criterion.text, is_national=criterion.province_id is None
            )
            criterion.how = standards.measure_text(criterion.measure)
    may_edit = _may_edit(request)
    context = {
        "framework": framework,
        "framework_title": standards.FRAMEWORK_TITLE
        if framework.code == standards.FRAMEWORK_CODE
        else framework.title,
        "outline": outline,
        "province": province,
        "may_edit": may_edit,
        "form": form or (LocalCriterionForm() if may_edit else None),
    }
    return render(request, "compliance/standards/framework.html", context, status=status)


@never_cache
@requires(Capability.WORKSTATION_VIEW)
def framework(request: HttpRequest) -> HttpResponse:
    return _render(request)


def _refuse(request: HttpRequest) -> HttpResponse | None:
    if _may_edit(request):
        return None
    return render(request, "403.html", status=403)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def criterion_add(request: HttpRequest) -> HttpResponse:
    if (refusal := _refuse(request)) is not None:
        return refusal
    form = LocalCriterionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        standard = _framework().standards.filter(number=data["standard"]).first()
        try:
            if standard is None:
                raise DomainError(_("Choose one of the nine standards."), code="standard")
            criterion = add_local_criterion(
                request.membership.federation,
                standard,
                code=data["code"],
                text=data["text"],
                measure=data["measure"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Local criterion %(code)s was added.") % {"code": criterion.code}
            )
            return redirect("standards:framework")
    return _render(request, form)


@require_POST
@requires(Capability.WORKSTATION_EDIT)
def criterion_retire(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _refuse(request)) is not None:
        return refusal
    criterion = local_criterion(_framework(), pk)
    federation = request.membership.federation
    if criterion is None or criterion.province_id != federation.region_id:
        raise Http404
    try:
        retire_criterion(criterion, federation=federation, actor=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Local criterion %(code)s was retired.") % {"code": criterion.code}
        )
    return redirect("standards:framework")
