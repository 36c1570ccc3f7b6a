"""API: recommendations (propose, edit against their version, move along the workflow), quarters, roadmap
runs (optimise, approve), the library, pre-filling the next assessment, and the PSA export."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status

from sevenc.assessments.models import Assessment
from sevenc.catalogue.models import Item
from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.lib.api import CSV_FILE, Code, Page, PathId, answers, caller_of, etag, page, require_role
from sevenc.lib.errors import Conflict, DomainError
from sevenc.roadmap.api_projects import router as projects_router
from sevenc.roadmap.api_schemas import (
    OptimiseIn,
    PrefillOut,
    PsaQuery,
    QuarterOut,
    QuarterQuery,
    QuartersIn,
    RecommendationOut,
    RecommendationPatch,
    RecommendationQuery,
    RoadmapStateOut,
    RunOut,
    RunQuery,
    StatusIn,
    TemplateIn,
    TemplateOut,
    quarter_out,
    recommendation_out,
    run_out,
    template_out,
    template_values,
)
from sevenc.roadmap.models import QuarterPlan, Recommendation, RecommendationTemplate, RoadmapRun
from sevenc.roadmap.presenters import roadmap_state
from sevenc.roadmap.psa import psa_download
from sevenc.roadmap.services import (
    RoadmapError,
    approve_roadmap,
    optimise_roadmap,
    plan_quarters,
    prefill_from_done_recommendations,
    propose_recommendations,
    set_status,
    set_template,
    update_recommendation,
)
from sevenc.tenancy.access import MANAGERS, STAFF
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["roadmap"])
router.add_router("", projects_router)
APPROVERS = (*MANAGERS, Role.CLIENT_VIEWER)


def _recs(caller: Any) -> Any:
    return (
        scoped(Recommendation, caller.scope)
        .select_related("item", "initiative", "approved_by")
        .prefetch_related("depends_on")
    )


@router.get("/recommendations", response=answers(Page[RecommendationOut]))
def list_recommendations(request: HttpRequest, query: Query[RecommendationQuery]) -> dict[str, Any]:
    caller = caller_of(request)
    rows = _recs(caller)
    for name, value in (("client_id", query.client), ("workshop_id", query.workshop)):
        if value is not None:
            rows = rows.filter(**{name: value})
    if query.status:
        rows = rows.filter(status=query.status)
    if query.quarter:
        rows = rows.filter(quarter=query.quarter)
    order = ("priority", "item__position") if query.order == "priority" else (query.order,)
    return page(rows, query, recommendation_out, order=order)


@router.get("/recommendations/{recommendation_id}", response=answers(RecommendationOut))
def get_recommendation(request: HttpRequest, recommendation_id: PathId) -> dict[str, Any]:
    caller = caller_of(request)
    return recommendation_out(get_scoped(Recommendation, caller.scope, pk=recommendation_id))


@router.post("/workshops/{workshop_id}/recommendations", response=answers(list[RecommendationOut], 201))
def propose(request: HttpRequest, workshop_id: PathId) -> Status[list[dict[str, Any]]]:
    """One recommendation per gap that has none yet, pre-filled from the library; returns the new ones."""
    caller = require_role(caller_of(request), *MANAGERS)
    created = propose_recommendations(workshop=get_scoped(Workshop, caller.scope, pk=workshop_id))
    return Status(201, [recommendation_out(rec) for rec in created])


@router.patch("/recommendations/{recommendation_id}", response=answers(RecommendationOut))
def patch_recommendation(
    request: HttpRequest, recommendation_id: PathId, payload: RecommendationPatch
) -> dict[str, Any]:
    """Change a recommendation; 409 when it changed since the `version` you read."""
    caller = require_role(caller_of(request), *MANAGERS)
    rec = get_scoped(Recommendation, caller.scope, pk=recommendation_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    changes = {key: value for key, value in changes.items() if value is not None or key == "depends_on"}
    depends = changes.pop("depends_on", None)
    prerequisites = None
    if depends is not None:
        found = {r.pk: r for r in scoped(Recommendation, caller.scope).filter(pk__in=depends)}
        missing = [pk for pk in depends if pk not in found]
        if missing:
            raise RoadmapError(f"no recommendation {missing[0]} in this workshop", field="depends_on")
        prerequisites = [found[pk] for pk in dict.fromkeys(depends)]
    theme = changes.pop("initiative", None)
    updated = update_recommendation(
        recommendation=rec,
        depends_on=prerequisites,
        initiative_theme=theme,
        expected_version=version,
        **changes,
    )
    return recommendation_out(updated)


@router.post("/recommendations/{recommendation_id}/status", response=answers(RecommendationOut))
def move_recommendation(request: HttpRequest, recommendation_id: PathId, payload: StatusIn) -> dict[str, Any]:
    """Move it along its workflow (the client approves; staff deliver); 409 on a stale `version`."""
    caller = require_role(caller_of(request), *STAFF, Role.CLIENT_VIEWER)
    rec = get_scoped(Recommendation, caller.scope, pk=recommendation_id)
    moved = set_status(
        actor=caller, recommendation=rec, status=payload.status, expected_version=payload.version
    )
    return recommendation_out(moved)


@router.get("/quarters", response=answers(Page[QuarterOut]))
def list_quarters(request: HttpRequest, query: Query[QuarterQuery]) -> dict[str, Any]:
    caller = caller_of(request)
    rows = scoped(QuarterPlan, caller.scope)
    if query.client is not None:
        rows = rows.filter(client_id=query.client)
    return page(rows, query, quarter_out, order=("client_id", "start"))


@router.post("/clients/{client_id}/quarters", response=answers(list[QuarterOut]))
def plan(request: HttpRequest, client_id: PathId, payload: QuartersIn) -> list[dict[str, Any]]:
    """Create (or reset the limits of) the client's coming fiscal quarters."""
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=client_id)
    plans = plan_quarters(client=client, after=timezone.localdate(), **payload.dict())
    return [quarter_out(quarter) for quarter in plans]


@router.get("/roadmaps", response=answers(Page[RunOut]))
def list_runs(request: HttpRequest, query: Query[RunQuery]) -> dict[str, Any]:
    caller = caller_of(request)
    rows = scoped(RoadmapRun, caller.scope).select_related("created_by", "approved_by")
    for name, value in (("client_id", query.client), ("workshop_id", query.workshop)):
        if value is not None:
            rows = rows.filter(**{name: value})
    if query.approved is not None:
        rows = rows.filter(approved_at__isnull=not query.approved)
    return page(rows, query, run_out, order=query.order)


@router.get("/roadmaps/{run_id}", response=answers(RunOut))
def get_run(request: HttpRequest, run_id: PathId) -> dict[str, Any]:
    caller = caller_of(request)
    return run_out(get_scoped(RoadmapRun, caller.scope, pk=run_id))


@router.post("/workshops/{workshop_id}/optimise", response=answers(RunOut, 201))
def optimise(request: HttpRequest, workshop_id: PathId, payload: OptimiseIn) -> Status[dict[str, Any]]:
    """Optimise the workshop's open recommendations over the client's coming quarters (a new run)."""
    caller = require_role(caller_of(request), *MANAGERS)
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_id)
    run = optimise_roadmap(actor=caller, workshop=workshop, time_limit=float(payload.time_limit))
    return Status(201, run_out(run))


@router.post("/roadmaps/{run_id}/approve", response=answers(RunOut))
def approve(request: HttpRequest, run_id: PathId) -> dict[str, Any]:
    """The client's yes (a vCIO may record it): scheduled proposals become approved and planned."""
    caller = require_role(caller_of(request), *APPROVERS)
    return run_out(approve_roadmap(actor=caller, run=get_scoped(RoadmapRun, caller.scope, pk=run_id)))


@router.get("/clients/{client_id}/roadmap", response=answers(RoadmapStateOut))
def roadmap(request: HttpRequest, client_id: PathId) -> dict[str, Any]:
    caller = caller_of(request)
    state = roadmap_state(caller.scope, get_scoped(Client, caller.scope, pk=client_id))
    return {
        "workshop_id": state.workshop.pk if state.workshop else None,
        "current": run_out(state.current) if state.current else None,
        "pending": run_out(state.pending) if state.pending else None,
    }


@router.get("/roadmap/psa.csv", response=CSV_FILE[0], openapi_extra=CSV_FILE[1])
def psa_export(request: HttpRequest, query: Query[PsaQuery]) -> HttpResponse:
    """The approved roadmaps (one client's with `client`) as CSV for a PSA's opportunity or project import
    (docs/formats.md), for MSP staff; `proposed=true` adds the open proposals."""
    caller = require_role(caller_of(request), *STAFF)
    client = get_scoped(Client, caller.scope, pk=query.client) if query.client is not None else None
    return psa_download(caller.scope, client, proposed=query.proposed)


@router.post("/clients/{client_id}/prefill", response=answers(PrefillOut))
def prefill(request: HttpRequest, client_id: PathId) -> dict[str, Any]:
    """Put the target levels of done recommendations into the client's open draft, for review."""
    caller = require_role(caller_of(request), *STAFF)
    client = get_scoped(Client, caller.scope, pk=client_id)
    draft = scoped(Assessment, caller.scope).filter(client=client, status="draft").order_by("-as_of").first()
    if draft is None:
        raise RoadmapError("start the next (draft) assessment first", field="assessment")
    changed = prefill_from_done_recommendations(actor=caller, assessment=draft)
    return {"assessment_id": draft.pk, "changed": changed}


@router.get("/library", response=answers(list[TemplateOut]))
def library(request: HttpRequest) -> list[dict[str, Any]]:
    """The MSP's recommendation library: default text, cost and effort per 7C item."""
    caller = require_role(caller_of(request), *MANAGERS)
    entries = scoped(RecommendationTemplate, caller.scope).select_related("item")
    return [template_out(entry) for entry in entries]


@router.put("/library/{item_code}", response=answers(TemplateOut))
def put_template(request: HttpRequest, item_code: Code, payload: TemplateIn) -> dict[str, Any]:
    """Create or replace the library entry of a 7C item; replacing needs the `etag` you read (409 if
    someone changed it since), creating needs none."""
    caller = require_role(caller_of(request), *MANAGERS)
    item = Item.objects.filter(framework__code="7c", code=item_code).first()
    if item is None:
        raise DomainError(f"{item_code!r} is not a 7C item code", field="item")
    data = payload.dict()
    sent = data.pop("etag")
    with transaction.atomic():
        current = scoped(RecommendationTemplate, caller.scope).select_for_update().filter(item=item).first()
        if current is not None and sent != etag(template_values(current)):
            raise Conflict("this library entry changed since you read it; read it again", field="etag")
        if current is None and sent is not None:
            raise Conflict("this library entry was deleted since you read it", field="etag")
        saved = set_template(msp=caller.msp, item=item, **data)
    return template_out(saved)
