"""The audit trail: one row per change, appended in the transaction of the change and never edited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from sevenc.audit.context import VIAS
from sevenc.lib.bounds import NAME, TITLE
from sevenc.lib.errors import NotAllowed


class Event(models.Model):
    """Who (a user, or a label for the CLI and the system), when, through what, did what to which object,
    with the before → after of each changed field (`changes`: {field: [before, after]})."""

    TENANT_PATH = "msp"
    CLIENT_PATH = "client_id"  # a plain id, not a key: a client's history outlives the client

    msp = models.ForeignKey("tenancy.Msp", on_delete=models.CASCADE, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=NAME.max_length)
    via = models.CharField(max_length=8, choices=[(via, via) for via in VIAS])
    action = models.CharField(max_length=40)
    model = models.CharField(max_length=60, help_text="app_label.model of the changed object")
    object_id = models.CharField(max_length=40)
    object_name = models.CharField(max_length=TITLE.max_length)
    client_id = models.BigIntegerField(null=True, blank=True)
    client_name = models.CharField(max_length=NAME.max_length, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [  # one per filter of the History pages, each within the MSP, newest first
            models.Index(fields=["msp", "-at"], name="audit_msp_at"),
            models.Index(fields=["msp", "client_id", "-at"], name="audit_msp_client_at"),
            models.Index(fields=["msp", "actor", "-at"], name="audit_msp_actor_at"),
            models.Index(fields=["msp", "model", "-at"], name="audit_msp_model_at"),
            models.Index(fields=["msp", "action", "-at"], name="audit_msp_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise NotAllowed("the audit trail is append-only: an event is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise NotAllowed("the audit trail is append-only: an event is never deleted")
