from django.urls import path

from workstations.views import partners as views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_create, name="new"),
    path("<int:pk>/edit/", views.partner_edit, name="edit"),
]
