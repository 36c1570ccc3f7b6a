"""Backup section of the service catalogue: one row per service, its name (unique per MSP, case-blind) the
natural key the library's entries use to name the service that delivers them; its 7C items by code, with
the framework version they belong to."""

from __future__ import annotations

from typing import Any

from sevenc.catalogue.backup import framework_codes
from sevenc.lib.backup import (
    BackupFileError,
    DumpContext,
    LoadContext,
    Section,
    fields_out,
    items_out,
    rows_of,
)
from sevenc.offering.models import Service
from sevenc.tenancy.scoping import scoped

SERVICE = (
    "name",
    "description",
    "delivery",
    "partner",
    "status",
    "price_model",
    "price",
    "version",
    "created_at",
    "updated_at",
)


def dump_services(ctx: DumpContext) -> list[dict[str, Any]]:
    rows = []
    ctx.keys["service"] = {}
    for service in scoped(Service, ctx.scope).prefetch_related("items__framework").order_by("pk"):
        ctx.keys["service"][service.pk] = service.name
        rows.append({**fields_out(service, SERVICE), **items_out(service.items.all())})
    return rows


def load_services(ctx: LoadContext, data: Any) -> None:
    made = []
    seen: set[str] = set()
    for row in rows_of(data, "sections.services"):
        service = Service(msp=ctx.msp, **row.values(Service, SERVICE))
        if service.name.casefold() in seen:
            raise BackupFileError(f"{service.name!r} is listed twice", field=row.at("name"))
        seen.add(service.name.casefold())
        codes = row.texts("items")
        framework = row.text("framework", optional=True)
        item_ids = []
        if codes:
            if framework is None:
                raise BackupFileError("must name the framework of the items", field=row.at("framework"))
            found = framework_codes(ctx, framework, row.text("framework_version"), row.at("framework"))
            item_ids = [found.item(code, row.at("items")) for code in codes]
        made.append((service, item_ids))
    Service.objects.bulk_create([service for service, _ in made])
    ctx.ids["service"] = {service.name: service.pk for service, _ in made}
    through = Service.items.through
    through.objects.bulk_create(
        through(service_id=service.pk, item_id=item_id) for service, item_ids in made for item_id in item_ids
    )


SECTIONS = (Section("services", dump_services, load_services, models=("offering.Service",)),)
