from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "sevenc.goals"
    label = "goals"
    verbose_name = "Goals workshop"
