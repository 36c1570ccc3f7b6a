from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WebConfig(AppConfig):
    name = "sevenc.web"
    label = "web"
    default = True


class SevencAdminConfig(admin_apps.AdminConfig):
    """Django's admin with `sevenc.web.admin_site.SevencAdminSite` as `admin.site` (owners may sign in)."""

    default = False
    default_site = "sevenc.web.admin_site.SevencAdminSite"
