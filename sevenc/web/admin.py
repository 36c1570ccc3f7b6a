"""Admin pages for MSP owners: their MSP's branding and the (read-only) framework templates."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from sevenc.catalogue.models import Area, Block, Framework, Item, ScaleLevel
from sevenc.tenancy.models import Msp
from sevenc.web.admin_site import owner_membership


class OwnerAdminMixin:
    """Owners may view (and, where `owner_can_change`, change) — superusers keep Django's rules."""

    owner_can_change = False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or owner_membership(request) is not None

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser or owner_membership(request) is not None

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser or (self.owner_can_change and owner_membership(request) is not None)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser


@admin.register(Msp)
class MspAdmin(OwnerAdminMixin, admin.ModelAdmin):
    owner_can_change = True
    list_display = ["name", "brand_color", "accent_color", "currency"]
    fields = ["name", "brand_color", "accent_color", "currency", "logo_svg", "require_two_factor"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Msp]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        membership = owner_membership(request)
        # An owner sees their own MSP only; another MSP's change page answers "does not exist".
        return queryset.filter(pk=membership.msp_id) if membership else queryset.none()


class ScaleInline(OwnerAdminMixin, admin.TabularInline):
    model = ScaleLevel
    extra = 0
    fields = ["level", "name", "description"]


class BlockInline(OwnerAdminMixin, admin.TabularInline):
    model = Block
    extra = 0
    fields = ["position", "code", "name", "question"]


@admin.register(Framework)
class FrameworkAdmin(OwnerAdminMixin, admin.ModelAdmin):
    """Frameworks are versioned and never edited in place (completed assessments point at them);
    load a changed file as a new version with `sevenc catalogue load`."""

    list_display = ["name", "code", "version", "loaded_at"]
    readonly_fields = ["code", "version", "name", "source", "loaded_at"]
    inlines = [ScaleInline, BlockInline]


@admin.register(Item)
class ItemAdmin(OwnerAdminMixin, admin.ModelAdmin):
    list_display = ["code", "title", "default_weight", "area", "framework"]
    list_filter = ["framework", "area__block"]
    search_fields = ["code", "title"]
    ordering = ["framework", "position"]
    list_select_related = ["area", "framework"]


@admin.register(Area)
class AreaAdmin(OwnerAdminMixin, admin.ModelAdmin):
    list_display = ["code", "title", "block"]
    list_filter = ["block__framework"]
    list_select_related = ["block"]
