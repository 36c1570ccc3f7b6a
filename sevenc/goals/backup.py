"""Backup section of the goal-setting workshops: each with its baseline (an assessment's title), targets by
block and item code, and business goals. A workshop's key is its date (`2026-10-05`, `2026-10-05 #2`)."""

from __future__ import annotations

from typing import Any

from sevenc.catalogue.backup import codes_of_framework
from sevenc.goals.models import BlockTarget, Goal, ItemTarget, Workshop
from sevenc.lib.backup import (
    BackupFileError,
    DumpContext,
    LoadContext,
    Section,
    fields_out,
    ordinal_keys,
    rows_of,
)
from sevenc.tenancy.scoping import scoped

FIELDS = ("held_on", "target_date", "notes", "version", "created_at")
GOAL = ("text", "owner", "due_date", "benefit_group")


def dump(ctx: DumpContext) -> list[dict[str, Any]]:
    workshops = list(scoped(Workshop, ctx.scope).select_related("client", "baseline").order_by("pk"))
    keys = ordinal_keys(workshops, lambda w: f"{w.client_id}/{w.held_on.isoformat()}")
    ctx.keys["workshop"] = {w.pk: (w.client.name, keys[w.pk].split("/", 1)[1]) for w in workshops}
    blocks: dict[int, dict[str, float]] = {}
    for target in scoped(BlockTarget, ctx.scope).values("workshop_id", "block__code", "score"):
        blocks.setdefault(target["workshop_id"], {})[target["block__code"]] = target["score"]
    items: dict[int, dict[str, int]] = {}
    for level in scoped(ItemTarget, ctx.scope).values("workshop_id", "item__code", "level"):
        items.setdefault(level["workshop_id"], {})[level["item__code"]] = level["level"]
    goals: dict[int, list[dict[str, Any]]] = {}
    for goal in scoped(Goal, ctx.scope).prefetch_related("blocks", "items").order_by("pk"):
        goals.setdefault(goal.workshop_id, []).append(
            {
                **fields_out(goal, GOAL),
                "blocks": sorted(b.code for b in goal.blocks.all()),
                "items": sorted(i.code for i in goal.items.all()),
            }
        )
    return [
        {
            "client": w.client.name,
            "key": ctx.keys["workshop"][w.pk][1],
            "baseline": w.baseline.title,
            **fields_out(w, FIELDS),
            "block_targets": blocks.get(w.pk, {}),
            "item_targets": items.get(w.pk, {}),
            "goals": goals.get(w.pk, []),
        }
        for w in workshops
    ]


def load(ctx: LoadContext, data: Any) -> None:
    ctx.ids["workshop"] = {}
    ctx.shared["workshop_framework"] = {}
    for row in rows_of(data, "sections.workshops"):
        client = row.text("client")
        key = (client, row.text("key"))
        if key in ctx.ids["workshop"]:
            raise BackupFileError(f"{key[1]!r} is listed twice", field=row.at("key"))
        baseline = ctx.id("assessment", (client, row.text("baseline")), row.at("baseline"))
        codes = codes_of_framework(ctx, ctx.shared["assessment_framework"][baseline])
        workshop = Workshop.objects.create(
            client_id=ctx.id("client", client, row.at("client")),
            baseline_id=baseline,
            **row.values(Workshop, FIELDS),
        )
        ctx.ids["workshop"][key] = workshop.pk
        ctx.shared["workshop_framework"][workshop.pk] = codes
        BlockTarget.objects.bulk_create(
            BlockTarget(workshop=workshop, block_id=codes.block(code, row.at("block_targets")), score=score)
            for code, score in _numbers(row.mapping("block_targets"), row.at("block_targets"), whole=False)
        )
        ItemTarget.objects.bulk_create(
            ItemTarget(workshop=workshop, item_id=codes.item(code, row.at("item_targets")), level=level)
            for code, level in _numbers(row.mapping("item_targets"), row.at("item_targets"), whole=True)
        )
        for goal_row in row.rows("goals"):
            goal = Goal.objects.create(workshop=workshop, **goal_row.values(Goal, GOAL))
            goal.blocks.set([codes.block(c, goal_row.at("blocks")) for c in goal_row.texts("blocks")])
            goal.items.set([codes.item(c, goal_row.at("items")) for c in goal_row.texts("items")])


def _numbers(values: dict[str, Any], where: str, *, whole: bool) -> list[tuple[str, Any]]:
    for code, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            raise BackupFileError(f"{code}: must be a {'level' if whole else 'number'}", field=where)
    return list(values.items())


SECTIONS = (
    Section(
        "workshops",
        dump,
        load,
        models=("goals.Workshop", "goals.Goal", "goals.BlockTarget", "goals.ItemTarget"),
    ),
)
