"""URL conf. Each domain owns its own urls.py; this file only includes them."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("reports/", include("sevenc.reports.urls")),
    path("", include("sevenc.goals.urls")),
    path("", include("sevenc.roadmap.urls")),
    path("", include("sevenc.web.urls")),
]
