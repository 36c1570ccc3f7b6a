"""Recommendations, initiatives, quarterly budgets and optimised roadmaps of a client."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sevenc.lib.bounds import HOURS, LONG_TEXT, MONEY, NAME, TITLE
from sevenc.lib.fields import hours_field, in_range, money_field
from sevenc.lib.records import FinalOnceCompleted


class DeliveredBy(models.TextChoices):
    MSP = "msp", "MSP"
    PARTNER = "partner", "Partner"
    CLIENT = "client", "Client internal"
    VENDOR = "vendor", "Vendor"


class Priority(models.IntegerChoices):
    HIGH = 1, "High"
    MEDIUM = 2, "Medium"
    LOW = 3, "Low"


def _cost_bounds(prefix: str) -> list[models.CheckConstraint]:
    """One-time and monthly cost within MONEY, effort within HOURS: the database refuses what every other
    path refuses (sevenc.lib.bounds)."""
    return [
        in_range("one_time_cost", MONEY, name=f"{prefix}_one_time_cost_in_range"),
        in_range("monthly_cost", MONEY, name=f"{prefix}_monthly_cost_in_range"),
        in_range("effort_hours", HOURS, name=f"{prefix}_effort_hours_in_range"),
    ]


class RecommendationTemplate(models.Model):
    """The MSP's library: default text, cost and effort per framework item, so new gaps arrive pre-filled."""

    TENANT_PATH = "msp"
    # The library is MSP-wide; a client viewer's scope reaches it only through their own client's MSP.
    CLIENT_PATH = "msp__clients"

    msp = models.ForeignKey("tenancy.Msp", on_delete=models.CASCADE, related_name="recommendation_templates")
    item = models.ForeignKey("catalogue.Item", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=TITLE.max_length)
    description = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    one_time_cost = money_field()
    monthly_cost = money_field()
    effort_hours = hours_field()
    delivered_by = models.CharField(max_length=10, choices=DeliveredBy.choices, default=DeliveredBy.MSP)
    partner_name = models.CharField(max_length=NAME.max_length, blank=True)
    # The catalogue service that delivers this entry (sevenc/offering), if any; set from the library page.
    service = models.ForeignKey(
        "offering.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="templates"
    )

    class Meta:
        ordering = ["msp", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["msp", "item"], name="one_template_per_item"),
            *_cost_bounds("template"),
        ]

    def __str__(self) -> str:
        return self.title


class Initiative(models.Model):
    """A theme grouping recommendations (e.g. "Business continuity"); may span quarters."""

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="initiatives")
    theme = models.CharField(max_length=NAME.max_length)
    description = models.TextField(blank=True, max_length=LONG_TEXT.max_length)

    class Meta:
        ordering = ["client", "theme"]
        constraints = [models.UniqueConstraint(fields=["client", "theme"], name="initiative_theme_unique")]

    def __str__(self) -> str:
        return self.theme


class Recommendation(models.Model):
    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DEFERRED = "deferred", "Deferred"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="recommendations")
    workshop = models.ForeignKey("goals.Workshop", on_delete=models.CASCADE, related_name="recommendations")
    item = models.ForeignKey("catalogue.Item", on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations"
    )
    title = models.CharField(max_length=TITLE.max_length)
    description = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    one_time_cost = money_field()
    monthly_cost = money_field()
    effort_hours = hours_field()
    delivered_by = models.CharField(max_length=10, choices=DeliveredBy.choices, default=DeliveredBy.MSP)
    partner_name = models.CharField(
        max_length=NAME.max_length, blank=True, help_text="The named partner or vendor"
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.MEDIUM)
    depends_on = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="dependents")
    pin_quarter = models.CharField(max_length=20, blank=True, help_text="Quarter label it must sit in")
    excluded = models.BooleanField(default=False)
    target_level = models.PositiveSmallIntegerField(help_text="The level the item reaches when done")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    quarter = models.CharField(max_length=20, blank=True, help_text="Quarter of the approved roadmap")
    due_date = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every change: an edit made against an older version is refused, not silently merged.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["client", "priority", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "item"], name="one_recommendation_per_item"),
            *_cost_bounds("recommendation"),
            models.CheckConstraint(condition=Q(target_level__lte=4), name="recommendation_level_0_to_4"),
        ]
        indexes = [models.Index(fields=["client", "status", "due_date"])]

    def __str__(self) -> str:
        return self.title


class QuarterPlan(models.Model):
    """One fiscal quarter of a client's roadmap: what it may spend and how many hours it has."""

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="quarter_plans")
    label = models.CharField(max_length=20)
    fiscal_year = models.PositiveSmallIntegerField()
    start = models.DateField()
    end = models.DateField()
    budget = money_field()
    capacity_hours = hours_field()
    recurring_ceiling = money_field(null=True, blank=True, default=None)
    version = models.PositiveIntegerField(default=0, help_text="Bumped by each edit (no lost updates)")

    class Meta:
        ordering = ["client", "start"]
        constraints = [
            models.UniqueConstraint(fields=["client", "label"], name="quarter_label_unique_per_client"),
            in_range("budget", MONEY, name="quarter_budget_in_range"),
            in_range("capacity_hours", HOURS, name="quarter_capacity_in_range"),
            in_range("recurring_ceiling", MONEY, name="quarter_ceiling_in_range", nullable=True),
        ]

    def __str__(self) -> str:
        return self.label


class RoadmapRun(FinalOnceCompleted):
    """One optimisation and its stored result; approving it schedules the recommendations, and an approved
    run is final: the record of the plan the client agreed to."""

    FINAL_WHEN = {"approved_at__isnull": False}
    FINAL_STATE = "approved"
    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="roadmap_runs")
    workshop = models.ForeignKey("goals.Workshop", on_delete=models.CASCADE, related_name="roadmap_runs")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    current_itcq = models.FloatField(null=True)
    objective = models.FloatField()
    greedy_objective = models.FloatField(null=True)
    gap = models.FloatField(null=True)
    solver_status = models.CharField(max_length=60)
    seconds = models.FloatField()
    schedule = models.JSONField(default=dict, help_text="Recommendation id → quarter label or null")
    projection = models.JSONField(default=list)
    budget = models.JSONField(
        default=dict, help_text='{"quarters": [{"period", "one_time", "recurring"}], "years": [...]}'
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["client", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.client} roadmap of {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


from sevenc.roadmap.projects import Frontier, Project  # noqa: E402  (models of the app, defined beside)

__all__ = [
    "DeliveredBy",
    "Frontier",
    "Initiative",
    "Priority",
    "Project",
    "QuarterPlan",
    "Recommendation",
    "RecommendationTemplate",
    "RoadmapRun",
]
