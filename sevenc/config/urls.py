"""URL conf. Each domain owns its own urls.py; this file only includes them."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("sevenc.api.urls")),
    path("reports/", include("sevenc.reports.urls")),
    path("", include("sevenc.clients.urls")),
    path("", include("sevenc.assessments.urls")),
    path("", include("sevenc.team.urls")),
    path("", include("sevenc.goals.urls")),
    path("", include("sevenc.roadmap.urls")),
    path("", include("sevenc.execution.urls")),
    path("", include("sevenc.feeds.urls")),
    path("", include("sevenc.raci.urls")),
    path("offering/", include("sevenc.offering.urls")),
    path("", include("sevenc.tokens.urls")),
    path("", include("sevenc.audit.urls")),
    path("", include("sevenc.jobs.urls")),
    path("", include("sevenc.signin.urls")),
    path("", include("sevenc.web.urls")),
]
