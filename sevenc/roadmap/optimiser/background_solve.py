"""HiGHS on the whole roadmap MILP in a thread of its own, working for the bound. No Django here.

On these plans the hard part of a proof is the pair "good schedule, tight bound": HiGHS's root cuts give the
bound, the window search (in the calling thread) gives the schedule faster than HiGHS's own heuristics. So
they run side by side on the two cores and meet in the `Incumbent` through HiGHS's callbacks:

- every interrupt check reads HiGHS's dual bound into the incumbent and stops HiGHS once the incumbent is
  within the gap (or the caller asks it to stop);
- the user-solution callback hands HiGHS the search's better schedules, so its tree prunes against them;
- the improving-solution callback hands HiGHS's own finds to the search.

HiGHS's sub-MIP heuristics (RINS, RENS) are switched off for this bound worker: the search does that job,
and HiGHS does not look at its interrupt flag while one runs, which delayed stopping by up to 1.5 s. When
the window search runs out of ideas, the optimiser starts a second worker with them switched on (and given
more effort) in the search's place: a primal worker, fed and stopped the same way.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import highspy

from sevenc.roadmap.optimiser.incumbent import Incumbent
from sevenc.roadmap.optimiser.milp import FEASIBLE, Model, new_solver
from sevenc.roadmap.optimiser.schedule import Schedule

PRIMAL_HEURISTICS_LEFT_TO_THE_SEARCH = (
    "mip_heuristic_run_rins",
    "mip_heuristic_run_rens",
    "mip_heuristic_run_root_reduced_cost",
    "mip_heuristic_run_feasibility_jump",
)
PRIMAL_HEURISTIC_EFFORT = 0.3  # HiGHS's default is 0.05: the primal worker is there to find schedules


@dataclass(frozen=True)
class SolveOutcome:
    status: str  # HiGHS's model status, e.g. "Optimal", "Time limit reached", "Interrupted by user"
    interrupted: bool  # stopped by us: the gap was proven (or the caller gave up)
    infeasible: bool  # proved that no schedule keeps every pin


class BackgroundSolve:
    def __init__(
        self,
        model: Model,
        incumbent: Incumbent,
        time_limit: float,
        rel_gap: float,
        *,
        primal: bool = False,
        finished: threading.Event | None = None,
    ) -> None:
        """`primal`: HiGHS's own heuristics on, for a worker that should find schedules; `finished` is set
        when this run ends (an event shared by several workers says "one of them ended")."""
        self._model = model
        self._incumbent = incumbent
        self._stop = threading.Event()
        self.finished = finished or threading.Event()
        self._fed: Schedule | None = None
        self._solver = new_solver(time_limit, rel_gap)
        if primal:
            self._solver.setOptionValue("mip_heuristic_effort", PRIMAL_HEURISTIC_EFFORT)
        else:
            for option in PRIMAL_HEURISTICS_LEFT_TO_THE_SEARCH:
                self._solver.setOptionValue(option, False)
        model.load(self._solver)
        best = incumbent.best
        if best is not None:
            model.start_from(self._solver, best.schedule)
            self._fed = best.schedule
        self._solver.cbMipInterrupt.subscribe(self._on_interrupt_check)
        self._solver.cbMipUserSolution.subscribe(self._on_user_solution)
        self._solver.cbMipImprovingSolution.subscribe(self._on_improving_solution)
        self._thread = threading.Thread(target=self._run, name="sevenc-highs", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def join(self) -> SolveOutcome:
        """Wait for HiGHS to stop, and hand its last schedule and bound to the incumbent."""
        self._thread.join()
        status = self._solver.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return SolveOutcome(self._solver.modelStatusToString(status), False, True)
        info = self._solver.getInfo()
        if info.primal_solution_status == FEASIBLE:
            self._incumbent.offer(self._model.read(self._solver.getSolution().col_value), "solver")
        self._incumbent.tighten(info.mip_dual_bound)  # still a bound when HiGHS was interrupted
        interrupted = status == highspy.HighsModelStatus.kInterrupt
        return SolveOutcome(self._solver.modelStatusToString(status), interrupted, False)

    def _run(self) -> None:
        try:
            self._solver.run()
        finally:
            self.finished.set()

    def _on_interrupt_check(self, event: highspy.HighsCallbackEvent) -> None:
        self._incumbent.tighten(event.data_out.mip_dual_bound)
        if self._stop.is_set() or self._incumbent.proven():
            event.interrupt()

    def _on_user_solution(self, event: highspy.HighsCallbackEvent) -> None:
        self._incumbent.tighten(event.data_out.mip_dual_bound)
        best = self._incumbent.best
        if best is None or best.schedule is self._fed:
            return
        if best.value > event.data_out.mip_primal_bound and event.data_in is not None:
            event.data_in.setSolution(self._model.values_of(best.schedule))
            self._fed = best.schedule
        # Checked here too: during the root's cut rounds HiGHS asks for user solutions often but makes no
        # interrupt check for up to 0.5 s, so this is where a proof found then can stop it.
        if self._incumbent.proven():
            event.interrupt()

    def _on_improving_solution(self, event: highspy.HighsCallbackEvent) -> None:
        self._incumbent.offer(self._model.read(event.data_out.mip_solution), "solver")
