from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_shipped(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    from sevenc.raci.areas import shipped_catalogue

    shipped_catalogue(using=using)


class RaciConfig(AppConfig):
    name = "sevenc.raci"
    label = "raci"
    verbose_name = "Responsibility matrix"

    def ready(self) -> None:
        # Like the 7C framework: the shipped area catalogue is loaded (idempotently) after every migrate.
        post_migrate.connect(_load_shipped, sender=self, dispatch_uid="sevenc-load-raci-catalogue")
