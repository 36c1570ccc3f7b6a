"""API: assessments — list, start one (on any loaded framework), read it with every item and score, change a
response (against its version), submit / reopen / complete, export, compare two."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest
from ninja import File, Query, Router, Status, UploadedFile

from sevenc.assessments.api_schemas import (
    AssessmentIn,
    AssessmentOut,
    AssessmentQuery,
    CompareQuery,
    ComparisonOut,
    ResponseOut,
    ResponsePatch,
    SheetOut,
    assessment_out,
    response_out,
)
from sevenc.assessments.api_sheet import sheet_json
from sevenc.assessments.comparison import comparison_page
from sevenc.assessments.imports import OPTIONAL as IMPORT_OPTIONAL
from sevenc.assessments.imports import REQUIRED as IMPORT_REQUIRED
from sevenc.assessments.imports import import_responses
from sevenc.assessments.models import Assessment
from sevenc.assessments.services import (
    UNCHANGED,
    AssessmentError,
    complete_assessment,
    export_json,
    record_response,
    reopen_assessment,
    rights_of,
    submit_assessment,
)
from sevenc.assessments.starting import framework_named, start_assessment
from sevenc.clients.models import Client
from sevenc.lib.api import CODE_PATTERN, Out, Page, PageQuery, PathId, answers, caller_of, page, require_role
from sevenc.lib.files import MAX_FILE_BYTES, load_csv
from sevenc.tenancy.access import MANAGERS, STAFF, Caller
from sevenc.tenancy.members import member_user
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["assessments"])


def visible(caller: Caller, assessment_id: int) -> Assessment:
    """An assessment the caller may see: another tenant's, or a draft for a client viewer, is a 404."""
    rows = scoped(Assessment, caller.scope).select_related(
        "framework", "client", "assigned_engineer", "completed_by"
    )
    try:
        assessment = rows.get(pk=assessment_id)  # .get(): no ORDER BY to build for one row
    except Assessment.DoesNotExist:
        raise Http404("No assessment matches the given query.") from None
    caller.require(rights_of(caller, assessment).view)
    return assessment


def _rows(caller: Caller) -> Any:
    rows = scoped(Assessment, caller.scope).select_related(
        "framework", "client", "assigned_engineer", "completed_by"
    )
    if caller.is_client_viewer:
        rows = rows.filter(status=Assessment.Status.COMPLETED)
    return rows


@router.get("/assessments", response=answers(Page[AssessmentOut]))
def list_assessments(request: HttpRequest, query: Query[AssessmentQuery]) -> dict[str, Any]:
    """Assessments of the MSP's clients, e.g. `?client=ID&status=completed` (client viewers: completed)."""
    caller = caller_of(request)
    rows = _rows(caller)
    if query.client is not None:
        rows = rows.filter(client_id=query.client)
    if query.status:
        rows = rows.filter(status=query.status)
    if query.framework:
        rows = rows.filter(framework__code=query.framework)
    return page(rows, query, lambda a: assessment_out(a, caller), order=query.order)


@router.post("/assessments", response=answers(AssessmentOut, 201))
def new_assessment(request: HttpRequest, payload: AssessmentIn) -> Status[dict[str, Any]]:
    """Start a draft for a client on a framework (`7c` by default, `nist-csf`, or any loaded one: see
    /frameworks); `prefill` starts from the client's latest assessment on the same framework, if any."""
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=payload.client_id)
    engineer = member_user(
        caller.msp,
        payload.assigned_engineer,
        roles=[Role.ENGINEER],
        field="assigned_engineer",
        what="an engineer",
    )
    assessment = start_assessment(
        client=client,
        title=payload.title,
        as_of=payload.as_of,
        framework=framework_named(payload.framework, payload.framework_version),
        prefill=payload.prefill,
        assigned_engineer=engineer,
    )
    return Status(201, assessment_out(assessment, caller))


@router.get("/assessments/{assessment_id}", response=answers(AssessmentOut))
def get_assessment(request: HttpRequest, assessment_id: PathId) -> dict[str, Any]:
    caller = caller_of(request)
    return assessment_out(visible(caller, assessment_id), caller)


@router.get("/assessments/{assessment_id}/sheet", response=answers(SheetOut))
def get_sheet(request: HttpRequest, assessment_id: PathId) -> dict[str, Any]:
    """The assessment with every item of its framework (blocks → areas → items), the answers and notes,
    and the scores computed from the answers (a completed assessment's equal its stored scores)."""
    caller = caller_of(request)
    return sheet_json(visible(caller, assessment_id), caller)


@router.get("/assessments/{assessment_id}/responses", response=answers(Page[ResponseOut]))
def list_responses(request: HttpRequest, assessment_id: PathId, query: Query[PageQuery]) -> dict[str, Any]:
    """The saved responses (items never touched are left out), in framework order."""
    caller = caller_of(request)
    assessment = visible(caller, assessment_id)
    rows = assessment.responses.select_related("item")
    return page(rows, query, lambda r: response_out(r.item.code, r), order="item__position")


@router.patch(
    "/assessments/{assessment_id}/responses/{item_code}",
    response=answers(ResponseOut),
)
def patch_response(
    request: HttpRequest, assessment_id: PathId, item_code: str, payload: ResponsePatch
) -> dict[str, Any]:
    """Change one item's answer and notes; only what you send changes. 409 when someone saved it since
    the `version` you read; 403 for what your role may not write (an engineer writes status and evidence
    of a draft assigned to them)."""
    caller = require_role(caller_of(request), *STAFF)
    assessment = visible(caller, assessment_id)
    if len(item_code) > 40 or not _is_code(item_code):
        raise Http404("No such item.")
    sent = payload.dict(exclude_unset=True)
    version = sent.pop("version")
    na = bool(sent.pop("na", False) or False)
    level = sent.pop("level", UNCHANGED)
    if na and level not in (UNCHANGED, None):
        raise AssessmentError("give a level or na, not both", field="level")
    notes = {key: value for key, value in sent.items() if value is not None}
    response = record_response(
        actor=caller,
        assessment=assessment,
        item_code=item_code,
        level=None if na else level,
        na=na,
        notes=notes,
        expected_version=version,
    )
    return response_out(item_code, response)


def _is_code(code: str) -> bool:
    return re.fullmatch(CODE_PATTERN, code) is not None


def _move(request: HttpRequest, assessment_id: int, change: Any, roles: tuple[str, ...]) -> dict[str, Any]:
    caller = require_role(caller_of(request), *roles)
    moved = change(actor=caller, assessment=visible(caller, assessment_id))
    return assessment_out(moved, caller)


@router.post("/assessments/{assessment_id}/submit", response=answers(AssessmentOut))
def submit(request: HttpRequest, assessment_id: PathId) -> dict[str, Any]:
    """The engineer's phase is done: a vCIO reviews next."""
    return _move(request, assessment_id, submit_assessment, STAFF)


@router.post("/assessments/{assessment_id}/reopen", response=answers(AssessmentOut))
def reopen(request: HttpRequest, assessment_id: PathId) -> dict[str, Any]:
    """Return a submitted assessment to the engineer (a draft again)."""
    return _move(request, assessment_id, reopen_assessment, MANAGERS)


@router.post("/assessments/{assessment_id}/complete", response=answers(AssessmentOut))
def complete(request: HttpRequest, assessment_id: PathId) -> dict[str, Any]:
    """Complete and lock the assessment: its score is stored and it never changes again."""
    return _move(request, assessment_id, complete_assessment, MANAGERS)


@router.get("/assessments/{assessment_id}/export", response=answers(dict[str, Any]))
def export(request: HttpRequest, assessment_id: PathId) -> dict[str, Any]:
    """The assessment in the exchange format (docs/formats.md), as `sevenc export` writes it."""
    caller = require_role(caller_of(request), *STAFF)
    return export_json(visible(caller, assessment_id))


@router.get("/clients/{client_id}/compare", response=answers(ComparisonOut))
def compare(request: HttpRequest, client_id: PathId, query: Query[CompareQuery]) -> dict[str, Any]:
    """How two assessments of the client differ: items changed and each block's move (same framework)."""
    caller = require_role(caller_of(request), *STAFF)
    client = get_scoped(Client, caller.scope, pk=client_id)
    first = get_scoped(Assessment, caller.scope, pk=query.a, client=client)
    second = get_scoped(Assessment, caller.scope, pk=query.b, client=client)
    result = comparison_page(first, second)
    comparison = result.result
    return {
        "before_id": result.before.pk,
        "after_id": result.after.pk,
        "itcq_before": comparison.itcq_before,
        "itcq_after": comparison.itcq_after,
        "itcq_delta": comparison.itcq_delta,
        "improved": comparison.improved,
        "declined": comparison.declined,
        "blocks": [
            {
                "code": b.code,
                "name": result.block_names.get(b.code, b.code),
                "before": b.before,
                "after": b.after,
                "delta": b.delta,
            }
            for b in comparison.blocks
        ],
        "items": [
            {
                "item": c.item.code,
                "title": c.item.title,
                "block": c.item.block,
                "before_level": c.before.level,
                "before_na": c.before.na,
                "after_level": c.after.level,
                "after_na": c.after.na,
                "delta": c.delta,
            }
            for c in comparison.items
        ],
    }


class ImportedResponsesOut(Out):
    count: int


@router.post("/imports/assessments/{assessment_id}/responses", response=answers(ImportedResponsesOut))
def import_responses_csv(
    request: HttpRequest, assessment_id: PathId, file: UploadedFile = File(...)
) -> dict[str, Any]:
    """Record one assessment's answers and notes from a CSV file (docs/formats.md, "Responses CSV"), with
    the same rights as the workspace: all or nothing; a refusal (422) lists every problem by row and
    column, and nothing is saved."""
    caller = require_role(caller_of(request), *STAFF)
    assessment = visible(caller, assessment_id)
    table = load_csv(
        file.read(MAX_FILE_BYTES + 1),
        source=file.name or "upload.csv",
        required=IMPORT_REQUIRED,
        optional=IMPORT_OPTIONAL,
    )
    return {"count": len(import_responses(actor=caller, assessment=assessment, table=table))}
