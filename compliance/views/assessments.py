"""Staff screens of self-assessments: the lists, starting one, the assessment page (what the data
say beside what the workstation says), evidence, and the review by the level above."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import requires
from accounts.roles import Capability
from cases import storage
from cases.views.documents import attachment_header
from compliance.forms.assessments import (
    AnswersForm,
    EvidenceForm,
    ReviewForm,
    StartForm,
    show_error,
)
from compliance.models import Assessment
from compliance.selectors.assessments import (
    assessment_in_scope,
    assessment_page,
    assessments_of,
    criterion_label,
    evidence_in_scope,
    item_in_scope,
    review_queue,
    reviewed_by,
)
from compliance.services.assessments import (
    check_own,
    error_key,
    save_answers,
    start_assessment,
    submit_assessment,
)
from compliance.services.evidence import content_type_of, record_evidence_download, upload_evidence
from compliance.services.reviews import FINAL, RETURN, check_reviewer, review_assessment
from lawstation.errors import DomainError

VIEW, EDIT, REVIEW = (
    Capability.WORKSTATION_VIEW,
    Capability.WORKSTATION_EDIT,
    Capability.COMPLIANCE_REVIEW,
)


@never_cache
@requires(VIEW)
def assessment_list(request: HttpRequest) -> HttpResponse:
    federation = request.membership.federation
    can_review = request.scope.can(REVIEW)
    return render(
        request,
        "compliance/assessments/list.html",
        {
            "federation": federation,
            "own": list(assessments_of(request.scope, federation)),
            "queue": list(review_queue(request.scope, federation)) if can_review else [],
            "reviewed": list(reviewed_by(request.scope, federation)) if can_review else [],
        },
    )


@never_cache
@requires(EDIT)
def assessment_start(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = start_assessment(
                request.membership.federation,
                actor=request.user,
                period=form.cleaned_data["period"],
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The self-assessment was started."))
            return redirect("assessments:detail", pk=assessment.pk)
    return render(request, "compliance/assessments/start.html", {"form": form})


@never_cache
@requires(VIEW)
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_in_scope(request.scope, pk)
    return _detail(request, assessment)


@require_POST
@requires(EDIT)
def assessment_save(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_in_scope(request.scope, pk)
    groups = assessment_page(request.scope, assessment)
    items = _editable_items(groups)
    form = AnswersForm(request.POST, items=items)
    if not form.is_valid():
        return _detail(request, assessment, groups=groups, form=form)
    try:
        saved = save_answers(
            assessment,
            actor=request.user,
            answers=form.answers(),
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as error:
        show_error(form, error)
        return _detail(request, assessment, groups=groups, form=form)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Your answers were saved."))
        return redirect("assessments:detail", pk=assessment.pk)
    try:
        submit_assessment(saved, actor=request.user, expected_version=saved.version)
    except DomainError as error:
        # The answers are saved; the form carries the new version so the next save works.
        data = request.POST.copy()
        data["version"] = str(saved.version)
        groups = assessment_page(request.scope, saved)
        form = AnswersForm(data, items=_editable_items(groups))
        form.is_valid()
        show_error(form, error)
        return _detail(request, saved, groups=groups, form=form)
    messages.success(request, _("The self-assessment was submitted to the level above."))
    return redirect("assessments:detail", pk=assessment.pk)


@never_cache
@requires(EDIT)
def evidence_upload(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    assessment = assessment_in_scope(request.scope, pk)
    item = item_in_scope(request.scope, assessment, item_pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = upload_evidence(item, actor=request.user, file=form.cleaned_data["file"])
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("“%(name)s” was added as evidence.") % {"name": evidence.original_name}
            )
            url = reverse("assessments:detail", args=[assessment.pk])
            return redirect(f"{url}#item-{item.pk}")
    context = {
        "assessment": assessment,
        "item": item,
        "item_text": criterion_label(item.criterion),
        "form": form,
    }
    return render(request, "compliance/assessments/evidence_form.html", context)


@never_cache
@requires(VIEW)
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    assessment = assessment_in_scope(request.scope, pk)
    evidence = evidence_in_scope(request.scope, assessment, evidence_pk)
    try:
        stream = storage.open_stored(evidence.stored_name)
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    try:
        record_evidence_download(evidence, actor=request.user)
    except BaseException:
        stream.close()
        raise
    response = FileResponse(stream, content_type=content_type_of(evidence))
    response["Content-Disposition"] = attachment_header(evidence.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@never_cache
@requires(REVIEW)
def assessment_review(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_in_scope(request.scope, pk)
    groups = assessment_page(request.scope, assessment)
    items = [row.item for group in groups for row in group.rows]
    refusal = _review_refusal(assessment, request.user)
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data, items=items, initial={"version": assessment.version})
    if data is not None and form.is_valid():
        outcome = request.POST.get("outcome", "save")
        try:
            review_assessment(
                assessment,
                actor=request.user,
                decisions=form.decisions(),
                outcome=outcome,
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _outcome_message(outcome))
            if outcome in (RETURN, FINAL):
                return redirect("assessments:detail", pk=assessment.pk)
            return redirect("assessments:review", pk=assessment.pk)
    context = {
        "assessment": assessment,
        "groups": _with_fields(groups, form, ("review", "comment", "final_result")),
        "form": form,
        "refusal": refusal,
        "waiting": assessment.status == Assessment.Status.SUBMITTED,
    }
    return render(request, "compliance/assessments/review.html", context)


# --- Helpers --------------------------------------------------------------------------------


def _detail(
    request: HttpRequest,
    assessment: Assessment,
    *,
    groups: list | None = None,
    form: AnswersForm | None = None,
) -> HttpResponse:
    groups = groups if groups is not None else assessment_page(request.scope, assessment)
    can_edit = request.scope.can(EDIT) and _is_own(assessment, request.user)
    if not can_edit:
        for group in groups:
            for row in group.rows:
                row.editable = False
    items = _editable_items(groups)
    if form is None and items:
        form = AnswersForm(items=items, initial={"version": assessment.version})
    context = {
        "assessment": assessment,
        "groups": _with_fields(groups, form, ("self_result", "statement")),
        "form": form,
        "can_edit": can_edit and bool(items),
        "can_review": request.scope.can(REVIEW)
        and _review_refusal(assessment, request.user) is None,
        "can_rectify": request.scope.can(EDIT)
        and assessment.status == Assessment.Status.FINAL
        and _is_own(assessment, request.user),
    }
    return render(request, "compliance/assessments/detail.html", context)


def _editable_items(groups: list) -> list:
    return [row.item for group in groups for row in group.rows if row.editable]


def _with_fields(groups: list, form: Any, names: tuple[str, ...]) -> list:
    """Attach each item's bound fields to its row (``row.fields.<name>``)."""
    for group in groups:
        for row in group.rows:
            row.fields = {}
            if form is None:
                continue
            for name in names:
                key = error_key(row.item, name)
                if key in form.fields:
                    row.fields[name] = form[key]
    return groups


def _is_own(assessment: Assessment, user: Any) -> bool:
    try:
        check_own(assessment, user)
    except DomainError:
        return False
    return True


def _review_refusal(assessment: Assessment, user: Any) -> str | None:
    try:
        check_reviewer(assessment, user)
    except DomainError as error:
        return " ".join(error.messages)
    return None


def _outcome_message(outcome: str) -> str:
    if outcome == RETURN:
        return _("The self-assessment was returned to the workstation for revision.")
    if outcome == FINAL:
        return _("The review was concluded; the results are final.")
    return _("Your review was saved.")
