"""The roadmap scheduling problem as plain data, and the one check of whether a schedule keeps every rule.

Both the optimiser and the greedy baseline are judged by `violations()`, so "never returns a schedule that
breaks a constraint" is checked by the same code the tests use. No Django here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sevenc.lib.errors import DomainError

# Money and hours are compared with a relative tolerance of a billionth: enough to absorb float sums,
# far below a cent on any realistic budget.
REL_TOL = 1e-9
MONTHS_PER_QUARTER = 3

Schedule = dict[str, int | None]  # task id → 1-based quarter, or None when unscheduled


@dataclass(frozen=True)
class Task:
    """One recommendation as the optimiser sees it."""

    id: str
    gain: float  # ITCQ points when its item reaches its target
    one_time_cost: float = 0.0
    monthly_cost: float = 0.0
    effort_hours: float = 0.0
    depends_on: tuple[str, ...] = ()
    pin: int | None = None  # 1-based quarter it must sit in
    exclude: bool = False
    required: bool = (
        False  # must get a quarter (a project: a commitment, not an option); the optimiser picks it
    )


@dataclass(frozen=True)
class QuarterLimit:
    label: str
    budget: float
    capacity_hours: float
    recurring_ceiling: float | None = None


class InfeasiblePlan(DomainError):
    """No schedule can keep every rule (only pins and required tasks can force that); the message says which
    rule breaks."""


def within(used: float, limit: float) -> bool:
    return used <= limit + REL_TOL * max(1.0, abs(limit))


class Ledger:
    """What the tasks placed so far spend per quarter (index 1…Q), and whether one more task still fits its
    quarter's budget and capacity and every later quarter's recurring ceiling. Shared by the greedy and the
    local search, so both count the same way."""

    def __init__(self, quarters: Sequence[QuarterLimit]) -> None:
        n = len(quarters) + 1
        self.quarters = quarters
        self.one_time, self.hours, self.monthly_from = [0.0] * n, [0.0] * n, [0.0] * n

    def copy(self) -> Ledger:
        twin = Ledger(self.quarters)
        twin.one_time, twin.hours, twin.monthly_from = self.one_time[:], self.hours[:], self.monthly_from[:]
        return twin

    def add(self, task: Task, q: int, sign: float = 1.0) -> None:
        self.one_time[q] += sign * task.one_time_cost
        self.hours[q] += sign * task.effort_hours
        self.monthly_from[q] += sign * task.monthly_cost

    def remove(self, task: Task, q: int) -> None:
        self.add(task, q, sign=-1.0)

    def fits(self, task: Task, q: int) -> bool:
        limit = self.quarters[q - 1]
        if not within(self.one_time[q] + task.one_time_cost, limit.budget):
            return False
        if not within(self.hours[q] + task.effort_hours, limit.capacity_hours):
            return False
        running = 0.0  # monthly costs of everything started by `later`, which keeps running
        for later, quarter in enumerate(self.quarters, start=1):
            running += self.monthly_from[later]
            ceiling = quarter.recurring_ceiling
            if (
                later >= q
                and ceiling is not None
                and not within(MONTHS_PER_QUARTER * (running + task.monthly_cost), ceiling)
            ):
                return False
        return True


def objective(tasks: Sequence[Task], schedule: Mapping[str, int | None], horizon: int) -> float:
    """Area under the projected ITCQ curve above today's: Σ gain × (quarters the gain is in effect)."""
    return sum(t.gain * (horizon - q + 1) for t in tasks if (q := schedule.get(t.id)) is not None)


def violations(
    tasks: Sequence[Task], quarters: Sequence[QuarterLimit], schedule: Mapping[str, int | None]
) -> list[str]:
    """Every rule the schedule breaks, as sentences; empty when it keeps them all."""
    horizon = len(quarters)
    problems: list[str] = []
    by_id = {t.id: t for t in tasks}
    one_time = [0.0] * (horizon + 1)
    hours = [0.0] * (horizon + 1)
    monthly_from = [0.0] * (horizon + 1)
    for task in tasks:
        q = schedule.get(task.id)
        if q is None:
            if task.pin is not None:
                problems.append(f"{task.id} is pinned to quarter {task.pin} but unscheduled")
            elif task.required and not task.exclude:
                problems.append(f"{task.id} must get a quarter but is unscheduled")
            continue
        if not 1 <= q <= horizon:
            problems.append(f"{task.id} is in quarter {q}, outside 1–{horizon}")
            continue
        if task.exclude:
            problems.append(f"{task.id} is excluded but scheduled")
        if task.pin is not None and q != task.pin:
            problems.append(f"{task.id} is pinned to quarter {task.pin} but sits in {q}")
        for dep in task.depends_on:
            dep_q = schedule.get(dep) if dep in by_id else None
            if dep_q is None or dep_q >= q:
                problems.append(f"{task.id} (quarter {q}) needs {dep} done in an earlier quarter")
        one_time[q] += task.one_time_cost
        hours[q] += task.effort_hours
        monthly_from[q] += task.monthly_cost
    running_monthly = 0.0
    for q, limit in enumerate(quarters, start=1):
        running_monthly += monthly_from[q]
        if not within(one_time[q], limit.budget):
            problems.append(
                f"{limit.label}: one-time cost {one_time[q]:g} exceeds the budget {limit.budget:g}"
            )
        if not within(hours[q], limit.capacity_hours):
            problems.append(
                f"{limit.label}: effort {hours[q]:g} h exceeds the capacity {limit.capacity_hours:g} h"
            )
        recurring = MONTHS_PER_QUARTER * running_monthly
        if limit.recurring_ceiling is not None and not within(recurring, limit.recurring_ceiling):
            problems.append(
                f"{limit.label}: recurring cost {recurring:g} exceeds the ceiling {limit.recurring_ceiling:g}"
            )
    return problems


@dataclass(frozen=True)
class Windows:
    """Per task the quarters it can possibly sit in; tasks missing from `earliest` can never be scheduled."""

    earliest: dict[str, int]
    latest: dict[str, int]
    forced: frozenset[str]  # pinned and required tasks and everything they depend on


def topological_order(tasks: Sequence[Task]) -> list[Task]:
    """Prerequisites before their dependents; assumes no cycles (plan_input rejects them)."""
    by_id = {t.id: t for t in tasks}
    done: set[str] = set()
    order: list[Task] = []

    def visit(task: Task, path: tuple[str, ...]) -> None:
        if task.id in done:
            return
        if task.id in path:
            cycle = " → ".join((*path[path.index(task.id) :], task.id))
            raise InfeasiblePlan(f"dependency cycle: {cycle}")
        for dep in task.depends_on:
            if dep in by_id:
                visit(by_id[dep], (*path, task.id))
        done.add(task.id)
        order.append(task)

    for task in tasks:
        visit(task, ())
    return order


def windows(tasks: Sequence[Task], horizon: int) -> Windows:
    """Earliest/latest quarter per task from dependencies, pins and exclusions; raises when pins or required
    tasks clash with them."""
    by_id = {t.id: t for t in tasks}
    order = topological_order(tasks)
    earliest: dict[str, int] = {}
    for task in order:
        blocked = task.exclude or any(dep not in earliest for dep in task.depends_on)
        first = 1 + max((earliest[dep] for dep in task.depends_on if dep in earliest), default=0)
        if task.pin is not None:
            if blocked:
                why = "it is excluded" if task.exclude else "a prerequisite can never be scheduled"
                raise InfeasiblePlan(f"{task.id} is pinned to quarter {task.pin} but {why}")
            if task.pin < first:
                raise InfeasiblePlan(
                    f"{task.id} is pinned to quarter {task.pin} but its prerequisites need "
                    f"{first - 1} earlier quarter(s)"
                )
            first = task.pin
        if task.required and not task.exclude and (blocked or first > horizon):
            why = (
                "a prerequisite can never be scheduled"
                if blocked
                else f"it cannot start before quarter {first}"
            )
            raise InfeasiblePlan(f"{task.id} must get a quarter but {why}")
        if not blocked and first <= horizon:
            earliest[task.id] = first
    latest = {tid: (by_id[tid].pin or horizon) for tid in earliest}
    forced: set[str] = set()
    for task in reversed(order):  # dependents before prerequisites
        if task.pin is not None or (task.required and not task.exclude) or task.id in forced:
            forced.add(task.id)
            for dep in task.depends_on:
                forced.add(dep)
                latest[dep] = min(latest[dep], latest[task.id] - 1)
    for tid in forced:
        if latest[tid] < earliest[tid]:
            raise InfeasiblePlan(
                f"{tid} must be done by quarter {latest[tid]} for a pinned or required dependent, "
                f"but cannot start before quarter {earliest[tid]}"
            )
    return Windows(earliest, latest, frozenset(forced))


def check_required_fit(tasks: Sequence[Task], quarters: Sequence[QuarterLimit], win: Windows) -> None:
    """Refuse at once a required task that fits no quarter of its window even alone, naming it (rather
    than leaving HiGHS to prove the whole plan infeasible)."""
    for task in tasks:
        if not task.required or task.exclude or task.id not in win.earliest:
            continue
        ledger = Ledger(quarters)
        if not any(ledger.fits(task, q) for q in range(win.earliest[task.id], win.latest[task.id] + 1)):
            raise InfeasiblePlan(
                f"{task.id} must get a quarter but fits in none from {quarters[win.earliest[task.id] - 1].label} "
                f"to {quarters[win.latest[task.id] - 1].label}, even alone: its one-time cost, hours or "
                "monthly cost exceed what a quarter allows"
            )
