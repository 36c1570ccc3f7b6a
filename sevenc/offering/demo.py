"""Demo data for the offering: the starter catalogue (sevenc/offering/data/starter.yaml) and library entries
pointing at the services that deliver them. Called at the end of the demo build; deterministic and
idempotent (an MSP that has services already is left alone)."""

from __future__ import annotations

from sevenc.offering.coverage import service_level
from sevenc.offering.models import Service
from sevenc.offering.reading import catalogue, offering_spec
from sevenc.offering.service_file import STARTER_FILE, read_service_file
from sevenc.offering.services import import_services, link_template
from sevenc.offering.upsell import service_order
from sevenc.roadmap.models import RecommendationTemplate
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import scoped


def seed_offering(msp: Msp) -> None:
    actor = Caller.system(msp)
    if scoped(Service, actor.scope).exists():
        return
    import_services(actor=actor, data=read_service_file(STARTER_FILE))
    _link_library(actor)


def _link_library(actor: Caller) -> None:
    """Each library entry points at the service that would deliver it: an offered one (in-house first),
    else a planned one; entries of items no service serves stay unlinked."""
    rows = catalogue(actor.scope, offering_spec())
    ranked = sorted(
        ((row, data) for row, data in rows if service_level(data) is not None),
        key=lambda pair: (pair[1].status != "offered", *service_order(pair[1])),
    )
    best: dict[str, Service] = {}
    for row, data in ranked:
        for code in data.items:
            best.setdefault(code, row)
    for entry in (
        scoped(RecommendationTemplate, actor.scope).filter(service__isnull=True).select_related("item")
    ):
        service = best.get(entry.item.code)
        if service is not None:
            link_template(actor=actor, template=entry, service=service)
