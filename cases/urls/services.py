from django.urls import path

from cases.views import provision as views

app_name = "case_services"

urlpatterns = [
    path("new/", views.service_new, name="new"),
    path("<int:pk>/", views.service_detail, name="detail"),
    path("<int:pk>/edit/", views.service_edit, name="edit"),
    path("<int:pk>/sessions/new/", views.session_new, name="add_session"),
    path("<int:pk>/accommodations/new/", views.accommodation_new, name="add_accommodation"),
    path("<int:pk>/draft/", views.service_draft, name="draft"),
]
