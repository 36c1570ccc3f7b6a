from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "sevenc.feeds"
    label = "feeds"
    verbose_name = "Calendar feeds"
