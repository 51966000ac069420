from django.urls import path

from cases.views import closure

app_name = "closure"

urlpatterns = [
    path("close/", closure.close, name="close"),
    path("archive/", closure.archive, name="archive"),
    path("return-visits/new/", closure.visit_schedule, name="visit_schedule"),
    path("return-visits/<int:pk>/", closure.visit_record, name="visit_record"),
    path("complaints/new/", closure.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/resolve/", closure.complaint_resolve, name="complaint_resolve"),
]
