"""A province's local criteria: added beside the national ones, retired when no longer used.

A criterion is never edited: a change is a new criterion and the old one retired, so past
assessments keep the criteria they were made with. A local criterion may not duplicate a national
one of its standard (same measure, or the same text once spaces, punctuation and case are set
aside) nor reuse a code of that standard.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import record
from compliance.indicators import STANDARD_OF
from compliance.models import Criterion, Standard
from compliance.standards import CRITERION_BY_CODE
from lawstation.errors import DomainError
from regions.models import Federation, Level

CODE_MAX = 16
TEXT_LANGUAGES = ("en", "zh-hans")


def normalise(text: str) -> str:
    """The text without spaces, punctuation or symbols, case-folded and NFKC-normalised, so
    "Staff on site, monthly." and "staff on site monthly" compare equal."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZSC")


def _texts_of(criterion: Criterion) -> set[str]:
    """The normalised texts a criterion is known by: as stored and, for a national one, as the
    registry gives it in English and Chinese."""
    texts = {normalise(criterion.text)}
    spec = CRITERION_BY_CODE.get(criterion.code) if criterion.province_id is None else None
    if spec is not None:
        for language in TEXT_LANGUAGES:
            with translation.override(language):
                texts.add(normalise(str(spec.text)))
    return texts


def _check_province(federation: Federation) -> None:
    if federation.region.level != Level.PROVINCE:
        raise DomainError(
            _("Only a provincial federation may add or retire local criteria."), code="province"
        )


def _check_new(standard: Standard, province, code: str, text: str, measure: str) -> None:
    if not code or len(code) > CODE_MAX:
        raise DomainError(
            _("Give the criterion a code of at most %(max)s characters.") % {"max": CODE_MAX},
            code="code",
        )
    if not normalise(text):
        raise DomainError(_("Write what the criterion asks."), code="text")
    if measure and STANDARD_OF.get(measure) != standard.number:
        raise DomainError(
            _("That measure does not belong to standard %(number)s.") % {"number": standard.number},
            code="measure",
        )
    existing = list(standard.criteria.select_related("province"))
    if any(criterion.code.casefold() == code.casefold() for criterion in existing):
        raise DomainError(
            _("Standard %(number)s already has a criterion with the code %(code)s.")
            % {"number": standard.number, "code": code},
            code="code_taken",
        )
    today = timezone.localdate()
    current = [c for c in existing if c.retired_on is None or c.retired_on > today]
    national = [c for c in current if c.province_id is None]
    same_measure = [c for c in national if measure and c.measure == measure]
    if same_measure:
        raise DomainError(
            _(
                "National criterion %(code)s already measures this; a local criterion may not "
                "duplicate it."
            )
            % {"code": same_measure[0].code},
            code="duplicate",
        )
    wording = normalise(text)
    for criterion in national + [c for c in current if c.province_id == province.pk]:
        if wording in _texts_of(criterion):
            raise DomainError(
                _("Criterion %(code)s already says this; a local criterion may not duplicate it.")
                % {"code": criterion.code},
                code="duplicate",
            )


@transaction.atomic
def add_local_criterion(
    federation: Federation,
    standard: Standard,
    *,
    code: str,
    text: str,
    measure: str = "",
    actor: Any,
) -> Criterion:
    """A local criterion of ``federation``'s province under ``standard``, in force from today."""
    _check_province(federation)
    code, text, measure = (code or "").strip(), (text or "").strip(), (measure or "").strip()
    locked = Standard.objects.select_for_update().get(pk=standard.pk)
    province = federation.region
    _check_new(locked, province, code, text, measure)
    try:
        with transaction.atomic():
            criterion = Criterion.objects.create(
                standard=locked,
                code=code,
                text=text,
                measure=measure,
                province=province,
                added_on=timezone.localdate(),
            )
    except IntegrityError as error:
        raise DomainError(
            _("Standard %(number)s already has a criterion with the code %(code)s.")
            % {"number": locked.number, "code": code},
            code="code_taken",
        ) from error
    record(
        "criterion.added",
        criterion,
        actor=actor,
        region=province,
        changes={
            "standard": [None, locked.number],
            "code": [None, code],
            "text": [None, text],
            "measure": [None, measure],
        },
    )
    return criterion


@transaction.atomic
def retire_criterion(criterion: Criterion, *, federation: Federation, actor: Any) -> Criterion:
    """Retire a local criterion of ``federation``'s province from today; national criteria are
    retired only by a new version of the framework."""
    _check_province(federation)
    locked = Criterion.objects.select_for_update().get(pk=criterion.pk)
    if locked.province_id is None:
        raise DomainError(
            _("A national criterion cannot be retired by a province."), code="national"
        )
    if locked.province_id != federation.region_id:
        raise DomainError(_("This criterion belongs to another province."), code="province")
    if locked.retired_on is not None:
        raise DomainError(_("This criterion is already retired."), code="retired")
    locked.retired_on = timezone.localdate()
    locked.save(update_fields=["retired_on"])
    record(
        "criterion.retired",
        locked,
        actor=actor,
        region=federation.region,
        changes={"retired_on": [None, locked.retired_on.isoformat()]},
    )
    return locked
