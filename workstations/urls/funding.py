from django.urls import path

from workstations.views import funding as views

app_name = "funding"
urlpatterns = [
    path("", views.funding_overview, name="overview"),
    path("budget/", views.budget_set, name="budget"),
    path("expenditure/", views.expenditure_record, name="expenditure"),
    path("rule/", views.rule_file, name="rule"),
]
