"""What the matrix pages, the client card and the QBR show, computed from one `MatrixState`. No queries here
(but in `report_section`, which reads the state first): the state has been read already, so a page's query
count does not grow with its rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sevenc.catalogue.spec import packaged_framework
from sevenc.clients.models import Client
from sevenc.raci.matrix import BLOCKS, Area
from sevenc.raci.models import Party
from sevenc.raci.state import MatrixState, state_of
from sevenc.raci.templates import load_templates
from sevenc.raci.validation import RULES, Finding
from sevenc.tenancy.scoping import Scope

RULE_LABELS = {
    "no_accountable": "Nobody accountable",
    "many_accountable": "Several accountable",
    "no_responsible": "Nobody responsible",
    "no_contract": "No contract on file",
    "sole_responsible": "Single point of failure",
}
RULE_HINTS = {
    "no_accountable": "Give one party the A: until then the CEO answers for it by default.",
    "many_accountable": "Keep one A: when several answer for a duty, nobody decides.",
    "no_responsible": "Give a party the R: nobody does this duty today.",
    "no_contract": "Record the contract or SLA reference the matrix is attached to.",
    "sole_responsible": "Name a second responsible party or a stand-in on the critical areas.",
}
FLAGS = {"no_accountable": "no A", "many_accountable": "many A", "no_responsible": "no R"}
QBR_FINDINGS = 12  # one page of the report; the full list is on the matrix page


def block_names() -> dict[str, str]:
    names = {b.code: b.name for b in packaged_framework("7c").blocks}
    return {code: names.get(code, code) for code in BLOCKS}


@dataclass(frozen=True)
class Column:
    party: Party
    accountable: int
    responsible: int


@dataclass(frozen=True)
class Row:
    area: Area
    flags: tuple[str, ...]
    cells: tuple[tuple[str, int], ...]  # (letters, version) per shown column


@dataclass(frozen=True)
class GridBlock:
    code: str
    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...]
    blocks: tuple[GridBlock, ...]
    shown: int
    total: int


def columns(state: MatrixState, codes: list[str] | None = None) -> tuple[Column, ...]:
    load = state.review.load
    return tuple(
        Column(p, load[p.code].accountable, load[p.code].responsible)
        for p in state.parties
        if not codes or p.code in codes
    )


def area_flags(state: MatrixState) -> dict[str, tuple[str, ...]]:
    flags: dict[str, list[str]] = {}
    for finding in state.review.findings:
        if finding.area is not None:
            flags.setdefault(finding.area, []).append(FLAGS[finding.rule])
    return {code: tuple(found) for code, found in flags.items()}


def grid(
    state: MatrixState, *, block: str = "", parties: list[str] | None = None, flagged: bool = False
) -> Grid:
    shown_columns = columns(state, parties)
    flags = area_flags(state)
    names = block_names()
    versions = state.versions
    shown_parties = [(c.party.code, c.party.pk) for c in shown_columns]
    blocks = []
    shown = 0
    for code in BLOCKS:
        if block and code != block:
            continue
        rows = []
        for area in state.areas:
            if area.block != code or (flagged and area.code not in flags):
                continue
            cells = state.assignments.get(area.code, {})
            rows.append(
                Row(
                    area,
                    flags.get(area.code, ()),
                    tuple(
                        (cells.get(code, ""), versions.get((area.code, pk), 0)) for code, pk in shown_parties
                    ),
                )
            )
        if rows:
            blocks.append(GridBlock(code, names[code], tuple(rows)))
            shown += len(rows)
    return Grid(shown_columns, tuple(blocks), shown, len(state.areas))


@dataclass(frozen=True)
class FindingLink:
    """A finding and where it points: its area's row in the grid, or its party's page."""

    finding: Finding
    block: str  # the block of its area ("" for a party finding)
    party_pk: int | None  # the party of a party finding


@dataclass(frozen=True)
class FindingGroup:
    rule: str
    label: str
    hint: str
    findings: tuple[FindingLink, ...]


def finding_groups(state: MatrixState) -> tuple[FindingGroup, ...]:
    blocks = {a.code: a.block for a in state.areas}
    party_pks = {p.code: p.pk for p in state.parties}
    groups = []
    for rule in RULES:
        found = tuple(
            FindingLink(f, blocks.get(f.area or "", ""), party_pks.get(f.party or ""))
            for f in state.review.findings
            if f.rule == rule
        )
        if found:
            groups.append(FindingGroup(rule, RULE_LABELS[rule], RULE_HINTS[rule], found))
    return tuple(groups)


def counts(state: MatrixState) -> dict[str, int]:
    result = dict.fromkeys(RULES, 0)
    for finding in state.review.findings:
        result[finding.rule] += 1
    return result


def summary(state: MatrixState) -> dict[str, Any]:
    """The client card: findings by rule and the most loaded parties."""
    by_rule = counts(state)
    ranked = sorted(columns(state), key=lambda c: (-(c.accountable + c.responsible), c.party.position))
    return {
        "counts": [(RULE_LABELS[rule], rule, n) for rule, n in by_rule.items()],
        "total": sum(by_rule.values()),
        "busiest": ranked[:5],
        "areas": len(state.areas),
        "parties": len(state.parties),
    }


def template_name(code: str) -> str:
    found = load_templates().get(code)
    return found.name if found is not None else code


def qbr_section(state: MatrixState) -> dict[str, Any]:
    """The QBR's responsibility section as plain JSON, frozen with the review's snapshot."""
    findings = state.review.findings
    return {
        "template": template_name(state.matrix.template),
        "areas": len(state.areas),
        "parties": len(state.parties),
        "counts": [
            {"rule": rule, "label": RULE_LABELS[rule], "count": n} for rule, n in counts(state).items()
        ],
        "findings": [
            {"rule": f.rule, "label": RULE_LABELS[f.rule], "message": f.message}
            for f in findings[:QBR_FINDINGS]
        ],
        "more": max(0, len(findings) - QBR_FINDINGS),
        "load": [
            {
                "code": c.party.code,
                "name": c.party.name,
                "kind": c.party.get_kind_display(),
                "contract": c.party.contract,
                "A": c.accountable,
                "R": c.responsible,
            }
            for c in columns(state)
        ],
    }


@dataclass(frozen=True)
class Holding:
    letter: str
    label: str
    areas: tuple[tuple[Area, str], ...]  # area, the party's letters on it


HOLDING_LABELS = (
    ("A", "Accountable for"),
    ("R", "Responsible for"),
    ("C", "Consulted on"),
    ("I", "Informed about"),
)


def party_holdings(state: MatrixState, party: Party) -> tuple[Holding, ...]:
    """What one party owns ("what does the ISP own?"), by letter, in matrix order."""
    holdings = []
    for letter, label in HOLDING_LABELS:
        areas = tuple(
            (area, state.letters(area.code, party))
            for area in state.areas
            if letter in state.letters(area.code, party)
        )
        holdings.append(Holding(letter, label, areas))
    return tuple(holdings)


def report_section(client: Client) -> dict[str, Any] | None:
    """The QBR's responsibility section for `client` (None before its matrix is started); the review's
    snapshot freezes it with the rest of the report."""
    state = state_of(Scope(client.msp), client)
    return qbr_section(state) if state is not None else None
