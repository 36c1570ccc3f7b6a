"""The responsibility matrix's findings, exactly these rules, and each party's load. No Django here.

Rules (docs/raci.md), each finding naming its area or its party:

- `no_accountable` (area): no party holds A; the CEO is then accountable by default, and the message says so.
- `many_accountable` (area): more than one party holds A.
- `no_responsible` (area): no party holds R.
- `no_contract` (party): a party of kind `msp` or `vendor` holds R or A on some area and has no contract
  reference.
- `sole_responsible` (party): the only R on at least `spof` areas flagged critical (default 5): a single
  point of failure.

Only R and A decide a finding, so adding C or I to a cell never adds or removes one. Findings come in a
stable order: by rule in the order above, then areas in matrix order, then parties in matrix order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sevenc.lib.errors import DomainError
from sevenc.raci.matrix import Area, Matrix, Party

DEFAULT_SPOF = 5
RULES = ("no_accountable", "many_accountable", "no_responsible", "no_contract", "sole_responsible")
_LISTED = 5  # area codes named in a sole_responsible message before "and n more"


@dataclass(frozen=True)
class Finding:
    rule: str
    area: str | None
    party: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "area": self.area, "party": self.party, "message": self.message}


@dataclass(frozen=True)
class Load:
    """How many areas a party answers for (A) and works on (R)."""

    accountable: int
    responsible: int

    def to_json(self) -> dict[str, int]:
        return {"A": self.accountable, "R": self.responsible}


@dataclass(frozen=True)
class Review:
    findings: tuple[Finding, ...]
    load: dict[str, Load]  # party code → load, in party order

    def to_json(self) -> dict[str, Any]:
        """The JSON of `sevenc raci validate --json` (docs/formats.md)."""
        return {
            "findings": [f.to_json() for f in self.findings],
            "load": {code: load.to_json() for code, load in self.load.items()},
        }


def _holders(matrix: Matrix, area: Area, order: dict[str, int]) -> tuple[list[str], list[str]]:
    """The parties holding A and those holding R on `area`, in party order (cells of unknown parties ignored)."""
    cells = sorted(
        (order[code], code, letters)
        for code, letters in matrix.assignments.get(area.code, {}).items()
        if code in order
    )
    return [code for _, code, letters in cells if "A" in letters], [
        code for _, code, letters in cells if "R" in letters
    ]


def _area_findings(
    matrix: Matrix, area: Area, accountable: list[str], responsible: list[str]
) -> dict[str, Finding]:
    found = {}
    if not accountable:
        ceo = matrix.ceo()
        who = f"the CEO ({ceo.name})" if ceo and ceo.name else "the CEO"
        found["no_accountable"] = Finding(
            "no_accountable",
            area.code,
            None,
            f"{area.label()}: no party is accountable, so {who} is accountable by default",
        )
    elif len(accountable) > 1:
        found["many_accountable"] = Finding(
            "many_accountable",
            area.code,
            None,
            f"{area.label()}: {len(accountable)} parties are accountable ({', '.join(accountable)}); "
            "exactly one should be",
        )
    if not responsible:
        found["no_responsible"] = Finding(
            "no_responsible", area.code, None, f"{area.label()}: no party is responsible, so nobody does it"
        )
    return found


def _party_findings(party: Party, holding: int, spof: int, sole: list[str]) -> dict[str, Finding]:
    """`holding`: the number of areas on which the party holds R or A; `sole`: its critical areas as sole R."""
    found = {}
    if party.external and not party.contract and holding:
        found["no_contract"] = Finding(
            "no_contract",
            None,
            party.code,
            f"{party.label()}, {party.kind}, holds R or A on {holding} area(s) but has no contract "
            "reference: attach the matrix to a contract",
        )
    if len(sole) >= spof:
        listed = ", ".join(sole[:_LISTED]) + (
            f" and {len(sole) - _LISTED} more" if len(sole) > _LISTED else ""
        )
        found["sole_responsible"] = Finding(
            "sole_responsible",
            None,
            party.code,
            f"{party.label()} is the only party responsible for {len(sole)} critical areas ({listed}): "
            "a single point of failure; name a second responsible party or a stand-in",
        )
    return found


def validate(matrix: Matrix, *, spof: int = DEFAULT_SPOF) -> Review:
    """The findings of the five rules and each party's load; `spof` is the sole_responsible threshold."""
    if isinstance(spof, bool) or not isinstance(spof, int) or spof < 1:
        raise DomainError(f"{spof!r} must be a whole number of at least 1", field="spof")
    order = {p.code: n for n, p in enumerate(matrix.parties)}
    by_rule: dict[str, list[Finding]] = {rule: [] for rule in RULES}
    sole: dict[str, list[str]] = {p.code: [] for p in matrix.parties}
    counts = {p.code: [0, 0, 0] for p in matrix.parties}  # A, R, R or A
    for area in matrix.areas:
        accountable, responsible = _holders(matrix, area, order)
        for rule, finding in _area_findings(matrix, area, accountable, responsible).items():
            by_rule[rule].append(finding)
        for code in accountable:
            counts[code][0] += 1
        for code in responsible:
            counts[code][1] += 1
        for code in set(accountable) | set(responsible):
            counts[code][2] += 1
        if area.critical and len(responsible) == 1:
            sole[responsible[0]].append(area.code)
    for party in matrix.parties:
        holding = counts[party.code][2]
        for rule, finding in _party_findings(party, holding, spof, sole[party.code]).items():
            by_rule[rule].append(finding)
    load = {code: Load(a, r) for code, (a, r, _) in counts.items()}
    return Review(tuple(f for rule in RULES for f in by_rule[rule]), load)
