"""The assessment API's shapes and how a stored assessment becomes one (no queries beyond the sheet's)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema

from sevenc.assessments.models import Assessment
from sevenc.assessments.services import rights_of
from sevenc.lib.api import (
    Code,
    Day,
    Flag,
    In,
    ObjectId,
    Out,
    PageQuery,
    PathId,
    Version,
    number,
    text,
    username,
)
from sevenc.lib.bounds import CODE, LEVEL, NAME, NOTE

Status = Literal["draft", "submitted", "completed"]


class FrameworkRef(Out):
    id: int
    code: str
    version: str
    name: str


class RightsOut(Out):
    """What the caller may do to this assessment now."""

    edit_levels: bool
    notes: list[str]
    submit: bool
    complete: bool
    reopen: bool


class AssessmentOut(Out):
    id: int
    client_id: int
    client: str
    framework: FrameworkRef
    title: str
    as_of: dt.date
    status: Status
    assigned_engineer: str | None
    itcq: float | None = None
    completeness: float | None = None
    block_scores: dict[str, float | None]
    weights: dict[str, int]
    block_weights: dict[str, float]
    created_at: dt.datetime
    completed_at: dt.datetime | None
    completed_by: str | None
    rights: RightsOut


class ResponseOut(Out):
    item: str
    level: int | None
    na: bool
    status: str
    risk: str
    solution: str
    evidence: str
    version: int = 0


class SheetItemOut(ResponseOut):
    title: str
    weight: int


class SheetAreaOut(Out):
    code: str
    title: str
    score: float | None
    items: list[SheetItemOut]


class SheetBlockOut(Out):
    code: str
    name: str
    score: float | None
    completeness: float
    areas: list[SheetAreaOut]


class SheetOut(Out):
    """An assessment with every item of its framework, its answers and its scores (live for a draft)."""

    assessment: AssessmentOut
    itcq: float | None
    completeness: float
    provisional: bool
    blocks: list[SheetBlockOut]


class AssessmentIn(In):
    client_id: ObjectId
    title: text(NAME, required=True)  # type: ignore[valid-type]
    as_of: Day
    framework: Code = "7c"
    framework_version: text(CODE) | None = None  # type: ignore[valid-type]
    prefill: Flag = False
    assigned_engineer: text(NAME) | None = None  # type: ignore[valid-type]


class ResponsePatch(In):
    """Send only what changes, and the response's `version` you read (0 for an item never saved).
    `level` 0–4 or null (unanswered); `na: true` marks it not applicable (without a level)."""

    version: Version
    level: number(LEVEL) | None = None  # type: ignore[valid-type]
    na: Flag | None = None
    status: text(NOTE) | None = None  # type: ignore[valid-type]
    risk: text(NOTE) | None = None  # type: ignore[valid-type]
    solution: text(NOTE) | None = None  # type: ignore[valid-type]
    evidence: text(NOTE) | None = None  # type: ignore[valid-type]


class AssessmentQuery(PageQuery):
    client: PathId | None = None
    status: Status | None = None
    framework: Code | None = None
    order: Literal["as_of", "-as_of", "title", "created_at", "-created_at"] = "-as_of"


class CompareQuery(Schema):
    a: PathId
    b: PathId


class ItemChangeOut(Out):
    item: str
    title: str
    block: str
    before_level: int | None
    before_na: bool
    after_level: int | None
    after_na: bool
    delta: int | None


class BlockDeltaOut(Out):
    code: str
    name: str
    before: float | None
    after: float | None
    delta: float | None


class ComparisonOut(Out):
    before_id: int
    after_id: int
    itcq_before: float | None
    itcq_after: float | None
    itcq_delta: float | None
    improved: int
    declined: int
    blocks: list[BlockDeltaOut]
    items: list[ItemChangeOut]


def assessment_out(assessment: Assessment, caller: Any) -> dict[str, Any]:
    allowed = rights_of(caller, assessment)
    framework = assessment.framework
    return {
        "id": assessment.pk,
        "client_id": assessment.client_id,
        "client": assessment.client.name,
        "framework": {
            "id": framework.pk,
            "code": framework.code,
            "version": framework.version,
            "name": framework.name,
        },
        "title": assessment.title,
        "as_of": assessment.as_of,
        "status": assessment.status,
        "assigned_engineer": username(assessment.assigned_engineer),
        "itcq": assessment.itcq,
        "completeness": assessment.completeness,
        "block_scores": dict(assessment.block_scores or {}),
        "weights": dict(assessment.weights or {}),
        "block_weights": dict(assessment.block_weights or {}),
        "created_at": assessment.created_at,
        "completed_at": assessment.completed_at,
        "completed_by": username(assessment.completed_by),
        "rights": {
            "edit_levels": allowed.edit_levels,
            "notes": list(allowed.notes),
            "submit": allowed.submit,
            "complete": allowed.complete,
            "reopen": allowed.reopen,
        },
    }


def response_out(code: str, response: Any) -> dict[str, Any]:
    if response is None:
        return {
            "item": code,
            "level": None,
            "na": False,
            "status": "",
            "risk": "",
            "solution": "",
            "evidence": "",
            "version": 0,
        }
    return {
        "item": code,
        "level": response.level,
        "na": response.na,
        "status": response.status,
        "risk": response.risk,
        "solution": response.solution,
        "evidence": response.evidence,
        "version": response.version,
    }
