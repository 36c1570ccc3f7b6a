"""Sample objects of the victim MSP for the URL walk (sevenc/web/tests/url_walk.py): a catalogue service
serving the sample item, and a library entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.offering.models import Service
from sevenc.roadmap.models import RecommendationTemplate
from sevenc.roadmap.services import set_template
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped


def _service(world: Any) -> int:
    from sevenc.offering.services import create_service

    msp = world.client.msp
    existing = scoped(Service, Scope(msp)).first()
    if existing is not None:
        return existing.pk
    return create_service(
        actor=Caller.system(msp),
        name="Managed Backup",
        delivery="in_house",
        status="offered",
        price_model="per_seat_month",
        price=12,
        items=["CONT.1.1"],
    ).pk


def _library_entry(world: Any) -> int:
    item = Item.objects.get(framework=get_framework("7c"), code="CONT.1.1")
    return set_template(msp=world.client.msp, item=item, title="Backup policy").pk


SAMPLES: dict[str, Callable[[Any], Any]] = {"service_pk": _service, "library_entry_pk": _library_entry}

MODELS = {"service_pk": Service, "library_entry_pk": RecommendationTemplate}
