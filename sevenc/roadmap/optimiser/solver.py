"""The roadmap optimiser: the best schedule HiGHS can prove within the gap, never worse than greedy.

The model is in `milp.py` (docs/planning.md has it written out). The steps:
1. the greedy baseline, and the LP relaxation rounded and polished by a local search (`improve.py`);
   if that is already within the gap of the LP bound, stop;
2. otherwise two workers run side by side until the gap is proven, HiGHS finishes, or time runs out:
   HiGHS on the whole MILP in a second thread (`background_solve.py`, it supplies the bound) and the window
   search here (`window_search.py`, it supplies schedules); they share the `Incumbent`. Should the search
   run out of ideas first, a second HiGHS run with its own heuristics on takes the search's place.
Every schedule is re-checked by `schedule.violations()` before it is kept, so whatever the solvers'
tolerances, the answer never breaks a rule, and the greedy is the first schedule kept.
No Django here.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sevenc.roadmap.optimiser.background_solve import BackgroundSolve
from sevenc.roadmap.optimiser.greedy import greedy_schedule
from sevenc.roadmap.optimiser.improve import improve
from sevenc.roadmap.optimiser.incumbent import Incumbent
from sevenc.roadmap.optimiser.milp import INF, Model, Relaxation
from sevenc.roadmap.optimiser.schedule import (
    InfeasiblePlan,
    QuarterLimit,
    Schedule,
    Task,
    check_required_fit,
    objective,
)
from sevenc.roadmap.optimiser.window_search import WindowSearch

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_REL_GAP = 0.01
GAP_PROVEN = "Gap proven"


@dataclass(frozen=True)
class OptimiseResult:
    schedule: Schedule
    objective: float
    greedy_schedule: Schedule | None
    greedy_objective: float | None
    gap: float | None  # proven relative gap between the schedule and the best possible one
    # HiGHS's model status ("Optimal", "Time limit reached"), or "Gap proven" when the best schedule is
    # within the gap of the best bound known (the LP's or HiGHS's), so that HiGHS was stopped early or
    # never needed.
    status: str
    seconds: float
    source: str  # who found the schedule: "solver" (HiGHS), "search", "greedy", or "start" (the one given)
    bound: float | None = None  # the best bound proven on any schedule's objective (None: none known)
    # CPU seconds of the whole process during the solve (every thread; in a web server, other requests'
    # threads too): the work done, which a busy machine stretches less than the wall-clock `seconds`.
    cpu_seconds: float = 0.0


def optimise(
    tasks: Sequence[Task],
    quarters: Sequence[QuarterLimit],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    rel_gap: float = DEFAULT_REL_GAP,
    start: Mapping[str, int | None] | None = None,
    reproducible: bool = False,
) -> OptimiseResult:
    """The best schedule proven within `rel_gap` (or found within `time_limit`), never worse than greedy.

    `start` is a schedule to begin from (an earlier run's, or a frontier point's smaller-budget answer);
    it is used only if it keeps every rule, and the answer is then at least as good as it.

    `reproducible` gives the same schedule on every run (the demo, built the same for a given day): no
    race between the search and HiGHS, just one single-threaded HiGHS run from the same start, which is
    deterministic unless it hits `time_limit`. Slower on hard plans; the web app races for speed."""
    began = time.perf_counter()
    cpu_began = time.process_time()
    deadline = began + time_limit
    model = Model(tasks, quarters)  # refuses pins that clash with dependencies or exclusions
    check_required_fit(tasks, quarters, model.win)
    greedy = greedy_schedule(tasks, quarters)
    greedy_value = objective(tasks, greedy, len(quarters)) if greedy is not None else None
    if not model.costs:
        empty: Schedule = {t.id: None for t in tasks}
        return OptimiseResult(
            empty,
            0.0,
            greedy,
            greedy_value,
            0.0,
            "Optimal",
            _since(began),
            "solver",
            0.0,
            _cpu_since(cpu_began),
        )

    lp = model.relaxation(time_limit)
    incumbent = Incumbent(tasks, quarters, rel_gap, lp.bound if lp is not None else INF)
    if greedy is not None:
        incumbent.offer(greedy, "greedy")
    if start is not None:
        incumbent.offer({t.id: start.get(t.id) for t in tasks}, "start")
    if lp is not None and (rounded := model.lp_guided_start(lp)) is not None:
        incumbent.offer(rounded, "search")
    if (best := incumbent.best) is not None:
        incumbent.offer(improve(tasks, quarters, best.schedule), "search")

    status = GAP_PROVEN
    if not incumbent.proven():
        solve = _alone if reproducible else _race
        status = solve(model, incumbent, lp, deadline, rel_gap)

    best = incumbent.best
    if best is None:
        raise InfeasiblePlan(
            f"no schedule honouring every pin and required project was found in {time_limit:g} s ({status})"
        )
    return OptimiseResult(
        schedule=best.schedule,
        objective=best.value,
        greedy_schedule=greedy,
        greedy_objective=greedy_value,
        gap=incumbent.gap(),
        status=status,
        seconds=_since(began),
        source=best.source,
        bound=incumbent.bound if math.isfinite(incumbent.bound) else None,
        cpu_seconds=_cpu_since(cpu_began),
    )


def _race(model: Model, incumbent: Incumbent, lp: Relaxation | None, deadline: float, rel_gap: float) -> str:
    """HiGHS for the bound beside the window search, until the gap is proven, a HiGHS run ends, or the
    deadline. If the search runs out of ideas first, a primal HiGHS worker takes its place."""
    finished = threading.Event()  # set when any HiGHS run ends
    workers = [BackgroundSolve(model, incumbent, _left(deadline), rel_gap, finished=finished)]
    workers[0].start()
    try:
        WindowSearch(model, incumbent, lp).run(
            deadline, should_stop=lambda: finished.is_set() or incumbent.proven()
        )
        if not incumbent.proven() and not finished.is_set():
            workers.append(
                BackgroundSolve(model, incumbent, _left(deadline), rel_gap, primal=True, finished=finished)
            )
            workers[1].start()
            finished.wait(_left(deadline))
    finally:
        for worker in workers:
            worker.stop()
        outcomes = [worker.join() for worker in workers]
    if any(o.infeasible for o in outcomes):
        raise InfeasiblePlan(
            "the pinned entries and the projects (which always get a quarter) cannot all fit: together with "
            "their prerequisites they exceed a "
            "quarter's budget, capacity or recurring ceiling"
        )
    if any(o.status == "Optimal" and not o.interrupted for o in outcomes):
        return "Optimal"
    return GAP_PROVEN if incumbent.proven() else "Time limit reached"


def _alone(model: Model, incumbent: Incumbent, lp: Relaxation | None, deadline: float, rel_gap: float) -> str:
    """One HiGHS run, on its own, from the deterministic start: the same schedule every time."""
    worker = BackgroundSolve(model, incumbent, _left(deadline), rel_gap, primal=True)
    worker.start()
    outcome = worker.join()
    if outcome.infeasible:
        raise InfeasiblePlan("the pinned entries and the projects cannot all fit in the quarters' limits")
    if outcome.status == "Optimal" and not outcome.interrupted:
        return "Optimal"
    return GAP_PROVEN if incumbent.proven() else "Time limit reached"


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.perf_counter())


def _since(began: float) -> float:
    return time.perf_counter() - began


def _cpu_since(began: float) -> float:
    return time.process_time() - began
