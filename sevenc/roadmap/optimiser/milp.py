"""The roadmap problem as a MILP for HiGHS: columns, rows and the few ways we solve it. No Django here.

Binary x[r,q] = 1 when recommendation r is scheduled in quarter q (1-based, Q quarters). Maximise
Σ gain_r × (Q − q + 1) × x[r,q], the area under the projected ITCQ curve above today's, subject to
  Σ_q x[r,q] ≤ 1                                   (at most once; exactly once for a required r)
  Σ_r one_time_r × x[r,q] ≤ budget_q                 (every quarter)
  Σ_r effort_r × x[r,q] ≤ capacity_q                 (every quarter)
  3 × Σ_r monthly_r × Σ_{q'≤q} x[r,q'] ≤ ceiling_q   (quarters with a recurring ceiling)
  Σ_{q'≤q} x[r,q'] ≤ Σ_{q'<q} x[p,q']                (prerequisite p strictly earlier, every q)
Pins fix x[r,pin] = 1; excluded r and quarters outside a task's window get no variable at all.
Resource limits are rounded down to what whole-cent sums can reach (`tightened`).
"""

from __future__ import annotations

import ctypes
import math
import os
import sys
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import highspy
import numpy as np

from sevenc.roadmap.optimiser.greedy import greedy_schedule
from sevenc.roadmap.optimiser.schedule import (
    MONTHS_PER_QUARTER,
    REL_TOL,
    QuarterLimit,
    Schedule,
    Task,
    windows,
)

INF = highspy.kHighsInf
FEASIBLE = 2  # HiGHS's primal_solution_status for "a feasible solution is held"
CENTS = 100  # money has two decimals and hours one (sevenc.lib.bounds), so both are whole in hundredths


def tightened(limit: float, coefs: Iterable[float]) -> float:
    """The largest sum of some of `coefs` that can keep within `limit`, as far as whole cents tell.

    When every coefficient is a whole number of cents, their greatest common divisor g divides every sum
    of them, so the limit can be rounded down to a multiple of g: a quarter's budget of 22,600 for tasks
    costing multiples of 500 is really 22,500. No schedule is lost (the tolerance of `within` is kept) and
    the LP bound gets tighter. HiGHS's presolve does the same for its MIP; doing it in the model also
    tightens our own LP bound, which decides whether HiGHS is needed at all."""
    divisor = 0
    for coef in coefs:
        scaled = coef * CENTS
        whole = round(scaled)
        if whole <= 0 or abs(scaled - whole) > 1e-6 * max(1.0, abs(scaled)):
            return limit
        divisor = math.gcd(divisor, whole)
    if divisor <= 1 or not math.isfinite(limit):
        return limit
    allowed = (limit + REL_TOL * max(1.0, abs(limit))) * CENTS  # what `within` still accepts
    return math.floor(allowed / divisor + 1e-9) * divisor / CENTS


@dataclass(frozen=True)
class Relaxation:
    """The LP relaxation's optimum: column values, reduced costs and the bound it proves."""

    values: np.ndarray
    reduced_costs: np.ndarray
    bound: float

    def near(self, slack: float) -> np.ndarray:
        """Columns the LP uses, or could use at a loss of at most `slack`: where good schedules live."""
        return (self.values > 1e-6) | (np.abs(self.reduced_costs) <= slack)


@contextmanager
def _stdout_silenced() -> Iterator[None]:
    """HiGHS prints a banner from C when the first instance is created; keep it off our stdout."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    try:
        yield
    finally:
        with suppress(OSError, AttributeError):  # flush what C buffered while stdout pointed at /dev/null
            ctypes.CDLL(None).fflush(None)
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


_banner_shown = False


def new_solver(time_limit: float, rel_gap: float) -> highspy.Highs:
    """A silent HiGHS instance on one thread: the optimiser runs two at once, one per core."""
    global _banner_shown
    if _banner_shown:
        solver = highspy.Highs()
    else:  # HiGHS prints its banner once per process; the redirect touches fd 1 only that first time
        with _stdout_silenced():
            solver = highspy.Highs()
        _banner_shown = True
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("log_to_console", False)
    solver.setOptionValue("threads", 1)
    solver.setOptionValue("time_limit", max(0.001, float(time_limit)))
    solver.setOptionValue("mip_rel_gap", float(rel_gap))
    return solver


class Model:
    """Column and row bookkeeping for the MILP above, and reading schedules in and out of HiGHS."""

    def __init__(self, tasks: Sequence[Task], quarters: Sequence[QuarterLimit]) -> None:
        self.horizon = len(quarters)
        self.tasks = tasks
        self.quarters = quarters
        self.win = windows(tasks, self.horizon)
        self.col: dict[tuple[str, int], int] = {}
        self.costs: list[float] = []
        self.lower: list[float] = []
        for task in tasks:
            if task.id not in self.win.earliest:
                continue
            for q in range(self.win.earliest[task.id], self.win.latest[task.id] + 1):
                self.col[task.id, q] = len(self.costs)
                self.costs.append(task.gain * (self.horizon - q + 1))
                self.lower.append(1.0 if task.pin == q else 0.0)
        self.rows: list[tuple[float, float, list[int], list[float]]] = []
        self._build_rows()

    def cols_of(self, task_id: str, upto: int) -> list[int]:
        return [c for q in range(1, upto + 1) if (c := self.col.get((task_id, q))) is not None]

    def done_by(self, task_id: str, q: int) -> dict[int, float]:
        """Σ_{q' ≤ q} x[r,q'] ("r is done by the end of q") as row coefficients."""
        return dict.fromkeys(self.cols_of(task_id, q), 1.0)

    def _row(self, lo: float, hi: float, coefs: dict[int, float]) -> None:
        coefs = {c: v for c, v in coefs.items() if v != 0}
        if coefs:
            self.rows.append((lo, hi, list(coefs), list(coefs.values())))

    def _limit_row(self, limit: float, coefs: dict[int, float]) -> None:
        """Σ cost × x ≤ limit for a resource (budget, hours, recurring), rounded down to reachable sums."""
        self._row(-INF, tightened(limit, (v for v in coefs.values() if v)), coefs)

    def _build_rows(self) -> None:
        for task in self.tasks:
            cols = self.cols_of(task.id, self.horizon)
            must = task.required and not task.exclude
            if len(cols) > 1 or (must and cols):
                self._row(1.0 if must else -INF, 1.0, dict.fromkeys(cols, 1.0))
        for q, limit in enumerate(self.quarters, start=1):
            in_q = [(t, c) for t in self.tasks if (c := self.col.get((t.id, q))) is not None]
            self._limit_row(limit.budget, {c: t.one_time_cost for t, c in in_q})
            self._limit_row(limit.capacity_hours, {c: t.effort_hours for t, c in in_q})
            if limit.recurring_ceiling is not None:
                recurring: dict[int, float] = {}
                for t in self.tasks:
                    for c in self.done_by(t.id, q):
                        recurring[c] = MONTHS_PER_QUARTER * t.monthly_cost
                self._limit_row(limit.recurring_ceiling, recurring)
        for task in self.tasks:
            if task.id not in self.win.earliest:
                continue
            for dep in task.depends_on:
                for q in range(self.win.earliest[task.id], self.win.latest[task.id] + 1):
                    coefs = self.done_by(task.id, q)
                    for c, one in self.done_by(dep, q - 1).items():
                        coefs[c] = coefs.get(c, 0.0) - one
                    self._row(-INF, 0.0, coefs)

    def load(self, solver: highspy.Highs, integer: bool = True) -> None:
        n = len(self.costs)
        solver.addCols(n, self.costs, self.lower, [1.0] * n, 0, [], [], [])
        if integer:
            solver.changeColsIntegrality(
                n, np.arange(n), np.full(n, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
            )
        starts: list[int] = []
        indices: list[int] = []
        values: list[float] = []
        for _, _, cols, coefs in self.rows:
            starts.append(len(indices))
            indices.extend(cols)
            values.extend(coefs)
        solver.addRows(
            len(self.rows),
            [r[0] for r in self.rows],
            [r[1] for r in self.rows],
            len(indices),
            starts,
            indices,
            values,
        )
        solver.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def values_of(self, schedule: Schedule) -> np.ndarray:
        values = np.zeros(len(self.costs))
        for task_id, q in schedule.items():
            if q is not None:
                values[self.col[task_id, q]] = 1.0
        return values

    def read(self, values: Sequence[float] | np.ndarray) -> Schedule:
        schedule: Schedule = {t.id: None for t in self.tasks}
        for (task_id, q), c in self.col.items():
            if values[c] > 0.5:
                schedule[task_id] = q
        return schedule

    def start_from(self, solver: highspy.Highs, schedule: Schedule) -> None:
        start = highspy.HighsSolution()
        start.col_value = list(self.values_of(schedule))
        start.value_valid = True
        solver.setSolution(start)

    def relaxation(self, time_limit: float) -> Relaxation | None:
        """The LP relaxation's optimum, or None when HiGHS does not reach it in time."""
        solver = new_solver(time_limit, 0.0)
        self.load(solver, integer=False)
        solver.run()
        if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        solution = solver.getSolution()
        values = np.asarray(solution.col_value, dtype=float)
        return Relaxation(
            values=values,
            reduced_costs=np.asarray(solution.col_dual, dtype=float),
            bound=float(np.dot(self.costs, values)),
        )

    def lp_guided_start(self, lp: Relaxation) -> Schedule | None:
        """Round the LP relaxation: take tasks in the order the LP brings them in (its weight on early
        quarters), each into the earliest quarter it fits."""
        presence = {t.id: 0.0 for t in self.tasks}
        for (task_id, q), c in self.col.items():
            presence[task_id] += lp.values[c] * (self.horizon - q + 1)
        return greedy_schedule(self.tasks, self.quarters, rank=presence)

    def solve_neighbourhood(
        self,
        around: Schedule,
        free: Collection[int],
        *,
        cpu_seconds: float,
        time_limit: float,
        rel_gap: float,
    ) -> Schedule | None:
        """Keep every column outside `free` at its value in `around` and solve the rest exactly (within
        `rel_gap`); `around` is the start, so the answer is never worse than it.

        The effort is capped in CPU seconds of this thread (`cpu_seconds`), not by the wall clock: on a
        busy machine a wall-clock cap would cut every window short and the search would lose its way;
        this way it does the same work, only later. `time_limit` (wall clock) is the caller's deadline."""
        solver = new_solver(time_limit, rel_gap)
        self.load(solver)
        values = self.values_of(around)
        fixed = np.array([c for c in range(len(self.costs)) if c not in free], dtype=np.int32)
        solver.changeColsBounds(len(fixed), fixed, values[fixed], values[fixed])
        self.start_from(solver, around)
        stop_at = time.thread_time() + cpu_seconds

        def over_budget(event: highspy.HighsCallbackEvent) -> None:
            if time.thread_time() > stop_at:
                event.interrupt()

        solver.cbMipInterrupt.subscribe(over_budget)
        solver.run()
        if solver.getInfo().primal_solution_status != FEASIBLE:
            return None
        return self.read(solver.getSolution().col_value)
