"""Rectification (整改) tasks (issue 6)."""

from django.urls import path

from compliance.views import rectification as views

app_name = "rectification"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("new/", views.task_create, name="create"),
    path("<int:pk>/", views.task_detail, name="detail"),
]
