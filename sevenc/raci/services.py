"""Everything that changes a client's responsibility matrix: start it, its parties, its cells, a CSV import.

Keyword-only functions, one transaction each, the state they check read under a row lock. Errors are
`RaciError` (a DomainError) naming the field or entry at fault; nothing is stored when one is raised.
A cell is saved against the version the editor read: of two vCIOs editing one cell, the second gets a
`CellConflict` carrying the first one's letters, never a silent overwrite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sevenc.audit.services import record, record_created, record_many
from sevenc.clients.models import Client
from sevenc.lib.errors import Conflict
from sevenc.lib.fields import clean_text
from sevenc.lib.files import load_text
from sevenc.raci.access import require_manager
from sevenc.raci.areas import matrix_areas, shipped_catalogue
from sevenc.raci.csv_layout import apply_csv, parse_matrix_csv
from sevenc.raci.matrix import KINDS, RaciError, check_code, normalise_letters
from sevenc.raci.matrix_file import MAX_PARTIES
from sevenc.raci.models import Cell, Matrix, Party
from sevenc.raci.parties import STANDARD_CODES, STANDARD_PARTIES
from sevenc.raci.state import MatrixState, load_state, matrix_of
from sevenc.raci.templates import template as find_template
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import scoped

MAX_CSV_BYTES = 2 * 1024 * 1024  # 5,000 rows × 200 parties of letters fit many times over


class CellConflict(Conflict):
    """Someone saved the cell since the editor read it; `letters` and `version` are what is stored now."""

    def __init__(self, message: str, *, letters: str, version: int) -> None:
        super().__init__(message, field="letters")
        self.letters = letters
        self.version = version


# --- the matrix -----------------------------------------------------------------------------------------------


def _standard_name(code: str, role: str, client: Client) -> str:
    if code == "MSP":
        return client.msp.name
    if code == "VCIO" and client.vcio is not None:
        return client.vcio.get_full_name() or client.vcio.get_username()
    return role


def start_matrix(
    *, actor: Caller, client: Client, template: str, parties: Iterable[str] | None = None
) -> Matrix:
    """Start the client's matrix from a template with the standard parties named in `parties` (all when
    None; the CEO always): the template fills the letters of the parties present."""
    require_manager(actor)
    chosen = find_template(template)
    wanted = list(STANDARD_CODES if parties is None else dict.fromkeys(parties))
    unknown = [code for code in wanted if code not in STANDARD_CODES]
    if unknown:
        raise RaciError(f"{', '.join(map(repr, unknown))} is not a standard party", field="parties")
    if "CEO" not in wanted:
        raise RaciError(
            "the CEO is always a party: if nobody else is, the CEO is accountable", field="parties"
        )
    catalogue = shipped_catalogue()
    with transaction.atomic():
        locked = scoped(Client, actor.scope).select_for_update(of=("self",)).get(pk=client.pk)
        if scoped(Matrix, actor.scope).filter(client=locked).exists():
            raise Conflict(f"{client.name} already has a responsibility matrix", field="template")
        matrix = Matrix.objects.create(
            client=locked,
            catalogue=catalogue,
            template=chosen.code,
            started_at=timezone.now(),
            started_by=actor.user,
        )
        created = Party.objects.bulk_create(
            Party(
                client=locked,
                code=p.code,
                name=_standard_name(p.code, p.role, client),
                kind=p.kind,
                role=p.role,
                is_ceo=p.code == "CEO",
                position=n,
            )
            for n, p in enumerate(p for p in STANDARD_PARTIES if p.code in wanted)
        )
        state = load_state(actor.scope, matrix, parties=created)
        by_code = {p.code: p for p in created}
        letters = chosen.apply(state.pure.parties, state.areas)
        cells = Cell.objects.bulk_create(
            Cell(party=by_code[party], area_code=area, letters=value, version=1, updated_by=actor.user)
            for area, cells in letters.items()
            for party, value in cells.items()
        )
        # Bulk inserts send no model signal: the trail gets each party, and the letters as one line.
        record_created(created)
        filled = sum(1 for cell in cells if cell.letters)
        record(matrix, "changed", {"cells": (None, f"{filled} filled from the {chosen.code} template")})
    return matrix


def _matrix(actor: Caller, client: Client) -> Matrix:
    found = matrix_of(actor.scope, client)
    if found is None:
        raise RaciError(f"{client.name} has no responsibility matrix yet: start one first", field="matrix")
    return found


# --- parties ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyFields:
    name: str
    kind: str
    role: str
    contact: str
    contract: str
    renewal: dt.date | None
    ceo: bool


def _party_fields(
    name: Any, kind: Any, role: Any, contact: Any, contract: Any, renewal: Any, ceo: Any
) -> PartyFields:
    if kind not in KINDS:
        raise RaciError(f"{kind!r} is not one of {', '.join(KINDS)}", field="kind")
    if renewal is not None and not isinstance(renewal, dt.date):
        raise RaciError("must be a date", field="renewal")
    if not isinstance(ceo, bool):
        raise RaciError("must be true or false", field="ceo")
    if ceo and kind != "internal":
        raise RaciError("the CEO is an internal party", field="kind")
    return PartyFields(
        name=clean_text(Party, "name", name, required=True),
        kind=kind,
        role=clean_text(Party, "role", role),
        contact=clean_text(Party, "contact", contact),
        contract=clean_text(Party, "contract", contract),
        renewal=renewal,
        ceo=ceo,
    )


def _locked_parties(actor: Caller, client_id: int) -> list[Party]:
    return list(
        scoped(Party, actor.scope).select_for_update(of=("self",)).filter(client_id=client_id).order_by("pk")
    )


def _hand_over_ceo(parties: list[Party], to: Party) -> None:
    for other in parties:
        if other.is_ceo and other.pk != to.pk:
            other.is_ceo = False
            other.version += 1
            other.save(update_fields=["is_ceo", "version"])  # first, so the one-CEO constraint holds


def add_party(
    *,
    actor: Caller,
    client: Client,
    code: str,
    name: str,
    kind: str,
    role: str = "",
    contact: str = "",
    contract: str = "",
    renewal: dt.date | None = None,
    ceo: bool = False,
) -> Party:
    """A new party (a second software vendor "SOFTWARE-2", an auditor …); it starts with no letters."""
    require_manager(actor)
    matrix = _matrix(actor, client)
    code = check_code(code, field="code")
    fields = _party_fields(name, kind, role, contact, contract, renewal, ceo)
    with transaction.atomic():
        parties = _locked_parties(actor, matrix.client_id)
        if any(p.code.casefold() == code.casefold() for p in parties):
            raise RaciError(f"{code!r} is already a party of {client.name}", field="code")
        if len(parties) >= MAX_PARTIES:
            raise RaciError(f"a matrix has at most {MAX_PARTIES} parties", field="code")
        party = Party(
            client_id=matrix.client_id,
            code=code,
            position=max((p.position for p in parties), default=-1) + 1,
            name=fields.name,
            kind=fields.kind,
            role=fields.role,
            contact=fields.contact,
            contract=fields.contract,
            renewal=fields.renewal,
        )
        if fields.ceo:
            _hand_over_ceo(parties, party)
            party.is_ceo = True
        party.save()
    return party


def update_party(
    *,
    actor: Caller,
    party: Party,
    name: str,
    kind: str,
    role: str = "",
    contact: str = "",
    contract: str = "",
    renewal: dt.date | None = None,
    ceo: bool = False,
    expected_version: int | None = None,
) -> Party:
    """Change a party's details; `ceo=True` makes it the CEO (the former CEO stops being one)."""
    require_manager(actor)
    fields = _party_fields(name, kind, role, contact, contract, renewal, ceo)
    with transaction.atomic():
        parties = _locked_parties(actor, party.client_id)
        current = next((p for p in parties if p.pk == party.pk), None)
        if current is None:
            raise Conflict(f"{party.code} was removed meanwhile", field="code")
        if expected_version is not None and current.version != expected_version:
            raise Conflict(
                f"someone changed {current.code} while you edited it; your change was not saved — the page "
                "now shows theirs",
                field="version",
            )
        if current.is_ceo and not fields.ceo:
            raise RaciError(
                f"{current.code} is the CEO: mark another internal party as the CEO instead", field="ceo"
            )
        if fields.ceo:
            _hand_over_ceo(parties, current)
        for key in ("name", "kind", "role", "contact", "contract", "renewal"):
            setattr(current, key, getattr(fields, key))
        current.is_ceo = fields.ceo
        current.version += 1
        current.save()
    return current


def remove_party(*, actor: Caller, party: Party) -> None:
    """Remove a party and its letters; the CEO cannot be removed (the matrix always has one)."""
    require_manager(actor)
    with transaction.atomic():
        current = scoped(Party, actor.scope).select_for_update(of=("self",)).filter(pk=party.pk).first()
        if current is None:
            return
        if current.is_ceo:
            raise RaciError(
                f"{current.code} is the CEO and cannot be removed: make another party the CEO first",
                field="ceo",
            )
        current.delete()


# --- cells --------------------------------------------------------------------------------------------------


def _who(cell: Cell | None) -> str:
    user = cell.updated_by if cell is not None else None
    return (user.get_full_name() or user.get_username()) if user is not None else "someone"


def set_cell(*, actor: Caller, party: Party, area_code: str, letters: Any, expected_version: int) -> Cell:
    """Give one area × party its letters ("" clears it), against the version the editor read."""
    require_manager(actor)
    where = f"{area_code} × {party.code}"
    letters = normalise_letters(letters, field="letters")
    if isinstance(expected_version, bool) or not isinstance(expected_version, int) or expected_version < 0:
        raise RaciError("must be the cell's version, a whole number", field="version")
    matrix = _matrix(actor, party.client)
    if area_code not in {a.code for a in matrix_areas(actor.scope, matrix)}:
        raise RaciError(f"{area_code!r} is not an area of this matrix", field="area")
    with transaction.atomic():
        if not scoped(Party, actor.scope).select_for_update(of=("self",)).filter(pk=party.pk).exists():
            raise Conflict(f"{party.code} was removed from the matrix meanwhile", field="party")
        cell = (
            scoped(Cell, actor.scope)
            .select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(party=party, area_code=area_code)
            .first()
        )
        stored, version = (cell.letters, cell.version) if cell is not None else ("", 0)
        if version != expected_version:
            raise CellConflict(
                f"{where}: {_who(cell)} changed this cell to {stored or 'nothing'!r} while you edited it; "
                f"your {letters or 'empty cell'!r} was not saved",
                letters=stored,
                version=version,
            )
        if cell is None:
            cell = Cell(party=party, area_code=area_code)
        if cell.pk is not None and stored == letters:
            return cell
        cell.letters, cell.version, cell.updated_by = letters, version + 1, actor.user
        try:
            with transaction.atomic():
                cell.save()
        except IntegrityError:  # a first save of the same empty cell raced this one
            raise CellConflict(
                f"{where}: someone filled this cell while you edited it; your {letters!r} was not saved",
                letters="",
                version=0,
            ) from None
    return cell


# --- CSV import ---------------------------------------------------------------------------------------------


def import_csv(*, actor: Caller, client: Client, data: bytes | str, source: str = "upload.csv") -> int:
    """Replace the letters of the cells a CSV covers (docs/formats.md); all or nothing. Returns how many
    cells changed. A RaciCsvError names every row and column at fault."""
    require_manager(actor)
    matrix = _matrix(actor, client)
    text = load_text(data, source=source, limit=MAX_CSV_BYTES)
    with transaction.atomic():
        parties = _locked_parties(actor, matrix.client_id)
        state = load_state(actor.scope, matrix, parties=sorted(parties, key=lambda p: (p.position, p.pk)))
        sheet = parse_matrix_csv(text, areas=state.areas, parties=state.pure.parties)
        wanted = apply_csv(state.assignments, sheet)
        return _write_changes(actor, state, wanted)


def _write_changes(actor: Caller, state: MatrixState, wanted: dict[str, dict[str, str]]) -> int:
    existing = {
        (c.area_code, c.party_id): c
        for c in scoped(Cell, actor.scope).select_for_update(of=("self",)).filter(party__in=state.parties)
    }
    now = timezone.now()
    changed: list[Cell] = []
    created: list[Cell] = []
    before: dict[tuple[str, int], str] = {}
    for area in state.areas:
        for party in state.parties:
            letters = wanted.get(area.code, {}).get(party.code, "")
            if letters == state.letters(area.code, party):
                continue
            cell = existing.get((area.code, party.pk))
            if cell is None:
                created.append(
                    Cell(party=party, area_code=area.code, letters=letters, version=1, updated_by=actor.user)
                )
            else:
                before[(area.code, party.pk)] = cell.letters
                cell.party = party  # named in the audit trail: no query per cell
                cell.letters, cell.version, cell.updated_by = letters, cell.version + 1, actor.user
                cell.updated_at = now
                changed.append(cell)
    scoped(Cell, actor.scope).bulk_update(changed, ["letters", "version", "updated_by", "updated_at"])
    Cell.objects.bulk_create(created)
    # Bulk writes send no model signal: one event per cell, inserted together.
    record_many(
        [(c, "changed", {"letters": (before[(c.area_code, c.party_id)], c.letters)}) for c in changed]
        + [(c, "created", {"letters": (None, c.letters)}) for c in created]
    )
    return len(changed) + len(created)
