"""Backup sections of execution: work items (keyed by what they deliver: a recommendation's item code or
`project:<key>` within its workshop) with their tasks and progress notes, and the cadence meetings."""

from __future__ import annotations

from typing import Any

from sevenc.execution.models import Meeting, ProgressNote, WorkItem, WorkTask
from sevenc.lib.backup import BackupFileError, DumpContext, LoadContext, Section, fields_out, rows_of
from sevenc.tenancy.scoping import scoped

WORK = (
    "closed_at",
    "quarter",
    "start",
    "due",
    "estimated_hours",
    "status",
    "completed_at",
    "version",
    "updated_at",
)
MEETING = ("cadence", "date", "agenda", "decisions", "notes", "version")
PROJECT_KEY = "project:"


def dump_work(ctx: DumpContext) -> list[dict[str, Any]]:
    tasks: dict[int, list[dict[str, Any]]] = {}
    for task in scoped(WorkTask, ctx.scope).order_by("pk"):
        tasks.setdefault(task.item_id, []).append(fields_out(task, ("title", "done", "position")))
    notes: dict[int, list[dict[str, Any]]] = {}
    for note in scoped(ProgressNote, ctx.scope).select_related("author").order_by("pk"):
        notes.setdefault(note.item_id, []).append(
            {**fields_out(note, ("created_at", "text")), "author": ctx.user(note.author)}
        )
    rows = []
    for item in scoped(WorkItem, ctx.scope).select_related("owner", "owner_party").order_by("pk"):
        if item.recommendation_id is not None:
            client, workshop, delivers = ctx.key("recommendation", item.recommendation_id)
        else:
            client, workshop, project = ctx.key("project", item.project_id)
            delivers = PROJECT_KEY + project
        rows.append(
            {
                "client": client,
                "workshop": workshop,
                "delivers": delivers,
                "run": ctx.key("run", item.run_id)[1],
                **fields_out(item, WORK),
                "owner": ctx.user(item.owner),
                "owner_party": item.owner_party.code if item.owner_party else None,  # the client's party
                "tasks": tasks.get(item.pk, []),
                "notes": notes.get(item.pk, []),
            }
        )
    return rows


def load_work(ctx: LoadContext, data: Any) -> None:
    made = []
    for row in rows_of(data, "sections.work_items"):
        client, workshop, delivers = row.text("client"), row.text("workshop"), row.text("delivers")
        entry = {}
        if delivers.startswith(PROJECT_KEY):
            key = (client, workshop, delivers[len(PROJECT_KEY) :])
            entry["project_id"] = ctx.id("project", key, row.at("delivers"))
        else:
            entry["recommendation_id"] = ctx.id(
                "recommendation", (client, workshop, delivers), row.at("delivers")
            )
        party = row.added_text("owner_party")
        if party is not None:
            entry["owner_party_id"] = ctx.id("party", (client, party), row.at("owner_party"))
        item = WorkItem(
            client_id=ctx.id("client", client, row.at("client")),
            run_id=ctx.id("run", (client, row.text("run")), row.at("run")),
            owner_id=ctx.user(row.text("owner", optional=True), row.at("owner")),
            **entry,
            **row.values(WorkItem, WORK),
        )
        made.append((item, row))
    WorkItem.objects.bulk_create([item for item, _ in made])
    WorkTask.objects.bulk_create(
        WorkTask(item_id=item.pk, **task.values(WorkTask, ("title", "done", "position")))
        for item, row in made
        for task in row.rows("tasks")
    )
    ProgressNote.objects.bulk_create(
        ProgressNote(
            item_id=item.pk,
            author_id=ctx.user(note.text("author", optional=True), note.at("author")),
            **note.values(ProgressNote, ("created_at", "text")),
        )
        for item, row in made
        for note in row.rows("notes")
    )


def dump_meetings(ctx: DumpContext) -> list[dict[str, Any]]:
    meetings = scoped(Meeting, ctx.scope).select_related("client", "recorded_by").order_by("pk")
    return [
        {"client": m.client.name, **fields_out(m, MEETING), "recorded_by": ctx.user(m.recorded_by)}
        for m in meetings
    ]


def load_meetings(ctx: LoadContext, data: Any) -> None:
    meetings = []
    seen = set()
    for row in rows_of(data, "sections.meetings"):
        meeting = Meeting(
            client_id=ctx.id("client", row.text("client"), row.at("client")),
            recorded_by_id=ctx.user(row.text("recorded_by", optional=True), row.at("recorded_by")),
            **row.values(Meeting, MEETING),
        )
        if (key := (meeting.client_id, meeting.cadence, meeting.date)) in seen:
            raise BackupFileError("this meeting is listed twice", field=row.at("date"))
        seen.add(key)
        meetings.append(meeting)
    Meeting.objects.bulk_create(meetings)


SECTIONS = (
    Section(
        "work_items",
        dump_work,
        load_work,
        models=("execution.WorkItem", "execution.WorkTask", "execution.ProgressNote"),
    ),
    Section("meetings", dump_meetings, load_meetings, models=("execution.Meeting",)),
)
