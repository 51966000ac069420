"""The coordination group, workstation and public notice of the federation of region <code>."""

from django.urls import path

from workstations.views import groups, notices, stations

app_name = "stations"
urlpatterns = [
    path("group/", groups.group_detail, name="group"),
    path("group/set-up/", groups.group_set_up, name="group_set_up"),
    path("group/adjust/", groups.group_adjust, name="group_adjust"),
    path("group/members/", groups.member_add, name="member_add"),
    path("group/members/<int:pk>/left/", groups.member_left, name="member_left"),
    path("workstation/", stations.workstation_detail, name="workstation"),
    path("workstation/create/", stations.workstation_create, name="workstation_create"),
    path("workstation/edit/", stations.workstation_edit, name="workstation_edit"),
    path("workstation/status/", stations.workstation_status, name="workstation_status"),
    path("workstation/premises/", stations.premises_check, name="premises_check"),
    path("workstation/notice/", notices.notice_detail, name="notice"),
    path("workstation/notice/new/", notices.notice_new, name="notice_new"),
    path(
        "workstation/notice/<int:pk>/publications/",
        notices.publication_add,
        name="publication_add",
    ),
]
