"""Work items (an approved recommendation being delivered), their tasks and progress notes, and the execution
meetings of each cadence."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sevenc.execution.workflow import STATUSES
from sevenc.lib.bounds import HOURS, LONG_TEXT, NOTE, TITLE
from sevenc.lib.fields import hours_field, in_range
from sevenc.lib.records import FinalOnceCompleted


class WorkItem(FinalOnceCompleted):
    """The delivery of one approved recommendation: owner, dates, hours, status. Final once done."""

    FINAL_WHEN = {"status": "done"}
    FINAL_STATE = "done"
    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        BLOCKED = "blocked", "Blocked"
        DONE = "done", "Done"
        DEFERRED = "deferred", "Deferred"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="work_items")
    # Exactly one of the two: the approved recommendation, or the project beyond the gaps, it delivers.
    recommendation = models.OneToOneField(
        "roadmap.Recommendation", on_delete=models.CASCADE, null=True, blank=True, related_name="work_item"
    )
    project = models.OneToOneField(
        "roadmap.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="work_item"
    )
    # The approved roadmap that planned it; a later approval takes the open items over (or closes them).
    run = models.ForeignKey("roadmap.RoadmapRun", on_delete=models.CASCADE, related_name="work_items")
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Set when a later roadmap replaced it")
    quarter = models.CharField(max_length=20)
    start = models.DateField()
    due = models.DateField()
    estimated_hours = hours_field()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="work_items"
    )
    # Or one of the client's parties (its IT manager, a vendor …): the client's own share of the work.
    owner_party = models.ForeignKey(
        "raci.Party", on_delete=models.SET_NULL, null=True, blank=True, related_name="work_items"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["client", "due", "pk"]
        indexes = [
            models.Index(fields=["client", "status", "due"]),
            models.Index(fields=["owner", "status", "due"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(due__gte=F("start")), name="work_due_not_before_start"),
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, project__isnull=True)
                | Q(recommendation__isnull=True, project__isnull=False),
                name="work_delivers_one_entry",
            ),
            models.CheckConstraint(condition=Q(status__in=STATUSES), name="work_status_known"),
            models.CheckConstraint(
                condition=Q(owner__isnull=True) | Q(owner_party__isnull=True), name="work_one_owner"
            ),
            in_range("estimated_hours", HOURS, name="work_hours_in_range"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def entry(self) -> Any:
        """The recommendation or project this item delivers (they share title, costs, status)."""
        return self.recommendation if self.recommendation_id else self.project

    @property
    def title(self) -> str:
        entry = self.entry
        return entry.title if entry is not None else f"work item {self.pk}"

    @property
    def owner_name(self) -> str:
        """A person of the MSP by name, or a client party with what it is ("Acme IT (internal)"); "" if none."""
        if self.owner is not None:
            return str(self.owner.get_full_name() or self.owner.get_username())
        if self.owner_party is not None:
            return f"{self.owner_party.name} ({self.owner_party.get_kind_display()})"
        return ""

    @property
    def item_code(self) -> str:
        """The framework item it raises ("project" for work beyond the gaps)."""
        return self.recommendation.item.code if self.recommendation is not None else "project"

    @property
    def target_level(self) -> int | None:
        return self.recommendation.target_level if self.recommendation is not None else None

    @property
    def one_time_cost(self) -> Any:
        return self.entry.one_time_cost


class WorkTask(models.Model):
    """One step of a work item's checklist."""

    TENANT_PATH = "item__client__msp"
    CLIENT_PATH = "item__client"

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=TITLE.max_length)
    done = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgressNote(models.Model):
    """A dated note on a work item: what happened, what is in the way."""

    TENANT_PATH = "item__client__msp"
    CLIENT_PATH = "item__client"

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(max_length=NOTE.max_length)

    class Meta:
        ordering = ["item", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Meeting(models.Model):
    """A weekly, monthly or quarterly execution meeting of a client: its agenda as generated, and what was
    decided."""

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    class Cadence(models.TextChoices):
        WEEK = "week", "Weekly"
        MONTH = "month", "Monthly"
        QUARTER = "quarter", "Quarterly"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="execution_meetings")
    cadence = models.CharField(max_length=8, choices=Cadence.choices)
    date = models.DateField()
    agenda = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    decisions = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    notes = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["client", "-date", "cadence"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "cadence", "date"], name="one_meeting_per_cadence_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_cadence_display()} meeting of {self.date}"
