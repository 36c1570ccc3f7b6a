from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "sevenc.team"
    label = "team"
    verbose_name = "Team"
