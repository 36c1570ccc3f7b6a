"""Backup section of the assessments: each with its framework (code and version), its state and stored
scores, and its responses (answers and notes) by item code."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from sevenc.assessments.latest import refresh_latest_score, write_level_digits
from sevenc.assessments.models import Assessment, Response
from sevenc.catalogue.backup import framework_codes
from sevenc.lib.backup import BackupFileError, DumpContext, LoadContext, Section, fields_out, out, rows_of
from sevenc.tenancy.scoping import scoped

FIELDS = (
    "title",
    "as_of",
    "status",
    "weights",
    "block_weights",
    "itcq",
    "completeness",
    "block_scores",
    "created_at",
    "completed_at",
)
ANSWER = ("level", "na", "status", "risk", "solution", "evidence", "version", "updated_at")


def dump(ctx: DumpContext) -> list[dict[str, Any]]:
    assessments = (
        scoped(Assessment, ctx.scope)
        .select_related("client", "framework", "assigned_engineer", "completed_by")
        .order_by("pk")
    )
    answers: dict[int, list[dict[str, Any]]] = {}
    rows = list(
        scoped(Response, ctx.scope)
        .order_by("pk")
        .values("assessment_id", "item__code", "updated_by", *ANSWER)
    )
    people = {row["updated_by"] for row in rows}
    usernames = dict(get_user_model().objects.filter(pk__in=people).values_list("pk", "username"))
    for row in rows:
        answers.setdefault(row["assessment_id"], []).append(
            {
                "item": row["item__code"],
                **{name: out(row[name]) for name in ANSWER},
                "updated_by": ctx.username(row["updated_by"], usernames),
            }
        )
    ctx.keys["assessment"] = {}
    dumped = []
    for assessment in assessments:
        ctx.keys["assessment"][assessment.pk] = (assessment.client.name, assessment.title)
        dumped.append(
            {
                "client": assessment.client.name,
                "framework": assessment.framework.code,
                "framework_version": assessment.framework.version,
                **fields_out(assessment, FIELDS),
                "assigned_engineer": ctx.user(assessment.assigned_engineer),
                "completed_by": ctx.user(assessment.completed_by),
                "responses": answers.get(assessment.pk, []),
            }
        )
    return dumped


def load(ctx: LoadContext, data: Any) -> None:
    made: list[tuple[Assessment, list[Response]]] = []
    keys = []
    for row in rows_of(data, "sections.assessments"):
        client = row.text("client")
        codes = framework_codes(
            ctx, row.text("framework"), row.text("framework_version"), row.at("framework")
        )
        assessment = Assessment(
            client_id=ctx.id("client", client, row.at("client")),
            framework=codes.framework,
            assigned_engineer_id=ctx.user(
                row.text("assigned_engineer", optional=True), row.at("assigned_engineer")
            ),
            completed_by_id=ctx.user(row.text("completed_by", optional=True), row.at("completed_by")),
            **row.values(Assessment, FIELDS),
        )
        if (client, assessment.title) in keys:
            raise BackupFileError(f"{assessment.title!r} is listed twice", field=row.at("title"))
        keys.append((client, assessment.title))
        responses = []
        for answer in row.rows("responses"):
            responses.append(
                Response(
                    item_id=codes.item(answer.text("item"), answer.at("item")),
                    updated_by_id=ctx.user(answer.text("updated_by", optional=True), answer.at("updated_by")),
                    **answer.values(Response, ANSWER),
                )
            )
        made.append((assessment, responses))
    created = Assessment.objects.bulk_create([assessment for assessment, _ in made])
    ctx.ids["assessment"] = {key: a.pk for key, a in zip(keys, created, strict=True)}
    ctx.shared["assessment_framework"] = {a.pk: a.framework_id for a in created}
    for assessment, responses in made:
        for response in responses:
            response.assessment_id = assessment.pk
    Response.objects.bulk_create([r for _, responses in made for r in responses], batch_size=2000)
    # The portfolio's stored latest score and each completed assessment's level digits are derived, not
    # backed up: rebuilt from the restored assessments and responses.
    completed = [a for a in created if a.status == Assessment.Status.COMPLETED]
    write_level_digits(ctx.scope, [a.pk for a in completed])
    for client_id in sorted({a.client_id for a in completed}):
        refresh_latest_score(ctx.scope, client_id)


SECTIONS = (Section("assessments", dump, load, models=("assessments.Assessment", "assessments.Response")),)
