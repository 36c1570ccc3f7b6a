from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "sevenc.tokens"
    label = "tokens"
    verbose_name = "API tokens"
