"""The greedy baseline: best ITCQ gain per unit of cost first, each in the earliest quarter it fits.

It is the yardstick the optimiser must beat and the starting solution handed to the solver. Pinned tasks
(and what they depend on) go first; a task whose prerequisites are not yet placed pulls them in with it,
and the whole chain is rolled back when any part does not fit. No Django here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sevenc.roadmap.optimiser.schedule import (
    MONTHS_PER_QUARTER,
    InfeasiblePlan,
    Ledger,
    QuarterLimit,
    Schedule,
    Task,
    Windows,
    windows,
)


def gain_per_cost(task: Task, quarters: Sequence[QuarterLimit]) -> float:
    """The greedy's ranking: ITCQ gain per unit of cost, where a task's cost is its share of the average
    quarter's budget, capacity and recurring ceiling added up — so whichever resource is scarce counts."""
    horizon = len(quarters)
    budget = sum(q.budget for q in quarters) / horizon
    hours = sum(q.capacity_hours for q in quarters) / horizon
    ceilings = [q.recurring_ceiling for q in quarters if q.recurring_ceiling is not None]
    ceiling = sum(ceilings) / len(ceilings) if ceilings else 0.0
    cost = _share(task.one_time_cost, budget) + _share(task.effort_hours, hours)
    if ceilings:
        cost += _share(MONTHS_PER_QUARTER * task.monthly_cost, ceiling)
    if cost <= 0:
        return float("inf") if task.gain > 0 else 0.0
    return task.gain / cost


def _share(used: float, available: float) -> float:
    if used <= 0:
        return 0.0
    return used / available if available > 0 else float("inf")


@dataclass
class _Usage:
    ledger: Ledger
    placed: dict[str, int] = field(default_factory=dict)

    def copy(self) -> _Usage:
        return _Usage(self.ledger.copy(), dict(self.placed))


class _Greedy:
    def __init__(self, tasks: Sequence[Task], quarters: Sequence[QuarterLimit], win: Windows) -> None:
        self.quarters = quarters
        self.by_id = {t.id: t for t in tasks}
        self.win = win
        self.usage = _Usage(Ledger(quarters))

    def place(self, usage: _Usage, task: Task, before: int, late: bool = False) -> bool:
        """Place `task` (and its unplaced prerequisites) in the earliest quarters that fit, before `before`;
        `late`: `task` itself in the latest quarter that fits instead (prerequisites still earliest)."""
        if task.id in usage.placed:
            return usage.placed[task.id] < before
        if task.id not in self.win.earliest:
            return False
        for dep in task.depends_on:
            if not self.place(usage, self.by_id[dep], min(before - 1, self.win.latest[task.id])):
                return False
        first = max([self.win.earliest[task.id]] + [usage.placed[dep] + 1 for dep in task.depends_on])
        last = min(self.win.latest[task.id], before - 1)
        for q in range(last, first - 1, -1) if late else range(first, last + 1):
            if usage.ledger.fits(task, q):
                usage.placed[task.id] = q
                usage.ledger.add(task, q)
                return True
        return False

    def try_place(self, task: Task, late: bool = False) -> bool:
        trial = self.usage.copy()
        if self.place(trial, task, len(self.quarters) + 1, late):
            self.usage = trial
            return True
        return False


def greedy_schedule(
    tasks: Sequence[Task], quarters: Sequence[QuarterLimit], rank: Mapping[str, float] | None = None
) -> Schedule | None:
    """A schedule keeping every rule, or None when the greedy cannot honour all pins and required tasks.

    Pinned tasks go first, then required ones (a required task that gains nothing into the latest quarter it
    fits, where it costs the plan least); then tasks are taken best `rank` first (default: gain per cost),
    each into the earliest quarter it fits.
    """
    win = windows(tasks, len(quarters))
    run = _Greedy(tasks, quarters, win)
    pinned = sorted((t for t in tasks if t.pin is not None), key=lambda t: (t.pin, t.id))
    for task in pinned:
        if not run.try_place(task):
            return None
    for task in tasks:
        if task.required and not task.exclude and not run.try_place(task, late=task.gain <= 0):
            return None
    score = rank if rank is not None else {t.id: gain_per_cost(t, quarters) for t in tasks}
    ranked = sorted(
        (t for t in tasks if t.gain > 0 and t.id in win.earliest),
        key=lambda t: (-score[t.id], -t.gain, t.id),
    )
    for task in ranked:
        run.try_place(task)
    return {t.id: run.usage.placed.get(t.id) for t in tasks}


__all__ = ["InfeasiblePlan", "gain_per_cost", "greedy_schedule"]
