"""The roadmap page's read model: the run shown (in force or pending), its schedule by quarter with
recommendations and projects, the budget set against planned, the re-plan diff, the latest frontier, and
the background jobs under way (or failed) on its roadmap and frontier."""

from __future__ import annotations

from typing import Any

from sevenc.clients.models import Client
from sevenc.jobs.services import job_to_show
from sevenc.roadmap.diff import roadmap_diff
from sevenc.roadmap.forms import FrontierForm, QuarterForm, QuartersForm, YearBudgetForm
from sevenc.roadmap.jobs import frontier_subject, roadmap_subject
from sevenc.roadmap.models import QuarterPlan, Recommendation
from sevenc.roadmap.presenters import (
    budget_lines,
    frontier_chart,
    frontier_rows,
    projection_chart,
    roadmap_state,
)
from sevenc.roadmap.projects import Frontier, Project, entry_key
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import scoped


def roadmap_context(caller: Caller, client: Client, **forms: Any) -> dict[str, Any]:
    state = roadmap_state(caller.scope, client)
    run = state.shown
    quarters = list(scoped(QuarterPlan, caller.scope).filter(client=client).order_by("start"))
    context: dict[str, Any] = {
        "client": client,
        "workshop": state.workshop,
        "run": run,
        "state": state,
        "quarters": quarters,
        "quarters_form": forms.get("quarters_form") or QuartersForm(),
        "quarter_forms": [
            (
                q,
                forms["quarter_form"]
                if forms.get("quarter_pk") == q.pk
                else QuarterForm(
                    prefix=f"q{q.pk}",
                    initial={
                        "budget": q.budget,
                        "capacity_hours": q.capacity_hours,
                        "recurring_ceiling": q.recurring_ceiling,
                        "version": q.version,
                    },
                ),
            )
            for q in quarters
        ],
        "year_forms": [
            YearBudgetForm(prefix=f"fy{year}", initial={"fiscal_year": year})
            for year in sorted({q.fiscal_year for q in quarters})
        ],
        "frontier_form": forms.get("frontier_form") or FrontierForm(),
    }
    if state.workshop is not None:
        context["optimise_job"] = job_to_show(caller.scope, roadmap_subject(state.workshop.pk))
        context["frontier_job"] = job_to_show(caller.scope, frontier_subject(state.workshop.pk))
        context["projects"] = (
            scoped(Project, caller.scope).filter(workshop=state.workshop).prefetch_related("items")
        )
        frontier = scoped(Frontier, caller.scope).filter(workshop=state.workshop).first()
        if frontier is not None:
            context |= {
                "frontier": frontier,
                "frontier_rows": frontier_rows(frontier, client.msp.currency),
                "frontier_chart": frontier_chart(frontier),
            }
    if run is None:
        return context
    entries: dict[str, Any] = {
        entry_key(r): r
        for r in scoped(Recommendation, caller.scope).filter(workshop=run.workshop_id).select_related("item")
    }
    entries |= {entry_key(p): p for p in scoped(Project, caller.scope).filter(workshop=run.workshop_id)}
    by_quarter: dict[str, list[Any]] = {q.label: [] for q in quarters}
    for key, label in run.schedule.items():
        if label is not None and key in entries:
            by_quarter.setdefault(label, []).append(entries[key])
    budget = {line.period: line for line in budget_lines(run, "quarters")}
    context["schedule"] = [
        (q, by_quarter.get(q.label, []), budget.get(q.label)) for q in quarters if q.label in budget
    ]
    context["unscheduled"] = [
        entries[k] for k, label in run.schedule.items() if label is None and k in entries
    ]
    context["years"] = _years(budget_lines(run, "years"), quarters)
    if state.pending is not None and state.current is not None and state.current.is_approved:
        order = {key: n for n, key in enumerate(entries)}
        context["has_diff"] = True
        context["diff"] = [
            (change, entries.get(change.id))
            for change in roadmap_diff(state.current.schedule, state.pending.schedule, order)
        ]
    context["gap_percent"] = None if run.gap is None else 100 * run.gap
    context["chart"] = projection_chart(run, title=None)
    return context


def _years(lines: list[Any], quarters: list[QuarterPlan]) -> list[dict[str, Any]]:
    """Each fiscal year's planned spend with the budget set for it (the sum of its quarters' budgets)."""
    set_budget: dict[str, float] = {}
    for quarter in quarters:
        key = f"FY{quarter.fiscal_year}"
        set_budget[key] = set_budget.get(key, 0.0) + float(quarter.budget)
    return [{"line": line, "budget": set_budget.get(line.period)} for line in lines]
