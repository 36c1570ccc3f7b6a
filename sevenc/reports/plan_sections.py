"""Targets and roadmap for the report, read (never written) from the goals and roadmap apps.

Without a workshop or a roadmap for this client, the report simply has no target column, no target series
and no roadmap section.

- Targets come from the client's latest goal-setting workshop held on or before the review date. The
  target ITCQ is the ITCQ the latest assessment would score with every item at its target level
  (`sevenc.goals.gaps`, the same definition the roadmap optimises towards).
- The roadmap is the run in force for that workshop (`sevenc.roadmap.presenters`: its newest approved
  optimisation, else its newest proposal), the same rule the roadmap page and the client page use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.models import Assessment
from sevenc.assessments.services import answers_of
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.clients.models import Client
from sevenc.goals.gaps import analyse, itcq_gain
from sevenc.goals.services import targets_of
from sevenc.roadmap.models import Recommendation, RoadmapRun
from sevenc.roadmap.presenters import budget_lines, frontier_rows, roadmap_state, workshop_for
from sevenc.roadmap.projects import Frontier, Project, split_schedule
from sevenc.tenancy.scoping import Scope, scoped


def collect(
    client: Client, spec: FrameworkSpec, latest: Assessment | None, on_date: dt.date
) -> dict[str, Any]:
    """{'targets', 'itcq_target', 'target_gaps', 'roadmap'}: each key only when its data exists."""
    sections: dict[str, Any] = {}
    scope = Scope(client.msp)
    workshop = workshop_for(scope, client, on_or_before=on_date)
    if latest is None or workshop is None:
        return sections
    block_targets, explicit = targets_of(workshop)
    if block_targets or explicit:
        items = scoring_items(spec, latest.weights)
        answers = answers_of(latest)
        analysis = analyse(items, answers, latest.block_weights, block_targets, explicit)
        reach = {gap.item: gap.target_level for gap in analysis.gaps}
        gain = itcq_gain(items, answers, latest.block_weights, reach, analysis.itcq) if reach else 0.0
        sections["targets"] = block_targets
        sections["itcq_target"] = None if analysis.itcq is None else analysis.itcq + gain
        sections["target_gaps"] = {gap.item: (gap.target_level, gap.gain) for gap in analysis.gaps}
    roadmap = _roadmap(scope, roadmap_state(scope, client, on_or_before=on_date).current)
    if roadmap is not None:
        sections["roadmap"] = roadmap
    frontier = scoped(Frontier, scope).filter(workshop=workshop).first()
    if frontier is not None:
        sections["frontier"] = {
            "computed": frontier.created_at.date().isoformat(),
            "points": frontier_rows(frontier, client.msp.currency),
        }
    return sections


def _roadmap(scope: Scope, run: RoadmapRun | None) -> dict[str, Any] | None:
    if run is None:
        return None
    recommendation_quarters, project_quarters = split_schedule(run.schedule)
    scheduled = {pk: label for pk, label in recommendation_quarters.items() if label}
    recommendations = (
        scoped(Recommendation, scope)
        .filter(pk__in=scheduled)
        .select_related("item", "initiative")
        .order_by("priority", "item__position")
    )
    by_quarter: dict[str, list[dict[str, Any]]] = {}
    for rec in recommendations:
        delivered_by = rec.get_delivered_by_display() + (f" ({rec.partner_name})" if rec.partner_name else "")
        by_quarter.setdefault(scheduled[rec.pk], []).append(
            {
                "title": rec.title,
                "item": rec.item.code,
                "initiative": rec.initiative.theme if rec.initiative else "",
                "delivered_by": delivered_by,
                "one_time": float(rec.one_time_cost),
                "monthly": float(rec.monthly_cost),
            }
        )
    planned_projects = {pk: label for pk, label in project_quarters.items() if label}
    for project in scoped(Project, scope).filter(pk__in=planned_projects).order_by("title"):
        by_quarter.setdefault(planned_projects[project.pk], []).append(
            {
                "title": project.title,
                "item": ", ".join(project.items.values_list("code", flat=True)),
                "initiative": "Project",
                "delivered_by": "",
                "one_time": float(project.one_time_cost),
                "monthly": float(project.monthly_cost),
            }
        )
    projected = {point["quarter"]: point.get("itcq") for point in run.projection}
    quarters = [
        {
            "label": line.period,
            "one_time": line.one_time,
            "recurring": line.recurring,
            "itcq": projected.get(line.period),
            "items": by_quarter.get(line.period, []),
        }
        for line in budget_lines(run, "quarters")
    ]
    years = [
        {"label": line.period, "one_time": line.one_time, "recurring": line.recurring}
        for line in budget_lines(run, "years")
    ]
    return {
        "status": "approved" if run.is_approved else "proposed",
        "current_itcq": run.current_itcq,
        "quarters": quarters,
        "years": years,
        "unscheduled": sum(1 for label in run.schedule.values() if not label),
    }
