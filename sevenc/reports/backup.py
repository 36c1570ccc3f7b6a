"""Backup section of the reviews (QBRs): the minutes, the state, and a held review's frozen snapshot as it
was — but for the ids of the assessments it shows, which name them by title (unique per client) and are
given their new ids on restore."""

from __future__ import annotations

import copy
from typing import Any

from sevenc.lib.backup import DumpContext, LoadContext, Section, fields_out, rows_of
from sevenc.reports.models import ReviewMeeting
from sevenc.tenancy.scoping import scoped

FIELDS = (
    "date",
    "title",
    "attendees",
    "agenda",
    "decisions",
    "next_steps",
    "status",
    "version",
    "held_at",
    "created_at",
)
ASSESSMENT_REFERENCES = ("assessment", "previous_assessment")  # sevenc.reports.snapshot._assessment_ref


def _without_ids(snapshot: Any) -> Any:
    if not isinstance(snapshot, dict):
        return snapshot
    frozen = copy.deepcopy(snapshot)
    for name in ASSESSMENT_REFERENCES:
        if isinstance(frozen.get(name), dict):
            frozen[name].pop("id", None)
    return frozen


def dump(ctx: DumpContext) -> list[dict[str, Any]]:
    reviews = scoped(ReviewMeeting, ctx.scope).select_related("client", "held_by").order_by("pk")
    return [
        {
            "client": r.client.name,
            **fields_out(r, FIELDS),
            "held_by": ctx.user(r.held_by),
            "snapshot": _without_ids(r.snapshot),
        }
        for r in reviews
    ]


def _with_ids(ctx: LoadContext, client: str, snapshot: Any) -> Any:
    if not isinstance(snapshot, dict):
        return snapshot
    for name in ASSESSMENT_REFERENCES:
        ref = snapshot.get(name)
        if isinstance(ref, dict) and isinstance(ref.get("title"), str):
            ref["id"] = ctx.ids["assessment"].get((client, ref["title"]))
    return snapshot


def load(ctx: LoadContext, data: Any) -> None:
    ReviewMeeting.objects.bulk_create(
        ReviewMeeting(
            client_id=ctx.id("client", row.text("client"), row.at("client")),
            held_by_id=ctx.user(row.text("held_by", optional=True), row.at("held_by")),
            snapshot=_with_ids(ctx, row.text("client"), copy.deepcopy(row.raw("snapshot"))),
            **row.values(ReviewMeeting, FIELDS),
        )
        for row in rows_of(data, "sections.reviews")
    )


SECTIONS = (Section("reviews", dump, load, models=("reports.ReviewMeeting",)),)
