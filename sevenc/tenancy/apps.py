from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "sevenc.tenancy"
    label = "tenancy"
