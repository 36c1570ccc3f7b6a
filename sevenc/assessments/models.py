from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sevenc.lib.bounds import NAME, NOTE
from sevenc.lib.records import FinalOnceCompleted


class Assessment(FinalOnceCompleted):
    """One maturity assessment of a client; final once completed (its score is then history)."""

    FINAL_WHEN = {"status": "completed"}
    FINAL_STATE = "completed"
    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        COMPLETED = "completed", "Completed"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey("catalogue.Framework", on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(max_length=NAME.max_length)
    as_of = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    weights = models.JSONField(default=dict, blank=True, help_text="Item code → weight 0–5 overrides")
    block_weights = models.JSONField(default=dict, blank=True, help_text="Block code → weight (default 1)")
    assigned_engineer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Written once when the assessment is completed: a locked assessment's score never changes,
    # so portfolio pages read it instead of rescoring 139 items per client.
    itcq = models.FloatField(null=True, blank=True)
    completeness = models.FloatField(null=True, blank=True)
    block_scores = models.JSONField(default=dict, blank=True)
    # Written with the score: every item's level in framework order, one character each
    # (sevenc.assessments.level_digits), so the offering pages read 1,000 clients' levels as 1,000 short
    # texts instead of 139,000 response rows. Empty on drafts; derived, so not in backups.
    level_digits = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["client", "as_of", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["client", "title"], name="assessment_title_unique_per_client"),
        ]
        indexes = [models.Index(fields=["client", "status", "as_of"])]

    def __str__(self) -> str:
        return f"{self.client} — {self.title}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def itcq_display(self) -> str:
        return "not scored" if self.itcq is None else f"{self.itcq:.1f}"


class Response(models.Model):
    TENANT_PATH = "assessment__client__msp"
    CLIENT_PATH = "assessment__client"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    item = models.ForeignKey("catalogue.Item", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    na = models.BooleanField(default=False)
    status = models.TextField(blank=True, max_length=NOTE.max_length, help_text="What is in place (facts)")
    risk = models.TextField(blank=True, max_length=NOTE.max_length, help_text="What could go wrong")
    solution = models.TextField(blank=True, max_length=NOTE.max_length, help_text="What we recommend")
    evidence = models.TextField(blank=True, max_length=NOTE.max_length)
    # Bumped by every save: an edit made against an older version is refused instead of overwriting
    # what someone else saved meanwhile (sevenc.assessments.services.record_response).
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_response_per_item"),
            models.CheckConstraint(condition=Q(level__isnull=True) | Q(level__lte=4), name="level_0_to_4"),
            models.CheckConstraint(condition=~Q(na=True, level__isnull=False), name="na_has_no_level"),
        ]

    def __str__(self) -> str:
        answer = "N/A" if self.na else ("unanswered" if self.level is None else f"level {self.level}")
        return f"{self.item_id}: {answer}"

    def save(self, *args: object, **kwargs: object) -> None:
        # The stored state of the assessment, not this object's copy of it, which may be stale.
        if self.assessment.is_stored_final():
            raise self.assessment.final_error()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.assessment.is_stored_final():
            raise self.assessment.final_error()
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]


class LatestScore(models.Model):
    """A client's latest completed assessment's stored score and its change since the one before.

    Denormalised for the portfolio, which sorts, filters and pages 1,000 clients in SQL: kept by the service
    that completes an assessment (`sevenc.assessments.latest.refresh_latest_score`) in the same transaction,
    so it always equals what the completed assessments say. No row: the client has no completed assessment.
    """

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, primary_key=True, related_name="latest_score"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=NAME.max_length)
    as_of = models.DateField()
    itcq = models.FloatField(null=True, blank=True)
    completeness = models.FloatField(null=True, blank=True)
    block_scores = models.JSONField(default=dict, blank=True)
    previous_itcq = models.FloatField(null=True, blank=True, help_text="The completed assessment before it")
    change = models.FloatField(null=True, blank=True, help_text="itcq − previous_itcq when both exist")

    def __str__(self) -> str:
        return f"{self.client_id}: {self.title} ({self.itcq_display})"

    @property
    def itcq_display(self) -> str:
        return "not scored" if self.itcq is None else f"{self.itcq:.1f}"
