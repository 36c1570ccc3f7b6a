"""Targets and roadmap for the report, read (never written) from the goals and roadmap apps.

Those domains are optional for a report: without them installed, or without a workshop / roadmap for this
client, the report simply has no target column, no target series and no roadmap section.

- Targets come from the client's latest goal-setting workshop held on or before the review date. The
  target ITCQ is the ITCQ the latest assessment would score with every item at its target level
  (`sevenc.goals.gaps`, the same definition the roadmap optimises towards).
- The roadmap is that workshop's latest approved optimisation, else its latest proposal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.models import Assessment
from sevenc.assessments.services import answers_of
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.clients.models import Client
from sevenc.tenancy.scoping import Scope, scoped


def collect(
    client: Client, spec: FrameworkSpec, latest: Assessment | None, on_date: dt.date
) -> dict[str, Any]:
    """{'targets', 'itcq_target', 'target_gaps', 'roadmap'}: each key only when its data exists."""
    sections: dict[str, Any] = {}
    if latest is None or not apps.is_installed("sevenc.goals"):
        return sections
    from sevenc.goals.gaps import analyse, itcq_gain
    from sevenc.goals.models import BlockTarget, ItemTarget, Workshop

    scope = Scope(client.msp)
    workshop = (
        scoped(Workshop, scope)
        .filter(client=client, held_on__lte=on_date)
        .order_by("-held_on", "-pk")
        .first()
    )
    if workshop is None:
        return sections
    block_targets = dict(
        scoped(BlockTarget, scope).filter(workshop=workshop).values_list("block__code", "score")
    )
    explicit = dict(scoped(ItemTarget, scope).filter(workshop=workshop).values_list("item__code", "level"))
    if block_targets or explicit:
        items = scoring_items(spec, latest.weights)
        answers = answers_of(latest)
        analysis = analyse(items, answers, latest.block_weights, block_targets, explicit)
        reach = {gap.item: gap.target_level for gap in analysis.gaps}
        gain = itcq_gain(items, answers, latest.block_weights, reach, analysis.itcq) if reach else 0.0
        sections["targets"] = block_targets
        sections["itcq_target"] = None if analysis.itcq is None else analysis.itcq + gain
        sections["target_gaps"] = {gap.item: (gap.target_level, gap.gain) for gap in analysis.gaps}
    if apps.is_installed("sevenc.roadmap"):
        roadmap = _roadmap(scope, workshop)
        if roadmap is not None:
            sections["roadmap"] = roadmap
    return sections


def _roadmap(scope: Scope, workshop: Any) -> dict[str, Any] | None:
    from sevenc.roadmap.models import Recommendation, RoadmapRun

    runs = scoped(RoadmapRun, scope).filter(workshop=workshop)
    run = runs.filter(approved_at__isnull=False).order_by("-approved_at", "-pk").first()
    run = run or runs.order_by("-created_at", "-pk").first()
    if run is None:
        return None
    scheduled = {int(pk): label for pk, label in run.schedule.items() if label}
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
    projected = {point["quarter"]: point.get("itcq") for point in run.projection}
    quarters = [
        {
            "label": label,
            "one_time": float(one_time),
            "recurring": float(recurring),
            "itcq": projected.get(label),
            "items": by_quarter.get(label, []),
        }
        for label, one_time, recurring in run.budget.get("quarters", [])
    ]
    years = [
        {"label": label, "one_time": float(one_time), "recurring": float(recurring)}
        for label, one_time, recurring in run.budget.get("years", [])
    ]
    return {
        "status": "approved" if run.is_approved else "proposed",
        "current_itcq": run.current_itcq,
        "quarters": quarters,
        "years": years,
        "unscheduled": sum(1 for label in run.schedule.values() if not label),
    }
