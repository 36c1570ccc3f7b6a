from django.apps import AppConfig


class OfferingConfig(AppConfig):
    name = "sevenc.offering"
    label = "offering"
    verbose_name = "Service offering"
