"""Scope-matrix rows for the people pages (staff members, providers and engagements)."""

from django.urls import reverse

from accounts.roles import Capability
from tests.people.helpers import make_engagement, make_person
from tests.scope import Row, roles_with


def person_url(name: str):
    return lambda cast, code: reverse(name, args=[code, make_person(cast, code).pk])


def end_engagement_url(cast, code):
    engagement = make_engagement(cast, code)
    return reverse("people:end_engagement", args=[code, engagement.person_id, engagement.pk])


VIEW = roles_with(Capability.WORKSTATION_VIEW)
EDIT = roles_with(Capability.WORKSTATION_EDIT)
ACTION = roles_with(Capability.WORKSTATION_EDIT, allowed=302)

ROWS: dict[str, Row] = {
    "people:list": Row(
        lambda cast, code: reverse("people:list", args=[code]), VIEW, anonymous=302, is_object=True
    ),
    "people:new": Row(
        lambda cast, code: reverse("people:new", args=[code]), EDIT, anonymous=302, is_object=True
    ),
    "people:detail": Row(person_url("people:detail"), VIEW, anonymous=302, is_object=True),
    "people:edit": Row(person_url("people:edit"), EDIT, anonymous=302, is_object=True),
    "people:engage": Row(person_url("people:engage"), EDIT, anonymous=302, is_object=True),
    "people:left": Row(
        person_url("people:left"),
        ACTION,
        anonymous=302,
        is_object=True,
        method="post",
        data={"on": "2020-01-01"},
    ),
    "people:end_engagement": Row(
        end_engagement_url,
        ACTION,
        anonymous=302,
        is_object=True,
        method="post",
        data={"on": "2020-06-30"},
    ),
}
