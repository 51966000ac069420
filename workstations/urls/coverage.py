from django.urls import path

from workstations.views import coverage as views

app_name = "coverage"
urlpatterns = [
    path("", views.coverage_table, name="table"),
]
