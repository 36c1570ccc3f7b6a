"""The one roadmap read model: which run is in force, and its budget as named lines.

A workshop's runs are its optimisations, newest first. The run *in force* is the newest approved one, or,
before any approval, the newest proposal; a proposal newer than the approved run is *pending* approval.
The roadmap page, the client page's card and the QBR all read it here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sevenc.charts import trend
from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.lib.money import money
from sevenc.roadmap.models import RoadmapRun
from sevenc.roadmap.optimiser.projection import BudgetLine
from sevenc.tenancy.scoping import Scope, scoped


@dataclass(frozen=True)
class RoadmapState:
    workshop: Workshop | None
    current: RoadmapRun | None  # in force: the newest approved run, else the newest proposal
    pending: RoadmapRun | None  # a proposal newer than the approved run, awaiting approval

    @property
    def shown(self) -> RoadmapRun | None:
        """What the roadmap page shows first: the proposal to decide on, else the plan in force."""
        return self.pending or self.current


def workshop_for(scope: Scope, client: Client, *, on_or_before: dt.date | None = None) -> Workshop | None:
    """The client's latest goals workshop (held on or before the date, for a report of that day)."""
    workshops = scoped(Workshop, scope).filter(client=client)
    if on_or_before is not None:
        workshops = workshops.filter(held_on__lte=on_or_before)
    return workshops.select_related("baseline").order_by("-held_on", "-pk").first()


def roadmap_state(scope: Scope, client: Client, *, on_or_before: dt.date | None = None) -> RoadmapState:
    workshop = workshop_for(scope, client, on_or_before=on_or_before)
    if workshop is None:
        return RoadmapState(None, None, None)
    runs = scoped(RoadmapRun, scope).filter(workshop=workshop).order_by("-created_at", "-pk")
    newest = runs.first()
    approved = runs.filter(approved_at__isnull=False).first()
    if approved is None:
        return RoadmapState(workshop, newest, None)
    pending = newest if newest is not None and newest.pk != approved.pk else None
    return RoadmapState(workshop, approved, pending)


def budget_lines(run: RoadmapRun, period: str) -> list[BudgetLine]:
    """`period` "quarters" or "years": the run's stored budget as named lines."""
    return [
        BudgetLine(str(row["period"]), float(row["one_time"]), float(row["recurring"]))
        for row in run.budget.get(period, [])
    ]


def projection_chart(run: RoadmapRun, **options: Any) -> str:
    labels = ["Today", *[point["quarter"] for point in run.projection]]
    return trend(
        labels, {"Projected ITCQ": [run.current_itcq, *[p["itcq"] for p in run.projection]]}, **options
    )


def frontier_rows(frontier: Any, currency: str = "") -> list[dict[str, Any]]:
    """The frontier's points by rising budget, each saying what its extra budget buys over the one before
    ("+USD 10,000 buys +2.1 ITCQ by FY2028 Q3")."""
    rows = []
    previous = None
    for point in frontier.points:
        buys = ""
        itcq = point.get("itcq_at_horizon")
        if previous is not None and itcq is not None and previous.get("itcq_at_horizon") is not None:
            more = point["budget_total"] - previous["budget_total"]
            gain = itcq - previous["itcq_at_horizon"]
            buys = f"+{money(more, currency)} buys {gain:+.1f} ITCQ by {point.get('horizon', 'the horizon')}"
        gap = point.get("gap")
        rows.append({**point, "buys": buys, "gap_text": f"{100 * gap:.2f} %" if gap is not None else ""})
        previous = point
    return rows


def frontier_chart(frontier: Any, **options: Any) -> str:
    """Projected ITCQ at the horizon against the total one-time budget, one point per factor."""
    points = [p for p in frontier.points if p.get("itcq_at_horizon") is not None]
    if not points:
        return ""
    labels = [f"{p['budget_total']:,.0f}" for p in points]
    options.setdefault("title", None)
    return trend(labels, {"ITCQ at the horizon": [p["itcq_at_horizon"] for p in points]}, **options)
