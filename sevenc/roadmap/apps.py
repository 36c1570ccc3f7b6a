from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "sevenc.roadmap"
    label = "roadmap"
    verbose_name = "Roadmap"
