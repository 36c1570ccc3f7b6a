"""The budget → ITCQ frontier: the best roadmap at several one-time budgets. No Django here.

"What do we get for 40k instead of 60k?" For each factor, every quarter's one-time budget is scaled by it
(capacity and the recurring ceiling stay as they are) and the plan is optimised: each point is a full
`solver.optimise` run, proven within its gap like a single solve.

The points run in parallel worker processes where the cores allow: each point runs its own two workers
(window search and HiGHS) and so keeps two cores busy, so there is one process per two cores. Points are
handed out by rising factor and each starts from the schedule of the largest smaller point finished by
then. On two cores they run one after the other in the calling process, each from the previous point's
schedule. On the benchmark, running them in turn (no process start-up, every point warm-started) was as
fast overall as two processes sharing two cores (docs/benchmarks.md). A schedule that keeps every rule under a budget keeps every rule under a larger one, so the frontier
never falls as the budget grows: after the solves a repair pass walks the points by rising factor and, where
a point came out below its predecessor, gives it the predecessor's schedule. Its bound stays the one its own
solve proved, so its gap is recomputed against that bound and stays honest (it can only shrink).
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from typing import Any

from sevenc.lib.errors import DomainError
from sevenc.roadmap.optimiser.incumbent import IMPROVEMENT, relative_gap
from sevenc.roadmap.optimiser.schedule import InfeasiblePlan, QuarterLimit, Schedule, Task, objective
from sevenc.roadmap.optimiser.solver import DEFAULT_REL_GAP, DEFAULT_TIME_LIMIT, OptimiseResult, optimise

DEFAULT_FACTORS = (0.5, 0.75, 1.0, 1.25, 1.5)
MAX_FACTOR = 100.0
MAX_POINTS = 20
DOES_NOT_FIT = "Does not fit"  # status of a point whose pins or projects do not fit its budgets
THREADS_PER_POINT = 2  # an optimise() run: the window search and HiGHS, side by side
FROM_PREVIOUS = "previous point"  # OptimiseResult.source of a point repaired with its predecessor's schedule


class FrontierError(DomainError):
    """Factors that cannot make a frontier; the message names the factor."""


def check_factors(factors: Sequence[Any]) -> tuple[float, ...]:
    """The factors as floats in rising order: each a number above 0 and at most MAX_FACTOR, none twice."""
    if isinstance(factors, str | bytes) or not isinstance(factors, Sequence) or not factors:
        raise FrontierError("factors: give at least one budget factor, e.g. 0.5,1,1.5")
    if len(factors) > MAX_POINTS:
        raise FrontierError(f"factors: at most {MAX_POINTS}")
    checked: list[float] = []
    for n, factor in enumerate(factors):
        where = f"factors[{n}]"
        if isinstance(factor, bool) or not isinstance(factor, int | float) or not math.isfinite(factor):
            raise FrontierError(f"{where}: {factor!r} is not a number")
        if not 0 < factor <= MAX_FACTOR:
            raise FrontierError(f"{where}: {factor:g} must be above 0 and at most {MAX_FACTOR:g}")
        if float(factor) in checked:
            raise FrontierError(f"{where}: {factor:g} is given twice")
        checked.append(float(factor))
    return tuple(sorted(checked))


def parse_factors(text: str) -> tuple[float, ...]:
    """Factors written as on the command line: "0.5,0.75,1"."""
    parts = [part.strip() for part in text.split(",")]
    if not text.strip():
        return check_factors([])
    numbers: list[float] = []
    for n, part in enumerate(parts):
        try:
            numbers.append(float(part))
        except ValueError:
            raise FrontierError(f"factors[{n}]: {part!r} is not a number") from None
    return check_factors(numbers)


def scaled(quarters: Sequence[QuarterLimit], factor: float) -> tuple[QuarterLimit, ...]:
    """The quarters with their one-time budgets × `factor`, in whole cents (rounding keeps the order of
    budgets, so a larger factor never gives a smaller budget)."""
    return tuple(replace(q, budget=round(q.budget * factor, 2)) for q in quarters)


@dataclass(frozen=True)
class FrontierPoint:
    factor: float
    quarters: tuple[QuarterLimit, ...]  # the scaled quarters: the budgets a user adopts with this point
    result: OptimiseResult | None  # None when the pins or projects do not fit the scaled budgets
    reason: str = ""  # why there is no result

    @property
    def budget_total(self) -> float:
        return round(sum(q.budget for q in self.quarters), 2)


def frontier(
    tasks: Sequence[Task],
    quarters: Sequence[QuarterLimit],
    factors: Sequence[float] = DEFAULT_FACTORS,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    rel_gap: float = DEFAULT_REL_GAP,
    processes: int | None = None,
    reproducible: bool = False,
    on_point: Callable[[int, int], None] | None = None,
) -> list[FrontierPoint]:
    """One optimised point per factor, in rising order. `processes` defaults to one per two cores available:
    each point already keeps two cores busy (the window search and HiGHS), so on two cores the points run
    one after the other in this process, each from the previous point's schedule. `reproducible` (the demo):
    the points in turn, each solved the reproducible way, so the same input gives the same frontier.
    `on_point(done, total)` hears of each point solved (a background job's progress)."""
    rising = check_factors(factors)
    budgets = [scaled(quarters, factor) for factor in rising]
    workers = min(len(rising), processes or max(1, _cores() // THREADS_PER_POINT))
    solved = _counter(len(budgets), on_point)
    if workers <= 1 or reproducible:
        outcomes = _in_turn(tasks, budgets, time_limit, rel_gap, solved, reproducible)
    else:
        outcomes = _in_parallel(tasks, budgets, time_limit, rel_gap, workers, solved)
    points = [
        FrontierPoint(factor, limits, *outcome)
        for factor, limits, outcome in zip(rising, budgets, outcomes, strict=True)
    ]
    return never_falling(tasks, points, rel_gap)


def reached(tasks: Sequence[Task], schedule: Mapping[str, int | None]) -> float:
    """The ITCQ gain a schedule has delivered by its horizon: what the frontier's table shows."""
    return sum(t.gain for t in tasks if schedule.get(t.id) is not None)


def never_falling(
    tasks: Sequence[Task], points: Sequence[FrontierPoint], rel_gap: float = DEFAULT_REL_GAP
) -> list[FrontierPoint]:
    """Give each point (by rising factor) its predecessor's schedule when that is worth more: it keeps every
    rule under the larger budgets. The bound stays the point's own, so the gap is recomputed honestly.

    "Worth more" is first the objective (the area under the ITCQ curve). A near-optimal schedule may trade
    a little of the horizon's ITCQ for earlier gains, so a point would show a lower ITCQ at the horizon than
    a smaller budget's: the predecessor's schedule is then taken too when it reaches further and is still
    within the proven gap of this point's bound, so neither the objective nor (within the gap) the ITCQ at
    the horizon falls as the budget grows."""
    repaired: list[FrontierPoint] = []
    previous: OptimiseResult | None = None
    for point in points:
        result = point.result
        if previous is not None and (
            result is None
            or previous.objective > result.objective + IMPROVEMENT
            or _reaches_further_within_gap(tasks, len(point.quarters), previous, result, rel_gap)
        ):
            result = _carried_over(tasks, len(point.quarters), previous, result)
            point = replace(point, result=result, reason="")
        repaired.append(point)
        previous = result if result is not None else previous
    return repaired


def _reaches_further_within_gap(
    tasks: Sequence[Task], horizon: int, previous: OptimiseResult, own: OptimiseResult, rel_gap: float
) -> bool:
    if reached(tasks, previous.schedule) <= reached(tasks, own.schedule) + IMPROVEMENT or own.bound is None:
        return False
    gap = relative_gap(objective(tasks, previous.schedule, horizon), own.bound)
    return gap is not None and gap <= rel_gap


def _carried_over(
    tasks: Sequence[Task], horizon: int, previous: OptimiseResult, own: OptimiseResult | None
) -> OptimiseResult:
    value = objective(tasks, previous.schedule, horizon)
    if own is None:  # no schedule of its own (none found in time): no bound either
        return replace(previous, objective=value, gap=None, status="Time limit reached", source=FROM_PREVIOUS)
    gap = relative_gap(value, own.bound) if own.bound is not None else None
    return replace(own, schedule=dict(previous.schedule), objective=value, gap=gap, source=FROM_PREVIOUS)


def _counter(total: int, on_point: Callable[[int, int], None] | None) -> Callable[[], None]:
    """A function to call once per point solved; it tells `on_point` how many are done of how many."""
    done = 0

    def solved() -> None:
        nonlocal done
        done += 1
        if on_point is not None:
            on_point(done, total)

    return solved


def _in_turn(
    tasks: Sequence[Task],
    budgets: Sequence[tuple[QuarterLimit, ...]],
    time_limit: float,
    rel_gap: float,
    solved: Callable[[], None],
    reproducible: bool = False,
) -> list[tuple[OptimiseResult | None, str]]:
    """One core: solve the points one after the other, each starting from the previous point's schedule."""
    outcomes: list[tuple[OptimiseResult | None, str]] = []
    start: Schedule | None = None
    for limits in budgets:
        result, reason = _solve(tasks, limits, time_limit, rel_gap, start, reproducible)
        outcomes.append((result, reason))
        solved()
        start = result.schedule if result is not None else start
    return outcomes


def _in_parallel(
    tasks: Sequence[Task],
    budgets: Sequence[tuple[QuarterLimit, ...]],
    time_limit: float,
    rel_gap: float,
    workers: int,
    solved: Callable[[], None],
) -> list[tuple[OptimiseResult | None, str]]:
    """Several cores: `workers` processes take the points by rising factor; each point starts from the
    schedule of the largest smaller point finished by then (if any), which keeps every rule under its
    larger budgets. Processes come from a fork server: a clean process, whatever threads the caller runs
    (so a caller's main module must guard its top-level code with `if __name__ == "__main__"`)."""
    outcomes: dict[int, tuple[OptimiseResult | None, str]] = {}
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        running: dict[Future[tuple[OptimiseResult | None, str]], int] = {}
        for n, limits in enumerate(budgets):
            if len(running) >= workers:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for job in done:
                    outcomes[running.pop(job)] = job.result()
                    solved()
            start = _largest_finished_below(outcomes, n)
            running[pool.submit(_solve, tasks, limits, time_limit, rel_gap, start)] = n
        for job, n in running.items():
            outcomes[n] = job.result()
            solved()
    return [outcomes[n] for n in range(len(budgets))]


def _largest_finished_below(
    outcomes: dict[int, tuple[OptimiseResult | None, str]], n: int
) -> Schedule | None:
    for smaller in range(n - 1, -1, -1):
        result = outcomes.get(smaller, (None, ""))[0]
        if result is not None:
            return result.schedule
    return None


def _solve(
    tasks: Sequence[Task],
    limits: tuple[QuarterLimit, ...],
    time_limit: float,
    rel_gap: float,
    start: Schedule | None,
    reproducible: bool = False,
) -> tuple[OptimiseResult | None, str]:
    """One point (module level, so a worker process can run it)."""
    try:
        solved = optimise(
            tasks, limits, time_limit=time_limit, rel_gap=rel_gap, start=start, reproducible=reproducible
        )
        return solved, ""
    except InfeasiblePlan as exc:
        return None, str(exc)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
