from django.urls import path

from workstations.views import partners as views

app_name = "contacts"
urlpatterns = [
    path("", views.contact_list, name="list"),
    path("new/", views.contact_create, name="new"),
]
