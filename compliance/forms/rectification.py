"""Forms of rectification (整改) tasks: they parse input; the service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.forms.assessments import AccessibleErrors
from compliance.models import RectificationTask
from compliance.selectors.assessments import criterion_label
from compliance.services.rectification import TRANSITIONS
from people.forms import DateInput


class CriterionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.standard.number}. {obj.code} {criterion_label(obj)[:80]}"


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class TaskForm(AccessibleErrors, forms.Form):
    criterion = CriterionField(label=_("Criterion"), queryset=None)
    description = forms.CharField(
        label=_("What must be done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner = PersonField(label=_("Responsible person"), queryset=None)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(self, *args: Any, criteria: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        if criteria is None:  # made from an item: its criterion is fixed
            del self.fields["criterion"]
        else:
            self.fields["criterion"].queryset = criteria


class TaskUpdateForm(AccessibleErrors, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=RectificationTask.Status.choices)
    description = forms.CharField(
        label=_("What must be done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner = PersonField(label=_("Responsible person"), queryset=None)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    completed_on = forms.DateField(
        label=_("Completed on"),
        required=False,
        widget=DateInput(),
        help_text=_("Required when the task is done."),
    )
    completion_note = forms.CharField(
        label=_("Evidence of completion, or the reason for cancelling"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the task is done or cancelled."),
    )

    def __init__(self, *args: Any, task: RectificationTask, owners: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "version": task.version,
                "status": task.status,
                "description": task.description,
                "owner": task.owner_id,
                "deadline": task.deadline,
                "completed_on": task.completed_on,
                "completion_note": task.completion_note,
            },
        )
        super().__init__(*args, **kwargs)
        allowed = (task.status, *TRANSITIONS[task.status])
        labels = dict(RectificationTask.Status.choices)
        self.fields["status"].choices = [(value, labels[value]) for value in allowed]
        self.fields["owner"].queryset = owners
