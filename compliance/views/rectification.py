"""Staff screens of rectification (整改) tasks: the list in scope with filters, creating one (from
an unmet reviewed item or by hand) and updating one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.permissions import denied, requires
from accounts.roles import Capability
from compliance.forms.assessments import show_error
from compliance.forms.rectification import TaskForm, TaskUpdateForm
from compliance.selectors.assessments import criterion_label
from compliance.selectors.rectification import (
    FILTERS,
    criteria_choices,
    own_workstation,
    owners_for,
    task_in_scope,
    tasks_in,
    unmet_item_in_scope,
)
from compliance.services.rectification import CLOSED, create_task, is_overdue, update_task
from lawstation.errors import DomainError

VIEW, EDIT = Capability.WORKSTATION_VIEW, Capability.WORKSTATION_EDIT


@never_cache
@requires(VIEW)
def task_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    show = show if show in FILTERS else "open"
    tasks = list(tasks_in(request.scope, show, today))
    for task in tasks:
        task.overdue = is_overdue(task, today)
    workstation = own_workstation(request.scope, request.membership.federation)
    context = {
        "tasks": tasks,
        "show": show,
        "filters": [
            ("open", _("Open and in progress")),
            ("overdue", _("Overdue")),
            ("done", _("Done or cancelled")),
            ("all", _("All")),
        ],
        "can_create": request.scope.can(EDIT) and workstation is not None,
        "today": today,
    }
    return render(request, "compliance/rectification/list.html", context)


@never_cache
@requires(EDIT)
def task_create(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    workstation = own_workstation(request.scope, request.membership.federation)
    if workstation is None:
        return render(request, "compliance/rectification/no_workstation.html", status=200)
    item_pk = request.GET.get("item", "")
    item = (
        unmet_item_in_scope(request.scope, workstation, int(item_pk)) if item_pk.isdigit() else None
    )
    criteria = None if item else criteria_choices(workstation, today)
    owners = owners_for(request.scope, workstation, today)
    initial = {"description": item.review_comment if item else ""}
    form = TaskForm(request.POST or None, criteria=criteria, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = create_task(
                workstation,
                actor=request.user,
                criterion=item.criterion if item else data["criterion"],
                item=item,
                description=data["description"],
                owner=data["owner"],
                deadline=data["deadline"],
                today=today,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The rectification task was created."))
            return redirect("rectification:detail", pk=task.pk)
    context = {
        "form": form,
        "item": item,
        "item_text": criterion_label(item.criterion) if item else "",
        "workstation": workstation,
    }
    return render(request, "compliance/rectification/create.html", context)


@never_cache
@requires(VIEW)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    task = task_in_scope(request.scope, pk)
    own = own_workstation(request.scope, request.membership.federation)
    can_edit = request.scope.can(EDIT) and own is not None and own.pk == task.workstation_id
    owners = owners_for(request.scope, task.workstation, today)
    form = None
    if request.method == "POST":
        if (refusal := denied(request, EDIT)) is not None:
            return refusal
        form = TaskUpdateForm(request.POST, task=task, owners=owners)
        if form.is_valid():
            try:
                update_task(
                    task,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"],
                    today=today,
                    **{key: value for key, value in form.cleaned_data.items() if key != "version"},
                )
            except DomainError as error:
                show_error(form, error)
            else:
                messages.success(request, _("The rectification task was updated."))
                return redirect("rectification:detail", pk=task.pk)
    elif can_edit:
        form = TaskUpdateForm(task=task, owners=owners)
    task.overdue = is_overdue(task, today)
    context = {
        "task": task,
        "criterion_text": criterion_label(task.criterion),
        "form": form,
        "can_edit": can_edit,
        "closed": task.status in CLOSED,
    }
    return render(request, "compliance/rectification/detail.html", context)
