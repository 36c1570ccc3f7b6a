"""Projects beyond the gaps: add, change, remove. Parse (forms) → one service → render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sevenc.goals.models import Workshop
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.forms import add_domain_error
from sevenc.roadmap.forms import ProjectForm
from sevenc.roadmap.models import QuarterPlan, Recommendation
from sevenc.roadmap.projects import Project
from sevenc.roadmap.services import remove_project, save_project
from sevenc.tenancy.access import MANAGERS, Caller, allow
from sevenc.tenancy.scoping import get_scoped, scoped


def _form(request: HttpRequest, caller: Caller, workshop: Workshop, project: Project | None) -> ProjectForm:
    initial = {}
    if project is not None:
        initial = {
            "title": project.title,
            "description": project.description,
            "one_time_cost": project.one_time_cost,
            "monthly_cost": project.monthly_cost,
            "effort_hours": project.effort_hours,
            "items": ", ".join(i.code for i in project.items.all()),
            "pin_quarter": project.pin_quarter,
            "excluded": project.excluded,
            "after_recommendations": list(project.after_recommendations.all()),
            "version": project.version,
        }
    recommendations = scoped(Recommendation, caller.scope).filter(workshop=workshop).select_related("item")
    quarters = scoped(QuarterPlan, caller.scope).filter(client_id=workshop.client_id).order_by("start")
    return ProjectForm(
        request.POST or None, recommendations=recommendations, quarters=quarters, initial=initial
    )


def _save(request: HttpRequest, caller: Caller, workshop: Workshop, project: Project | None) -> HttpResponse:
    form = _form(request, caller, workshop, project)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("items")
        try:
            save_project(
                workshop=workshop,
                project=project,
                item_codes=form.item_codes(),
                expected_version=data.pop("version"),
                **data,
            )
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("roadmap_page", client_pk=workshop.client_id)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"Project {form.cleaned_data['title']!r} saved: optimise to plan it.")
            return redirect("roadmap_page", client_pk=workshop.client_id)
    context = {"form": form, "client": workshop.client, "workshop": workshop, "project": project}
    return render(request, "roadmap/project_form.html", context)


@allow(*MANAGERS)
def project_add(request: HttpRequest, caller: Caller, workshop_pk: int) -> HttpResponse:
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_pk)
    return _save(request, caller, workshop, None)


@allow(*MANAGERS)
def project_edit(request: HttpRequest, caller: Caller, project_pk: int) -> HttpResponse:
    project = get_scoped(Project, caller.scope, pk=project_pk)
    return _save(request, caller, project.workshop, project)


@require_POST
@allow(*MANAGERS)
def project_remove(request: HttpRequest, caller: Caller, project_pk: int) -> HttpResponse:
    project = get_scoped(Project, caller.scope, pk=project_pk)
    try:
        remove_project(project=project)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Project {project.title!r} removed.")
    return redirect("roadmap_page", client_pk=project.client_id)
