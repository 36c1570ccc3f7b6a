"""The catalogue in the database: frameworks are global, versioned and never edited in place.

A (code, version) pair always means the same content, so completed assessments that point at it keep
their meaning; a changed framework is loaded as a new version.
"""

from __future__ import annotations

from django.db import models


class Framework(models.Model):
    code = models.CharField(max_length=40)
    version = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    source = models.TextField(blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_code_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code} {self.version})"


class ScaleLevel(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="scale")
    level = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=60)
    description = models.TextField()

    class Meta:
        ordering = ["framework", "level"]
        constraints = [models.UniqueConstraint(fields=["framework", "level"], name="scale_level_unique")]

    def __str__(self) -> str:
        return f"{self.level} {self.name}"


class Block(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="blocks")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    question = models.TextField(blank=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="block_code_unique")]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["block", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Item(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=500)
    default_weight = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveIntegerField(help_text="Order within the whole framework")

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="item_code_unique"),
            models.CheckConstraint(condition=models.Q(default_weight__lte=5), name="item_weight_at_most_5"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
