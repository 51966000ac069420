"""Referrals across the federation: mounted at ``staff/referrals/``."""

from django.urls import path

from cases.views import referrals

app_name = "referrals_overview"

urlpatterns = [
    path("overdue/", referrals.overdue_list, name="overdue"),
]
