"""Projects beyond the gaps (a hardware refresh, an office move, an ERP upgrade …) and the budget → ITCQ
frontier of a workshop's roadmap. A project is planned with the recommendations: it uses budget, hours and
the recurring ceiling, may raise items to their target level, and always gets a quarter unless excluded.

Roadmap runs key their schedule by entry: a recommendation by its id ("12"), a project by "p" and its id
("p3"); `entry_key` and `split_schedule` are the one place that knows it.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import models

from sevenc.lib.bounds import HOURS, LONG_TEXT, MONEY, TITLE
from sevenc.lib.fields import hours_field, in_range, money_field

PROJECT_PREFIX = "p"


def entry_key(entry: object) -> str:
    """The schedule key of a recommendation or a project."""
    return f"{PROJECT_PREFIX}{entry.pk}" if isinstance(entry, Project) else str(entry.pk)  # type: ignore[attr-defined]


def split_schedule(schedule: Mapping[str, str | None]) -> tuple[dict[int, str | None], dict[int, str | None]]:
    """A run's schedule as (recommendation id → label, project id → label)."""
    recommendations: dict[int, str | None] = {}
    projects: dict[int, str | None] = {}
    for key, label in schedule.items():
        if key.startswith(PROJECT_PREFIX):
            projects[int(key[len(PROJECT_PREFIX) :])] = label
        else:
            recommendations[int(key)] = label
    return recommendations, projects


class Project(models.Model):
    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DEFERRED = "deferred", "Deferred"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="projects")
    workshop = models.ForeignKey("goals.Workshop", on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=TITLE.max_length)
    description = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    one_time_cost = money_field()
    monthly_cost = money_field()
    effort_hours = hours_field()
    items = models.ManyToManyField(
        "catalogue.Item", blank=True, related_name="+", help_text="Raised to target"
    )
    after_recommendations = models.ManyToManyField("roadmap.Recommendation", blank=True, related_name="+")
    after_projects = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="dependents")
    pin_quarter = models.CharField(max_length=20, blank=True)
    excluded = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    quarter = models.CharField(max_length=20, blank=True)
    due_date = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["client", "title", "pk"]
        constraints = [
            in_range("one_time_cost", MONEY, name="project_one_time_cost_in_range"),
            in_range("monthly_cost", MONEY, name="project_monthly_cost_in_range"),
            in_range("effort_hours", HOURS, name="project_effort_hours_in_range"),
        ]

    def __str__(self) -> str:
        return self.title


class Frontier(models.Model):
    """The budget → ITCQ frontier computed for a workshop's roadmap: one proven solve per budget factor."""

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="frontiers")
    workshop = models.ForeignKey("goals.Workshop", on_delete=models.CASCADE, related_name="frontiers")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # [{factor, budget_total, objective, itcq_at_horizon, status, gap, horizon, quarters: [{label, budget}],
    #   schedule: {key: label | null}}] by rising factor
    points = models.JSONField(default=list)

    class Meta:
        ordering = ["client", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"frontier of {self.created_at:%Y-%m-%d %H:%M}"
