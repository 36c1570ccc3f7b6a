"""The shapes of the responsibility matrix's API (`sevenc/raci/api.py`): requests, answers, and the
functions that turn rows and the matrix state into answers."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sevenc.lib.api import Code, Day, Flag, In, Out, PageQuery, Version, text
from sevenc.lib.bounds import NAME, TITLE, Text
from sevenc.raci.matrix import BLOCKS, CELL_VALUES, KINDS
from sevenc.raci.models import MspArea, Party
from sevenc.raci.parties import STANDARD_CODES
from sevenc.raci.state import MatrixState
from sevenc.raci.templates import load_templates

Kind = Literal[KINDS]  # type: ignore[valid-type]
Block = Literal[BLOCKS]  # type: ignore[valid-type]
Letters = Literal[CELL_VALUES]  # type: ignore[valid-type]
Template = Literal[tuple(sorted(load_templates()))]  # type: ignore[valid-type]
StandardParty = Literal[STANDARD_CODES]  # type: ignore[valid-type]
DUTY = Text(40)


class PartyOut(Out):
    id: int
    client_id: int
    code: str
    name: str
    kind: Kind  # type: ignore[valid-type]
    role: str
    contact: str
    contract: str
    renewal: dt.date | None
    ceo: bool
    position: int
    version: int


class PartyIn(In):
    code: Code
    name: text(NAME, required=True)  # type: ignore[valid-type]
    kind: Kind  # type: ignore[valid-type]
    role: text(NAME) = ""  # type: ignore[valid-type]
    contact: text(NAME) = ""  # type: ignore[valid-type]
    contract: text(NAME) = ""  # type: ignore[valid-type]
    renewal: Day | None = None
    ceo: Flag = False


class PartyPatch(In):
    """The fields to change and the `version` you read; `ceo: true` hands the CEO over to this party."""

    version: Version
    name: text(NAME, required=True) | None = None  # type: ignore[valid-type]
    kind: Kind | None = None  # type: ignore[valid-type]
    role: text(NAME) | None = None  # type: ignore[valid-type]
    contact: text(NAME) | None = None  # type: ignore[valid-type]
    contract: text(NAME) | None = None  # type: ignore[valid-type]
    renewal: Day | None = None
    ceo: Flag | None = None


class AreaOut(Out):
    code: str
    title: str
    block: str
    items: list[str]
    critical: bool
    duty: str


class CellOut(Out):
    area: str
    party: str
    letters: str
    version: int


class FindingOut(Out):
    rule: str
    area: str | None
    party: str | None
    message: str


class LoadOut(Out):
    party: str
    accountable: int
    responsible: int


class MatrixOut(Out):
    client_id: int
    template: str
    catalogue: str
    catalogue_version: str
    started_at: dt.datetime
    parties: list[PartyOut]
    areas: list[AreaOut]
    cells: list[CellOut]
    findings: list[FindingOut]
    load: list[LoadOut]


class MatrixIn(In):
    """Start the matrix from a template with these standard parties (all when omitted; the CEO always)."""

    template: Template  # type: ignore[valid-type]
    parties: list[StandardParty] | None = None  # type: ignore[valid-type]


class CellIn(In):
    """One area × party: its letters in any order ("" clears it) and the cell's `version` you read (0 for a
    cell never saved)."""

    area: Code
    party: Code
    letters: Letters  # type: ignore[valid-type]
    version: Version


class MspAreaOut(Out):
    id: int
    code: str
    title: str
    block: Block  # type: ignore[valid-type]
    items: list[str]
    critical: bool
    duty: str
    created_at: dt.datetime
    retired_at: dt.datetime | None
    version: int


class MspAreaIn(In):
    code: Code
    title: text(TITLE, required=True)  # type: ignore[valid-type]
    block: Block  # type: ignore[valid-type]
    items: list[Code]
    critical: Flag = False
    duty: text(DUTY) = ""  # type: ignore[valid-type]


class MspAreaPatch(In):
    version: Version
    title: text(TITLE, required=True) | None = None  # type: ignore[valid-type]
    block: Block | None = None  # type: ignore[valid-type]
    items: list[Code] | None = None
    critical: Flag | None = None
    duty: text(DUTY) | None = None  # type: ignore[valid-type]


class RetireIn(In):
    """`retired: false` brings a retired area back; `version` is the one you read."""

    retired: Flag = True
    version: Version


class AreaQuery(PageQuery):
    retired: bool | None = None
    block: Block | None = None  # type: ignore[valid-type]
    order: Literal["code", "block", "-created_at"] = "code"


class PartyQuery(PageQuery):
    kind: Kind | None = None  # type: ignore[valid-type]


def party_out(party: Party) -> dict[str, Any]:
    return {
        "id": party.pk,
        "client_id": party.client_id,
        "code": party.code,
        "name": party.name,
        "kind": party.kind,
        "role": party.role,
        "contact": party.contact,
        "contract": party.contract,
        "renewal": party.renewal,
        "ceo": party.is_ceo,
        "position": party.position,
        "version": party.version,
    }


def matrix_out(state: MatrixState) -> dict[str, Any]:
    review = state.review
    return {
        "client_id": state.client.pk,
        "template": state.matrix.template,
        "catalogue": state.matrix.catalogue.code,
        "catalogue_version": state.matrix.catalogue.version,
        "started_at": state.matrix.started_at,
        "parties": [party_out(p) for p in state.parties],
        "areas": [
            {
                "code": a.code,
                "title": a.title,
                "block": a.block,
                "items": list(a.items),
                "critical": a.critical,
                "duty": a.duty,
            }
            for a in state.areas
        ],
        "cells": [
            {"area": a.code, "party": p.code, "letters": state.letters(a.code, p), "version": version}
            for a in state.areas
            for p in state.parties
            if (version := state.version(a.code, p))
        ],
        "findings": [f.to_json() for f in review.findings],
        "load": [
            {"party": code, "accountable": load.accountable, "responsible": load.responsible}
            for code, load in review.load.items()
        ],
    }


def msp_area_out(area: MspArea) -> dict[str, Any]:
    return {
        "id": area.pk,
        "code": area.code,
        "title": area.title,
        "block": area.block,
        "items": sorted(item.code for item in area.items.all()),
        "critical": area.critical,
        "duty": area.duty,
        "created_at": area.created_at,
        "retired_at": area.retired_at,
        "version": area.version,
    }
