"""What the optimiser is given for a workshop's roadmap: its open recommendations and projects, the
client's coming quarters and the baseline's scores. Shared by one optimisation and the budget frontier."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.services import answers_of
from sevenc.catalogue.services import framework_spec
from sevenc.goals.models import Workshop
from sevenc.goals.services import targets_of
from sevenc.roadmap.models import QuarterPlan
from sevenc.roadmap.optimiser.plan_input import ProjectInput, RecommendationInput
from sevenc.roadmap.optimiser.schedule import QuarterLimit
from sevenc.roadmap.projects import Project, entry_key
from sevenc.roadmap.services.common import RoadmapError
from sevenc.roadmap.workflow import DEFERRED, IN_PROGRESS, OPEN
from sevenc.tenancy.scoping import Scope, scoped


@dataclass(frozen=True)
class PlanData:
    quarters: list[QuarterPlan]
    limits: list[QuarterLimit]
    recommendations: list[RecommendationInput]
    projects: list[ProjectInput]
    arguments: dict[str, Any]  # items, answers, block weights and targets for planning.make_roadmap

    def costs(self) -> dict[str, tuple[float, float]]:
        """Entry key → (one-time, monthly) cost, for the budget lines of a schedule."""
        entries: list[RecommendationInput | ProjectInput] = [*self.recommendations, *self.projects]
        return {e.id: (e.one_time_cost, e.monthly_cost) for e in entries}

    def named(self, message: str) -> str:
        """The planner names entries by key ("p3", "17"); people know them by title."""
        entries: list[RecommendationInput | ProjectInput] = [*self.recommendations, *self.projects]
        titles = {e.id: e.title for e in entries}
        return _ENTRY_KEY.sub(lambda m: repr(titles[m[0]]) if m[0] in titles else m[0], message)


_ENTRY_KEY = re.compile(r"(?<![\w.,])p?\d+(?![\w.,])")


def _pin(entry: Any, labels: set[str]) -> str | None:
    deferred = entry.status == DEFERRED
    pin = "" if deferred else entry.pin_quarter or (entry.quarter if entry.status == IN_PROGRESS else "")
    if pin and pin not in labels:
        raise RoadmapError(
            f"{entry.title}: pinned to {pin!r}, which is not a planned quarter", field="pin_quarter"
        )
    return pin or None


def plan_data(workshop: Workshop, on: dt.date) -> PlanData:
    """The workshop's open entries over the client's quarters not over by `on`. Work in progress keeps its
    quarter; deferred entries are in as excluded, so they still block what depends on them; done ones are
    left out (a dependency on them is met)."""
    client = workshop.client
    scope = Scope(client.msp)
    quarters = list(scoped(QuarterPlan, scope).filter(client=client, end__gte=on).order_by("start"))
    if not quarters:
        raise RoadmapError("plan the client's coming quarters (budget and capacity) first", field="quarters")
    labels = {q.label for q in quarters}
    recs = list(
        workshop.recommendations.filter(status__in=(*OPEN, DEFERRED))
        .select_related("item")
        .prefetch_related("depends_on")
    )
    projects = list(
        scoped(Project, scope)
        .filter(workshop=workshop, status__in=(*OPEN, DEFERRED))
        .prefetch_related("items", "after_recommendations", "after_projects")
    )

    def keep(entry: Any) -> bool:  # work under way in an earlier quarter is not the optimiser's to move
        return not (entry.status == IN_PROGRESS and entry.quarter and entry.quarter not in labels)

    recs, projects = [r for r in recs if keep(r)], [p for p in projects if keep(p)]
    open_keys = {entry_key(e) for e in [*recs, *projects]}
    rec_inputs = [
        RecommendationInput(
            id=entry_key(rec),
            item=rec.item.code,
            title=rec.title,
            one_time_cost=float(rec.one_time_cost),
            monthly_cost=float(rec.monthly_cost),
            effort_hours=float(rec.effort_hours),
            depends_on=tuple(k for d in rec.depends_on.all() if (k := entry_key(d)) in open_keys),
            pin_quarter=_pin(rec, labels),
            exclude=rec.excluded or rec.status == DEFERRED,
        )
        for rec in recs
    ]
    project_inputs = [
        ProjectInput(
            id=entry_key(project),
            title=project.title,
            one_time_cost=float(project.one_time_cost),
            monthly_cost=float(project.monthly_cost),
            effort_hours=float(project.effort_hours),
            depends_on=tuple(
                k
                for d in [*project.after_recommendations.all(), *project.after_projects.all()]
                if (k := entry_key(d)) in open_keys
            ),
            pin_quarter=_pin(project, labels),
            exclude=project.excluded or project.status == DEFERRED,
            items=tuple(sorted(i.code for i in project.items.all())),
        )
        for project in projects
    ]
    block_targets, item_targets = targets_of(workshop)
    baseline = workshop.baseline
    limits = [
        QuarterLimit(
            q.label,
            float(q.budget),
            float(q.capacity_hours),
            None if q.recurring_ceiling is None else float(q.recurring_ceiling),
        )
        for q in quarters
    ]
    arguments = {
        "items": scoring_items(framework_spec(baseline.framework), baseline.weights),
        "answers": answers_of(baseline),
        "block_weights": baseline.block_weights,
        "block_targets": block_targets,
        "item_targets": item_targets,
    }
    return PlanData(quarters, limits, rec_inputs, project_inputs, arguments)
