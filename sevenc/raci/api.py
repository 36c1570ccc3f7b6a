"""API: the responsibility matrix — a client's matrix (areas, parties, cells with their versions, the
validation findings), starting it from a template, one cell set against its version, the client's parties
(add, edit against their version, remove), and the MSP's own areas (add, edit, retire).

Roles as on the web: everyone who sees the client reads its matrix and parties; owners and vCIOs change
them (`sevenc.raci.access`); the MSP's own areas are read by its staff and changed by owners and vCIOs.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from sevenc.clients.models import Client
from sevenc.lib.api import (
    Page,
    PathId,
    answers,
    caller_of,
    page,
    require_role,
)
from sevenc.lib.errors import DomainError
from sevenc.raci.api_schemas import (
    AreaQuery,
    CellIn,
    CellOut,
    MatrixIn,
    MatrixOut,
    MspAreaIn,
    MspAreaOut,
    MspAreaPatch,
    PartyIn,
    PartyOut,
    PartyPatch,
    PartyQuery,
    RetireIn,
    matrix_out,
    msp_area_out,
    party_out,
)
from sevenc.raci.areas import add_area, retire_area, update_area
from sevenc.raci.models import Cell, MspArea, Party
from sevenc.raci.services import add_party, remove_party, set_cell, start_matrix, update_party
from sevenc.raci.state import MatrixState, state_of
from sevenc.tenancy.access import MANAGERS, STAFF
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["responsibility"])


def _state(caller: Any, client: Client) -> MatrixState:
    state = state_of(caller.scope, client)
    if state is None:
        raise DomainError(f"{client.name} has no responsibility matrix yet: start one first", field="matrix")
    return state


# --- the matrix -----------------------------------------------------------------------------------------------


@router.get("/clients/{client_id}/responsibility", response=answers(MatrixOut))
def get_matrix(request: HttpRequest, client_id: PathId) -> dict[str, Any]:
    """The client's matrix: its areas in block order, its parties, every saved cell with its version (a cell
    not listed is empty at version 0), the validation findings and each party's A and R load. 422 (field
    `matrix`) before it is started."""
    caller = caller_of(request)
    client = get_scoped(Client, caller.scope, pk=client_id)
    return matrix_out(_state(caller, client))


@router.post("/clients/{client_id}/responsibility", response=answers(MatrixOut, 201))
def new_matrix(request: HttpRequest, client_id: PathId, payload: MatrixIn) -> Status[dict[str, Any]]:
    """Start the client's matrix from a template; 409 when it has one already."""
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=client_id)
    start_matrix(actor=caller, client=client, template=payload.template, parties=payload.parties)
    return Status(201, matrix_out(_state(caller, client)))


@router.put("/clients/{client_id}/responsibility/cells", response=answers(CellOut))
def put_cell(request: HttpRequest, client_id: PathId, payload: CellIn) -> dict[str, Any]:
    """Set one cell against the version you read; 409 (naming the letters stored now) when someone saved
    it since."""
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=client_id)
    party = scoped(Party, caller.scope).filter(client=client, code=payload.party).first()
    if party is None:
        raise DomainError(f"{payload.party!r} is not a party of {client.name}", field="party")
    cell: Cell = set_cell(
        actor=caller,
        party=party,
        area_code=payload.area,
        letters=payload.letters,
        expected_version=payload.version,
    )
    return {"area": cell.area_code, "party": party.code, "letters": cell.letters, "version": cell.version}


# --- parties --------------------------------------------------------------------------------------------------


@router.get("/clients/{client_id}/parties", response=answers(Page[PartyOut]))
def list_parties(request: HttpRequest, client_id: PathId, query: Query[PartyQuery]) -> dict[str, Any]:
    """The client's parties in matrix order."""
    caller = caller_of(request)
    client = get_scoped(Client, caller.scope, pk=client_id)
    rows = scoped(Party, caller.scope).filter(client=client)
    if query.kind:
        rows = rows.filter(kind=query.kind)
    return page(rows, query, party_out, order="position")


@router.post("/clients/{client_id}/parties", response=answers(PartyOut, 201))
def new_party(request: HttpRequest, client_id: PathId, payload: PartyIn) -> Status[dict[str, Any]]:
    """A new party of the client's matrix (a second software vendor, an auditor …), with no letters yet."""
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=client_id)
    party = add_party(actor=caller, client=client, **payload.dict())
    return Status(201, party_out(party))


@router.get("/parties/{party_id}", response=answers(PartyOut))
def get_party(request: HttpRequest, party_id: PathId) -> dict[str, Any]:
    return party_out(get_scoped(Party, caller_of(request).scope, pk=party_id))


@router.patch("/parties/{party_id}", response=answers(PartyOut))
def patch_party(request: HttpRequest, party_id: PathId, payload: PartyPatch) -> dict[str, Any]:
    """Change a party's details (its code never changes); 409 when it changed since the `version` you read."""
    caller = require_role(caller_of(request), *MANAGERS)
    party = get_scoped(Party, caller.scope, pk=party_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    details = {key: getattr(party, key) for key in ("name", "kind", "role", "contact", "contract", "renewal")}
    details["ceo"] = party.is_ceo
    details.update({key: value for key, value in changes.items() if value is not None or key == "renewal"})
    saved = update_party(actor=caller, party=party, expected_version=version, **details)
    return party_out(saved)


@router.delete("/parties/{party_id}", response=answers(None, 204))
def delete_party(request: HttpRequest, party_id: PathId) -> Status[None]:
    """Remove a party and its letters; the CEO cannot be removed (make another party the CEO first)."""
    caller = require_role(caller_of(request), *MANAGERS)
    remove_party(actor=caller, party=get_scoped(Party, caller.scope, pk=party_id))
    return Status(204, None)


# --- the MSP's own areas --------------------------------------------------------------------------------------


@router.get("/responsibility-areas", response=answers(Page[MspAreaOut]))
def list_areas(request: HttpRequest, query: Query[AreaQuery]) -> dict[str, Any]:
    """The areas the MSP added to the shipped catalogue (`?retired=false`: those new matrices include)."""
    caller = require_role(caller_of(request), *STAFF)
    rows = scoped(MspArea, caller.scope).prefetch_related("items")
    if query.retired is not None:
        now = timezone.now()
        active = Q(retired_at__isnull=True) | Q(retired_at__gt=now)
        rows = rows.exclude(active) if query.retired else rows.filter(active)
    if query.block:
        rows = rows.filter(block=query.block)
    return page(rows, query, msp_area_out, order=query.order)


@router.post("/responsibility-areas", response=answers(MspAreaOut, 201))
def new_area(request: HttpRequest, payload: MspAreaIn) -> Status[dict[str, Any]]:
    """An area of the MSP's own (codes starting with RA- belong to the shipped catalogue)."""
    caller = require_role(caller_of(request), *MANAGERS)
    area = add_area(actor=caller, **payload.dict())
    return Status(201, msp_area_out(area))


def _area(caller: Any, area_id: int) -> MspArea:
    return get_scoped(MspArea, caller.scope, pk=area_id)


@router.get("/responsibility-areas/{area_id}", response=answers(MspAreaOut))
def get_area(request: HttpRequest, area_id: PathId) -> dict[str, Any]:
    caller = require_role(caller_of(request), *STAFF)
    return msp_area_out(_area(caller, area_id))


@router.patch("/responsibility-areas/{area_id}", response=answers(MspAreaOut))
def patch_area(request: HttpRequest, area_id: PathId, payload: MspAreaPatch) -> dict[str, Any]:
    """Change an area's wording, block, items, duty or critical flag (its code never changes); 409 when it
    changed since the `version` you read."""
    caller = require_role(caller_of(request), *MANAGERS)
    area = _area(caller, area_id)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    saved = update_area(
        actor=caller,
        area=area,
        title=changes.get("title", area.title),
        block=changes.get("block", area.block),
        items=changes.get("items", [item.code for item in area.items.all()]),
        critical=changes.get("critical", area.critical),
        duty=changes.get("duty", area.duty),
        expected_version=payload.version,
    )
    return msp_area_out(saved)


@router.post("/responsibility-areas/{area_id}/retire", response=answers(MspAreaOut))
def retire(request: HttpRequest, area_id: PathId, payload: RetireIn) -> dict[str, Any]:
    """Retire an area (matrices started from now on leave it out; older ones keep it and its letters), or
    bring it back with `retired: false`; 409 when it changed since the `version` you read."""
    caller = require_role(caller_of(request), *MANAGERS)
    area = _area(caller, area_id)
    saved = retire_area(actor=caller, area=area, retired=payload.retired, expected_version=payload.version)
    return msp_area_out(saved)
