"""The upload form: it parses input; the document service checks the file itself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import filetypes
from cases.models import Document


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_kind_display()} · {obj.provided_on:%Y-%m-%d} · {obj.provider.name}"


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=128)
    category = forms.ChoiceField(label=_("Category"), choices=Document.Category.choices)
    service = ServiceChoiceField(
        label=_("Belongs to the service"),
        queryset=None,
        required=False,
        help_text=_("Optional: for example the letter of a coordination."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, JPEG, PNG, Word (.docx), Excel (.xlsx) or plain text (.txt), at most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(filetypes.allowed_extensions())}),
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
