"""A case's referrals: mounted at ``staff/cases/<int:case_pk>/referrals/``."""

from django.urls import path

from cases.views import referrals

app_name = "referrals"

urlpatterns = [
    path("new/", referrals.referral_new, name="new"),
    path("<int:pk>/", referrals.referral_detail, name="detail"),
    path("<int:pk>/letter.pdf", referrals.referral_letter, name="letter"),
    path("<int:pk>/consent/", referrals.referral_consent, name="consent"),
    path("<int:pk>/send/", referrals.referral_send, name="send"),
    path("<int:pk>/decision/", referrals.referral_decision, name="decision"),
    path("<int:pk>/assignment/", referrals.referral_assignment, name="assignment"),
    path("<int:pk>/withdraw/", referrals.referral_withdraw, name="withdraw"),
    path("<int:pk>/outcome/", referrals.referral_outcome, name="outcome"),
]
