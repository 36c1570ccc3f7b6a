"""The roadmap problem as a MILP for HiGHS: columns, rows and the few ways we solve it. No Django here.

Binary x[r,q] = 1 when recommendation r is scheduled in quarter q (1-based, Q quarters). Maximise
Σ gain_r × (Q − q + 1) × x[r,q], the area under the projected ITCQ curve above today's, subject to
  Σ_q x[r,q] ≤ 1                                   (at most once)
  Σ_r one_time_r × x[r,q] ≤ budget_q                 (every quarter)
  Σ_r effort_r × x[r,q] ≤ capacity_q                 (every quarter)
  3 × Σ_r monthly_r × Σ_{q'≤q} x[r,q'] ≤ ceiling_q   (quarters with a recurring ceiling)
  Σ_{q'≤q} x[r,q'] ≤ Σ_{q'<q} x[p,q']                (prerequisite p strictly earlier, every q)
Pins fix x[r,pin] = 1; excluded r and quarters outside a task's window get no variable at all.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager, suppress

import highspy
import numpy as np

from sevenc.roadmap.greedy import greedy_schedule
from sevenc.roadmap.schedule import MONTHS_PER_QUARTER, QuarterLimit, Schedule, Task, windows

INF = highspy.kHighsInf
FEASIBLE = 2  # HiGHS's primal_solution_status for "a feasible solution is held"


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

    def _build_rows(self) -> None:
        for task in self.tasks:
            cols = self.cols_of(task.id, self.horizon)
            if len(cols) > 1:
                self._row(-INF, 1.0, dict.fromkeys(cols, 1.0))
        for q, limit in enumerate(self.quarters, start=1):
            in_q = [(t, c) for t in self.tasks if (c := self.col.get((t.id, q))) is not None]
            self._row(-INF, limit.budget, {c: t.one_time_cost for t, c in in_q})
            self._row(-INF, limit.capacity_hours, {c: t.effort_hours for t, c in in_q})
            if limit.recurring_ceiling is not None:
                recurring: dict[int, float] = {}
                for t in self.tasks:
                    for c in self.done_by(t.id, q):
                        recurring[c] = MONTHS_PER_QUARTER * t.monthly_cost
                self._row(-INF, limit.recurring_ceiling, recurring)
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

    def relaxation(self, time_limit: float) -> list[float] | None:
        """The LP relaxation's solution, or None when HiGHS does not reach its optimum in time."""
        solver = new_solver(time_limit, 0.0)
        self.load(solver, integer=False)
        solver.run()
        if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return list(solver.getSolution().col_value)

    def lp_bound(self, lp_values: Sequence[float]) -> float:
        return sum(cost * value for cost, value in zip(self.costs, lp_values, strict=True))

    def lp_guided_start(self, lp_values: Sequence[float]) -> Schedule | None:
        """Round the LP relaxation: take tasks in the order the LP brings them in (its weight on early
        quarters), each into the earliest quarter it fits."""
        presence = {t.id: 0.0 for t in self.tasks}
        for (task_id, q), c in self.col.items():
            presence[task_id] += lp_values[c] * (self.horizon - q + 1)
        return greedy_schedule(self.tasks, self.quarters, rank=presence)

    def solve_neighbourhood(
        self, around: Schedule, free: Collection[int], time_limit: float, rel_gap: float
    ) -> Schedule | None:
        """Keep every column outside `free` at its value in `around` and solve the rest exactly (within
        `rel_gap`, `time_limit`); `around` is the start, so the answer is never worse than it."""
        solver = new_solver(time_limit, rel_gap)
        self.load(solver)
        values = self.values_of(around)
        fixed = np.array([c for c in range(len(self.costs)) if c not in free], dtype=np.int32)
        solver.changeColsBounds(len(fixed), fixed, values[fixed], values[fixed])
        self.start_from(solver, around)
        solver.run()
        if solver.getInfo().primal_solution_status != FEASIBLE:
            return None
        return self.read(solver.getSolution().col_value)
