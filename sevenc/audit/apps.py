from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sevenc.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        # Every tracked model of every domain is followed from here (sevenc/audit/tracked.py), so no domain
        # imports the audit package to be audited.
        from sevenc.audit import recorder

        recorder.connect()
