"""Backup sections of the roadmap domain: the MSP's library, each client's quarters and initiatives, the
workshops' recommendations and projects. A recommendation's key is its workshop and item code (unique); a
project's its workshop and title (`Laptop refresh`, `Laptop refresh #2`). Runs and frontiers:
`roadmap/backup_runs.py`."""

from __future__ import annotations

from typing import Any

from sevenc.catalogue.backup import framework_codes
from sevenc.lib.backup import (
    BackupFileError,
    DumpContext,
    LoadContext,
    Row,
    Section,
    fields_out,
    ordinal_keys,
    rows_of,
)
from sevenc.roadmap.models import Initiative, QuarterPlan, Recommendation, RecommendationTemplate
from sevenc.roadmap.projects import Project
from sevenc.tenancy.scoping import scoped

COSTS = ("title", "description", "one_time_cost", "monthly_cost", "effort_hours")
TEMPLATE = (*COSTS, "delivered_by", "partner_name")
QUARTER = ("label", "fiscal_year", "start", "end", "budget", "capacity_hours", "recurring_ceiling", "version")
PLANNED = ("pin_quarter", "excluded", "status", "quarter", "due_date", "completed_at", "version")
RECOMMENDATION = (*TEMPLATE, "priority", "target_level", "approved_at", *PLANNED)
PROJECT = (*COSTS, *PLANNED)


def dump_library(ctx: DumpContext) -> list[dict[str, Any]]:
    entries = (
        scoped(RecommendationTemplate, ctx.scope).select_related("item__framework", "service").order_by("pk")
    )
    return [
        {
            "framework": e.item.framework.code,
            "framework_version": e.item.framework.version,
            "item": e.item.code,
            **fields_out(e, TEMPLATE),
            "service": e.service.name if e.service else None,
        }
        for e in entries
    ]


def load_library(ctx: LoadContext, data: Any) -> None:
    entries = []
    for row in rows_of(data, "sections.library"):
        codes = framework_codes(
            ctx, row.text("framework"), row.text("framework_version"), row.at("framework")
        )
        service = row.added_text("service")  # the service catalogue's name (sections.services)
        entries.append(
            RecommendationTemplate(
                msp=ctx.msp,
                item_id=codes.item(row.text("item"), row.at("item")),
                service_id=None if service is None else ctx.id("service", service, row.at("service")),
                **row.values(RecommendationTemplate, TEMPLATE),
            )
        )
    RecommendationTemplate.objects.bulk_create(entries)


def dump_quarters(ctx: DumpContext) -> list[dict[str, Any]]:
    quarters = scoped(QuarterPlan, ctx.scope).select_related("client").order_by("pk")
    return [{"client": q.client.name, **fields_out(q, QUARTER)} for q in quarters]


def load_quarters(ctx: LoadContext, data: Any) -> None:
    QuarterPlan.objects.bulk_create(
        QuarterPlan(
            client_id=ctx.id("client", row.text("client"), row.at("client")),
            **row.values(QuarterPlan, QUARTER),
        )
        for row in rows_of(data, "sections.quarters")
    )


def dump_initiatives(ctx: DumpContext) -> list[dict[str, Any]]:
    initiatives = scoped(Initiative, ctx.scope).select_related("client").order_by("pk")
    return [{"client": i.client.name, **fields_out(i, ("theme", "description"))} for i in initiatives]


def load_initiatives(ctx: LoadContext, data: Any) -> None:
    made = Initiative.objects.bulk_create(
        Initiative(
            client_id=ctx.id("client", row.text("client"), row.at("client")),
            **row.values(Initiative, ("theme", "description")),
        )
        for row in rows_of(data, "sections.initiatives")
    )
    ctx.ids["initiative"] = {(i.client_id, i.theme): i.pk for i in made}


def _workshop(ctx: LoadContext, row: Row) -> tuple[tuple[str, str], int]:
    key = (row.text("client"), row.text("workshop"))
    return key, ctx.id("workshop", key, row.at("workshop"))


def dump_recommendations(ctx: DumpContext) -> list[dict[str, Any]]:
    recs = (
        scoped(Recommendation, ctx.scope)
        .select_related("client", "item", "initiative", "approved_by")
        .prefetch_related("depends_on__item")
        .order_by("pk")
    )
    ctx.keys["recommendation"] = {}
    rows = []
    for rec in recs:
        client, workshop = ctx.key("workshop", rec.workshop_id)
        ctx.keys["recommendation"][rec.pk] = (client, workshop, rec.item.code)
        rows.append(
            {
                "client": client,
                "workshop": workshop,
                "item": rec.item.code,
                **fields_out(rec, RECOMMENDATION),
                "initiative": rec.initiative.theme if rec.initiative else None,
                "depends_on": sorted(dep.item.code for dep in rec.depends_on.all()),
                "approved_by": ctx.user(rec.approved_by),
            }
        )
    return rows


def load_recommendations(ctx: LoadContext, data: Any) -> None:
    made: list[tuple[tuple[str, str, str], Recommendation, Row]] = []
    seen: set[tuple[str, str, str]] = set()
    for row in rows_of(data, "sections.recommendations"):
        (client, workshop), workshop_id = _workshop(ctx, row)
        codes = ctx.shared["workshop_framework"][workshop_id]
        client_id = ctx.id("client", client, row.at("client"))
        theme = row.text("initiative", optional=True)
        rec = Recommendation(
            client_id=client_id,
            workshop_id=workshop_id,
            item_id=codes.item(row.text("item"), row.at("item")),
            initiative_id=None
            if theme is None
            else ctx.id("initiative", (client_id, theme), row.at("initiative")),
            approved_by_id=ctx.user(row.text("approved_by", optional=True), row.at("approved_by")),
            **row.values(Recommendation, RECOMMENDATION),
        )
        key = (client, workshop, row.text("item"))
        if key in seen:
            raise BackupFileError("listed twice for this workshop", field=row.at("item"))
        seen.add(key)
        made.append((key, rec, row))
    Recommendation.objects.bulk_create([rec for _, rec, _ in made])
    ctx.ids["recommendation"] = {key: rec.pk for key, rec, _ in made}
    through = Recommendation.depends_on.through
    through.objects.bulk_create(
        through(
            from_recommendation_id=rec.pk,
            to_recommendation_id=ctx.id("recommendation", (*key[:2], code), row.at("depends_on")),
        )
        for key, rec, row in made
        for code in row.texts("depends_on")
    )


def dump_projects(ctx: DumpContext) -> list[dict[str, Any]]:
    projects = list(
        scoped(Project, ctx.scope)
        .prefetch_related("items", "after_recommendations__item", "after_projects")
        .order_by("pk")
    )
    keys = ordinal_keys(projects, lambda p: f"{p.workshop_id}/{p.title}")
    ctx.keys["project"] = {}
    for project in projects:
        client, workshop = ctx.key("workshop", project.workshop_id)
        ctx.keys["project"][project.pk] = (client, workshop, keys[project.pk].split("/", 1)[1])
    return [
        {
            "client": ctx.keys["project"][p.pk][0],
            "workshop": ctx.keys["project"][p.pk][1],
            "key": ctx.keys["project"][p.pk][2],
            **fields_out(p, PROJECT),
            "items": sorted(i.code for i in p.items.all()),
            "after_recommendations": sorted(r.item.code for r in p.after_recommendations.all()),
            "after_projects": sorted(ctx.keys["project"][d.pk][2] for d in p.after_projects.all()),
        }
        for p in projects
    ]


def load_projects(ctx: LoadContext, data: Any) -> None:
    ctx.ids["project"] = {}
    rows = rows_of(data, "sections.projects")
    made = []
    for row in rows:
        (client, workshop), workshop_id = _workshop(ctx, row)
        key = (client, workshop, row.text("key"))
        if key in ctx.ids["project"]:
            raise BackupFileError("listed twice for this workshop", field=row.at("key"))
        project = Project.objects.create(
            client_id=ctx.id("client", client, row.at("client")),
            workshop_id=workshop_id,
            **row.values(Project, PROJECT),
        )
        ctx.ids["project"][key] = project.pk
        made.append((project, row, workshop_id))
    for project, row, workshop_id in made:
        codes = ctx.shared["workshop_framework"][workshop_id]
        client, workshop = row.text("client"), row.text("workshop")
        project.items.set([codes.item(code, row.at("items")) for code in row.texts("items")])
        project.after_recommendations.set(
            [
                ctx.id("recommendation", (client, workshop, c), row.at("after_recommendations"))
                for c in row.texts("after_recommendations")
            ]
        )
        project.after_projects.set(
            [
                ctx.id("project", (client, workshop, k), row.at("after_projects"))
                for k in row.texts("after_projects")
            ]
        )


SECTIONS = (
    Section("library", dump_library, load_library, models=("roadmap.RecommendationTemplate",)),
    Section("quarters", dump_quarters, load_quarters, models=("roadmap.QuarterPlan",)),
    Section("initiatives", dump_initiatives, load_initiatives, models=("roadmap.Initiative",)),
    Section(
        "recommendations", dump_recommendations, load_recommendations, models=("roadmap.Recommendation",)
    ),
    Section("projects", dump_projects, load_projects, models=("roadmap.Project",)),
)
