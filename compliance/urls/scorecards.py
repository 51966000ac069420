"""Scorecards and the roll-up (issue 6, item 5): mounted at ``staff/compliance/scorecards/``."""

from django.urls import path

from compliance.views import scorecards as views

app_name = "scorecards"
urlpatterns = [
    path("", views.rollup, name="rollup"),
    path("<str:code>/", views.station_scorecard, name="station"),
]
