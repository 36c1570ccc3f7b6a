"""Review meetings (QBRs). A held review carries a frozen snapshot: the report as the client saw it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReviewLocked(Exception):
    """A held review is a record of what the client was shown; it is never changed afterwards."""

    def __init__(self, review: ReviewMeeting) -> None:
        super().__init__(f"review of {review.client} on {review.date} is held and locked")


class ReviewMeeting(models.Model):
    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    title = models.CharField(max_length=200, blank=True)
    # Free text, one entry per line: that is how a vCIO types minutes, and the report lists them.
    attendees = models.TextField(blank=True)
    agenda = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
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

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk and not getattr(self, "_holding", False):
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == self.Status.HELD:
                raise ReviewLocked(self)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
