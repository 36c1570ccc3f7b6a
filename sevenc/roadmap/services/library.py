"""The MSP's recommendation library: default text, cost and effort per framework item."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sevenc.catalogue.models import Item
from sevenc.lib.bounds import HOURS, MONEY
from sevenc.lib.fields import clean_text
from sevenc.roadmap.models import DeliveredBy, RecommendationTemplate
from sevenc.roadmap.services.common import RoadmapError
from sevenc.tenancy.models import Msp


def set_template(
    *,
    msp: Msp,
    item: Item,
    title: str,
    description: str = "",
    one_time_cost: Any = 0,
    monthly_cost: Any = 0,
    effort_hours: Any = 0,
    delivered_by: str = DeliveredBy.MSP,
    partner_name: str = "",
) -> RecommendationTemplate:
    """Create or replace the library entry for `item`."""
    if delivered_by not in DeliveredBy.values:
        raise RoadmapError(
            f"{delivered_by!r} is not one of {', '.join(DeliveredBy.values)}", field="delivered_by"
        )
    fields = {
        "title": clean_text(RecommendationTemplate, "title", title, required=True),
        "description": clean_text(RecommendationTemplate, "description", description),
        "one_time_cost": MONEY.parse(one_time_cost, field="one_time_cost"),
        "monthly_cost": MONEY.parse(monthly_cost, field="monthly_cost"),
        "effort_hours": HOURS.parse(effort_hours, field="effort_hours"),
        "delivered_by": delivered_by,
        "partner_name": clean_text(RecommendationTemplate, "partner_name", partner_name),
    }
    with transaction.atomic():
        template, _ = RecommendationTemplate.objects.update_or_create(msp=msp, item=item, defaults=fields)
    return template
