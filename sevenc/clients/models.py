from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from sevenc.lib.bounds import NAME, SEATS

MAX_SEATS = int(SEATS.maximum)


class Vertical(models.TextChoices):
    ACCOUNTING = "accounting", "Accounting & finance"
    CONSTRUCTION = "construction", "Construction"
    DENTAL = "dental", "Dental"
    EDUCATION = "education", "Education"
    ENGINEERING = "engineering", "Engineering & architecture"
    HEALTHCARE = "healthcare", "Healthcare"
    HOSPITALITY = "hospitality", "Hospitality"
    LEGAL = "legal", "Legal"
    LOGISTICS = "logistics", "Logistics & transport"
    MANUFACTURING = "manufacturing", "Manufacturing"
    NONPROFIT = "nonprofit", "Non-profit"
    PROFESSIONAL = "professional", "Professional services"
    REAL_ESTATE = "real_estate", "Real estate"
    RETAIL = "retail", "Retail & e-commerce"
    OTHER = "other", "Other"


class Client(models.Model):
    """A client company of an MSP (typically 20–300 seats)."""

    TENANT_PATH = "msp"
    CLIENT_PATH = "pk"

    msp = models.ForeignKey("tenancy.Msp", on_delete=models.CASCADE, related_name="clients")
    name = models.CharField(max_length=NAME.max_length)
    seats = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_SEATS)]
    )
    vertical = models.CharField(max_length=20, choices=Vertical.choices, default=Vertical.OTHER)
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    primary_contact_name = models.CharField(max_length=NAME.max_length, blank=True)
    primary_contact_email = models.EmailField(blank=True)
    vcio = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vcio_clients",
    )
    next_review_date = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0, help_text="Bumped by each edit (no lost updates)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["msp", "name"], name="client_name_unique_per_msp"),
            models.CheckConstraint(
                condition=Q(seats__isnull=True) | Q(seats__gte=1, seats__lte=MAX_SEATS),
                name="client_seats_in_range",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year_start_month__gte=1, fiscal_year_start_month__lte=12),
                name="client_fiscal_month_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name
