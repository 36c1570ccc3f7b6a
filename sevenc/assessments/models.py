from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class AssessmentLocked(Exception):
    """A completed assessment is a record of what was found; it is never changed afterwards."""

    def __init__(self, assessment: Assessment) -> None:
        super().__init__(f"assessment {assessment.title!r} of {assessment.client} is completed and locked")


class Assessment(models.Model):
    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        COMPLETED = "completed", "Completed"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey("catalogue.Framework", on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(max_length=200)
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

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk and not getattr(self, "_completing", False):
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == self.Status.COMPLETED:
                raise AssessmentLocked(self)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Response(models.Model):
    TENANT_PATH = "assessment__client__msp"
    CLIENT_PATH = "assessment__client"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    item = models.ForeignKey("catalogue.Item", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    na = models.BooleanField(default=False)
    status = models.TextField(blank=True, help_text="What is in place today (facts)")
    risk = models.TextField(blank=True, help_text="What could go wrong")
    solution = models.TextField(blank=True, help_text="What we recommend")
    evidence = models.TextField(blank=True)
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
        if self.assessment.is_locked:
            raise AssessmentLocked(self.assessment)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.assessment.is_locked:
            raise AssessmentLocked(self.assessment)
        return super().delete(*args, **kwargs)  # type: ignore[arg-type]
