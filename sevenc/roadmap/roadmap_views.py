"""The roadmap page and its budget conversation: quarters and their limits, optimising and approving, the
budget → ITCQ frontier and adopting one of its points. Parse (forms) → one service → render. Optimising and
the frontier run in the background (`roadmap/jobs.py`): the view starts the job and answers at once."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.jobs.models import Job
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.forms import add_domain_error, form_errors_text
from sevenc.roadmap.forms import AdoptForm, FrontierForm, QuarterForm, QuartersForm, YearBudgetForm
from sevenc.roadmap.jobs import start_adopt, start_frontier, start_optimise
from sevenc.roadmap.models import QuarterPlan, RoadmapRun
from sevenc.roadmap.page import roadmap_context
from sevenc.roadmap.projects import Frontier
from sevenc.roadmap.services import approve_roadmap, plan_quarters, set_year_budget, update_quarter
from sevenc.tenancy.access import MANAGERS, Caller, allow
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import get_scoped

APPROVERS = (*MANAGERS, Role.CLIENT_VIEWER)  # the client approves; a vCIO may record it for them


@require_safe
@allow()
def roadmap_page(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    return render(request, "roadmap/roadmap.html", roadmap_context(caller, client))


@require_POST
@allow(*MANAGERS)
def quarters_plan(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    form = QuartersForm(request.POST)
    if form.is_valid():
        try:
            plan_quarters(client=client, after=timezone.localdate(), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Quarters set: optimise the roadmap next.")
            return redirect("roadmap_page", client_pk=client.pk)
    return render(request, "roadmap/roadmap.html", roadmap_context(caller, client, quarters_form=form))


@require_POST
@allow(*MANAGERS)
def quarter_edit(request: HttpRequest, caller: Caller, quarter_pk: int) -> HttpResponse:
    quarter = get_scoped(QuarterPlan, caller.scope, pk=quarter_pk)
    form = QuarterForm(request.POST, prefix=f"q{quarter.pk}")
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            update_quarter(quarter=quarter, expected_version=data.pop("version"), **data)
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("roadmap_page", client_pk=quarter.client_id)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{quarter.label} saved: optimise again to use it.")
            return redirect("roadmap_page", client_pk=quarter.client_id)
    context = roadmap_context(caller, quarter.client, quarter_form=form, quarter_pk=quarter.pk)
    return render(request, "roadmap/roadmap.html", context)


@require_POST
@allow(*MANAGERS)
def year_budget(request: HttpRequest, caller: Caller, client_pk: int) -> HttpResponse:
    client = get_scoped(Client, caller.scope, pk=client_pk)
    year = request.POST.get("fiscal_year", "")
    form = YearBudgetForm(request.POST, prefix=f"fy{year}" if year.isdigit() else None)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            set_year_budget(client=client, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"FY{form.cleaned_data['fiscal_year']}'s budget spread over its quarters."
            )
    return redirect("roadmap_page", client_pk=client.pk)


@require_POST
@allow(*MANAGERS)
def roadmap_optimise(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    try:
        job, created = start_optimise(actor=caller, workshop=workshop)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        _say_started(request, job, created)
    return redirect("roadmap_page", client_pk=workshop.client_id)


@require_POST
@allow(*APPROVERS)
def roadmap_approve(request: HttpRequest, caller: Caller, run_pk: int) -> HttpResponse:
    run = get_scoped(RoadmapRun, caller.scope, pk=run_pk)
    try:
        approve_roadmap(actor=caller, run=run)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Roadmap approved: the scheduled work is planned and dated.")
    return redirect("roadmap_page", client_pk=run.client_id)


@require_POST
@allow(*MANAGERS)
def frontier_compute(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    form = FrontierForm(request.POST)
    if form.is_valid():
        try:
            job, created = start_frontier(
                actor=caller, workshop=workshop, factors=form.cleaned_data["factors"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            _say_started(request, job, created)
            return redirect("roadmap_page", client_pk=workshop.client_id)
    return render(
        request, "roadmap/roadmap.html", roadmap_context(caller, workshop.client, frontier_form=form)
    )


@require_POST
@allow(*MANAGERS)
def frontier_adopt(request: HttpRequest, caller: Caller, frontier_pk: int) -> HttpResponse:
    frontier = get_scoped(Frontier, caller.scope, pk=frontier_pk)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            job, created = start_adopt(actor=caller, frontier=frontier, factor=form.cleaned_data["factor"])
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Budgets adopted.")
            _say_started(request, job, created)
    return redirect("roadmap_page", client_pk=frontier.client_id)


def _say_started(request: HttpRequest, job: Job, created: bool) -> None:
    """The flash after a start: the outcome if the job already ran (no worker: the immediate backend), else
    that it runs in the background (its card on the page shows its progress)."""
    job.refresh_from_db()
    if job.succeeded:
        messages.success(request, job.message)
    elif job.failed:
        messages.error(request, f"{job.title} failed: {job.message}")
    elif created:
        messages.success(request, f"{job.title}: under way in the background; the result appears here.")
    else:
        messages.warning(request, f"{job.title} is already under way: its progress is shown below.")
