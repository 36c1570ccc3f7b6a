"""The Django admin as the MSP owner's settings: only superusers and MSP owners get in.

Installed through `sevenc.web.apps.SevencAdminConfig` (in place of "django.contrib.admin"), so
`admin.site` is this class and every `admin.site.register(...)` elsewhere keeps working. Models that do
not opt in through `OwnerAdminMixin` stay visible to superusers only (Django's permissions).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import membership_of


def owner_membership(request: HttpRequest) -> Membership | None:
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return None
    if hasattr(request, "_owner_membership"):
        cached: Membership | None = request._owner_membership
        return cached
    membership = membership_of(user.pk)
    if membership is not None and membership.role != Role.OWNER:
        membership = None
    request._owner_membership = membership  # type: ignore[attr-defined]
    return membership


class SevencAdminSite(admin.AdminSite):
    site_header = "sevenc settings"
    site_title = "sevenc settings"
    index_title = "MSP settings and framework templates"

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """No sign-in page of its own: sevenc's (throttled, with the second step) is the only way in."""
        return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"))

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and (request.user.is_superuser or owner_membership(request)))
