from django.urls import path

from cases.views import applicants as views

app_name = "applicants"

urlpatterns = [
    path("", views.applicant_list, name="list"),
    path("new/", views.applicant_new, name="new"),
    path("<int:pk>/", views.applicant_detail, name="detail"),
    path("<int:pk>/edit/", views.applicant_edit, name="edit"),
    path("<int:pk>/reveal/", views.applicant_reveal, name="reveal"),
    path("<int:pk>/link/", views.applicant_link, name="link"),
]
