"""The MSP's service catalogue: what it sells, at what price, delivered by whom, serving which 7C items.

The computation (coverage, demand, develop-next, upsell, peer benchmarks) lives in the pure modules of this
package; `sevenc.offering.reading` turns these rows into their plain `service_file.Service` data.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from sevenc.lib.bounds import LONG_TEXT, MONEY, NAME
from sevenc.lib.fields import in_range, money_field
from sevenc.offering.service_file import DELIVERIES, PRICE_MODELS, STATUSES


class Delivery(models.TextChoices):
    IN_HOUSE = "in_house", "In-house"
    PARTNER = "partner", "Partner"


class Status(models.TextChoices):
    OFFERED = "offered", "Offered"
    PLANNED = "planned", "Planned"
    RETIRED = "retired", "Retired"


class PriceModel(models.TextChoices):
    PER_SEAT_MONTH = "per_seat_month", "Per seat per month"
    FLAT_MONTH = "flat_month", "Flat per month"
    ONE_TIME = "one_time", "One-time"


class Service(models.Model):
    """One service of the MSP's catalogue. Names are unique per MSP, case-blind."""

    TENANT_PATH = "msp"
    # The catalogue is MSP-wide; a client viewer's scope reaches it only through their own client's MSP.
    CLIENT_PATH = "msp__clients"

    msp = models.ForeignKey("tenancy.Msp", on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=NAME.max_length)
    description = models.TextField(blank=True, max_length=LONG_TEXT.max_length)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IN_HOUSE)
    partner = models.CharField(max_length=NAME.max_length, blank=True, help_text="The partner's name")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFERED)
    price_model = models.CharField(max_length=20, choices=PriceModel.choices)
    price = money_field()
    items = models.ManyToManyField("catalogue.Item", blank=True, related_name="+")
    # Bumped by every change: an edit made against an older version is refused, not silently merged.
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["msp", Lower("name"), "name"]
        constraints = [
            models.UniqueConstraint("msp", Lower("name"), name="service_name_unique_per_msp"),
            in_range("price", MONEY, name="service_price_in_range"),
            models.CheckConstraint(condition=Q(delivery__in=DELIVERIES), name="service_delivery_known"),
            models.CheckConstraint(condition=Q(status__in=STATUSES), name="service_status_known"),
            models.CheckConstraint(
                condition=Q(price_model__in=PRICE_MODELS), name="service_price_model_known"
            ),
            models.CheckConstraint(
                condition=Q(delivery="partner", partner__gt="") | Q(delivery="in_house", partner=""),
                name="service_partner_named_only_for_partner_delivery",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def delivered_by(self) -> str:
        return self.partner if self.delivery == Delivery.PARTNER else "In-house"
