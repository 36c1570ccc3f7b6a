from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "sevenc.assessments"
    label = "assessments"
