"""Goals workshop pages: targets, business goals and the gap list. Parse → one service → render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sevenc.assessments.models import Assessment
from sevenc.catalogue.models import Block, Item
from sevenc.clients.models import Client
from sevenc.goals.gaps import BENEFIT_CHOICES
from sevenc.goals.models import Goal, Workshop
from sevenc.goals.services import (
    GoalError,
    add_goal,
    delete_goal,
    gap_analysis,
    latest_workshop,
    set_targets,
    start_workshop,
)
from sevenc.tenancy.scoping import get_scoped, scoped
from sevenc.web.access import MANAGERS, Caller, allow


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@allow()
def workshop_page(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    workshop = latest_workshop(caller.scope, client)
    context: dict[str, object] = {"client": client, "workshop": workshop, "benefit_choices": BENEFIT_CHOICES}
    if workshop is None:
        context["baselines"] = scoped(Assessment, caller.scope).filter(client=client, status="completed")
    else:
        analysis = gap_analysis(workshop)
        blocks = {b.code: b for b in Block.objects.filter(framework_id=workshop.baseline.framework_id)}
        titles = dict(
            Item.objects.filter(framework_id=workshop.baseline.framework_id).values_list("code", "title")
        )
        context |= {
            "analysis": analysis,
            "blocks": [(blocks[b.block], b) for b in analysis.blocks],
            "goals": workshop.goals.prefetch_related("blocks", "items"),
            "item_targets": workshop.item_targets.select_related("item"),
            "gap_rows": [(gap, titles.get(gap.item, "")) for gap in analysis.gaps],
        }
    return render(request, "goals/workshop.html", context)


@allow(*MANAGERS)
def workshop_start(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    if request.method == "POST":
        baseline = get_scoped(Assessment, caller.scope, pk=request.POST.get("baseline"), client=client)
        try:
            start_workshop(
                client=client,
                baseline=baseline,
                held_on=_date(request.POST.get("held_on")) or dt.date.today(),
                target_date=_date(request.POST.get("target_date")),
            )
        except GoalError as exc:
            messages.error(request, str(exc))
    return redirect("goals_workshop", client_pk=client.pk)


@allow(*MANAGERS)
def workshop_targets(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    if request.method == "POST":
        blocks: dict[str, float] = {}
        items: dict[str, int | None] = {}
        try:
            for key in request.POST:
                value = request.POST.get(key, "").strip()
                if key.startswith("block_") and value:
                    blocks[key.removeprefix("block_")] = float(value)
            if request.POST.get("item_code", "").strip():
                level = request.POST.get("item_level", "").strip()
                items[request.POST["item_code"].strip()] = int(level) if level else None
            set_targets(
                workshop=workshop,
                block_targets=blocks,
                item_targets=items,
                target_date=_date(request.POST.get("target_date")),
            )
            messages.success(request, "Targets saved.")
        except ValueError as exc:  # GoalError, or a number that does not parse
            messages.error(request, str(exc) if isinstance(exc, GoalError) else f"targets: {exc}")
    return redirect("goals_workshop", client_pk=workshop.client_id)


@allow(*MANAGERS)
def goal_add(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    if request.method == "POST":
        try:
            add_goal(
                workshop=workshop,
                text=request.POST.get("text", ""),
                benefit_group=request.POST.get("benefit_group", ""),
                owner=request.POST.get("owner", ""),
                due_date=_date(request.POST.get("due_date")),
                block_codes=request.POST.getlist("blocks"),
                item_codes=[c.strip() for c in request.POST.get("items", "").split(",") if c.strip()],
            )
        except GoalError as exc:
            messages.error(request, str(exc))
    return redirect("goals_workshop", client_pk=workshop.client_id)


@allow(*MANAGERS)
def goal_delete(request: HttpRequest, caller: Caller, goal_pk: int) -> HttpResponse:
    goal = get_scoped(Goal, caller.scope, pk=goal_pk)
    client_pk = goal.workshop.client_id
    if request.method == "POST":
        delete_goal(goal=goal)
    return redirect("goals_workshop", client_pk=client_pk)
