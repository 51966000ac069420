from django.urls import path

from cases.views import intake

app_name = "intake"

urlpatterns = [
    path("", intake.intake_list, name="list"),
    path("new/", intake.intake_new, name="new"),
    path("<int:pk>/", intake.intake_detail, name="detail"),
    path("<int:pk>/consultation/", intake.intake_consultation, name="consultation"),
    path("<int:pk>/register/", intake.intake_register, name="register"),
]
