"""Form pieces shared by the portal's public forms: plain-text fields and error linking."""

from __future__ import annotations

from typing import Any

from django import forms

from portal.validation import InputProblem, clean_text


class PlainTextField(forms.CharField):
    """Text checked by ``portal.validation.clean_text``: trimmed, no direction-control or other
    control characters, no markup, at most ``limit`` characters (the form says which)."""

    def __init__(self, *, limit: int, multiline: bool = False, **kwargs: Any) -> None:
        self.limit = limit
        self.multiline = multiline
        kwargs.setdefault("required", False)
        super().__init__(strip=False, **kwargs)

    def to_python(self, value: Any) -> str:
        try:
            return clean_text(
                value if isinstance(value, str) else "",
                max_length=self.limit,
                multiline=self.multiline,
            )
        except InputProblem as problem:
            raise forms.ValidationError(problem.message, code=problem.code) from None


class LinkedErrorsMixin:
    """After validation, each field with errors points at its messages (``aria-describedby``
    ``<id>_error`` as the portal's field templates number them) and at its hint."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
