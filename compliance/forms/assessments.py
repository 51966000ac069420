"""Forms of the self-assessment and its review: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import filetypes
from compliance.models import AssessmentItem, Result
from compliance.services.assessments import Answer, error_key
from compliance.services.reviews import Decision
from lawstation import periods
from lawstation.errors import DomainError

RESULT_CHOICES = [("", _("— not yet —")), *Result.choices]


class AccessibleErrors:
    """Field errors linked to their control (``aria-describedby``, ``aria-invalid``), as
    ``_field.html`` names them."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.mark_errors()

    def mark_errors(self) -> None:
        for name in self.errors:  # type: ignore[attr-defined]
            if name not in self.fields:  # type: ignore[attr-defined]
                continue
            bound = self[name]  # type: ignore[index]
            ids = [f"{bound.auto_id}_helptext"] if bound.field.help_text else []
            ids.append(f"{bound.auto_id}_error")
            bound.field.widget.attrs.update(
                {"aria-describedby": " ".join(ids), "aria-invalid": "true"}
            )


def show_error(form: Any, error: DomainError) -> None:
    """The service's refusal on its field when the form shows it, else at the top."""
    if hasattr(error, "error_dict") and not set(error.error_dict) <= set(form.fields):
        error = DomainError(error.messages, code=getattr(error, "code", None))
    form.add_error(None, error)
    if isinstance(form, AccessibleErrors):
        form.mark_errors()


class StartForm(AccessibleErrors, forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=32,
        help_text=_(
            "A period that has ended: a year (2025), a half-year (2025-H2), a quarter (2025-Q4) "
            "or two dates (2025-01-01..2025-06-30)."
        ),
    )

    def clean_period(self) -> periods.Period:
        try:
            return periods.parse(self.cleaned_data["period"])
        except periods.PeriodError as error:
            raise forms.ValidationError(str(error), code=error.code) from error


class AnswersForm(AccessibleErrors, forms.Form):
    """The workstation's result and statement for every item it may edit."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, items: list[AssessmentItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            code = item.criterion.code
            self.fields[error_key(item, "self_result")] = forms.ChoiceField(
                label=_("Your result for %(code)s") % {"code": code},
                choices=RESULT_CHOICES,
                required=False,
                initial=item.self_result,
            )
            self.fields[error_key(item, "statement")] = forms.CharField(
                label=_("Statement for %(code)s") % {"code": code},
                required=False,
                max_length=4000,
                initial=item.statement,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[int, Answer]:
        data = self.cleaned_data
        return {
            item.pk: Answer(
                self_result=data.get(error_key(item, "self_result")) or "",
                statement=data.get(error_key(item, "statement")) or "",
            )
            for item in self.items
        }


class ReviewForm(AccessibleErrors, forms.Form):
    """The reviewer's decision per item."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, items: list[AssessmentItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            code = item.criterion.code
            self.fields[error_key(item, "review")] = forms.ChoiceField(
                label=_("Your review of %(code)s") % {"code": code},
                choices=AssessmentItem.Review.choices,
                required=False,
                initial=item.review,
                widget=forms.RadioSelect,
            )
            self.fields[error_key(item, "comment")] = forms.CharField(
                label=_("Comment on %(code)s") % {"code": code},
                required=False,
                max_length=4000,
                initial=item.review_comment,
                help_text=_("Required when you disagree."),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[error_key(item, "final_result")] = forms.ChoiceField(
                label=_("Final result of %(code)s if you conclude while disagreeing")
                % {"code": code},
                choices=RESULT_CHOICES,
                required=False,
                initial=item.final_result,
            )

    def decisions(self) -> dict[int, Decision]:
        data = self.cleaned_data
        return {
            item.pk: Decision(
                review=data.get(error_key(item, "review")) or "",
                comment=data.get(error_key(item, "comment")) or "",
                final_result=data.get(error_key(item, "final_result")) or "",
            )
            for item in self.items
        }


class EvidenceForm(AccessibleErrors, forms.Form):
    # An empty file reaches the service, which refuses it and audits the refusal.
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,
        help_text=_(
            "PDF, JPEG, PNG, Word (.docx), Excel (.xlsx) or plain text (.txt), at most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(filetypes.allowed_extensions())}),
    )
