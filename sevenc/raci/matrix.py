"""The responsibility matrix as plain data: parties, areas and the RACI letters of each cell. No Django here.

A cell holds a set of letters from R (responsible: does the work), A (accountable: answers for it, one per
area), C (consulted) and I (informed). Letters are case-insensitive on input and always kept upper-case in
R, A, C, I order, so "ar" and "RA" are the same cell and compare equal ("AR" is written "RA").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sevenc.lib.bounds import CODE
from sevenc.lib.errors import DomainError

LETTERS = "RACI"
KINDS = ("internal", "msp", "vendor")
EXTERNAL_KINDS = ("msp", "vendor")
BLOCKS = ("CONT", "COMP", "CHRG", "CONS", "CTRL", "CLEAR", "COST")
# A code is bounded like every code (sevenc.lib.bounds.CODE) and starts with a letter or digit, so that as a
# CSV header it can never be read as a formula.
CODE_PATTERN = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_.\-]{{0,{CODE.max_length - 1}}}$")
CODE_RULE = f"1–{CODE.max_length} letters, digits, '.', '-' or '_', starting with a letter or digit"

# Every value a cell can hold, each in R, A, C, I order ("" is an empty cell): what the database allows.
CELL_VALUES = tuple(
    "".join(letter for n, letter in enumerate(LETTERS) if mask & (1 << n))
    for mask in range(1 << len(LETTERS))
)

# area code → party code → letters; cells without letters are absent.
Assignments = Mapping[str, Mapping[str, str]]


class RaciError(DomainError):
    """Responsibility-matrix input that cannot be used; the message names the entry at fault."""


def normalise_letters(value: Any, *, field: str) -> str:
    """The letters of one cell in R, A, C, I order ("ar" → "RA", "" → ""), or a RaciError naming `field`."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RaciError('must be text such as "RA"', field=field)
    text = value.strip().upper()
    for letter in text:
        if letter not in LETTERS:
            raise RaciError(f"{letter!r} in {value!r} is not one of R, A, C, I", field=field)
        if text.count(letter) > 1:
            raise RaciError(f"{value!r} gives {letter} twice: each of R, A, C, I at most once", field=field)
    return "".join(letter for letter in LETTERS if letter in text)


def check_code(value: Any, *, field: str) -> str:
    """A party or area code: stripped, bounded, and safe in a CSV header (never starts with '=' or '-')."""
    if not isinstance(value, str) or not CODE_PATTERN.fullmatch(value.strip()):
        raise RaciError(f"code {value!r} must be {CODE_RULE}", field=field)
    return value.strip()


@dataclass(frozen=True)
class Party:
    """One member of a client's virtual IT department."""

    code: str
    name: str
    kind: str  # one of KINDS
    ceo: bool = False
    contract: str = ""  # contract / SLA reference; empty = none
    contact: str = ""
    renewal: date | None = None

    @property
    def external(self) -> bool:
        return self.kind in EXTERNAL_KINDS

    def label(self) -> str:
        return f"{self.code} ({self.name})" if self.name and self.name != self.code else self.code


@dataclass(frozen=True)
class Area:
    """One responsibility area: a concrete, checkable duty."""

    code: str
    title: str
    block: str
    items: tuple[str, ...]
    critical: bool
    duty: str = ""  # the category templates assign parties by; "" for an area no template knows

    def label(self) -> str:
        return f'{self.code} "{self.title}"'


@dataclass(frozen=True)
class Matrix:
    client: str
    parties: tuple[Party, ...]
    areas: tuple[Area, ...]
    assignments: Assignments = field(default_factory=dict)

    def letters(self, area: str, party: str) -> str:
        return self.assignments.get(area, {}).get(party, "")

    def holders(self, area: str, letter: str) -> list[str]:
        """The codes of the parties holding `letter` on `area`, in party order."""
        cells = self.assignments.get(area, {})
        return [p.code for p in self.parties if letter in cells.get(p.code, "")]

    def ceo(self) -> Party | None:
        return next((p for p in self.parties if p.ceo), None)

    def party(self, code: str) -> Party | None:
        return next((p for p in self.parties if p.code == code), None)

    def with_letters(self, area: str, party: str, letters: str) -> Matrix:
        """A copy with one cell set (normalised; "" clears it): the grid editor's one change."""
        return Matrix(
            self.client,
            self.parties,
            self.areas,
            set_cell(self.assignments, area, party, normalise_letters(letters, field=f"{area}/{party}")),
        )


def set_cell(assignments: Assignments, area: str, party: str, letters: str) -> dict[str, dict[str, str]]:
    """A new assignments mapping with one cell replaced; empty cells and empty rows are dropped."""
    copy = {code: dict(cells) for code, cells in assignments.items()}
    row = copy.setdefault(area, {})
    if letters:
        row[party] = letters
    else:
        row.pop(party, None)
    if not row:
        del copy[area]
    return copy


def ordered_assignments(
    assignments: Assignments, areas: Iterable[Area], parties: Iterable[Party]
) -> dict[str, dict[str, str]]:
    """The non-empty cells in area order, then party order: the one order every writer uses."""
    party_codes = [p.code for p in parties]
    result: dict[str, dict[str, str]] = {}
    for area in areas:
        cells = assignments.get(area.code, {})
        row = {code: cells[code] for code in party_codes if cells.get(code)}
        if row:
            result[area.code] = row
    return result
