"""Backup sections of the responsibility matrix: the MSP's own areas (keyed by code, with the 7C items they
serve), each client's matrix (its shipped catalogue by code and version, which a restore needs loaded), and
each client's parties (keyed by client and code) with their cells (keyed by area code)."""

from __future__ import annotations

from typing import Any

from sevenc.catalogue.backup import framework_codes
from sevenc.lib.backup import (
    BackupFileError,
    DumpContext,
    LoadContext,
    Section,
    fields_out,
    items_out,
    rows_of,
)
from sevenc.raci.models import AreaCatalogue, Cell, Matrix, MspArea, Party
from sevenc.tenancy.scoping import scoped

AREA = ("code", "title", "block", "critical", "duty", "created_at", "retired_at", "version")
MATRIX = ("template", "started_at")
PARTY = (
    "code",
    "name",
    "kind",
    "role",
    "contact",
    "contract",
    "renewal",
    "is_ceo",
    "position",
    "version",
)
CELL = ("area_code", "letters", "version", "updated_at")


def dump_areas(ctx: DumpContext) -> list[dict[str, Any]]:
    rows = []
    for area in scoped(MspArea, ctx.scope).prefetch_related("items__framework").order_by("pk"):
        rows.append({**fields_out(area, AREA), **items_out(area.items.all())})
    return rows


def load_areas(ctx: LoadContext, data: Any) -> None:
    made = []
    seen: set[str] = set()
    for row in rows_of(data, "sections.responsibility_areas"):
        area = MspArea(msp=ctx.msp, **row.values(MspArea, AREA))
        if area.code.casefold() in seen:
            raise BackupFileError(f"{area.code!r} is listed twice", field=row.at("code"))
        seen.add(area.code.casefold())
        codes = row.texts("items")
        framework = row.text("framework", optional=True)
        if codes and framework is None:
            raise BackupFileError("must name the framework of the items", field=row.at("framework"))
        resolved = (
            framework_codes(ctx, framework, row.text("framework_version"), row.at("framework"))
            if framework is not None
            else None
        )
        made.append((area, [resolved.item(c, row.at("items")) for c in codes] if resolved else []))
    MspArea.objects.bulk_create([area for area, _ in made])
    through = MspArea.items.through
    through.objects.bulk_create(
        through(msparea_id=area.pk, item_id=item_id) for area, item_ids in made for item_id in item_ids
    )


def dump_matrices(ctx: DumpContext) -> list[dict[str, Any]]:
    matrices = scoped(Matrix, ctx.scope).select_related("client", "catalogue", "started_by").order_by("pk")
    return [
        {
            "client": m.client.name,
            "catalogue": m.catalogue.code,
            "catalogue_version": m.catalogue.version,
            **fields_out(m, MATRIX),
            "started_by": ctx.user(m.started_by),
        }
        for m in matrices
    ]


def load_matrices(ctx: LoadContext, data: Any) -> None:
    matrices = []
    seen: set[int] = set()
    for row in rows_of(data, "sections.matrices"):
        client_id = ctx.id("client", row.text("client"), row.at("client"))
        if client_id in seen:
            raise BackupFileError("a client has one responsibility matrix", field=row.at("client"))
        seen.add(client_id)
        code, version = row.text("catalogue"), row.text("catalogue_version")
        catalogue = AreaCatalogue.objects.filter(code=code, version=version).first()
        if catalogue is None:
            raise BackupFileError(
                f"the responsibility catalogue {code} {version} is not loaded here", field=row.at("catalogue")
            )
        matrices.append(
            Matrix(
                client_id=client_id,
                catalogue=catalogue,
                started_by_id=ctx.user(row.text("started_by", optional=True), row.at("started_by")),
                **row.values(Matrix, MATRIX),
            )
        )
    Matrix.objects.bulk_create(matrices)


def dump_parties(ctx: DumpContext) -> list[dict[str, Any]]:
    cells: dict[int, list[dict[str, Any]]] = {}
    for cell in scoped(Cell, ctx.scope).select_related("updated_by").order_by("pk"):
        cells.setdefault(cell.party_id, []).append(
            {**fields_out(cell, CELL), "updated_by": ctx.user(cell.updated_by)}
        )
    ctx.keys["party"] = {}
    rows = []
    for party in scoped(Party, ctx.scope).select_related("client").order_by("pk"):
        ctx.keys["party"][party.pk] = (party.client.name, party.code)
        rows.append(
            {"client": party.client.name, **fields_out(party, PARTY), "cells": cells.get(party.pk, [])}
        )
    return rows


def load_parties(ctx: LoadContext, data: Any) -> None:
    made = []
    keys: set[tuple[str, str]] = set()
    for row in rows_of(data, "sections.parties"):
        client = row.text("client")
        party = Party(client_id=ctx.id("client", client, row.at("client")), **row.values(Party, PARTY))
        if (key := (client, party.code.casefold())) in keys:
            raise BackupFileError(f"{party.code!r} is listed twice for {client}", field=row.at("code"))
        keys.add(key)
        made.append((client, party, row))
    Party.objects.bulk_create([party for _, party, _ in made])
    ctx.ids["party"] = {(client, party.code): party.pk for client, party, _ in made}
    Cell.objects.bulk_create(
        Cell(
            party_id=party.pk,
            updated_by_id=ctx.user(cell.text("updated_by", optional=True), cell.at("updated_by")),
            **cell.values(Cell, CELL),
        )
        for _, party, row in made
        for cell in row.rows("cells")
    )


SECTIONS = (
    Section("responsibility_areas", dump_areas, load_areas, models=("raci.MspArea",)),
    Section("matrices", dump_matrices, load_matrices, models=("raci.Matrix",)),
    Section("parties", dump_parties, load_parties, models=("raci.Party", "raci.Cell")),
)
