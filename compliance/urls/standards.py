"""The framework of the nine standards and a province's local criteria (issue 6, item 1)."""

from django.urls import path

from compliance.views import standards

app_name = "standards"
urlpatterns = [
    path("", standards.framework, name="framework"),
    path("local/add/", standards.criterion_add, name="criterion_add"),
    path("local/<int:pk>/retire/", standards.criterion_retire, name="criterion_retire"),
]
