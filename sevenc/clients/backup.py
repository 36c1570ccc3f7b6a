"""Backup section of the clients: one row per client, its name the natural key every other section uses."""

from __future__ import annotations

from typing import Any

from sevenc.clients.models import Client
from sevenc.lib.backup import BackupFileError, DumpContext, LoadContext, Section, fields_out, rows_of
from sevenc.tenancy.scoping import scoped

FIELDS = (
    "name",
    "seats",
    "vertical",
    "fiscal_year_start_month",
    "primary_contact_name",
    "primary_contact_email",
    "next_review_date",
    "version",
    "created_at",
)


def dump(ctx: DumpContext) -> list[dict[str, Any]]:
    rows = []
    ctx.keys["client"] = {}
    for client in scoped(Client, ctx.scope).select_related("vcio").order_by("pk"):
        ctx.keys["client"][client.pk] = client.name
        rows.append({**fields_out(client, FIELDS), "vcio": ctx.user(client.vcio)})
    return rows


def load(ctx: LoadContext, data: Any) -> None:
    clients: list[Client] = []
    for row in rows_of(data, "sections.clients"):
        values = row.values(Client, FIELDS)
        if values["name"] in {c.name for c in clients}:
            raise BackupFileError(f"{values['name']!r} is listed twice", field=row.at("name"))
        vcio = ctx.user(row.text("vcio", optional=True), row.at("vcio"))
        clients.append(Client(msp=ctx.msp, vcio_id=vcio, **values))
    ctx.ids["client"] = {c.name: c.pk for c in Client.objects.bulk_create(clients)}


SECTIONS = (Section("clients", dump, load, models=("clients.Client",)),)
