from django.urls import path

from workstations.views import duty as views

app_name = "duty"
urlpatterns = [
    path("", views.duty_roster, name="roster"),
    path("schedule/", views.duty_schedule, name="schedule"),
    path("<int:pk>/check-in/", views.duty_check_in, name="check_in"),
    path("<int:pk>/cancel/", views.duty_cancel, name="cancel"),
]
