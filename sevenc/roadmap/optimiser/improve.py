"""Local search that polishes a feasible schedule before the solver sees it. No Django here.

The solver proves a gap only once it holds a solution close to the optimum; rounding the LP gets within
one or two percent, and these exchanges (insert, move earlier, swap a scheduled task for a better
unscheduled one, swap two tasks' quarters) usually close most of the rest in a few milliseconds. Every
move is checked against budget, capacity, recurring ceiling, pins and dependencies, so feasibility holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from sevenc.roadmap.optimiser.schedule import Ledger, QuarterLimit, Schedule, Task

MAX_PASSES = 6


class _Search:
    def __init__(self, tasks: Sequence[Task], quarters: Sequence[QuarterLimit], schedule: Schedule) -> None:
        self.tasks = [t for t in tasks if not t.exclude]
        self.quarters = quarters
        self.horizon = len(quarters)
        self.by_id = {t.id: t for t in tasks}
        self.dependents: dict[str, list[str]] = {t.id: [] for t in tasks}
        for t in tasks:
            for dep in t.depends_on:
                self.dependents[dep].append(t.id)
        self.ledger = Ledger(quarters)
        self.at: dict[str, int] = {}
        for task_id, q in schedule.items():
            if q is not None:
                self.add(self.by_id[task_id], q)

    def add(self, task: Task, q: int) -> None:
        self.at[task.id] = q
        self.ledger.add(task, q)

    def remove(self, task: Task) -> int:
        q = self.at.pop(task.id)
        self.ledger.remove(task, q)
        return q

    def fits(self, task: Task, q: int) -> bool:
        if task.pin is not None and q != task.pin:
            return False
        if any(self.at.get(dep, self.horizon + 1) >= q for dep in task.depends_on):
            return False
        if any(self.at.get(d, self.horizon + 1) <= q for d in self.dependents[task.id]):
            return False
        return self.ledger.fits(task, q)

    def earliest_fit(self, task: Task, before: int | None = None) -> int | None:
        for q in range(1, (before or self.horizon + 1)):
            if self.fits(task, q):
                return q
        return None

    def value(self, task: Task, q: int) -> float:
        return task.gain * (self.horizon - q + 1)

    def removable(self, task: Task) -> bool:
        return (
            task.pin is None and not task.required and not any(d in self.at for d in self.dependents[task.id])
        )

    def insert_and_move_earlier(self) -> bool:
        improved = False
        for task in sorted(self.tasks, key=lambda t: -t.gain):
            if task.gain <= 0:
                continue
            if task.id not in self.at:
                q = self.earliest_fit(task)
                if q is not None:
                    self.add(task, q)
                    improved = True
            elif task.pin is None:
                old = self.remove(task)
                q = self.earliest_fit(task, before=old)
                self.add(task, q if q is not None else old)
                improved |= q is not None
        return improved

    def swap_in(self) -> bool:
        improved = False
        waiting = sorted((t for t in self.tasks if t.id not in self.at and t.gain > 0), key=lambda t: -t.gain)
        for newcomer in waiting:
            if newcomer.id in self.at:
                continue
            for placed_id, q in sorted(self.at.items(), key=lambda kv: self.by_id[kv[0]].gain):
                placed = self.by_id[placed_id]
                if placed.gain >= newcomer.gain or not self.removable(placed):
                    continue
                self.remove(placed)
                target = self.earliest_fit(newcomer)
                if target is not None and self.value(newcomer, target) > self.value(placed, q) + 1e-12:
                    self.add(newcomer, target)
                    back = self.earliest_fit(placed)
                    if back is not None:
                        self.add(placed, back)
                    improved = True
                    break
                self.add(placed, q)
        return improved

    def swap_quarters(self) -> bool:
        improved = False
        placed = sorted(self.at, key=lambda tid: self.at[tid])
        for i, early_id in enumerate(placed):
            for late_id in placed[i + 1 :]:
                early, late = self.by_id[early_id], self.by_id[late_id]
                qa, qb = self.at.get(early_id), self.at.get(late_id)
                if qa is None or qb is None or qa >= qb or late.gain <= early.gain:
                    continue
                if early.pin is not None or late.pin is not None:
                    continue
                self.remove(early)
                self.remove(late)
                if self.fits(late, qa):
                    self.add(late, qa)
                    if self.fits(early, qb):
                        self.add(early, qb)
                        improved = True
                        continue
                    self.remove(late)
                self.add(early, qa)
                self.add(late, qb)
        return improved


def improve(tasks: Sequence[Task], quarters: Sequence[QuarterLimit], schedule: Schedule) -> Schedule:
    """A schedule at least as good as `schedule` (which must keep every rule), also keeping every rule."""
    search = _Search(tasks, quarters, schedule)
    for _ in range(MAX_PASSES):
        changed = search.insert_and_move_earlier()
        changed |= search.swap_in()
        changed |= search.swap_quarters()
        if not changed:
            break
    return {t.id: search.at.get(t.id) for t in tasks}
