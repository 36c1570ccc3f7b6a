from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "sevenc.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        # Each domain declares its kinds of job in its own `jobs.py` (`@job_kind(...)`); importing them here
        # fills the registry in the web server and in the worker alike, and `jobs` imports no domain.
        autodiscover_modules("jobs")
