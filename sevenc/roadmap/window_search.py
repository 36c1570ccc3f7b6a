"""Window search: improve the incumbent schedule by re-solving a few adjacent quarters exactly. No Django.

A window frees the tasks sitting in `width` adjacent quarters plus unscheduled candidates, keeps the rest
where it is and lets HiGHS solve that small MIP (`Model.solve_neighbourhood`), starting from the incumbent,
so a window never makes things worse. Sweeps go quarter by quarter over the horizon with windows of two,
then three quarters.

It runs in stages, cheapest first (tuned on `benchmarks/plan.py`):
1. only the most promising unscheduled tasks (best gain per cost) may enter a window — small MIPs, fast
   progress while there is a lot to gain;
2. once a whole sweep of stage 1 improves nothing, every unscheduled task may enter — bigger MIPs that
   escape where stage 1 got stuck.
The search stops when a sweep of the last stage improves nothing, when `should_stop()` says so (the gap is
proven, or HiGHS finished), or at the deadline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sevenc.roadmap.greedy import gain_per_cost
from sevenc.roadmap.incumbent import Incumbent
from sevenc.roadmap.milp import Model

WINDOW_GAP = 0.0015  # each window's MIP is solved to within 0.15 % of the whole plan's value


@dataclass(frozen=True)
class Stage:
    widths: tuple[int, ...]  # window widths, in quarters, swept in this order
    candidates: int | None  # how many unscheduled tasks may enter a window (None: all)
    seconds: float  # time limit per window


STAGES = (
    Stage(widths=(2, 3), candidates=15, seconds=0.15),
    Stage(widths=(2, 3), candidates=None, seconds=0.5),
)


class WindowSearch:
    def __init__(self, model: Model, incumbent: Incumbent) -> None:
        self.model = model
        self.incumbent = incumbent
        density = {t.id: gain_per_cost(t, model.quarters) for t in model.tasks}
        schedulable = [t for t in model.tasks if t.id in model.win.earliest]
        # Ranked once: the most promising unscheduled tasks are the best gain per unit of cost (zero-gain
        # prerequisites last: they enter only in the stage that lets every task in).
        self.ranked = [t.id for t in sorted(schedulable, key=lambda t: (-density[t.id], t.id))]

    def run(self, deadline: float, should_stop: Callable[[], bool]) -> None:
        stage = 0
        while True:
            before = self.incumbent.best
            if before is None:
                return
            for width in STAGES[stage].widths:
                for first in range(1, max(2, self.model.horizon - width + 2)):
                    left = deadline - time.perf_counter()
                    if left <= 0.01 or should_stop():
                        return
                    self._solve_window(set(range(first, first + width)), STAGES[stage], left)
            after = self.incumbent.best
            if after is not None and after.version == before.version:
                if stage == len(STAGES) - 1:
                    return  # a local optimum for every window: HiGHS carries on alone
                stage += 1

    def _solve_window(self, quarters: set[int], stage: Stage, left: float) -> None:
        best = self.incumbent.best
        if best is None:
            return
        around = best.schedule
        waiting = [tid for tid in self.ranked if around.get(tid) is None]
        entering = set(waiting if stage.candidates is None else waiting[: stage.candidates])
        free = {
            c
            for (task_id, q), c in self.model.col.items()
            if q in quarters and (around.get(task_id) in quarters or task_id in entering)
        }
        found = self.model.solve_neighbourhood(around, free, min(stage.seconds, left), WINDOW_GAP)
        if found is not None:
            self.incumbent.offer(found, "search")
