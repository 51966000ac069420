"""Self-assessments and their review by the level above (issue 6)."""

from django.urls import path

from compliance.views import assessments as views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.assessment_start, name="start"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/answers/", views.assessment_save, name="save"),
    path("<int:pk>/review/", views.assessment_review, name="review"),
    path("<int:pk>/items/<int:item_pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
]
