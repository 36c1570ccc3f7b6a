"""API: the MSP's service catalogue — services with their 7C mapping (add, edit against their version,
retire), the library entry → service link, and the reads the offering pages show: coverage of 7C,
develop-next (uncovered items by client demand) and upsell (per client, the offered services serving its
items below target), with an upsell line turned into a recommendation.

Owners and vCIOs only, as on the web (engineers get 403, client viewers 404).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Status

from sevenc.catalogue.models import Item
from sevenc.clients.models import Client
from sevenc.lib.api import (
    USERNAME,
    Code,
    In,
    ObjectId,
    Out,
    Page,
    PageQuery,
    PathId,
    Version,
    answers,
    caller_of,
    money,
    number,
    page,
    require_role,
    text,
)
from sevenc.lib.bounds import LONG_TEXT, MONEY, NAME
from sevenc.lib.errors import DomainError
from sevenc.offering.coverage import LEVELS
from sevenc.offering.models import Service
from sevenc.offering.presenters import offering_state
from sevenc.offering.reading import OFFERING_FRAMEWORK
from sevenc.offering.service_file import DELIVERIES, PRICE_MODELS, STATUSES
from sevenc.offering.services import (
    create_service,
    link_template,
    plain_service,
    recommend_upsell,
    retire_service,
    update_service,
)
from sevenc.offering.upsell import upsell_offers
from sevenc.roadmap.models import RecommendationTemplate
from sevenc.tenancy.access import MANAGERS
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["offering"])

Delivery = Literal[DELIVERIES]  # type: ignore[valid-type]
ServiceStatus = Literal[STATUSES]  # type: ignore[valid-type]
PriceModel = Literal[PRICE_MODELS]  # type: ignore[valid-type]
CoverageLevel = Literal[LEVELS]  # type: ignore[valid-type]
Money = number(MONEY)


class ServiceOut(Out):
    id: int
    name: str
    description: str
    delivery: Delivery  # type: ignore[valid-type]
    partner: str
    status: ServiceStatus  # type: ignore[valid-type]
    price_model: PriceModel  # type: ignore[valid-type]
    price: float
    items: list[str]
    version: int
    updated_at: dt.datetime


class ServiceIn(In):
    """A service: `partner` names the partner when `delivery` is `partner` (empty for in-house); `items`
    are the 7C item codes it serves."""

    name: text(NAME, required=True)  # type: ignore[valid-type]
    description: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    delivery: Delivery  # type: ignore[valid-type]
    partner: text(NAME) = ""  # type: ignore[valid-type]
    status: ServiceStatus = "offered"  # type: ignore[valid-type]
    price_model: PriceModel  # type: ignore[valid-type]
    price: Money  # type: ignore[valid-type]
    items: list[Code] = []


class ServicePatch(In):
    """The fields to change and the `version` you read."""

    version: Version
    name: text(NAME, required=True) | None = None  # type: ignore[valid-type]
    description: text(LONG_TEXT) | None = None  # type: ignore[valid-type]
    delivery: Delivery | None = None  # type: ignore[valid-type]
    partner: text(NAME) | None = None  # type: ignore[valid-type]
    status: ServiceStatus | None = None  # type: ignore[valid-type]
    price_model: PriceModel | None = None  # type: ignore[valid-type]
    price: Money | None = None  # type: ignore[valid-type]
    items: list[Code] | None = None


class VersionIn(In):
    version: Version


class ServiceQuery(PageQuery):
    status: ServiceStatus | None = None  # type: ignore[valid-type]
    delivery: Delivery | None = None  # type: ignore[valid-type]


class LinkIn(In):
    """The service that delivers this library entry, or null for none."""

    service_id: ObjectId | None


class LinkOut(Out):
    item: str
    service_id: int | None


class ShareOut(Out):
    covered: float | None
    in_house: float | None


class CoverageOut(Out):
    framework: str
    framework_version: str
    overall: ShareOut
    blocks: dict[str, ShareOut]
    areas: dict[str, ShareOut]
    items: dict[str, CoverageLevel]  # type: ignore[valid-type]
    counts: dict[str, int]


class DemandOut(Out):
    item: str
    title: str
    coverage: CoverageLevel  # type: ignore[valid-type]
    clients: int
    seats: int
    demand: int
    client_names: list[str]


class UpsellOut(Out):
    client_id: int
    client: str
    service_id: int
    service: str
    price_model: PriceModel  # type: ignore[valid-type]
    monthly_revenue: float | None
    one_time: float | None
    items: list[str]


class UpsellQuery(PageQuery):
    client: PathId | None = None
    vcio: text(USERNAME) | None = None  # type: ignore[valid-type]


class UpsellIn(In):
    """One upsell line: the client, the service and one of the items below target it serves."""

    client_id: ObjectId
    service_id: ObjectId
    item: Code


class RecommendedOut(Out):
    recommendation_id: int
    client_id: int
    workshop_id: int
    item: str
    title: str
    one_time_cost: float
    monthly_cost: float


def service_out(service: Service) -> dict[str, Any]:
    data = plain_service(service)
    return {
        "id": service.pk,
        "name": service.name,
        "description": service.description,
        "delivery": service.delivery,
        "partner": service.partner,
        "status": service.status,
        "price_model": service.price_model,
        "price": money(service.price),
        "items": list(data.items),
        "version": service.version,
        "updated_at": service.updated_at,
    }


def _managers(request: HttpRequest) -> Any:
    return require_role(caller_of(request), *MANAGERS)


# --- services -------------------------------------------------------------------------------------------------


@router.get("/services", response=answers(Page[ServiceOut]))
def list_services(request: HttpRequest, query: Query[ServiceQuery]) -> dict[str, Any]:
    """The MSP's service catalogue by name, retired services included (`?status=offered` for the live
    ones)."""
    caller = _managers(request)
    rows = scoped(Service, caller.scope)
    if query.status:
        rows = rows.filter(status=query.status)
    if query.delivery:
        rows = rows.filter(delivery=query.delivery)
    return page(rows, query, service_out, order="name")


@router.post("/services", response=answers(ServiceOut, 201))
def new_service(request: HttpRequest, payload: ServiceIn) -> Status[dict[str, Any]]:
    """A new service; 422 naming the field for a clashing name, an unknown item or a partner left out."""
    caller = _managers(request)
    service = create_service(actor=caller, **payload.dict())
    return Status(201, service_out(service))


@router.get("/services/{service_id}", response=answers(ServiceOut))
def get_service(request: HttpRequest, service_id: PathId) -> dict[str, Any]:
    caller = _managers(request)
    return service_out(get_scoped(Service, caller.scope, pk=service_id))


@router.patch("/services/{service_id}", response=answers(ServiceOut))
def patch_service(request: HttpRequest, service_id: PathId, payload: ServicePatch) -> dict[str, Any]:
    """Change a service (its 7C mapping with `items`); 409 when it changed since the `version` you read."""
    caller = _managers(request)
    service = get_scoped(Service, caller.scope, pk=service_id)
    fields = service_out(service)
    fields.update({k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None})
    if fields["delivery"] == "in_house" and "partner" not in payload.model_fields_set:
        fields["partner"] = ""
    fields["price"] = service.price if payload.price is None else payload.price
    version = fields.pop("version")
    wanted = {key: fields[key] for key in ServiceIn.model_fields}
    saved = update_service(actor=caller, service=service, expected_version=version, **wanted)
    return service_out(saved)


@router.post("/services/{service_id}/retire", response=answers(ServiceOut))
def retire(request: HttpRequest, service_id: PathId, payload: VersionIn) -> dict[str, Any]:
    """Retire a service (the catalogue has no delete: library entries keep pointing at it, and it no longer
    counts as coverage or upsell); 409 when it changed since the `version` you read, 422 when retired."""
    caller = _managers(request)
    service = get_scoped(Service, caller.scope, pk=service_id)
    return service_out(retire_service(actor=caller, service=service, expected_version=payload.version))


@router.put("/library/{item_code}/service", response=answers(LinkOut))
def link_library_entry(request: HttpRequest, item_code: Code, payload: LinkIn) -> dict[str, Any]:
    """Point the library entry of a 7C item at the service that delivers it (null: at none)."""
    caller = _managers(request)
    entry = (
        scoped(RecommendationTemplate, caller.scope)
        .filter(item__in=Item.objects.filter(framework__code=OFFERING_FRAMEWORK, code=item_code))
        .first()
    )
    if entry is None:
        raise DomainError(f"the library has no entry for {item_code!r}", field="item")
    service = None
    if payload.service_id is not None:
        service = get_scoped(Service, caller.scope, pk=payload.service_id)
    link_template(actor=caller, template=entry, service=service)
    return {"item": item_code, "service_id": service.pk if service else None}


# --- what the catalogue covers and sells ----------------------------------------------------------------------


@router.get("/offering/coverage", response=answers(CoverageOut))
def coverage(request: HttpRequest) -> dict[str, Any]:
    """How much of 7C the offered services cover (weighted percentages per block and area; per item its
    best level: in_house, partner, planned or none)."""
    state = offering_state(_managers(request).scope)
    report = state.coverage
    return {
        "framework": state.spec.code,
        "framework_version": state.spec.version,
        **report.to_json(),
        "counts": report.counts(),
    }


@router.get("/offering/develop-next", response=answers(list[DemandOut]))
def develop_next(request: HttpRequest) -> list[dict[str, Any]]:
    """Items no offered service covers, by demand: how many clients (and seats) are below target there."""
    state = offering_state(_managers(request).scope)
    return [row.to_json() for row in state.portfolio.develop_next(state.coverage.items)]


@router.get("/offering/upsell", response=answers(Page[UpsellOut]))
def upsell(request: HttpRequest, query: Query[UpsellQuery]) -> dict[str, Any]:
    """Per client (of one vCIO with `vcio=USERNAME`), each offered service serving some of its items
    below target, with the revenue it would bring at the client's seats."""
    caller = _managers(request)
    state = offering_state(caller.scope)
    ids, services = state.data.client_ids, state.service_rows()
    offers = upsell_offers(state.portfolio, state.plain_services, vcio=query.vcio)
    if query.client is not None:
        offers = [offer for offer in offers if ids[offer.client] == query.client]
    rows = [
        {
            "client_id": ids[o.client],
            "client": o.client,
            "service_id": services[o.service].pk,
            "service": o.service,
            "price_model": o.price_model,
            "monthly_revenue": money(o.monthly_revenue),
            "one_time": money(o.one_time),
            "items": list(o.items),
        }
        for o in offers
    ]
    return page(rows, query, lambda row: row)


@router.post("/offering/upsell", response=answers(RecommendedOut, 201))
def recommend(request: HttpRequest, payload: UpsellIn) -> Status[dict[str, Any]]:
    """Turn one upsell line into a recommendation on the client's latest workshop, priced as the service
    sells to this client (422 when the client has no workshop or the item is on its roadmap already)."""
    caller = _managers(request)
    client = get_scoped(Client, caller.scope, pk=payload.client_id)
    service = get_scoped(Service, caller.scope, pk=payload.service_id)
    rec = recommend_upsell(actor=caller, client=client, service=service, item_code=payload.item)
    return Status(
        201,
        {
            "recommendation_id": rec.pk,
            "client_id": rec.client_id,
            "workshop_id": rec.workshop_id,
            "item": payload.item,
            "title": rec.title,
            "one_time_cost": money(rec.one_time_cost),
            "monthly_cost": money(rec.monthly_cost),
        },
    )
