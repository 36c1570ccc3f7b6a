"""The roadmap optimiser: a small MILP solved by HiGHS. No Django here. docs/planning.md has the model.

Binary x[r,q] = 1 when recommendation r is scheduled in quarter q (1-based, Q quarters). Maximise
Σ gain_r × (Q − q + 1) × x[r,q], the area under the projected ITCQ curve above today's, subject to
  Σ_q x[r,q] ≤ 1                                   (at most once)
  Σ_r one_time_r × x[r,q] ≤ budget_q                 (every quarter)
  Σ_r effort_r × x[r,q] ≤ capacity_q                 (every quarter)
  3 × Σ_r monthly_r × Σ_{q'≤q} x[r,q'] ≤ ceiling_q   (quarters with a recurring ceiling)
  Σ_{q'≤q} x[r,q'] ≤ Σ_{q'<q} x[p,q']                (prerequisite p strictly earlier, every q)
Pins fix x[r,pin] = 1; excluded r and quarters outside a task's window get no variable at all.
The solver starts from the best of the greedy schedule and a rounded, locally improved LP solution, and
the answer is the best schedule that passes `violations()`: never worse than the greedy, never breaking a rule.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import highspy
import numpy as np

from sevenc.roadmap.greedy import greedy_schedule
from sevenc.roadmap.improve import improve
from sevenc.roadmap.schedule import (
    MONTHS_PER_QUARTER,
    InfeasiblePlan,
    QuarterLimit,
    Schedule,
    Task,
    objective,
    violations,
    windows,
)

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_REL_GAP = 0.01
SEARCH_SECONDS = 0.7  # for the window search that polishes the start (tuned on benchmarks/plan.py)
WINDOW_SECONDS = 0.3
WINDOW_GAP = 0.0005
FIRST_SOLVE_SECONDS = 0.8  # then a second round of search and solving
WINDOW_WIDTHS = (2, 3)  # quarters re-solved together: 2 is fast; 3 finds more but each window is slower
INF = highspy.kHighsInf


@dataclass(frozen=True)
class OptimiseResult:
    schedule: Schedule
    objective: float
    greedy_schedule: Schedule | None
    greedy_objective: float | None
    gap: float | None  # proven relative gap between the schedule and the best possible one
    # The solver's model status, e.g. "Optimal"; "Gap proven" when HiGHS's LP bound or the bound of an
    # earlier HiGHS run, with the searched schedule, proves the gap, so no further run was needed.
    status: str
    seconds: float
    source: str  # "solver"; "search" or "greedy" when the solver's own answer was no better


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


def _new_solver(time_limit: float, rel_gap: float) -> highspy.Highs:
    global _banner_shown
    if _banner_shown:
        solver = highspy.Highs()
    else:  # HiGHS prints its banner once per process; the redirect touches fd 1 only that first time
        with _stdout_silenced():
            solver = highspy.Highs()
        _banner_shown = True
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("log_to_console", False)
    solver.setOptionValue("time_limit", float(time_limit))
    solver.setOptionValue("mip_rel_gap", float(rel_gap))
    return solver


class _Model:
    """Column and row bookkeeping for the MILP above."""

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

    def values_of(self, schedule: Schedule) -> list[float]:
        values = [0.0] * len(self.costs)
        for task_id, q in schedule.items():
            if q is not None:
                values[self.col[task_id, q]] = 1.0
        return values

    def start_from(self, solver: highspy.Highs, schedule: Schedule) -> None:
        start = highspy.HighsSolution()
        start.col_value = self.values_of(schedule)
        start.value_valid = True
        solver.setSolution(start)

    def relaxation(self, time_limit: float) -> list[float] | None:
        solver = _new_solver(time_limit, 0.0)
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

    def reoptimise_windows(
        self, start: Schedule, deadline: float, good_enough: float = INF, width: int = 2
    ) -> Schedule:
        """Large-neighbourhood search: free `width` adjacent quarters at a time (their tasks and every
        unscheduled one), keep the rest fixed and solve that small MIP exactly. Sweeps until no window
        improves or the deadline passes."""
        best, best_value = start, objective(self.tasks, start, self.horizon)
        improved = True
        while improved and time.perf_counter() < deadline and best_value < good_enough:
            improved = False
            for first in range(1, max(2, self.horizon - width + 2)):
                window = set(range(first, first + width))
                remaining = deadline - time.perf_counter()
                if remaining <= 0.01 or best_value >= good_enough:
                    break
                solver = _new_solver(min(remaining, WINDOW_SECONDS), WINDOW_GAP)
                self.load(solver)
                values = self.values_of(best)
                fixed = [
                    c
                    for (task_id, q), c in self.col.items()
                    if not (q in window and (best.get(task_id) is None or best[task_id] in window))
                ]
                solver.changeColsBounds(
                    len(fixed), fixed, [values[c] for c in fixed], [values[c] for c in fixed]
                )
                self.start_from(solver, best)
                solver.run()
                if solver.getInfo().primal_solution_status != 2:
                    continue
                found = self.read(solver.getSolution().col_value)
                value = objective(self.tasks, found, self.horizon)
                if value > best_value + 1e-9 and not violations(self.tasks, self.quarters, found):
                    best, best_value, improved = found, value, True
        return best

    def solve(
        self, start: Schedule | None, time_limit: float, rel_gap: float
    ) -> tuple[Schedule | None, str, float]:
        """One HiGHS run from `start`: its best schedule (if any), model status and proven upper bound."""
        solver = _new_solver(time_limit, rel_gap)
        self.load(solver)
        if start is not None:
            self.start_from(solver, start)
        solver.run()
        if solver.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
            raise InfeasiblePlan(
                "the pinned recommendations cannot all fit: together with their prerequisites they exceed a "
                "quarter's budget, capacity or recurring ceiling"
            )
        info = solver.getInfo()
        found = self.read(solver.getSolution().col_value) if info.primal_solution_status == 2 else None
        bound = info.mip_dual_bound if abs(info.mip_dual_bound) < INF else INF
        return found, solver.modelStatusToString(solver.getModelStatus()), bound

    def read(self, values: Sequence[float]) -> Schedule:
        schedule: Schedule = {t.id: None for t in self.tasks}
        for (task_id, q), c in self.col.items():
            if values[c] > 0.5:
                schedule[task_id] = q
        return schedule


def optimise(
    tasks: Sequence[Task],
    quarters: Sequence[QuarterLimit],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    rel_gap: float = DEFAULT_REL_GAP,
) -> OptimiseResult:
    """The best schedule HiGHS proves within `rel_gap` (or finds within `time_limit`), never worse than greedy."""
    began = time.perf_counter()
    horizon = len(quarters)
    model = _Model(tasks, quarters)
    greedy = greedy_schedule(tasks, quarters)
    greedy_value = objective(tasks, greedy, horizon) if greedy is not None else None
    if not model.costs:
        empty: Schedule = {t.id: None for t in tasks}
        return OptimiseResult(
            empty, 0.0, greedy, greedy_value, 0.0, "Optimal", time.perf_counter() - began, "solver"
        )

    start = greedy
    lp_values = model.relaxation(time_limit)
    rounded = model.lp_guided_start(lp_values) if lp_values is not None else None
    if rounded is not None and (start is None or objective(tasks, rounded, horizon) > (greedy_value or 0.0)):
        start = rounded
    if start is not None:
        start = improve(tasks, quarters, start)
    # The LP relaxation's optimum bounds every schedule; a schedule within rel_gap of the best bound
    # known so far proves the gap, and nothing needs to search or solve further.
    bound = model.lp_bound(lp_values) if lp_values is not None else INF
    good_enough = bound / (1 + rel_gap)
    status, candidates = "", [(s, "greedy") for s in (greedy,) if s is not None]
    # Two rounds: polish the start, solve briefly; if that proves nothing, polish the solver's best
    # solution further and solve with all the time left. Most plans are proven in the first round.
    for last in (False, True):
        left = time_limit - (time.perf_counter() - began)
        if start is not None and left > 0:
            deadline = time.perf_counter() + min(left / 3, SEARCH_SECONDS)
            for width in WINDOW_WIDTHS:  # wider windows only once the narrow ones stop improving
                start = model.reoptimise_windows(start, deadline, good_enough, width)
            candidates.append((start, "search"))
        if start is not None and objective(tasks, start, horizon) >= good_enough:
            # The best bound so far (LP, or an earlier HiGHS run) with the searched schedule proves the gap:
            # solving again would only re-derive that bound from scratch (HiGHS keeps no tree between runs).
            status = "Gap proven"
            break
        left = time_limit - (time.perf_counter() - began)
        found, status, round_bound = model.solve(
            start, max(0.01, left if last else min(left, FIRST_SOLVE_SECONDS)), rel_gap
        )
        bound = min(bound, round_bound)
        good_enough = min(good_enough, bound / (1 + rel_gap))
        if found is not None:
            candidates.append((found, "solver"))
            if start is None or objective(tasks, found, horizon) > objective(tasks, start, horizon):
                start = found
        if status == "Optimal":
            break
    # Re-checked by our own rules, so solver tolerances can never let a broken schedule through.
    valid = [(s, source) for s, source in candidates if not violations(tasks, quarters, s)]
    if not valid:
        raise InfeasiblePlan(f"no schedule honouring every pin was found in {time_limit:g} s ({status})")
    schedule, source = max(valid, key=lambda pair: objective(tasks, pair[0], horizon))
    value = objective(tasks, schedule, horizon)
    return OptimiseResult(
        schedule=schedule,
        objective=value,
        greedy_schedule=greedy,
        greedy_objective=greedy_value,
        gap=_gap(value, bound),
        status=status,
        seconds=time.perf_counter() - began,
        source=source,
    )


def _gap(value: float, dual_bound: float) -> float | None:
    """Relative distance to the best proven upper bound, as HiGHS measures it."""
    if abs(dual_bound) >= INF:
        return None
    return max(0.0, dual_bound - value) / max(abs(value), 1e-9) if value or dual_bound else 0.0
