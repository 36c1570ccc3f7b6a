from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    VCIO = "vcio", "vCIO"
    ENGINEER = "engineer", "Engineer"
    CLIENT_VIEWER = "client_viewer", "Client viewer"


class Msp(models.Model):
    """A managed service provider: the tenant. Everything a user sees belongs to exactly one MSP."""

    name = models.CharField(max_length=200, unique=True)
    brand_color = models.CharField(max_length=7, default="#1f4e79", help_text="Hex colour for reports")
    accent_color = models.CharField(max_length=7, default="#e07a1f")
    logo_svg = models.TextField(blank=True, help_text="Inline SVG logo for reports and the portal")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "MSP"

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in an MSP. A client viewer is tied to one client of that MSP."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    msp = models.ForeignKey(Msp, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, null=True, blank=True, related_name="viewers"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role="client_viewer", client__isnull=False)
                | (~Q(role="client_viewer") & Q(client__isnull=True)),
                name="client_viewer_has_exactly_one_client",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()} at {self.msp})"


Membership.TENANT_PATH = "msp"  # type: ignore[attr-defined]
Membership.CLIENT_PATH = "client"  # type: ignore[attr-defined]
