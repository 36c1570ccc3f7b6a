"""The database is the last path that keeps numbers in bounds: a write that skips every form and service
(a stray script, a raw `update()`) is refused there too, so no page can be broken for good by one value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import DataError, IntegrityError, transaction

from sevenc.catalogue.models import Item
from sevenc.clients.models import Client
from sevenc.roadmap.models import QuarterPlan, RecommendationTemplate
from sevenc.roadmap.services import plan_quarters, set_template
from sevenc.tenancy.models import Msp


def _refused(queryset, **values) -> bool:  # type: ignore[no-untyped-def]
    try:
        with transaction.atomic():
            queryset.update(**values)
    except (IntegrityError, DataError):  # PostgreSQL refuses an overflowing numeric before any check
        return True
    return False


def test_money_hours_seats_and_colours_out_of_range_are_refused_by_the_database(msp, client_co, spec7c):
    item = Item.objects.get(framework__code="7c", code="CONT.1.1")
    set_template(msp=msp, item=item, title="Backup policy", one_time_cost=100)
    templates = RecommendationTemplate.objects.filter(msp=msp)
    assert _refused(templates, one_time_cost=Decimal("123456789012"))  # twelve digits: the reported defect
    assert _refused(templates, monthly_cost=Decimal("-1"))
    assert _refused(templates, effort_hours=Decimal("10000000"))
    plan_quarters(client=client_co, after=dt.date(2026, 10, 5), budget=1000, capacity_hours=10, horizon=1)
    assert _refused(QuarterPlan.objects.filter(client=client_co), budget=Decimal("10000000000"))
    assert _refused(Client.objects.filter(pk=client_co.pk), seats=100_001)
    assert _refused(Msp.objects.filter(pk=msp.pk), brand_color="navy")
    assert not _refused(templates, one_time_cost=Decimal("9999999999.99"))  # the largest amount is fine
