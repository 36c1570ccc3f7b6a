"""The read model of a client's matrix: its rows, parties and cells from the database, as the pure `Matrix`.

One fixed set of queries, whatever the size (the matrix, its parties, its cells, the MSP's areas and their
items; the shipped catalogue's areas are cached per version), so the grid, the findings, the exports, the
client card and the QBR all read the same thing the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sevenc.clients.models import Client
from sevenc.raci import matrix as core
from sevenc.raci.areas import matrix_areas
from sevenc.raci.models import Cell, Matrix, Party
from sevenc.raci.validation import DEFAULT_SPOF, Review, validate
from sevenc.tenancy.scoping import Scope, scoped


def as_party(party: Party) -> core.Party:
    return core.Party(
        code=party.code,
        name=party.name,
        kind=party.kind,
        ceo=party.is_ceo,
        contract=party.contract,
        contact=party.contact,
        renewal=party.renewal,
    )


@dataclass
class MatrixState:
    matrix: Matrix
    parties: list[Party]
    areas: tuple[core.Area, ...]
    versions: dict[tuple[str, int], int] = field(default_factory=dict)  # (area code, party pk) → version
    assignments: dict[str, dict[str, str]] = field(default_factory=dict)  # area → party code → letters

    @property
    def client(self) -> Client:
        return self.matrix.client

    @cached_property
    def pure(self) -> core.Matrix:
        return core.Matrix(
            self.client.name, tuple(as_party(p) for p in self.parties), self.areas, self.assignments
        )

    @cached_property
    def review(self) -> Review:
        return validate(self.pure, spof=DEFAULT_SPOF)

    def party(self, code: str) -> Party | None:
        return next((p for p in self.parties if p.code == code), None)

    def area(self, code: str) -> core.Area | None:
        return next((a for a in self.areas if a.code == code), None)

    def letters(self, area: str, party: Party) -> str:
        return self.assignments.get(area, {}).get(party.code, "")

    def version(self, area: str, party: Party) -> int:
        return self.versions.get((area, party.pk), 0)


def load_state(scope: Scope, matrix: Matrix, parties: list[Party] | None = None) -> MatrixState:
    """The state of `matrix` (reached through `scope`) as stored now."""
    if parties is None:
        parties = list(scoped(Party, scope).filter(client_id=matrix.client_id).order_by("position", "pk"))
    areas = matrix_areas(scope, matrix)
    known = {a.code for a in areas}
    code_of = {p.pk: p.code for p in parties}
    versions: dict[tuple[str, int], int] = {}
    assignments: dict[str, dict[str, str]] = {}
    cells = scoped(Cell, scope).filter(party__client_id=matrix.client_id)
    for party_id, area, letters, version in cells.values_list("party_id", "area_code", "letters", "version"):
        versions[(area, party_id)] = version
        if letters and area in known and party_id in code_of:
            assignments.setdefault(area, {})[code_of[party_id]] = letters
    return MatrixState(matrix, parties, areas, versions, assignments)


def matrix_of(scope: Scope, client: Client) -> Matrix | None:
    found = scoped(Matrix, scope).filter(client=client).select_related("catalogue").first()
    if found is not None:
        found.client = client  # the caller's copy: no second query for the client
    return found


def state_of(scope: Scope, client: Client) -> MatrixState | None:
    """The client's matrix as the pure model plus what the pages need, or None before it is started."""
    found = matrix_of(scope, client)
    return load_state(scope, found) if found is not None else None
