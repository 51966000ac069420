from django.urls import path

from cases.views import documents as views

app_name = "documents"

urlpatterns = [
    path("upload/", views.document_upload, name="upload"),
    path("<int:pk>/download/", views.document_download, name="download"),
]
