"""The goal-setting workshop: a client's business goals and the 7C targets they need."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from sevenc.goals.gaps import BENEFIT_CHOICES
from sevenc.lib.bounds import LONG_TEXT, NAME, NOTE


class Workshop(models.Model):
    """One goal-setting workshop, measured against a completed (locked) assessment."""

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="workshops")
    # RESTRICT, not PROTECT: a baseline cannot be deleted on its own, but deleting the whole client
    # (which takes its workshops with it) must still work.
    baseline = models.ForeignKey("assessments.Assessment", on_delete=models.RESTRICT, related_name="+")
    held_on = models.DateField()
    target_date = models.DateField(null=True, blank=True, help_text="When the targets should be reached")
    notes = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    version = models.PositiveIntegerField(default=0, help_text="Bumped by each targets save")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["client", "-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.client} — workshop of {self.held_on}"


class Goal(models.Model):
    TENANT_PATH = "workshop__client__msp"
    CLIENT_PATH = "workshop__client"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(max_length=NOTE.max_length)
    owner = models.CharField(
        max_length=NAME.max_length, blank=True, help_text="Who at the client owns the goal"
    )
    due_date = models.DateField(null=True, blank=True)
    benefit_group = models.CharField(max_length=30, choices=BENEFIT_CHOICES)
    blocks = models.ManyToManyField("catalogue.Block", blank=True, related_name="+")
    items = models.ManyToManyField("catalogue.Item", blank=True, related_name="+")

    class Meta:
        ordering = ["workshop", "due_date", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class BlockTarget(models.Model):
    TENANT_PATH = "workshop__client__msp"
    CLIENT_PATH = "workshop__client"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="block_targets")
    block = models.ForeignKey("catalogue.Block", on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()

    class Meta:
        ordering = ["workshop", "block__position"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "block"], name="one_target_per_block"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="block_target_0_to_100"),
        ]

    def __str__(self) -> str:
        return f"{self.block_id}: {self.score:g}"


class ItemTarget(models.Model):
    TENANT_PATH = "workshop__client__msp"
    CLIENT_PATH = "workshop__client"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="item_targets")
    item = models.ForeignKey("catalogue.Item", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["workshop", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "item"], name="one_target_per_item"),
            models.CheckConstraint(condition=Q(level__lte=4), name="item_target_level_0_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: level {self.level}"
