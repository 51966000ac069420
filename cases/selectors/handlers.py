"""Who may handle a case: the lawyers and legal workers engaged at its workstation."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.models import Case, MatterCategory
from people.models import Engagement, Person

HANDLER_KINDS = (Person.Kind.LAWYER, Person.Kind.LEGAL_WORKER)


def eligible_handlers(case: Case) -> QuerySet[Person]:
    """People of the case's federation who may handle it today: lawyers or legal workers (a
    lawyer for a criminal matter), active and engaged at the case's workstation."""
    today = timezone.localdate()
    kinds = (
        (Person.Kind.LAWYER,) if case.matter_category == MatterCategory.CRIMINAL else HANDLER_KINDS
    )
    engaged = Engagement.all_objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        workstation_id=case.workstation_id,
        starts_on__lte=today,
    ).values("person_id")
    return Person.all_objects.filter(
        Q(active_until__isnull=True) | Q(active_until__gte=today),
        federation_id=case.federation_id,
        kind__in=kinds,
        active_from__lte=today,
        pk__in=engaged,
    ).order_by("name", "pk")
