"""API: clients — list (filter, order, page), read, create, update (against its version), delete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import File, Query, Router, Status, UploadedFile

from sevenc.clients.imports import OPTIONAL, REQUIRED, import_clients
from sevenc.clients.models import Client, Vertical
from sevenc.clients.services import EDITABLE_FIELDS, VCIO_ROLES, create_client, delete_client, update_client
from sevenc.lib.api import (
    USERNAME,
    Day,
    In,
    Out,
    Page,
    PageQuery,
    PathId,
    Version,
    answers,
    caller_of,
    number,
    page,
    require_role,
    text,
    username,
)
from sevenc.lib.bounds import EMAIL, NAME, SEATS, Number
from sevenc.lib.errors import Conflict
from sevenc.lib.files import MAX_FILE_BYTES, load_csv
from sevenc.tenancy.access import MANAGERS
from sevenc.tenancy.members import member_user
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["clients"])

VerticalCode = Literal[tuple(Vertical.values)]  # type: ignore[valid-type]
Month = number(Number("month", Decimal(1), Decimal(12), 0))  # 1–12; `true` is no month


class ClientOut(Out):
    id: int
    name: str
    seats: int | None
    vertical: str
    fiscal_year_start_month: int
    primary_contact_name: str
    primary_contact_email: str
    vcio: str | None
    next_review_date: dt.date | None
    version: int
    created_at: dt.datetime


class ClientIn(In):
    name: text(NAME, required=True)  # type: ignore[valid-type]
    seats: number(SEATS) | None = None  # type: ignore[valid-type]
    vertical: VerticalCode = Vertical.OTHER  # type: ignore[valid-type]
    fiscal_year_start_month: Month = 1  # type: ignore[valid-type]
    primary_contact_name: text(NAME) = ""  # type: ignore[valid-type]
    primary_contact_email: text(EMAIL) = ""  # type: ignore[valid-type]
    vcio: text(NAME) | None = None  # type: ignore[valid-type]
    next_review_date: Day | None = None


class ClientPatch(In):
    """The fields to change (others keep their value) and the `version` you read."""

    version: Version
    name: text(NAME, required=True) | None = None  # type: ignore[valid-type]
    seats: number(SEATS) | None = None  # type: ignore[valid-type]
    vertical: VerticalCode | None = None  # type: ignore[valid-type]
    fiscal_year_start_month: Month | None = None  # type: ignore[valid-type]
    primary_contact_name: text(NAME) | None = None  # type: ignore[valid-type]
    primary_contact_email: text(EMAIL) | None = None  # type: ignore[valid-type]
    vcio: text(NAME) | None = None  # type: ignore[valid-type]
    next_review_date: Day | None = None


class ClientQuery(PageQuery):
    q: text(NAME) | None = None  # type: ignore[valid-type]
    vertical: VerticalCode | None = None  # type: ignore[valid-type]
    vcio: text(USERNAME) | None = None  # type: ignore[valid-type]
    order: Literal["name", "-name", "seats", "-seats", "created_at", "-created_at", "next_review_date"] = (
        "name"
    )


def client_out(client: Client) -> dict[str, Any]:
    return {
        "id": client.pk,
        "name": client.name,
        "seats": client.seats,
        "vertical": client.vertical,
        "fiscal_year_start_month": client.fiscal_year_start_month,
        "primary_contact_name": client.primary_contact_name,
        "primary_contact_email": client.primary_contact_email,
        "vcio": username(client.vcio),
        "next_review_date": client.next_review_date,
        "version": client.version,
        "created_at": client.created_at,
    }


def _vcio(caller: Any, name: str | None) -> Any:
    return member_user(caller.msp, name, roles=VCIO_ROLES, field="vcio", what="an owner or vCIO")


@router.get("/clients", response=answers(Page[ClientOut]))
def list_clients(request: HttpRequest, query: Query[ClientQuery]) -> dict[str, Any]:
    """The MSP's clients (a client viewer: their own). `q` searches the name."""
    caller = caller_of(request)
    rows = scoped(Client, caller.scope).select_related("vcio")
    if query.q:
        rows = rows.filter(Q(name__icontains=query.q) | Q(primary_contact_name__icontains=query.q))
    if query.vertical:
        rows = rows.filter(vertical=query.vertical)
    if query.vcio:
        rows = rows.filter(vcio__username=query.vcio)
    return page(rows, query, client_out, order=query.order)


@router.get("/clients/{client_id}", response=answers(ClientOut))
def get_client(request: HttpRequest, client_id: PathId) -> dict[str, Any]:
    caller = caller_of(request)
    return client_out(get_scoped(Client, caller.scope, pk=client_id))


@router.post("/clients", response=answers(ClientOut, 201))
def new_client(request: HttpRequest, payload: ClientIn) -> Status[dict[str, Any]]:
    """Add a client (owners and vCIOs)."""
    caller = require_role(caller_of(request), *MANAGERS)
    data = payload.dict()
    data["vcio"] = _vcio(caller, data["vcio"])
    return Status(201, client_out(create_client(scope=caller.scope, **data)))


@router.patch("/clients/{client_id}", response=answers(ClientOut))
def patch_client(request: HttpRequest, client_id: PathId, payload: ClientPatch) -> dict[str, Any]:
    """Change a client: send the `version` you read; someone else's newer change gets 409."""
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=client_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    data = {key: getattr(client, key) for key in EDITABLE_FIELDS}
    if "vcio" in changes:
        changes["vcio"] = _vcio(caller, changes["vcio"])
    data.update(changes)
    updated = update_client(scope=caller.scope, client=client, expected_version=version, **data)
    return client_out(updated)


@router.delete("/clients/{client_id}", response=answers(None, 204))
def remove_client(request: HttpRequest, client_id: PathId, version: int, confirm: str) -> Status[None]:
    """Delete a client and all its history: `confirm` is the client's name, `version` the one you read."""
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=client_id)
    if client.version != version:
        raise Conflict(f"{client.name} was changed since you read it; read it again first", field="version")
    delete_client(scope=caller.scope, client=client, confirm_name=confirm)
    return Status(204, None)


class ImportedClientsOut(Out):
    count: int
    items: list[ClientOut]


@router.post("/imports/clients", response=answers(ImportedClientsOut, 201))
def import_clients_csv(request: HttpRequest, file: UploadedFile = File(...)) -> Status[dict[str, Any]]:
    """Add many clients from one CSV file (docs/formats.md, "Clients CSV"): all or nothing; a refusal
    (422) lists every problem by row and column, and nothing is imported."""
    caller = require_role(caller_of(request), *MANAGERS)
    table = load_csv(
        file.read(MAX_FILE_BYTES + 1), source=file.name or "upload.csv", required=REQUIRED, optional=OPTIONAL
    )
    created = import_clients(scope=caller.scope, table=table)
    return Status(201, {"count": len(created), "items": [client_out(client) for client in created]})
