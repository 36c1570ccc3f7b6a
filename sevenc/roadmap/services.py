"""Everything that changes recommendations, quarters and roadmaps. Keyword-only, one transaction each.

Computation lives in the pure modules (goals.gaps, roadmap.planning); this file only gathers the stored
data, calls them, and stores the result — all or nothing, with errors that name the problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.models import Assessment
from sevenc.assessments.services import answers_of, record_response
from sevenc.catalogue.models import Item
from sevenc.catalogue.services import framework_spec
from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.goals.services import gap_analysis, targets_of
from sevenc.roadmap.models import (
    DeliveredBy,
    Priority,
    QuarterPlan,
    Recommendation,
    RecommendationTemplate,
    RoadmapRun,
)
from sevenc.roadmap.plan_input import (
    PlanInputError,
    RecommendationInput,
    check_dependencies,
    check_pins,
    find_cycle,
)
from sevenc.roadmap.planning import make_roadmap
from sevenc.roadmap.projection import Spend, budget_by_quarter, budget_by_year
from sevenc.roadmap.quarters import DEFAULT_HORIZON, upcoming_quarters
from sevenc.roadmap.schedule import InfeasiblePlan, QuarterLimit
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped

Status = Recommendation.Status
# Which status may follow which; "approved" is the client's yes, "done" is final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PROPOSED: (Status.APPROVED, Status.DEFERRED),
    Status.APPROVED: (Status.IN_PROGRESS, Status.DEFERRED, Status.PROPOSED),
    Status.IN_PROGRESS: (Status.DONE, Status.DEFERRED),
    Status.DEFERRED: (Status.PROPOSED,),
    Status.DONE: (),
}
OPEN = (Status.PROPOSED, Status.APPROVED, Status.IN_PROGRESS)


class RoadmapError(ValueError):
    """A roadmap change that cannot be made; the message names the field or constraint at fault."""


def _amount(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        raise RoadmapError(f"{field}: {value!r} must be a number") from None
    if not number.is_finite():
        raise RoadmapError(f"{field}: {value!r} must be a number")
    if number < 0:
        raise RoadmapError(f"{field}: must not be negative")
    return number


def set_template(
    *,
    msp: Msp,
    item: Item,
    title: str,
    description: str = "",
    one_time_cost: Any = 0,
    monthly_cost: Any = 0,
    effort_hours: Any = 0,
    delivered_by: str = DeliveredBy.MSP,
    partner_name: str = "",
) -> RecommendationTemplate:
    """Create or replace the library entry for `item`."""
    if not title.strip():
        raise RoadmapError("title: required")
    if delivered_by not in DeliveredBy.values:
        raise RoadmapError(f"delivered_by: {delivered_by!r} is not one of {', '.join(DeliveredBy.values)}")
    fields = {
        "title": title.strip(),
        "description": description.strip(),
        "one_time_cost": _amount(one_time_cost, "one_time_cost"),
        "monthly_cost": _amount(monthly_cost, "monthly_cost"),
        "effort_hours": _amount(effort_hours, "effort_hours"),
        "delivered_by": delivered_by,
        "partner_name": partner_name.strip(),
    }
    with transaction.atomic():
        template, _ = RecommendationTemplate.objects.update_or_create(msp=msp, item=item, defaults=fields)
    return template


def propose_recommendations(*, workshop: Workshop) -> list[Recommendation]:
    """One recommendation per gap that has none yet, pre-filled from the MSP library (or the item)."""
    analysis = gap_analysis(workshop)
    client = workshop.client
    have = set(workshop.recommendations.values_list("item__code", flat=True))
    wanted = [gap for gap in analysis.gaps if gap.item not in have]
    items = {i.code: i for i in Item.objects.filter(framework_id=workshop.baseline.framework_id)}
    library = {
        t.item_id: t
        for t in scoped(RecommendationTemplate, Scope(client.msp)).filter(
            item__code__in=[g.item for g in wanted]
        )
    }
    solutions = dict(workshop.baseline.responses.values_list("item__code", "solution"))
    with transaction.atomic():
        created = []
        for gap in wanted:
            item = items[gap.item]
            template = library.get(item.pk)
            created.append(
                Recommendation.objects.create(
                    client=client,
                    workshop=workshop,
                    item=item,
                    title=template.title if template else item.title,
                    description=(template.description if template else "") or solutions.get(gap.item, ""),
                    one_time_cost=template.one_time_cost if template else 0,
                    monthly_cost=template.monthly_cost if template else 0,
                    effort_hours=template.effort_hours if template else 0,
                    delivered_by=template.delivered_by if template else DeliveredBy.MSP,
                    partner_name=template.partner_name if template else "",
                    priority=Priority.HIGH if gap.gain >= 1 else Priority.MEDIUM,
                    target_level=gap.target_level,
                )
            )
    return created


EDITABLE = ("title", "description", "delivered_by", "partner_name", "priority", "pin_quarter", "excluded")


def update_recommendation(
    *,
    recommendation: Recommendation,
    depends_on: Sequence[Recommendation] | None = None,
    one_time_cost: Any = None,
    monthly_cost: Any = None,
    effort_hours: Any = None,
    initiative_theme: str | None = None,
    **changes: Any,
) -> Recommendation:
    """Change the given fields; costs must be non-negative numbers, prerequisites may not form a cycle.
    `initiative_theme` files it under that theme (created when new); "" takes it out of any initiative."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise RoadmapError(f"unknown field(s) {', '.join(sorted(unknown))}")
    if "title" in changes and not str(changes["title"]).strip():
        raise RoadmapError("title: required")
    if "delivered_by" in changes and changes["delivered_by"] not in DeliveredBy.values:
        raise RoadmapError(f"delivered_by: {changes['delivered_by']!r} is not a known party")
    if "priority" in changes and changes["priority"] not in Priority.values:
        raise RoadmapError(f"priority: {changes['priority']!r} must be one of {Priority.values}")
    pin = changes.get("pin_quarter")
    if (
        pin
        and not scoped(QuarterPlan, Scope(recommendation.client.msp))
        .filter(client_id=recommendation.client_id, label=pin)
        .exists()
    ):
        raise RoadmapError(f"pin_quarter: {pin!r} is not one of the client's planned quarters")
    if depends_on is not None:
        _check_prerequisites(recommendation, depends_on)
    for name, value in (
        ("one_time_cost", one_time_cost),
        ("monthly_cost", monthly_cost),
        ("effort_hours", effort_hours),
    ):
        if value is not None:
            changes[name] = _amount(value, name)
    with transaction.atomic():
        if initiative_theme is not None:
            theme = initiative_theme.strip()
            changes["initiative"] = (
                recommendation.client.initiatives.get_or_create(theme=theme)[0] if theme else None
            )
        for name, value in changes.items():
            setattr(recommendation, name, value.strip() if isinstance(value, str) else value)
        recommendation.save()
        if depends_on is not None:
            recommendation.depends_on.set(depends_on)
    return recommendation


def _check_prerequisites(recommendation: Recommendation, depends_on: Sequence[Recommendation]) -> None:
    for dep in depends_on:
        if dep.workshop_id != recommendation.workshop_id:
            raise RoadmapError(f"depends_on: {dep.title!r} belongs to another workshop")
        if dep.pk == recommendation.pk:
            raise RoadmapError("depends_on: a recommendation cannot depend on itself")
    graph: dict[str, list[str]] = {}
    for rec_pk, dep_pk in Recommendation.depends_on.through.objects.filter(  # type: ignore[attr-defined]
        from_recommendation__workshop_id=recommendation.workshop_id
    ).values_list("from_recommendation_id", "to_recommendation_id"):
        graph.setdefault(str(rec_pk), []).append(str(dep_pk))
    graph[str(recommendation.pk)] = [str(dep.pk) for dep in depends_on]
    cycle = find_cycle(graph)
    if cycle:
        titles = dict(recommendation.workshop.recommendations.values_list("pk", "title"))
        raise RoadmapError("depends_on: dependency cycle " + " → ".join(titles[int(pk)] for pk in cycle))


def plan_quarters(
    *,
    client: Client,
    after: dt.date,
    budget: Any,
    capacity_hours: Any,
    recurring_ceiling: Any = None,
    horizon: int = DEFAULT_HORIZON,
) -> list[QuarterPlan]:
    """Create (or reset the limits of) the `horizon` fiscal quarters after the one containing `after`."""
    if not 1 <= horizon <= 40:
        raise RoadmapError("horizon: must be 1–40 quarters")
    limits = {
        "budget": _amount(budget, "budget"),
        "capacity_hours": _amount(capacity_hours, "capacity_hours"),
        "recurring_ceiling": None
        if recurring_ceiling in (None, "")
        else _amount(recurring_ceiling, "recurring_ceiling"),
    }
    with transaction.atomic():
        plans = []
        for quarter in upcoming_quarters(after, client.fiscal_year_start_month, horizon):
            plan, _ = QuarterPlan.objects.update_or_create(
                client=client,
                label=quarter.label,
                defaults={
                    "fiscal_year": quarter.fiscal_year,
                    "start": quarter.start,
                    "end": quarter.end,
                    **limits,
                },
            )
            plans.append(plan)
    return plans


def update_quarter(
    *, quarter: QuarterPlan, budget: Any, capacity_hours: Any, recurring_ceiling: Any = None
) -> QuarterPlan:
    quarter.budget = _amount(budget, "budget")
    quarter.capacity_hours = _amount(capacity_hours, "capacity_hours")
    quarter.recurring_ceiling = (
        None if recurring_ceiling in (None, "") else _amount(recurring_ceiling, "recurring_ceiling")
    )
    with transaction.atomic():
        quarter.save()
    return quarter


def _inputs(workshop: Workshop, quarters: Sequence[QuarterPlan]) -> list[RecommendationInput]:
    """The workshop's recommendations still to do as optimiser input. Work in progress keeps its quarter;
    deferred ones are in as excluded, so they still block what depends on them; done ones are left out
    (a dependency on them is met)."""
    labels = {q.label for q in quarters}
    recs = list(
        workshop.recommendations.filter(status__in=(*OPEN, Status.DEFERRED))
        .select_related("item")
        .prefetch_related("depends_on")
    )
    # Work already under way in a quarter outside the plan (an earlier one) is not the optimiser's to move.
    recs = [r for r in recs if not (r.status == Status.IN_PROGRESS and r.quarter and r.quarter not in labels)]
    open_ids = {r.pk for r in recs}
    inputs = []
    for rec in recs:
        deferred = rec.status == Status.DEFERRED
        pin = "" if deferred else rec.pin_quarter or (rec.quarter if rec.status == Status.IN_PROGRESS else "")
        if pin and pin not in labels:
            raise RoadmapError(f"{rec.title}: pinned to {pin!r}, which is not a planned quarter")
        inputs.append(
            RecommendationInput(
                id=str(rec.pk),
                item=rec.item.code,
                title=rec.title,
                one_time_cost=float(rec.one_time_cost),
                monthly_cost=float(rec.monthly_cost),
                effort_hours=float(rec.effort_hours),
                depends_on=tuple(str(d.pk) for d in rec.depends_on.all() if d.pk in open_ids),
                pin_quarter=pin or None,
                exclude=rec.excluded or deferred,
            )
        )
    return inputs


def optimise_roadmap(*, workshop: Workshop, by: User | None = None, time_limit: float = 10.0) -> RoadmapRun:
    """Optimise the workshop's open recommendations over the client's planned quarters and store the run."""
    client = workshop.client
    quarters = list(scoped(QuarterPlan, Scope(client.msp)).filter(client=client).order_by("start"))
    if not quarters:
        raise RoadmapError("quarters: plan the client's quarters (budget and capacity) first")
    limits = [
        QuarterLimit(
            q.label,
            float(q.budget),
            float(q.capacity_hours),
            None if q.recurring_ceiling is None else float(q.recurring_ceiling),
        )
        for q in quarters
    ]
    recs = _inputs(workshop, quarters)
    block_targets, item_targets = targets_of(workshop)
    baseline = workshop.baseline
    try:
        check_dependencies(recs)
        check_pins(recs, limits)
        outcome = make_roadmap(
            items=scoring_items(framework_spec(baseline.framework), baseline.weights),
            answers=answers_of(baseline),
            block_weights=baseline.block_weights,
            block_targets=block_targets,
            item_targets=item_targets,
            recommendations=recs,
            quarters=limits,
            time_limit=time_limit,
        )
    except (PlanInputError, InfeasiblePlan) as exc:
        raise RoadmapError(str(exc)) from None
    by_id = {r.id: r for r in recs}
    labels = list(outcome.labels)
    spends = [
        Spend(labels.index(label) + 1, by_id[rid].one_time_cost, by_id[rid].monthly_cost)
        for rid, label in outcome.schedule.items()
        if label is not None
    ]
    per_quarter = budget_by_quarter(labels, spends)
    per_year = budget_by_year(per_quarter, [f"FY{q.fiscal_year}" for q in quarters])
    result = outcome.result
    with transaction.atomic():
        return RoadmapRun.objects.create(
            client=client,
            workshop=workshop,
            created_by=by,
            current_itcq=outcome.current_itcq,
            objective=result.objective,
            greedy_objective=result.greedy_objective,
            gap=result.gap,
            solver_status=result.status,
            seconds=result.seconds,
            schedule=dict(outcome.schedule),
            projection=[p.to_json() for p in outcome.projection],
            budget={
                "quarters": [[b.period, b.one_time, b.recurring] for b in per_quarter],
                "years": [[b.period, b.one_time, b.recurring] for b in per_year],
            },
        )


def approve_roadmap(*, run: RoadmapRun, by: User | None = None) -> RoadmapRun:
    """The client's yes: scheduled proposals become approved, with their quarter and due date."""
    if run.is_approved:
        raise RoadmapError("roadmap: already approved")
    latest = run.workshop.roadmap_runs.order_by("-created_at", "-pk").first()
    if latest is not None and latest.pk != run.pk:
        raise RoadmapError("roadmap: a newer optimisation exists; approve that one")
    ends = dict(run.client.quarter_plans.values_list("label", "end"))
    now = timezone.now()
    with transaction.atomic():
        for rec in run.workshop.recommendations.filter(pk__in=[int(pk) for pk in run.schedule]):
            label = run.schedule[str(rec.pk)]
            rec.quarter = label or ""
            rec.due_date = ends.get(label) if label else None
            if label and rec.status == Status.PROPOSED:
                rec.status, rec.approved_by, rec.approved_at = Status.APPROVED, by, now  # type: ignore[assignment]
            rec.save(update_fields=["quarter", "due_date", "status", "approved_by", "approved_at"])
        run.approved_at, run.approved_by = now, by  # type: ignore[assignment]
        run.save(update_fields=["approved_at", "approved_by"])
    return run


def set_status(*, recommendation: Recommendation, status: str, by: User | None = None) -> Recommendation:
    allowed = tuple(str(s) for s in TRANSITIONS.get(recommendation.status, ()))
    if status not in allowed:
        raise RoadmapError(
            f"status: a {recommendation.get_status_display().lower()} recommendation cannot become {str(status)!r}"
            f" (allowed: {', '.join(allowed) or 'none'})"
        )
    with transaction.atomic():
        recommendation.status = status
        if status == Status.APPROVED:
            recommendation.approved_by, recommendation.approved_at = by, timezone.now()  # type: ignore[assignment]
        if status == Status.DONE:
            recommendation.completed_at = timezone.now()
        recommendation.save()
    return recommendation


def proposed_levels(*, client: Client) -> dict[str, tuple[int, str]]:
    """Item code → (level, recommendation title) for every done recommendation: what the next
    assessment should start from, still to be reviewed by the engineer and vCIO."""
    done = client.recommendations.filter(status=Status.DONE).select_related("item").order_by("completed_at")
    return {rec.item.code: (rec.target_level, rec.title) for rec in done}


def prefill_from_done_recommendations(*, assessment: Assessment) -> int:
    """Pre-fill a draft with the target levels of completed recommendations; returns how many changed."""
    if assessment.is_locked:
        raise RoadmapError("assessment: completed assessments are locked")
    current = answers_of(assessment)
    changed = 0
    with transaction.atomic():
        for code, (level, title) in proposed_levels(client=assessment.client).items():
            answer = current.get(code)
            if answer is not None and (answer.na or (answer.level is not None and answer.level >= level)):
                continue
            record_response(
                assessment=assessment,
                item_code=code,
                level=level,
                notes={
                    "evidence": f"Proposed from the completed recommendation {title!r}: review before submitting."
                },
            )
            changed += 1
    return changed
