"""Backup sections of the optimised roadmap runs and the budget → ITCQ frontiers. A run's key is its
creation time (unique in practice, `#2` otherwise); its schedule names recommendations by item code and
projects as `project:<key>` instead of ids. Entries deleted since a run was made (a removed proposal) are
left out of its schedule: there is nothing left to restore them to."""

from __future__ import annotations

from typing import Any

from sevenc.lib.backup import (
    BackupFileError,
    DumpContext,
    LoadContext,
    Row,
    Section,
    fields_out,
    ordinal_keys,
    out,
    rows_of,
)
from sevenc.roadmap.models import RoadmapRun
from sevenc.roadmap.projects import PROJECT_PREFIX, Frontier
from sevenc.tenancy.scoping import scoped

RUN = (
    "created_at",
    "current_itcq",
    "objective",
    "greedy_objective",
    "gap",
    "solver_status",
    "seconds",
    "projection",
    "budget",
    "approved_at",
)
PROJECT_KEY = "project:"


def schedule_out(ctx: DumpContext, schedule: dict[str, Any]) -> dict[str, Any]:
    named = {}
    for key, label in schedule.items():
        if key.startswith(PROJECT_PREFIX):
            project = ctx.keys["project"].get(int(key[len(PROJECT_PREFIX) :]))
            if project is not None:
                named[PROJECT_KEY + project[2]] = label
        elif (rec := ctx.keys["recommendation"].get(int(key))) is not None:
            named[rec[2]] = label
    return named


def schedule_in(ctx: LoadContext, schedule: Any, workshop: tuple[str, str], where: str) -> dict[str, Any]:
    if not isinstance(schedule, dict):
        raise BackupFileError("must be an object", field=where)
    keyed = {}
    for name, label in schedule.items():
        if label is not None and not isinstance(label, str):
            raise BackupFileError(f"{name}: must be a quarter label or null", field=where)
        if name.startswith(PROJECT_KEY):
            pk = ctx.id("project", (*workshop, name[len(PROJECT_KEY) :]), where)
            keyed[f"{PROJECT_PREFIX}{pk}"] = label
        else:
            keyed[str(ctx.id("recommendation", (*workshop, name), where))] = label
    return keyed


def _workshop(ctx: LoadContext, row: Row) -> tuple[tuple[str, str], int]:
    key = (row.text("client"), row.text("workshop"))
    return key, ctx.id("workshop", key, row.at("workshop"))


def dump_runs(ctx: DumpContext) -> list[dict[str, Any]]:
    runs = list(scoped(RoadmapRun, ctx.scope).select_related("created_by", "approved_by").order_by("pk"))
    keys = ordinal_keys(runs, lambda r: f"{r.client_id}/{out(r.created_at)}")
    ctx.keys["run"] = {}
    rows = []
    for run in runs:
        client, workshop = ctx.key("workshop", run.workshop_id)
        ctx.keys["run"][run.pk] = (client, keys[run.pk].split("/", 1)[1])
        rows.append(
            {
                "client": client,
                "workshop": workshop,
                "key": ctx.keys["run"][run.pk][1],
                **fields_out(run, RUN),
                "schedule": schedule_out(ctx, run.schedule),
                "created_by": ctx.user(run.created_by),
                "approved_by": ctx.user(run.approved_by),
            }
        )
    return rows


def load_runs(ctx: LoadContext, data: Any) -> None:
    made: list[tuple[tuple[str, str], RoadmapRun]] = []
    seen: set[tuple[str, str]] = set()
    for row in rows_of(data, "sections.roadmap_runs"):
        workshop, workshop_id = _workshop(ctx, row)
        key = (workshop[0], row.text("key"))
        if key in seen:
            raise BackupFileError("listed twice for this client", field=row.at("key"))
        run = RoadmapRun(
            client_id=ctx.id("client", workshop[0], row.at("client")),
            workshop_id=workshop_id,
            schedule=schedule_in(ctx, row.raw("schedule"), workshop, row.at("schedule")),
            created_by_id=ctx.user(row.text("created_by", optional=True), row.at("created_by")),
            approved_by_id=ctx.user(row.text("approved_by", optional=True), row.at("approved_by")),
            **row.values(RoadmapRun, RUN),
        )
        seen.add(key)
        made.append((key, run))
    RoadmapRun.objects.bulk_create([run for _, run in made])
    ctx.ids["run"] = {key: run.pk for key, run in made}


def dump_frontiers(ctx: DumpContext) -> list[dict[str, Any]]:
    rows = []
    for frontier in scoped(Frontier, ctx.scope).select_related("created_by").order_by("pk"):
        client, workshop = ctx.key("workshop", frontier.workshop_id)
        points = [
            {**point, "schedule": schedule_out(ctx, point.get("schedule") or {})} for point in frontier.points
        ]
        rows.append(
            {
                "client": client,
                "workshop": workshop,
                "created_at": out(frontier.created_at),
                "created_by": ctx.user(frontier.created_by),
                "points": points,
            }
        )
    return rows


def load_frontiers(ctx: LoadContext, data: Any) -> None:
    frontiers = []
    for row in rows_of(data, "sections.frontiers"):
        workshop, workshop_id = _workshop(ctx, row)
        points = []
        for point in row.rows("points"):
            schedule = schedule_in(ctx, point.raw("schedule"), workshop, point.at("schedule"))
            points.append({**point.data, "schedule": schedule})
        frontiers.append(
            Frontier(
                client_id=ctx.id("client", workshop[0], row.at("client")),
                workshop_id=workshop_id,
                created_by_id=ctx.user(row.text("created_by", optional=True), row.at("created_by")),
                created_at=row.value(Frontier, "created_at"),
                points=points,
            )
        )
    Frontier.objects.bulk_create(frontiers)


SECTIONS = (
    Section("roadmap_runs", dump_runs, load_runs, models=("roadmap.RoadmapRun",)),
    Section("frontiers", dump_frontiers, load_frontiers, models=("roadmap.Frontier",)),
)
