from django.urls import path

from cases.views import risks

app_name = "risks"

urlpatterns = [
    path("", risks.register, name="register"),
    path("cases/<int:case_pk>/raise/", risks.raise_flag, name="raise"),
    path("<int:pk>/review/", risks.review, name="review"),
]
