"""API: reviews (QBRs) — plan, edit the minutes against their version, hold (freezes the report), read the
report, download the PDF and spreadsheets. Client viewers see their held reviews only."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from ninja import Query, Router, Status

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.lib.api import (
    PDF_FILE,
    XLSX_FILE,
    Day,
    In,
    ObjectId,
    Out,
    Page,
    PageQuery,
    PathId,
    Version,
    answers,
    caller_of,
    page,
    require_role,
    text,
    username,
)
from sevenc.lib.bounds import LONG_TEXT, NAME
from sevenc.lib.errors import Conflict
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.pdf import held_review_pdf
from sevenc.reports.services import hold_review, plan_review, update_review
from sevenc.reports.snapshot import build_snapshot
from sevenc.reports.xlsx import assessment_workbook, roadmap_workbook
from sevenc.tenancy.access import EVERYONE, MANAGERS, STAFF, Caller
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["reviews"])
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Minutes = text(LONG_TEXT)


class ReviewOut(Out):
    id: int
    client_id: int
    date: dt.date
    title: str
    attendees: str
    agenda: str
    decisions: str
    next_steps: str
    status: Literal["planned", "held"]
    version: int
    held_at: dt.datetime | None
    held_by: str | None


class ReviewIn(In):
    client_id: ObjectId
    date: Day
    title: text(NAME) = ""  # type: ignore[valid-type]
    attendees: Minutes = ""  # type: ignore[valid-type]
    agenda: Minutes = ""  # type: ignore[valid-type]
    decisions: Minutes = ""  # type: ignore[valid-type]
    next_steps: Minutes = ""  # type: ignore[valid-type]


class ReviewPatch(In):
    """The fields to change and the `version` you read (a held review never changes: 409)."""

    version: Version
    date: Day | None = None
    title: text(NAME) | None = None  # type: ignore[valid-type]
    attendees: Minutes | None = None  # type: ignore[valid-type]
    agenda: Minutes | None = None  # type: ignore[valid-type]
    decisions: Minutes | None = None  # type: ignore[valid-type]
    next_steps: Minutes | None = None  # type: ignore[valid-type]


class ReviewQuery(PageQuery):
    client: PathId | None = None
    status: Literal["planned", "held"] | None = None
    order: Literal["date", "-date"] = "-date"


def review_out(review: ReviewMeeting) -> dict[str, Any]:
    return {
        "id": review.pk,
        "client_id": review.client_id,
        "date": review.date,
        "title": review.title,
        "attendees": review.attendees,
        "agenda": review.agenda,
        "decisions": review.decisions,
        "next_steps": review.next_steps,
        "status": review.status,
        "version": review.version,
        "held_at": review.held_at,
        "held_by": username(review.held_by),
    }


def _visible(caller: Caller, review_id: int) -> ReviewMeeting:
    review = get_scoped(ReviewMeeting, caller.scope, pk=review_id)
    if caller.is_client_viewer and not review.is_held:
        raise Http404("No review matches the given query.")
    return review


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get("/reviews", response=answers(Page[ReviewOut]))
def list_reviews(request: HttpRequest, query: Query[ReviewQuery]) -> dict[str, Any]:
    caller = caller_of(request)
    rows = scoped(ReviewMeeting, caller.scope).select_related("held_by").defer("snapshot")
    if caller.is_client_viewer:
        rows = rows.filter(status=ReviewMeeting.Status.HELD)
    if query.client is not None:
        rows = rows.filter(client_id=query.client)
    if query.status:
        rows = rows.filter(status=query.status)
    return page(rows, query, review_out, order=query.order)


@router.get("/reviews/{review_id}", response=answers(ReviewOut))
def get_review(request: HttpRequest, review_id: PathId) -> dict[str, Any]:
    return review_out(_visible(caller_of(request), review_id))


@router.get("/reviews/{review_id}/report", response=answers(dict[str, Any]))
def get_report(request: HttpRequest, review_id: PathId) -> dict[str, Any]:
    """The report's content: frozen when the review was held, a preview of today's data before."""
    review = _visible(caller_of(request), review_id)
    if review.is_held and review.snapshot is not None:
        return review.snapshot  # type: ignore[no-any-return]
    return build_snapshot(review)


@router.post("/reviews", response=answers(ReviewOut, 201))
def new_review(request: HttpRequest, payload: ReviewIn) -> Status[dict[str, Any]]:
    caller = require_role(caller_of(request), *MANAGERS)
    data = payload.dict()
    client = get_scoped(Client, caller.scope, pk=data.pop("client_id"))
    return Status(201, review_out(plan_review(client=client, **data)))


@router.patch("/reviews/{review_id}", response=answers(ReviewOut))
def patch_review(request: HttpRequest, review_id: PathId, payload: ReviewPatch) -> dict[str, Any]:
    caller = require_role(caller_of(request), *MANAGERS)
    review = get_scoped(ReviewMeeting, caller.scope, pk=review_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    changes = {key: value for key, value in changes.items() if value is not None}
    return review_out(update_review(review=review, expected_version=version, **changes))


@router.post("/reviews/{review_id}/hold", response=answers(ReviewOut))
def hold(request: HttpRequest, review_id: PathId) -> dict[str, Any]:
    """Mark it held: its report is frozen as the record of what the client was shown."""
    caller = require_role(caller_of(request), *MANAGERS)
    return review_out(hold_review(actor=caller, review=get_scoped(ReviewMeeting, caller.scope, pk=review_id)))


@router.get("/reviews/{review_id}/pdf", response=PDF_FILE[0], openapi_extra=PDF_FILE[1])
def review_pdf(request: HttpRequest, review_id: PathId) -> HttpResponse:
    """The held review's report as PDF (409 before it is held: a PDF is the frozen record)."""
    caller = require_role(caller_of(request), *EVERYONE)
    review = _visible(caller, review_id)
    if not review.is_held or review.snapshot is None:
        raise Conflict(
            "mark the review held first: a PDF is the frozen record of a held review", field="status"
        )
    name = f"{slugify(review.snapshot['client']['name'])}-qbr-{review.date.isoformat()}.pdf"
    return _download(held_review_pdf(review.snapshot), "application/pdf", name)


@router.get("/reviews/{review_id}/roadmap.xlsx", response=XLSX_FILE[0], openapi_extra=XLSX_FILE[1])
def review_roadmap_xlsx(request: HttpRequest, review_id: PathId) -> HttpResponse:
    """The review's roadmap as a spreadsheet (404 when the review has no roadmap)."""
    review = _visible(caller_of(request), review_id)
    snapshot = review.snapshot if review.is_held and review.snapshot else build_snapshot(review)
    if not snapshot.get("roadmap"):
        raise Http404("This review has no roadmap.")
    name = f"{slugify(snapshot['client']['name'])}-roadmap-{review.date.isoformat()}.xlsx"
    return _download(roadmap_workbook(snapshot), XLSX_TYPE, name)


@router.get("/assessments/{assessment_id}/xlsx", response=XLSX_FILE[0], openapi_extra=XLSX_FILE[1])
def assessment_xlsx(request: HttpRequest, assessment_id: PathId) -> HttpResponse:
    """Every item of the assessment with its answer and notes, as a spreadsheet (MSP staff)."""
    caller = require_role(caller_of(request), *STAFF)
    assessment = get_scoped(Assessment, caller.scope, pk=assessment_id)
    name = f"{slugify(assessment.client.name)}-{slugify(assessment.title)}.xlsx"
    return _download(assessment_workbook(assessment), XLSX_TYPE, name)
