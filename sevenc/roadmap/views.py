"""Recommendation, roadmap and execution pages. Parse (forms) → one service → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from sevenc.assessments.models import Assessment
from sevenc.catalogue.models import Item
from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.goals.services import gap_analysis, latest_workshop
from sevenc.lib.errors import DomainError
from sevenc.lib.forms import add_domain_error, form_errors_text
from sevenc.roadmap.forms import LibraryForm, RecommendationForm, StatusForm
from sevenc.roadmap.models import QuarterPlan, Recommendation, RecommendationTemplate
from sevenc.roadmap.services import (
    prefill_from_done_recommendations,
    propose_recommendations,
    set_status,
    set_template,
    update_recommendation,
)
from sevenc.tenancy.access import MANAGERS, STAFF, Caller, allow
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import get_scoped, scoped

APPROVERS = (*MANAGERS, Role.CLIENT_VIEWER)  # the client approves; a vCIO may record it for them


def _recommendations(caller: Caller, workshop: Workshop) -> Any:
    return (
        scoped(Recommendation, caller.scope)
        .filter(workshop=workshop)
        .select_related("item", "initiative")
        .prefetch_related("depends_on__item")
        .order_by("priority", "item__position")
    )


@require_safe
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


@require_POST
@allow(*MANAGERS)
def recommendations_propose(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    created = propose_recommendations(workshop=workshop)
    messages.success(request, f"{len(created)} recommendation(s) proposed, pre-filled from the library.")
    return redirect("roadmap_recommendations", client_pk=workshop.client_id)


@allow(*MANAGERS)
def recommendation_edit(request: HttpRequest, caller: Caller, recommendation_pk: int) -> HttpResponse:
    rec = get_scoped(Recommendation, caller.scope, pk=recommendation_pk)
    siblings = _recommendations(caller, rec.workshop).exclude(pk=rec.pk)
    quarters = scoped(QuarterPlan, caller.scope).filter(client_id=rec.client_id).order_by("start")
    form = RecommendationForm(
        request.POST or None,
        siblings=siblings,
        quarters=quarters,
        initial=RecommendationForm.initial_of(rec),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            update_recommendation(
                recommendation=rec,
                depends_on=list(data.pop("depends_on")),
                expected_version=data.pop("version"),
                **data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Saved {data['title']!r}.")
            return redirect("roadmap_recommendations", client_pk=rec.client_id)
    context = {
        "rec": rec,
        "client": rec.client,
        "form": form,
        "themes": scoped(Recommendation, caller.scope)
        .filter(client_id=rec.client_id, initiative__isnull=False)
        .values_list("initiative__theme", flat=True)
        .distinct(),
    }
    return render(request, "roadmap/recommendation_form.html", context)


@require_POST
@allow(*STAFF, Role.CLIENT_VIEWER)
def recommendation_status(request: HttpRequest, caller: Caller, recommendation_pk: int) -> HttpResponse:
    rec = get_scoped(Recommendation, caller.scope, pk=recommendation_pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            set_status(actor=caller, recommendation=rec, status=form.cleaned_data["status"])
        except DomainError as error:
            messages.error(request, str(error))
    return redirect("roadmap_recommendations", client_pk=rec.client_id)


@require_POST
@allow(*STAFF)
def prefill_next_assessment(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    """Put the target levels of completed recommendations into the client's open draft, for review."""
    client = get_scoped(Client, caller.scope, pk=client_pk)
    draft = scoped(Assessment, caller.scope).filter(client=client, status="draft").order_by("-as_of").first()
    if draft is None:
        messages.error(request, "assessment: start the next (draft) assessment first")
        return redirect("client_execution", client_pk=client.pk)
    try:
        changed = prefill_from_done_recommendations(actor=caller, assessment=draft)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{changed} item(s) of {draft.title!r} pre-filled: review them there.")
    return redirect("client_execution", client_pk=client.pk)


@allow(*MANAGERS)
def library_page(request: HttpRequest, caller: Caller) -> HttpResponse:
    form = LibraryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("item")
        item = Item.objects.filter(framework__code="7c", code=code).first()
        try:
            if item is None:
                raise DomainError(f"{code!r} is not a 7C item code", field="item")
            set_template(msp=caller.msp, item=item, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Library entry for {item.code} saved.")
            return redirect("roadmap_library")
    templates = scoped(RecommendationTemplate, caller.scope).select_related("item")
    return render(request, "roadmap/library.html", {"templates": templates, "form": form})
