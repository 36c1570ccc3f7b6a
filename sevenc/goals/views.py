"""Goals workshop pages: targets, business goals and the gap list. Parse (forms) → one service → render.

The workshop page holds three forms; a refused one is shown again on the page with its errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from sevenc.assessments.models import Assessment
from sevenc.catalogue.models import Block, Item
from sevenc.clients.models import Client
from sevenc.goals.forms import GoalForm, StartWorkshopForm, TargetsForm
from sevenc.goals.models import Goal, Workshop
from sevenc.goals.services import (
    add_goal,
    delete_goal,
    gap_analysis,
    latest_workshop,
    set_targets,
    start_workshop,
    targets_of,
)
from sevenc.lib.errors import DomainError
from sevenc.lib.forms import add_domain_error
from sevenc.tenancy.access import MANAGERS, Caller, allow
from sevenc.tenancy.scoping import get_scoped, scoped


def _baselines(caller: Caller, client: Client) -> Any:
    return scoped(Assessment, caller.scope).filter(client=client, status="completed").order_by("-as_of")


def _page(request: HttpRequest, caller: Caller, client: Client, **bound: forms.Form) -> HttpResponse:
    """The workshop page; `bound` replaces a form by the one the user just sent (with its errors)."""
    workshop = latest_workshop(caller.scope, client)
    context: dict[str, Any] = {"client": client, "workshop": workshop}
    newer = _baselines(caller, client)
    if workshop is not None:
        newer = newer.filter(as_of__gt=workshop.baseline.as_of)
        context["history"] = scoped(Workshop, caller.scope).filter(client=client).exclude(pk=workshop.pk)
        if newer.exists():
            context["next_form"] = bound.get("start_form") or StartWorkshopForm(baselines=newer)
    if workshop is None:
        context["start_form"] = bound.get("start_form") or StartWorkshopForm(
            baselines=_baselines(caller, client)
        )
        context["has_baseline"] = _baselines(caller, client).exists()
        return render(request, "goals/workshop.html", context)
    analysis = gap_analysis(workshop)
    framework_id = workshop.baseline.framework_id
    blocks = {b.code: b for b in Block.objects.filter(framework_id=framework_id)}
    titles = dict(Item.objects.filter(framework_id=framework_id).values_list("code", "title"))
    block_targets, _ = targets_of(workshop)
    targets_form = bound.get("targets_form") or TargetsForm(
        blocks=[(code, b.name) for code, b in blocks.items()],
        initial={
            "target_date": workshop.target_date,
            "version": workshop.version,
            **{f"block_{code}": value for code, value in block_targets.items()},
        },
    )
    context |= {
        "analysis": analysis,
        "blocks": [(blocks[b.block], b, targets_form[f"block_{b.block}"]) for b in analysis.blocks],
        "targets_form": targets_form,
        "goal_form": bound.get("goal_form")
        or GoalForm(block_choices=[(code, b.name) for code, b in blocks.items()]),
        "goals": workshop.goals.prefetch_related("blocks", "items"),
        "item_targets": workshop.item_targets.select_related("item"),
        "gap_rows": [(gap, titles.get(gap.item, "")) for gap in analysis.gaps],
    }
    return render(request, "goals/workshop.html", context)


@require_safe
@allow()
def workshop_page(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    return _page(request, caller, client)


@require_POST
@allow(*MANAGERS)
def workshop_start(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    workshop = latest_workshop(caller.scope, client)
    baselines = _baselines(caller, client)
    if workshop is not None:
        baselines = baselines.filter(as_of__gt=workshop.baseline.as_of)
    form = StartWorkshopForm(request.POST, baselines=baselines)
    if form.is_valid():
        try:
            start_workshop(client=client, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Workshop started: set the targets per block next.")
            return redirect("goals_workshop", client_pk=client.pk)
    return _page(request, caller, client, start_form=form)


@require_POST
@allow(*MANAGERS)
def workshop_targets(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    blocks = Block.objects.filter(framework_id=workshop.baseline.framework_id).values_list("code", "name")
    form = TargetsForm(request.POST, blocks=list(blocks))
    if form.is_valid():
        try:
            set_targets(
                workshop=workshop,
                block_targets=form.block_targets(),
                item_targets=form.item_targets(),
                target_date=form.cleaned_data["target_date"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            if error.field == "version":  # show the targets as saved by the other person
                messages.error(request, error.message)
                return redirect("goals_workshop", client_pk=workshop.client_id)
            add_domain_error(form, error)
        else:
            messages.success(request, "Targets saved.")
            return redirect("goals_workshop", client_pk=workshop.client_id)
    return _page(request, caller, workshop.client, targets_form=form)


@require_POST
@allow(*MANAGERS)
def goal_add(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    blocks = Block.objects.filter(framework_id=workshop.baseline.framework_id)
    form = GoalForm(request.POST, block_choices=[(b.code, b.name) for b in blocks])
    if form.is_valid():
        data = form.cleaned_data
        try:
            add_goal(
                workshop=workshop,
                text=data["text"],
                benefit_group=data["benefit_group"],
                owner=data["owner"],
                due_date=data["due_date"],
                block_codes=data["blocks"],
                item_codes=form.item_codes(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Goal added.")
            return redirect("goals_workshop", client_pk=workshop.client_id)
    return _page(request, caller, workshop.client, goal_form=form)


@require_POST
@allow(*MANAGERS)
def goal_delete(request: HttpRequest, caller: Caller, goal_pk: int) -> HttpResponse:
    goal = get_scoped(Goal, caller.scope, pk=goal_pk)
    client_pk = goal.workshop.client_id
    delete_goal(goal=goal)
    messages.success(request, "Goal removed.")
    return redirect("goals_workshop", client_pk=client_pk)
