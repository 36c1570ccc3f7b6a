"""Recommendations, initiatives, quarterly budgets and optimised roadmaps of a client."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class DeliveredBy(models.TextChoices):
    MSP = "msp", "MSP"
    PARTNER = "partner", "Partner"
    CLIENT = "client", "Client internal"
    VENDOR = "vendor", "Vendor"


class Priority(models.IntegerChoices):
    HIGH = 1, "High"
    MEDIUM = 2, "Medium"
    LOW = 3, "Low"


def _money() -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, default=0)


NON_NEGATIVE = Q(one_time_cost__gte=0, monthly_cost__gte=0, effort_hours__gte=0)


class RecommendationTemplate(models.Model):
    """The MSP's library: default text, cost and effort per framework item, so new gaps arrive pre-filled."""

    TENANT_PATH = "msp"
    # The library is MSP-wide; a client viewer's scope reaches it only through their own client's MSP.
    CLIENT_PATH = "msp__clients"

    msp = models.ForeignKey("tenancy.Msp", on_delete=models.CASCADE, related_name="recommendation_templates")
    item = models.ForeignKey("catalogue.Item", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    one_time_cost = _money()
    monthly_cost = _money()
    effort_hours = models.DecimalField(max_digits=8, decimal_places=1, default=0)
    delivered_by = models.CharField(max_length=10, choices=DeliveredBy.choices, default=DeliveredBy.MSP)
    partner_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["msp", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["msp", "item"], name="one_template_per_item"),
            models.CheckConstraint(condition=NON_NEGATIVE, name="template_costs_non_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class Initiative(models.Model):
    """A theme grouping recommendations (e.g. "Business continuity"); may span quarters."""

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="initiatives")
    theme = models.CharField(max_length=200)
    description = models.TextField(blank=True)

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
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    one_time_cost = _money()
    monthly_cost = _money()
    effort_hours = models.DecimalField(max_digits=8, decimal_places=1, default=0)
    delivered_by = models.CharField(max_length=10, choices=DeliveredBy.choices, default=DeliveredBy.MSP)
    partner_name = models.CharField(max_length=200, blank=True, help_text="The named partner or vendor")
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

    class Meta:
        ordering = ["client", "priority", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "item"], name="one_recommendation_per_item"),
            models.CheckConstraint(condition=NON_NEGATIVE, name="recommendation_costs_non_negative"),
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
    budget = _money()
    capacity_hours = models.DecimalField(max_digits=8, decimal_places=1, default=0)
    recurring_ceiling = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["client", "start"]
        constraints = [
            models.UniqueConstraint(fields=["client", "label"], name="quarter_label_unique_per_client"),
            models.CheckConstraint(
                condition=Q(budget__gte=0, capacity_hours__gte=0)
                & (Q(recurring_ceiling__isnull=True) | Q(recurring_ceiling__gte=0)),
                name="quarter_limits_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class RoadmapRun(models.Model):
    """One optimisation and its stored result; approving it schedules the recommendations."""

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
    budget = models.JSONField(default=dict, help_text="Per quarter and per fiscal year: one-time, recurring")
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
