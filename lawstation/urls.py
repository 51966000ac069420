from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from lawstation import views

urlpatterns = [
    # Issue 5: the public portal, at short stable addresses (printed on posters).
    path("", include("portal.urls.public")),
    path("stations/", include("portal.urls.stations")),
    path("", include("portal.urls.help")),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("staff/", views.home, name="home"),
    path("staff/regions/", include("regions.urls")),
    path("staff/users/", include("accounts.staff_urls")),
    path("staff/audit/", include("audit.urls")),
    path("staff/reports/", include("reports.urls")),
    # Issue 3: one urlconf per area; <code> is the federation's region code.
    path("staff/federations/<str:code>/", include("workstations.urls.stations")),
    path("staff/federations/<str:code>/people/", include("people.urls")),
    path("staff/federations/<str:code>/funding/", include("workstations.urls.funding")),
    path("staff/federations/<str:code>/duty/", include("workstations.urls.duty")),
    path("staff/federations/<str:code>/contacts/", include("workstations.urls.contacts")),
    path("staff/filings/", include("workstations.urls.filings")),
    path("staff/partners/", include("workstations.urls.partners")),
    path("staff/coverage/", include("workstations.urls.coverage")),
    path("staff/applicants/", include("cases.urls.applicants")),
    path("staff/intake/", include("cases.urls.intake")),
    path("staff/cases/", include("cases.urls.cases")),
    path("staff/cases/<int:case_pk>/services/", include("cases.urls.services")),
    path("staff/cases/<int:case_pk>/referrals/", include("cases.urls.referrals")),
    path("staff/cases/<int:case_pk>/documents/", include("cases.urls.documents")),
    path("staff/cases/<int:case_pk>/triage/", include("cases.urls.triage")),
    path("staff/cases/<int:case_pk>/closure/", include("cases.urls.closure")),
    path("staff/case-policy/", include("cases.urls.policy")),
    path("staff/risks/", include("cases.urls.risks")),
    path("staff/referrals/", include("cases.urls.referrals_overview")),
    path("staff/web-requests/", include("portal.urls.inbox")),
    # Issue 6: compliance with the nine standards.
    path("staff/compliance/", include("compliance.urls.standards")),
    path("staff/compliance/assessments/", include("compliance.urls.assessments")),
    path("staff/compliance/rectification/", include("compliance.urls.rectification")),
    path("staff/compliance/scorecards/", include("compliance.urls.scorecards")),
    # Issue 7: statistics and level-by-level reporting (the dashboards are the staff home).
    path("staff/statistics/", include("stats.urls.statistics")),
    path("staff/statistics/quality/", include("stats.urls.quality")),
    path("staff/statistics/reports/", include("stats.urls.submissions")),
]

handler400 = "lawstation.views.bad_request"
handler403 = "lawstation.views.permission_denied"
handler404 = "lawstation.views.page_not_found"
handler500 = "lawstation.views.server_error"
