"""Period reports sent up level by level: submission, return or acceptance, reopening (issue 7,
item 4). Mounted at /staff/statistics/reports/."""

from django.urls import path

from stats.views import submissions as views

app_name = "submissions"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("submit/", views.report_submit, name="submit"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/accept/", views.report_accept, name="accept"),
    path("<int:pk>/reopen/", views.report_reopen, name="reopen"),
    path("<int:pk>/reopen/decide/", views.reopen_decide, name="reopen_decide"),
]
