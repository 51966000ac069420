"""The statistics page (issue 7): mounted at ``staff/statistics/``."""

from django.urls import path

from stats.views import statistics as views

app_name = "statistics"
urlpatterns = [
    path("", views.statistics_form, name="form"),
]
