"""Window search: improve the incumbent schedule by re-solving a few adjacent quarters exactly. No Django.

A window frees the tasks sitting in a few adjacent quarters plus unscheduled candidates, keeps the rest
where it is and lets HiGHS solve that small MIP (`Model.solve_neighbourhood`), starting from the incumbent,
so a window never makes things worse. Sweeps go over the horizon, window after window.

The LP relaxation says where good schedules live: a task's quarter whose reduced cost is large (using it
would cost the LP more than `Stage.reduced_cost` of its bound) almost never appears in a near-optimal
schedule, so the first stages leave those columns out of the windows. The window MIPs shrink to about a
third, solve several times faster, and four-quarter windows become affordable: they make the moves (a
chain of tasks each shifting by a quarter) that two- and three-quarter windows cannot.

It runs in stages, cheapest first (tuned on `benchmarks/plan.py`, docs/benchmarks.md):
1. windows of two, three and four quarters; only the most promising unscheduled tasks (best gain per
   cost) may enter, and only into quarters near the LP's choice;
2. once a whole sweep improves nothing: three- and four-quarter windows that every unscheduled task may
   enter (still near the LP's choice);
3. then two- and three-quarter windows over every column, in case the LP's guidance misled us.
A stage ends when a whole sweep of it improves nothing; the search stops after the last stage, when
`should_stop()` says so (the gap is proven, or HiGHS finished), or at the deadline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sevenc.roadmap.optimiser.greedy import gain_per_cost
from sevenc.roadmap.optimiser.incumbent import Incumbent
from sevenc.roadmap.optimiser.milp import Model, Relaxation

WINDOW_GAP = 0.0015  # each window's MIP is solved to within 0.15 % of the whole plan's value


def adjacent(*widths: int) -> tuple[tuple[int, ...], ...]:
    """Window shapes of `widths` adjacent quarters each: adjacent(2, 3) = ((0, 1), (0, 1, 2))."""
    return tuple(tuple(range(width)) for width in widths)


@dataclass(frozen=True)
class Stage:
    shapes: tuple[tuple[int, ...], ...]  # windows as quarter offsets from the first, swept in this order
    candidates: int | None  # how many unscheduled tasks may enter a window (None: all)
    seconds: float  # CPU seconds per window
    # Only columns the LP uses or could use at a loss of at most this share of its bound (None: all).
    reduced_cost: float | None = None


STAGES = (
    Stage(adjacent(2, 3, 4), candidates=15, seconds=0.15, reduced_cost=0.001),
    Stage(adjacent(3, 4), candidates=None, seconds=0.3, reduced_cost=0.001),
    Stage(adjacent(2, 3), candidates=None, seconds=0.5),
)


class WindowSearch:
    def __init__(self, model: Model, incumbent: Incumbent, lp: Relaxation | None = None) -> None:
        self.model = model
        self.incumbent = incumbent
        self.lp = lp
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
            for shape in STAGES[stage].shapes:
                for first in range(1, max(2, self.model.horizon - shape[-1] + 1)):
                    left = deadline - time.perf_counter()
                    if left <= 0.01 or should_stop():
                        return
                    self._solve_window({first + offset for offset in shape}, STAGES[stage], left)
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
        near = None
        if stage.reduced_cost is not None and self.lp is not None:
            near = self.lp.near(stage.reduced_cost * abs(self.lp.bound))
        free = {
            c
            for (task_id, q), c in self.model.col.items()
            if q in quarters
            and (around.get(task_id) in quarters or task_id in entering)
            and (near is None or near[c] or around.get(task_id) == q)
        }
        found = self.model.solve_neighbourhood(
            around, free, cpu_seconds=stage.seconds, time_limit=left, rel_gap=WINDOW_GAP
        )
        if found is not None:
            self.incumbent.offer(found, "search")
