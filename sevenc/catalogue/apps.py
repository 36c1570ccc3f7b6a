from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_packaged(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    from sevenc.catalogue.services import load_packaged_frameworks

    load_packaged_frameworks(using=using)


class CatalogueConfig(AppConfig):
    name = "sevenc.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        # Shipped frameworks are loaded (idempotently) after every migrate, so a fresh database,
        # a test database and a flushed one all have the 7C catalogue without a separate step.
        post_migrate.connect(_load_packaged, sender=self, dispatch_uid="sevenc-load-packaged-frameworks")
