from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "sevenc.signin"
    label = "signin"
    verbose_name = "Sign-in: two-factor and throttling"
