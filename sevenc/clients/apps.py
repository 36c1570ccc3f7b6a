from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "sevenc.clients"
    label = "clients"
