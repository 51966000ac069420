"""Parameters several reports share: a region inside the user's scope, named by its code, and a
written period (``lawstation.periods``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lawstation import periods
from lawstation.errors import DomainError
from lawstation.periods import PeriodError
from regions.models import Region
from regions.scoping import Scope
from regions.selectors import region_in_scope

REGION_CODE = RegexValidator(r"^\d{6}$", gettext_lazy("Enter the region's six-digit code."))


def region_field(help_text: str | Promise) -> forms.CharField:
    """The optional ``region`` parameter: a six-digit code; empty for the user's own region."""
    return forms.CharField(
        label=gettext_lazy("Region (code)"),
        max_length=6,
        required=False,
        validators=[REGION_CODE],
        help_text=help_text,
    )


def period_key(text: str) -> str:
    """The key of the written period (``2026-Q3``); a ``ValidationError`` for a bad one."""
    try:
        return periods.parse(text).key
    except PeriodError as error:
        raise forms.ValidationError(str(error), code=error.code) from error


def region_of(scope: Scope, params: Mapping[str, Any]) -> Region:
    """The ``region`` parameter (default: the scope's own region) when the scope covers it;
    a ``DomainError`` otherwise, the same for a region outside the scope as for none."""
    code = params.get("region") or scope.region_code
    try:
        return region_in_scope(scope, code)
    except Http404 as missing:
        raise DomainError(
            _("There is no region %(code)s in your region.") % {"code": code},
            code="unknown_region",
        ) from missing
