from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sevenc.web"
    label = "web"
