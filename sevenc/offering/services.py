"""Everything that changes the MSP's service catalogue. Keyword-only, one transaction each.

A service is checked by the same code as an entry of the service file (`service_file.parse_service`), so
the web form, the file import and the CLI refuse the same input with the same message naming the field.
Edits carry the version the editor read; a save against a newer one is refused (`Conflict`). An upsell
line becomes a recommendation through the roadmap services (`roadmap.services.add_recommendation`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.clients.models import Client
from sevenc.goals.services import latest_workshop, targets_of
from sevenc.lib.bounds import TITLE
from sevenc.lib.errors import Conflict, DomainError, NotAllowed
from sevenc.offering.models import Service, Status
from sevenc.offering.portfolio import target_levels
from sevenc.offering.reading import OFFERING_FRAMEWORK, catalogue, offering_spec, plain
from sevenc.offering.service_file import Service as PlainService
from sevenc.offering.service_file import (
    ServiceCatalogue,
    ServiceFileError,
    name_key,
    parse_service,
    parse_services,
)
from sevenc.offering.upsell import revenue
from sevenc.roadmap.models import DeliveredBy, Recommendation, RecommendationTemplate
from sevenc.roadmap.services import add_recommendation
from sevenc.tenancy.access import SYSTEM, Caller
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import Scope, scoped

EDITORS = (Role.OWNER, Role.VCIO, SYSTEM)
FIELDS = ("name", "description", "delivery", "partner", "status", "price_model", "price", "items")


class OfferingError(DomainError):
    """A catalogue change that cannot be made; the message names the field or the entry at fault."""


def _check_editor(actor: Caller) -> None:
    if actor.role not in EDITORS:
        raise NotAllowed("only owners and vCIOs change the service catalogue")


def check_service(fields: dict[str, Any], spec: FrameworkSpec) -> PlainService:
    """The fields of one service, checked as a service file entry is; errors name the field."""
    entry = {key: fields.get(key) for key in FIELDS}
    entry["items"] = list(entry["items"] or [])
    entry["partner"] = entry["partner"] or ""
    entry["description"] = entry["description"] or ""
    if entry["delivery"] == "in_house":
        entry["partner"] = ""  # a partner name left in a form after switching to in-house means nothing
    return parse_service(entry, spec)


def _item_rows(codes: Iterable[str]) -> list[Item]:
    return list(Item.objects.filter(framework=get_framework(OFFERING_FRAMEWORK), code__in=list(codes)))


def _clashing(scope: Scope, name: str, exclude: int | None = None) -> Service | None:
    same = scoped(Service, scope).annotate(lower=Lower("name")).filter(lower=name_key(name).lower())
    if exclude is not None:
        same = same.exclude(pk=exclude)
    return same.first()


def _store(row: Service, data: PlainService) -> None:
    for name in ("name", "description", "delivery", "partner", "status", "price_model", "price"):
        setattr(row, name, getattr(data, name))
    try:
        with transaction.atomic():  # a savepoint: a clash with a concurrent save is a refusal, not a 500
            row.save()
    except IntegrityError:
        raise OfferingError(f"a service called {data.name!r} exists already", field="name") from None
    row.items.set(_item_rows(data.items))


def create_service(*, actor: Caller, **fields: Any) -> Service:
    _check_editor(actor)
    data = check_service(fields, offering_spec())
    with transaction.atomic():
        if _clashing(actor.scope, data.name) is not None:
            raise OfferingError(f"a service called {data.name!r} exists already", field="name")
        row = Service(msp=actor.msp)
        _store(row, data)
    return row


def _locked(actor: Caller, service: Service, expected_version: int | None) -> Service:
    current = scoped(Service, Scope(actor.msp)).select_for_update().get(pk=service.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            f"{current.name!r} was changed by someone else while you edited it; your change was not saved "
            "— reopen it to see theirs",
            field="version",
        )
    return current


def update_service(
    *, actor: Caller, service: Service, expected_version: int | None = None, **fields: Any
) -> Service:
    _check_editor(actor)
    data = check_service(fields, offering_spec())
    with transaction.atomic():
        current = _locked(actor, service, expected_version)
        if _clashing(actor.scope, data.name, exclude=current.pk) is not None:
            raise OfferingError(f"a service called {data.name!r} exists already", field="name")
        current.version += 1
        _store(current, data)
    return current


def retire_service(*, actor: Caller, service: Service, expected_version: int | None = None) -> Service:
    """Mark a service retired: it stays in the catalogue (and on library entries) but counts for nothing."""
    _check_editor(actor)
    with transaction.atomic():
        current = _locked(actor, service, expected_version)
        if current.status == Status.RETIRED:
            raise OfferingError(f"{current.name!r} is retired already", field="status")
        current.status = Status.RETIRED
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
    return current


@dataclass(frozen=True)
class ImportResult:
    created: list[str]
    updated: list[str]


def import_services(*, actor: Caller, data: Any) -> ImportResult:
    """Store a decoded `sevenc-services` document: a service whose name (case-blind) is in the catalogue
    is replaced, a new one added, the others left as they are. All of it or nothing."""
    _check_editor(actor)
    spec = offering_spec()

    def resolve(code: str) -> FrameworkSpec:
        if code != spec.code:
            raise ServiceFileError(f"{code[:40]!r}: services map onto {spec.code!r}", field="framework")
        return spec

    document = parse_services(data, resolve)
    created, updated = [], []
    with transaction.atomic():
        existing = {
            name_key(row.name): row for row in scoped(Service, actor.scope).select_for_update().order_by("pk")
        }
        for entry in document.services:
            row = existing.get(name_key(entry.name))
            if row is None:
                row = Service(msp=actor.msp)
                created.append(entry.name)
            else:
                row.version += 1
                updated.append(entry.name)
            _store(row, entry)
    return ImportResult(created, updated)


def export_services(scope: Scope) -> ServiceCatalogue:
    """The MSP's catalogue as a `sevenc-services` document, services by name."""
    spec = offering_spec()
    return ServiceCatalogue(framework=spec.code, services=tuple(data for _, data in catalogue(scope, spec)))


def link_template(*, actor: Caller, template: RecommendationTemplate, service: Service | None) -> None:
    """Point a library entry at the catalogue service that delivers it (None: at no service)."""
    _check_editor(actor)
    if service is not None and service.msp_id != template.msp_id:
        raise OfferingError("not a service of this MSP", field="service")
    with transaction.atomic():
        current = scoped(RecommendationTemplate, Scope(actor.msp)).select_for_update().get(pk=template.pk)
        current.service = service
        current.save(update_fields=["service"])


def recommend_upsell(*, actor: Caller, client: Client, service: Service, item_code: str) -> Recommendation:
    """Turn one upsell line (client, service, item) into a recommendation on the client's latest workshop,
    priced as the service sells to this client. Refused when the client has no workshop yet, has a
    recommendation for the item already, or the service does not (or no longer) offers the item."""
    _check_editor(actor)
    scope = Scope(actor.msp)
    workshop = latest_workshop(scope, client)
    if workshop is None:
        raise OfferingError(
            f"{client.name} has no goals workshop yet: hold one (the Goals tab) before adding recommendations",
            field="workshop",
        )
    spec = offering_spec()
    entry = dict(catalogue(scope, spec)).get(service)
    if entry is None or entry.status != Status.OFFERED or item_code not in entry.items:
        raise OfferingError(f"{service.name!r} does not offer {item_code[:40]!r}", field="service")
    block_targets, item_targets = targets_of(workshop)
    item = spec.item_index[item_code]
    monthly, once = revenue(entry, client.seats)
    partner = service.delivery == "partner"
    return add_recommendation(
        workshop=workshop,
        item_code=item_code,
        title=f"{service.name}: {item.title}"[: TITLE.max_length],
        description=service.description,
        target_level=target_levels(spec, block_targets, item_targets)[item_code],
        one_time_cost=once or Decimal(0),
        monthly_cost=monthly or Decimal(0),
        delivered_by=DeliveredBy.PARTNER if partner else DeliveredBy.MSP,
        partner_name=service.partner if partner else "",
    )


def plain_service(service: Service) -> PlainService:
    """One stored service as plain data (one query for its items)."""
    order = offering_spec().item_index
    served = set(service.items.values_list("code", flat=True))
    return plain(service, (code for code in order if code in served))
