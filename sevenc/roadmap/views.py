"""Recommendation, roadmap and execution pages. Parse → one service → render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sevenc.assessments.models import Assessment
from sevenc.catalogue.models import Item
from sevenc.charts import trend
from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.goals.services import gap_analysis, latest_workshop
from sevenc.roadmap.models import (
    DeliveredBy,
    Initiative,
    Priority,
    QuarterPlan,
    Recommendation,
    RecommendationTemplate,
    RoadmapRun,
)
from sevenc.roadmap.quarters import quarter_of
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
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import get_scoped, scoped
from sevenc.web.access import MANAGERS, STAFF, Caller, allow

APPROVERS = (*MANAGERS, Role.CLIENT_VIEWER)  # the client approves; a vCIO may record it for them


def _recommendations(caller: Caller, workshop: Workshop) -> Any:
    return (
        scoped(Recommendation, caller.scope)
        .filter(workshop=workshop)
        .select_related("item", "initiative")
        .prefetch_related("depends_on")
        .order_by("priority", "item__position")
    )


@allow()
def recommendation_list(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    workshop = latest_workshop(caller.scope, client)
    rows: list[tuple[Recommendation, float]] = []
    if workshop is not None:
        gaps = gap_analysis(workshop).gap_index()  # the gain each recommendation brings
        rows = [
            (rec, gaps[rec.item.code].gain if rec.item.code in gaps else 0.0)
            for rec in _recommendations(caller, workshop)
        ]
    return render(
        request, "roadmap/recommendations.html", {"client": client, "workshop": workshop, "rows": rows}
    )


@allow(*MANAGERS)
def recommendations_propose(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    if request.method == "POST":
        created = propose_recommendations(workshop=workshop)
        messages.success(request, f"{len(created)} recommendation(s) proposed, pre-filled from the library.")
    return redirect("roadmap_recommendations", client_pk=workshop.client_id)


@allow(*MANAGERS)
def recommendation_edit(request: HttpRequest, caller: Caller, recommendation_pk: int) -> HttpResponse:
    rec = get_scoped(Recommendation, caller.scope, pk=recommendation_pk)
    siblings = _recommendations(caller, rec.workshop).exclude(pk=rec.pk)
    initiatives = scoped(Initiative, caller.scope).filter(client_id=rec.client_id)
    quarters = scoped(QuarterPlan, caller.scope).filter(client_id=rec.client_id)
    if request.method == "POST":
        post = request.POST
        try:
            update_recommendation(
                recommendation=rec,
                title=post.get("title", ""),
                description=post.get("description", ""),
                one_time_cost=post.get("one_time_cost") or 0,
                monthly_cost=post.get("monthly_cost") or 0,
                effort_hours=post.get("effort_hours") or 0,
                delivered_by=post.get("delivered_by", DeliveredBy.MSP),
                partner_name=post.get("partner_name", ""),
                priority=int(post.get("priority") or Priority.MEDIUM),
                pin_quarter=post.get("pin_quarter", ""),
                excluded=post.get("excluded") == "on",
                initiative_theme=post.get("initiative_theme", ""),
                depends_on=list(siblings.filter(pk__in=[int(p) for p in post.getlist("depends_on")])),
            )
            messages.success(request, f"Saved {rec.title!r}.")
            return redirect("roadmap_recommendations", client_pk=rec.client_id)
        except (RoadmapError, ValueError) as exc:
            messages.error(request, str(exc))
    context = {
        "rec": rec,
        "client": rec.client,
        "siblings": siblings,
        "chosen": {d.pk for d in rec.depends_on.all()},
        "initiatives": initiatives,
        "quarters": quarters,
        "delivered_by": DeliveredBy.choices,
        "priorities": Priority.choices,
    }
    return render(request, "roadmap/recommendation_form.html", context)


@allow(*STAFF, Role.CLIENT_VIEWER)
def recommendation_status(request: HttpRequest, caller: Caller, recommendation_pk: int) -> HttpResponse:
    rec = get_scoped(Recommendation, caller.scope, pk=recommendation_pk)
    status = request.POST.get("status", "")
    # The client may only approve or defer; MSP staff run the work.
    caller.require(
        caller.is_staff or status in (Recommendation.Status.APPROVED, Recommendation.Status.DEFERRED)
    )
    if request.method == "POST":
        try:
            set_status(recommendation=rec, status=status, by=caller.user)  # type: ignore[arg-type]
        except RoadmapError as exc:
            messages.error(request, str(exc))
    back = "roadmap_recommendations" if request.POST.get("next") == "recommendations" else "roadmap_execution"
    return redirect(back, client_pk=rec.client_id)


@allow(*MANAGERS)
def quarters_plan(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    if request.method == "POST":
        try:
            plan_quarters(
                client=client,
                after=timezone.localdate(),
                budget=request.POST.get("budget"),
                capacity_hours=request.POST.get("capacity_hours"),
                recurring_ceiling=request.POST.get("recurring_ceiling") or None,
                horizon=int(request.POST.get("horizon") or 8),
            )
        except (RoadmapError, ValueError) as exc:
            messages.error(request, str(exc))
    return redirect("roadmap_page", client_pk=client.pk)


def _money_line(row: list[Any]) -> dict[str, Any]:
    period, one_time, recurring = row
    return {"period": period, "one_time": one_time, "recurring": recurring, "total": one_time + recurring}


def _roadmap_context(caller: Caller, client: Client) -> dict[str, Any]:
    workshop = latest_workshop(caller.scope, client)
    run = scoped(RoadmapRun, caller.scope).filter(client=client).first()
    quarters = list(scoped(QuarterPlan, caller.scope).filter(client=client).order_by("start"))
    context: dict[str, Any] = {"client": client, "workshop": workshop, "run": run, "quarters": quarters}
    if run is None:
        return context
    recs = {
        str(r.pk): r
        for r in scoped(Recommendation, caller.scope).filter(workshop=run.workshop_id).select_related("item")
    }
    by_quarter: dict[str, list[Recommendation]] = {q.label: [] for q in quarters}
    for rid, label in run.schedule.items():
        if label is not None and rid in recs:
            by_quarter.setdefault(label, []).append(recs[rid])
    budget = {row[0]: _money_line(row) for row in run.budget.get("quarters", [])}
    context["schedule"] = [
        (q, by_quarter.get(q.label, []), budget.get(q.label)) for q in quarters if q.label in budget
    ]
    context["unscheduled"] = [
        recs[rid] for rid, label in run.schedule.items() if label is None and rid in recs
    ]
    context["years"] = [_money_line(row) for row in run.budget.get("years", [])]
    context["gap_percent"] = None if run.gap is None else 100 * run.gap
    labels = ["Today", *[p["quarter"] for p in run.projection]]
    context["chart"] = trend(
        labels, {"Projected ITCQ": [run.current_itcq, *[p["itcq"] for p in run.projection]]}, title=None
    )
    return context


@allow()
def roadmap_page(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    return render(request, "roadmap/roadmap.html", _roadmap_context(caller, client))


@allow(*MANAGERS)
def roadmap_optimise(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    if request.method == "POST":
        try:
            run = optimise_roadmap(workshop=workshop, by=caller.user)  # type: ignore[arg-type]
            messages.success(
                request, f"Optimised: {run.solver_status}, proven gap {100 * (run.gap or 0):.2f} %."
            )
        except RoadmapError as exc:
            messages.error(request, str(exc))
    return redirect("roadmap_page", client_pk=workshop.client_id)


@allow(*APPROVERS)
def roadmap_approve(request: HttpRequest, caller: Caller, run_pk: int) -> HttpResponse:
    run = get_scoped(RoadmapRun, caller.scope, pk=run_pk)
    if request.method == "POST":
        try:
            approve_roadmap(run=run, by=caller.user)  # type: ignore[arg-type]
            messages.success(request, "Roadmap approved: the scheduled recommendations are now due.")
        except RoadmapError as exc:
            messages.error(request, str(exc))
    return redirect("roadmap_page", client_pk=run.client_id)


def _period(name: str, today: dt.date, fiscal_month: int) -> tuple[dt.date, dt.date]:
    if name == "week":
        start = today - dt.timedelta(days=today.weekday())
        return start, start + dt.timedelta(days=6)
    if name == "month":
        start = today.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    quarter = quarter_of(today, fiscal_month)
    return quarter.start, quarter.end


@allow()
def execution_page(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    period = request.GET.get("period", "quarter")
    if period not in ("quarter", "month", "week"):
        period = "quarter"
    today = timezone.localdate()
    start, end = _period(period, today, client.fiscal_year_start_month)
    recs = (
        scoped(Recommendation, caller.scope).filter(client=client).select_related("item").order_by("due_date")
    )
    Status = Recommendation.Status
    context = {
        "client": client,
        "period": period,
        "start": start,
        "end": end,
        "due": recs.filter(status__in=(Status.APPROVED, Status.IN_PROGRESS), due_date__range=(start, end)),
        "overdue": recs.filter(status__in=(Status.APPROVED, Status.IN_PROGRESS), due_date__lt=start),
        "done": recs.filter(status=Status.DONE, completed_at__date__range=(start, end)),
    }
    return render(request, "roadmap/execution.html", context)


@allow(*STAFF)
def prefill_next_assessment(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    """Put the target levels of completed recommendations into the client's open draft, for review."""
    client = get_scoped(Client, caller.scope, pk=client_pk)
    if request.method == "POST":
        draft = (
            scoped(Assessment, caller.scope).filter(client=client, status="draft").order_by("-as_of").first()
        )
        if draft is None:
            messages.error(request, "assessment: start the next (draft) assessment first")
        else:
            try:
                changed = prefill_from_done_recommendations(assessment=draft)
                messages.success(
                    request, f"{changed} item(s) of {draft.title!r} pre-filled: review them there."
                )
            except RoadmapError as exc:
                messages.error(request, str(exc))
    return redirect("roadmap_execution", client_pk=client.pk)


@allow(*MANAGERS)
def library_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    if request.method == "POST":
        item = Item.objects.filter(framework__code="7c", code=request.POST.get("item", "").strip()).first()
        try:
            if item is None:
                raise RoadmapError(f"item: {request.POST.get('item')!r} is not a 7C item code")
            set_template(
                msp=caller.msp,
                item=item,
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
                one_time_cost=request.POST.get("one_time_cost") or 0,
                monthly_cost=request.POST.get("monthly_cost") or 0,
                effort_hours=request.POST.get("effort_hours") or 0,
                delivered_by=request.POST.get("delivered_by", DeliveredBy.MSP),
                partner_name=request.POST.get("partner_name", ""),
            )
            messages.success(request, f"Library entry for {item.code} saved.")
        except RoadmapError as exc:
            messages.error(request, str(exc))
        return redirect("roadmap_library")
    templates = scoped(RecommendationTemplate, caller.scope).select_related("item")
    return render(
        request, "roadmap/library.html", {"templates": templates, "delivered_by": DeliveredBy.choices}
    )
