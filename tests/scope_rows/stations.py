"""Scope-matrix rows for the coordination group, workstation and public notice pages.

The URL lambdas prepare region ``code`` so that an allowed POST succeeds (302) every time it is
called: set-up and create first remove what an earlier call made; the status change and the
adjustment first put their row back to planned, version 1."""

from django.urls import reverse

from accounts.roles import Capability
from tests.scope import Row, roles_with
from tests.workstations.stations_helpers import make_group, make_member, make_notice, make_station
from workstations.models import (
    CoordinationGroup,
    GroupAdjustment,
    GroupMember,
    PublicNotice,
    StatusChange,
    Workstation,
)

VIEW = roles_with(Capability.WORKSTATION_VIEW)
EDIT = roles_with(Capability.WORKSTATION_EDIT)
ACTION = roles_with(Capability.WORKSTATION_EDIT, allowed=302)


def page(name: str, prepare=None):
    def url(cast, code):
        if prepare:
            prepare(cast, code)
        return reverse(f"stations:{name}", args=[code])

    return url


def no_group(cast, code):
    groups = CoordinationGroup.all_objects.filter(federation=cast.federations[code])
    GroupAdjustment.all_objects.filter(group__in=groups).delete()
    GroupMember.all_objects.filter(group__in=groups).delete()
    groups.delete()


def fresh_planned_station(cast, code):
    workstation = make_station(cast, code)
    Workstation.all_objects.filter(pk=workstation.pk).update(
        status=Workstation.Status.PLANNED, version=1
    )


def group_at_version_1(cast, code):
    group = make_group(cast, code)
    CoordinationGroup.all_objects.filter(pk=group.pk).update(version=1)


def no_station(cast, code):
    stations = Workstation.all_objects.filter(federation=cast.federations[code])
    StatusChange.all_objects.filter(workstation__in=stations).delete()
    stations.delete()


def member_left_url(cast, code):
    return reverse("stations:member_left", args=[code, make_member(cast, code).pk])


def publication_url(cast, code):
    notice = PublicNotice.all_objects.filter(workstation__federation=cast.federations[code]).first()
    notice = notice or make_notice(cast, code)
    return reverse("stations:publication_add", args=[code, notice.pk])


def row(url, expect, **kwargs) -> Row:
    return Row(url, expect, anonymous=302, is_object=True, **kwargs)


ROWS: dict[str, Row] = {
    "stations:group": row(page("group"), VIEW),
    "stations:group_set_up": row(
        page("group_set_up", no_group),
        ACTION,
        method="post",
        data={
            "established_on": "2019-06-01",
            "document_number": "皖残联〔2019〕56号",
            "document_date": "2019-06-01",
        },
    ),
    "stations:group_adjust": row(
        page("group_adjust", group_at_version_1),
        ACTION,
        method="post",
        data={
            "kind": "member_changed",
            "effective_on": "2020-01-01",
            "document_number": "合残联〔2020〕1号",
            "document_date": "2020-01-01",
            "version": "1",
        },
    ),
    "stations:member_add": row(
        page("member_add", make_group),
        ACTION,
        method="post",
        data={
            "unit": "court",
            "unit_name": "人民法院",
            "name": "赵法官",
            "post": "副院长",
            "since": "2020-01-01",
        },
    ),
    "stations:member_left": row(
        member_left_url, ACTION, method="post", data={"until": "2020-06-30"}
    ),
    "stations:workstation": row(page("workstation"), VIEW),
    "stations:workstation_create": row(
        page("workstation_create", no_station),
        ACTION,
        method="post",
        data={"name": "法律救助工作站", "planned_on": "2019-01-01"},
    ),
    "stations:workstation_edit": row(page("workstation_edit", make_station), EDIT),
    "stations:workstation_status": row(
        page("workstation_status", fresh_planned_station),
        ACTION,
        method="post",
        data={"status": "closed", "effective_on": "2020-01-01", "note": "撤销", "version": "1"},
    ),
    "stations:premises_check": row(
        page("premises_check", make_station),
        ACTION,
        method="post",
        data={"item": "signage", "present": "no", "checked_on": "2020-01-01"},
    ),
    "stations:notice": row(page("notice", make_station), VIEW),
    "stations:notice_new": row(page("notice_new", make_station), EDIT),
    "stations:publication_add": row(
        publication_url,
        ACTION,
        method="post",
        data={"channel": "website", "published_on": "2020-01-02"},
    ),
}
