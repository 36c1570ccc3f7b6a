"""Responsibility matrices for the generated clients, in bulk: the template that fits the client's size
(`raci.demo.template_for`), its standard parties named, and every cell the template fills — what
`raci.services.start_matrix` stores, without a service call per client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sevenc.clients.models import Client
from sevenc.generator.bulk import insert_rows
from sevenc.raci import matrix as core
from sevenc.raci.areas import catalogue_areas, shipped_catalogue
from sevenc.raci.demo import template_for
from sevenc.raci.models import Cell, Matrix, Party
from sevenc.raci.parties import STANDARD_PARTIES
from sevenc.raci.templates import template as find_template
from sevenc.tenancy.models import Msp

CELL_FIELDS = ("party", "area_code", "letters", "version", "updated_at", "updated_by")


def _name(code: str, role: str, client: Client, msp: Msp) -> str:
    if code == "CEO":
        return client.primary_contact_name or role
    if code == "MSP":
        return msp.name
    if code == "VCIO" and client.vcio is not None:
        return client.vcio.get_full_name() or client.vcio.get_username()
    return role


def write_matrices(msp: Msp, clients: Sequence[Client], today: dt.date) -> int:
    """A started matrix per client; returns the number of cells written."""
    if not clients:
        return 0
    catalogue = shipped_catalogue()
    areas = catalogue_areas(catalogue)
    started = dt.datetime.combine(today - dt.timedelta(days=30), dt.time(10), tzinfo=dt.UTC)
    chosen = {client.pk: template_for(client.seats) for client in clients}
    Matrix.objects.bulk_create(
        Matrix(
            client=c,
            catalogue=catalogue,
            template=chosen[c.pk][0],
            started_at=started,
            started_by_id=c.vcio_id,
        )
        for c in clients
    )
    parties = Party.objects.bulk_create(
        Party(
            client=c,
            code=p.code,
            name=_name(p.code, p.role, c, msp),
            kind=p.kind,
            role=p.role,
            is_ceo=p.code == "CEO",
            position=n,
        )
        for c in clients
        for n, p in enumerate(p for p in STANDARD_PARTIES if p.code in chosen[c.pk][1])
    )
    by_client: dict[int, list[Party]] = {}
    for party in parties:
        by_client.setdefault(party.client_id, []).append(party)

    def rows():  # type: ignore[no-untyped-def]
        for client in clients:
            mine = by_client[client.pk]
            pure = [core.Party(p.code, p.name, p.kind, ceo=p.is_ceo) for p in mine]
            ids = {p.code: p.pk for p in mine}
            letters = find_template(chosen[client.pk][0]).apply(pure, areas)
            for area, cells in letters.items():
                for code, value in cells.items():
                    yield (ids[code], area, value, 1, started, client.vcio_id)

    return insert_rows(Cell, CELL_FIELDS, rows())
