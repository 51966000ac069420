"""The public notice (服务公示, standard 4): published in versions, and where it was published.

Versions follow one another without gaps or overlaps: publishing a version effective from D
closes the open version (the one without ``effective_until``) on D − 1 day, in the same
transaction. D must therefore come after the open version's start. D may lie ahead (a notice
announced for next month), but not more than a year ahead (almost always a mistyped year).
An incomplete notice may be published: :mod:`workstations.completeness` says what it lacks.
Where it was published (a channel and a date) is a thing that happened: never in the future.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record
from lawstation.errors import DomainError
from workstations.completeness import NOTICE_FIELDS
from workstations.models import Publication, PublicNotice, Workstation
from workstations.services.groups import refuse_future

HORIZON = timedelta(days=366)


@transaction.atomic
def publish_notice(
    workstation: Workstation,
    *,
    actor: User | None,
    effective_from: date,
    **fields: str,
) -> PublicNotice:
    """Publish a new version of ``workstation``'s notice, effective from ``effective_from``;
    ``fields`` are the notice's texts (see :data:`NOTICE_FIELDS`), blank when not given."""
    unknown = set(fields) - set(NOTICE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown notice fields: {sorted(unknown)}")
    values = {name: (fields.get(name) or "").strip() for name in NOTICE_FIELDS}
    _check_values(values, effective_from)
    Workstation.all_objects.select_for_update().filter(pk=workstation.pk).first()
    previous = PublicNotice.all_objects.filter(
        workstation=workstation, effective_until__isnull=True
    ).first()
    if previous is not None and effective_from <= previous.effective_from:
        raise DomainError(
            _(
                "The new version must take effect after the current one, which is effective "
                "from %(date)s."
            )
            % {"date": date_format(previous.effective_from, "Y-m-d")},
            code="order",
        )
    if previous is not None:
        previous.effective_until = effective_from - timedelta(days=1)
        previous.save(update_fields=["effective_until"])
        record(
            "public_notice.superseded",
            previous,
            actor=actor,
            changes={"effective_until": [None, previous.effective_until.isoformat()]},
        )
    notice = PublicNotice(workstation=workstation, effective_from=effective_from, **values)
    notice.set_region(workstation.federation.region)
    notice.save()
    changes = {name: [None, value] for name, value in values.items() if value}
    changes["effective_from"] = [None, effective_from.isoformat()]
    record("public_notice.published", notice, actor=actor, changes=changes)
    return notice


@transaction.atomic
def record_publication(
    notice: PublicNotice,
    *,
    actor: User | None,
    channel: str,
    published_on: date,
    location: str = "",
) -> Publication:
    """Record that ``notice`` was published through ``channel`` on ``published_on``."""
    if channel not in Publication.Channel.values:
        raise DomainError(_("Choose where it was published from the list."), code="channel")
    refuse_future(published_on, what=_("The publication date"))
    publication = Publication(
        notice=notice, channel=channel, published_on=published_on, location=location.strip()
    )
    publication.set_region(notice.workstation.federation.region)
    publication.save()
    record(
        "publication.recorded",
        publication,
        actor=actor,
        changes={
            "channel": [None, channel],
            "published_on": [None, published_on.isoformat()],
            "location": [None, publication.location],
        },
    )
    return publication


def _check_values(values: dict[str, str], effective_from: date) -> None:
    if effective_from > timezone.localdate() + HORIZON:
        raise DomainError(
            _("A notice can be announced at most a year ahead; check the year of %(date)s.")
            % {"date": date_format(effective_from, "Y-m-d")},
            code="too_far",
        )
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError as error:
            raise DomainError(
                _("The e-mail address %(email)s is not valid.") % {"email": values["email"]},
                code="email",
            ) from error
    limits = {
        name: PublicNotice._meta.get_field(name).max_length
        for name in NOTICE_FIELDS
        if PublicNotice._meta.get_field(name).max_length
    }
    for name, limit in limits.items():
        if len(values[name]) > limit:
            raise DomainError(
                _("%(field)s is too long (at most %(limit)s characters).")
                % {"field": PublicNotice._meta.get_field(name).verbose_name, "limit": limit},
                code="too_long",
            )
