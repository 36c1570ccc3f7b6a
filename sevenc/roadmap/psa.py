"""The PSA export: a client's approved roadmap (and, on request, its open proposals) as CSV in one documented
column layout (docs/formats.md) that a PSA's opportunity or project import maps column by column.

Rows are the recommendations and projects of each client's latest workshop: approved, in progress and done
ones with their quarter (the plan the client agreed to); with `proposed=True` also the proposals not
excluded, with the quarter the latest optimisation gave them (the opportunities still to sell). A project's
"Item" is "project" followed by the items it raises. Written through
`sevenc.lib.tabular.write_csv`, so no cell becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.utils.text import slugify

from sevenc.clients.models import Client
from sevenc.lib.tabular import write_csv
from sevenc.roadmap.models import QuarterPlan, Recommendation, RoadmapRun
from sevenc.roadmap.presenters import roadmap_state
from sevenc.roadmap.projects import Project, entry_key
from sevenc.roadmap.workflow import APPROVED, DONE, IN_PROGRESS, PROPOSED
from sevenc.tenancy.scoping import Scope, scoped

PSA_COLUMNS = (
    "Client",
    "Title",
    "Description",
    "Quarter",
    "One-time",
    "Monthly",
    "Hours",
    "Owner",
    "Item",
    "Status",
    "Due date",
    "Delivered by",
    "Partner",
)
AGREED = (APPROVED, IN_PROGRESS, DONE)


def _person(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _owner(rec: Any, client: Client) -> str:
    """Who delivers it: the work item's owner once planned, else the client's vCIO."""
    try:
        item = rec.work_item
    except ObjectDoesNotExist:
        item = None
    owner = getattr(item, "owner", None) if item is not None else None
    return _person(owner or client.vcio)


def _planned(run: RoadmapRun | None) -> dict[str, str]:
    if run is None:
        return {}
    return {rid: label for rid, label in run.schedule.items() if label}


def client_rows(scope: Scope, client: Client, *, proposed: bool = False) -> list[list[Any]]:
    """The client's rows, in quarter order (unscheduled last), then priority and framework order."""
    state = roadmap_state(scope, client)
    if state.workshop is None:
        return []
    statuses = (*AGREED, PROPOSED) if proposed else AGREED
    recs = (
        scoped(Recommendation, scope)
        .filter(workshop=state.workshop, status__in=statuses)
        .select_related("item", "work_item__owner")
        .order_by("priority", "item__position")
    )
    schedule = _planned(state.pending or state.current)
    starts = dict(scoped(QuarterPlan, scope).filter(client=client).values_list("label", "start"))
    projects = (
        scoped(Project, scope)
        .filter(workshop=state.workshop, status__in=statuses)
        .select_related("work_item__owner")
        .prefetch_related("items")
    )
    rows = []
    entries: list[tuple[Any, str, str]] = [
        *((rec, str(rec.pk), rec.item.code) for rec in recs),
        *((p, entry_key(p), " ".join(["project", *sorted(i.code for i in p.items.all())])) for p in projects),
    ]
    for entry, key, item in entries:
        if entry.status == PROPOSED and entry.excluded:
            continue
        quarter = entry.quarter or (schedule.get(key, "") if entry.status == PROPOSED else "")
        if entry.status in AGREED and not entry.quarter:
            continue  # approved outside any roadmap quarter: nothing to schedule in the PSA
        rows.append(
            (
                starts.get(quarter) is None,
                starts.get(quarter),
                [
                    client.name,
                    entry.title,
                    entry.description,
                    quarter,
                    entry.one_time_cost,
                    entry.monthly_cost,
                    entry.effort_hours,
                    _owner(entry, client),
                    item,
                    entry.status,
                    entry.due_date.isoformat() if entry.due_date else "",
                    entry.get_delivered_by_display() if isinstance(entry, Recommendation) else "MSP",
                    getattr(entry, "partner_name", ""),
                ],
            )
        )
    rows.sort(key=lambda row: (row[0], row[1] or dt.date.min))
    return [row for _, _, row in rows]


def psa_csv(scope: Scope, clients: Iterable[Client], *, proposed: bool = False) -> str:
    rows: list[list[Any]] = []
    for client in clients:
        rows.extend(client_rows(scope, client, proposed=proposed))
    return write_csv(PSA_COLUMNS, rows)


def psa_filename(client: Client | None) -> str:
    return f"{slugify(client.name)}-psa.csv" if client is not None else "psa-roadmaps.csv"


def psa_download(scope: Scope, client: Client | None = None, *, proposed: bool = False) -> HttpResponse:
    """The export as a file download: one client's, or every client's in the scope (web and API)."""
    clients = [client] if client is not None else list(scoped(Client, scope).select_related("vcio"))
    response = HttpResponse(
        psa_csv(scope, clients, proposed=proposed), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{psa_filename(client)}"'
    return response
