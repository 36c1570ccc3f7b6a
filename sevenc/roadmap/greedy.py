"""The greedy baseline: best ITCQ gain per unit of cost first, each in the earliest quarter it fits.

It is the yardstick the optimiser must beat and the starting solution handed to the solver. Pinned tasks
(and what they depend on) go first; a task whose prerequisites are not yet placed pulls them in with it,
and the whole chain is rolled back when any part does not fit. No Django here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sevenc.roadmap.schedule import (
    MONTHS_PER_QUARTER,
    InfeasiblePlan,
    QuarterLimit,
    Schedule,
    Task,
    Windows,
    windows,
    within,
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
    one_time: list[float]
    hours: list[float]
    monthly_from: list[float]
    placed: dict[str, int] = field(default_factory=dict)

    def copy(self) -> _Usage:
        return _Usage(self.one_time[:], self.hours[:], self.monthly_from[:], dict(self.placed))


class _Greedy:
    def __init__(self, tasks: Sequence[Task], quarters: Sequence[QuarterLimit], win: Windows) -> None:
        self.quarters = quarters
        self.by_id = {t.id: t for t in tasks}
        self.win = win
        n = len(quarters) + 1
        self.usage = _Usage([0.0] * n, [0.0] * n, [0.0] * n)

    def fits(self, usage: _Usage, task: Task, q: int) -> bool:
        limit = self.quarters[q - 1]
        if not within(usage.one_time[q] + task.one_time_cost, limit.budget):
            return False
        if not within(usage.hours[q] + task.effort_hours, limit.capacity_hours):
            return False
        running = 0.0
        for later, quarter in enumerate(self.quarters, start=1):
            running += usage.monthly_from[later]
            if later < q or quarter.recurring_ceiling is None:
                continue
            if not within(MONTHS_PER_QUARTER * (running + task.monthly_cost), quarter.recurring_ceiling):
                return False
        return True

    def place(self, usage: _Usage, task: Task, before: int) -> bool:
        """Place `task` (and its unplaced prerequisites) in the earliest quarters that fit, before `before`."""
        if task.id in usage.placed:
            return usage.placed[task.id] < before
        if task.id not in self.win.earliest:
            return False
        for dep in task.depends_on:
            if not self.place(usage, self.by_id[dep], min(before - 1, self.win.latest[task.id])):
                return False
        first = max([self.win.earliest[task.id]] + [usage.placed[dep] + 1 for dep in task.depends_on])
        last = min(self.win.latest[task.id], before - 1)
        for q in range(first, last + 1):
            if self.fits(usage, task, q):
                usage.placed[task.id] = q
                usage.one_time[q] += task.one_time_cost
                usage.hours[q] += task.effort_hours
                usage.monthly_from[q] += task.monthly_cost
                return True
        return False

    def try_place(self, task: Task) -> bool:
        trial = self.usage.copy()
        if self.place(trial, task, len(self.quarters) + 1):
            self.usage = trial
            return True
        return False


def greedy_schedule(
    tasks: Sequence[Task], quarters: Sequence[QuarterLimit], rank: Mapping[str, float] | None = None
) -> Schedule | None:
    """A schedule keeping every rule, or None when the greedy cannot honour all pins.

    Tasks are taken best `rank` first (default: gain per cost) and each goes to the earliest quarter it fits.
    """
    win = windows(tasks, len(quarters))
    run = _Greedy(tasks, quarters, win)
    pinned = sorted((t for t in tasks if t.pin is not None), key=lambda t: (t.pin, t.id))
    for task in pinned:
        if not run.try_place(task):
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
