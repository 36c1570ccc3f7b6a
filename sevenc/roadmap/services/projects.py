"""Projects beyond the gaps: added, changed and removed by the vCIO, planned by the optimiser with the
recommendations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from sevenc.catalogue.models import Item
from sevenc.goals.models import Workshop
from sevenc.lib.bounds import HOURS, MONEY
from sevenc.lib.errors import Conflict
from sevenc.lib.fields import clean_text
from sevenc.roadmap.models import QuarterPlan, Recommendation
from sevenc.roadmap.optimiser.plan_entries import find_cycle
from sevenc.roadmap.projects import Project, entry_key
from sevenc.roadmap.services.common import RoadmapError, locked
from sevenc.tenancy.scoping import Scope, scoped


def _check(
    workshop: Workshop,
    project: Project | None,
    *,
    item_codes: Iterable[str],
    after_recommendations: Sequence[Recommendation],
    after_projects: Sequence[Project],
    pin_quarter: str,
) -> list[Item]:
    scope = Scope(workshop.client.msp)
    codes = sorted(set(item_codes))
    items = list(Item.objects.filter(framework_id=workshop.baseline.framework_id, code__in=codes))
    unknown = sorted(set(codes) - {i.code for i in items})
    if unknown:
        raise RoadmapError(f"unknown item code(s) {', '.join(unknown)}", field="items")
    raised = (
        scoped(Recommendation, scope)
        .filter(workshop=workshop, item__in=items, excluded=False)
        .exclude(status__in=("done", "deferred"))
        .select_related("item")
        .first()
    )
    if raised is not None:
        raise RoadmapError(
            f"{raised.item.code} is already raised by the recommendation {raised.title!r}: exclude it first, or "
            "leave the item out (its gain would count twice)",
            field="items",
        )
    others = scoped(Project, scope).filter(workshop=workshop, items__in=items, excluded=False)
    if project is not None:
        others = others.exclude(pk=project.pk)
    if (other := others.first()) is not None:
        raise RoadmapError(f"an item is already raised by the project {other.title!r}", field="items")
    for dep in after_recommendations:
        if dep.workshop_id != workshop.pk:
            raise RoadmapError(f"{dep.title!r} belongs to another workshop", field="after_recommendations")
    for dep_project in after_projects:
        if dep_project.workshop_id != workshop.pk:
            raise RoadmapError(f"{dep_project.title!r} belongs to another workshop", field="after_projects")
        if project is not None and dep_project.pk == project.pk:
            raise RoadmapError("a project cannot depend on itself", field="after_projects")
    if project is not None and after_projects:
        graph: dict[str, list[str]] = {
            entry_key(p): [entry_key(d) for d in p.after_projects.all()]
            for p in scoped(Project, scope).filter(workshop=workshop).prefetch_related("after_projects")
        }
        graph[entry_key(project)] = [entry_key(d) for d in after_projects]
        if cycle := find_cycle(graph):
            titles = {entry_key(p): p.title for p in scoped(Project, scope).filter(workshop=workshop)}
            raise RoadmapError(
                "dependency cycle " + " → ".join(titles.get(k, k) for k in cycle), field="after_projects"
            )
    if (
        pin_quarter
        and not scoped(QuarterPlan, scope).filter(client_id=workshop.client_id, label=pin_quarter).exists()
    ):
        raise RoadmapError(
            f"{pin_quarter!r} is not one of the client's planned quarters", field="pin_quarter"
        )
    return items


def save_project(
    *,
    workshop: Workshop,
    project: Project | None = None,
    title: str,
    description: str = "",
    one_time_cost: Any = 0,
    monthly_cost: Any = 0,
    effort_hours: Any = 0,
    item_codes: Iterable[str] = (),
    after_recommendations: Sequence[Recommendation] = (),
    after_projects: Sequence[Project] = (),
    pin_quarter: str = "",
    excluded: bool = False,
    expected_version: int | None = None,
) -> Project:
    """Add a project to the workshop's plan (`project` None) or change one; all or nothing."""
    fields = {
        "title": clean_text(Project, "title", title, required=True),
        "description": clean_text(Project, "description", description),
        "one_time_cost": MONEY.parse(one_time_cost, field="one_time_cost"),
        "monthly_cost": MONEY.parse(monthly_cost, field="monthly_cost"),
        "effort_hours": HOURS.parse(effort_hours, field="effort_hours"),
        "pin_quarter": pin_quarter or "",
        "excluded": bool(excluded),
    }
    items = _check(
        workshop,
        project,
        item_codes=item_codes,
        after_recommendations=after_recommendations,
        after_projects=after_projects,
        pin_quarter=fields["pin_quarter"],
    )
    with transaction.atomic():
        if project is None:
            current = Project.objects.create(client=workshop.client, workshop=workshop, **fields)
        else:
            current = locked(Project, project, Scope(workshop.client.msp))
            if expected_version is not None and current.version != expected_version:
                raise Conflict(
                    f"{current.title!r} was changed by someone else meanwhile; reopen it", field="version"
                )
            if current.status == "done":
                raise RoadmapError("a done project is final", field="status")
            for name, value in fields.items():
                setattr(current, name, value)
            current.version += 1
            current.save()
        current.items.set(items)
        current.after_recommendations.set(after_recommendations)
        current.after_projects.set(after_projects)
    return current


def remove_project(*, project: Project) -> None:
    """Only a project not yet approved can go; approved work is deferred instead."""
    with transaction.atomic():
        current = locked(Project, project, Scope(project.client.msp))
        if current.status != "proposed":
            raise RoadmapError(
                "an approved project stays on the record: defer its work item instead", field="status"
            )
        current.delete()
