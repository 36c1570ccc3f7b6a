from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from sevenc.lib.bounds import HEX_COLOUR, NAME, colour_or
from sevenc.lib.money import DEFAULT_CURRENCY, currency_problem
from sevenc.lib.svg import MAX_LOGO_CHARACTERS, svg_logo_problem

BRAND_DEFAULT, ACCENT_DEFAULT = "#1f4e79", "#e07a1f"
_HEX = RegexValidator(HEX_COLOUR, "Give a colour as #RRGGBB, e.g. #1f4e79.")


def validate_currency(value: str) -> None:
    problem = currency_problem(value)
    if problem:
        raise ValidationError(problem)


def validate_logo(value: str) -> None:
    problem = svg_logo_problem(value)
    if problem:
        raise ValidationError(f"The logo {problem}.")


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    VCIO = "vcio", "vCIO"
    ENGINEER = "engineer", "Engineer"
    CLIENT_VIEWER = "client_viewer", "Client viewer"


class Msp(models.Model):
    """A managed service provider: the tenant. Everything a user sees belongs to exactly one MSP."""

    name = models.CharField(max_length=NAME.max_length, unique=True)
    brand_color = models.CharField(
        max_length=7,
        default=BRAND_DEFAULT,
        validators=[_HEX],
        help_text="Hex colour #RRGGBB for the workspace, reports and spreadsheets",
    )
    accent_color = models.CharField(
        max_length=7, default=ACCENT_DEFAULT, validators=[_HEX], help_text="Hex colour #RRGGBB"
    )
    currency = models.CharField(
        max_length=3,
        default=DEFAULT_CURRENCY,
        validators=[validate_currency],
        help_text="ISO 4217 code of the amounts shown everywhere (pages, reports, spreadsheets, CLI)",
    )
    logo_svg = models.TextField(
        blank=True,
        max_length=MAX_LOGO_CHARACTERS,
        validators=[validate_logo],
        help_text="An SVG logo (the markup) for reports and the portal",
    )
    require_two_factor = models.BooleanField(
        "require two-factor for owners and vCIOs",
        default=False,
        help_text="Owners and vCIOs without an authenticator set one up at their next sign-in, before anything else",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "MSP"
        constraints = [
            models.CheckConstraint(
                condition=Q(brand_color__regex=HEX_COLOUR.pattern, accent_color__regex=HEX_COLOUR.pattern),
                name="msp_colours_are_hex",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def brand(self) -> str:
        """The brand colour to show: the stored one if it is a plain #RRGGBB, else the default."""
        return colour_or(self.brand_color, BRAND_DEFAULT)

    @property
    def accent(self) -> str:
        return colour_or(self.accent_color, ACCENT_DEFAULT)


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
