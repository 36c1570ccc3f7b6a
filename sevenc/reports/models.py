"""Review meetings (QBRs). A held review carries a frozen snapshot: the report as the client saw it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sevenc.lib.bounds import LONG_TEXT, NAME
from sevenc.lib.records import FinalOnceCompleted


class ReviewMeeting(FinalOnceCompleted):
    """A QBR; final once held (its snapshot is the record of what the client was shown)."""

    FINAL_WHEN = {"status": "held"}
    FINAL_STATE = "held"
    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    title = models.CharField(max_length=NAME.max_length, blank=True)
    # Free text, one entry per line: that is how a vCIO types minutes, and the report lists them.
    attendees = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    agenda = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    decisions = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    next_steps = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    version = models.PositiveIntegerField(default=0, help_text="Bumped by each edit of the minutes")
    snapshot = models.JSONField(null=True, blank=True, help_text="Everything the report shows, frozen")
    held_at = models.DateTimeField(null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["client", "-date", "-pk"]
        indexes = [models.Index(fields=["client", "status", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="planned", snapshot__isnull=True)
                | Q(status="held", snapshot__isnull=False, held_at__isnull=False),
                name="review_held_iff_snapshot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} — review {self.date}"

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def display_title(self) -> str:
        return self.title or "Quarterly business review"
