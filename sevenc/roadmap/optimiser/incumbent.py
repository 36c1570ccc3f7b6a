"""The best schedule found so far and the best bound proven so far, shared by the search and HiGHS.

The optimiser runs two workers at once (window search in the calling thread, HiGHS in another); both report
here. Only schedules that keep every rule (`schedule.violations()`) are accepted, so whatever the solvers'
tolerances, the incumbent is always a schedule we may return. No Django here.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from sevenc.roadmap.optimiser.schedule import QuarterLimit, Schedule, Task, objective, violations

IMPROVEMENT = 1e-9  # smaller differences are rounding, not a better schedule
ROUNDING = 1e-9  # a relative gap this small is float noise in HiGHS's bound, not a missing proof


def relative_gap(value: float, bound: float) -> float | None:
    """How far `value` may be below the best possible, relative to `value`, as HiGHS measures it."""
    if math.isinf(bound):
        return None
    if not value and not bound:
        return 0.0
    return max(0.0, bound - value) / max(abs(value), 1e-9)


@dataclass(frozen=True)
class Best:
    schedule: Schedule
    value: float
    source: str  # "greedy", "start", "search" or "solver"
    version: int  # counts accepted improvements, so a caller can tell whether anything changed


class Incumbent:
    def __init__(
        self, tasks: Sequence[Task], quarters: Sequence[QuarterLimit], rel_gap: float, bound: float
    ) -> None:
        self._tasks = tasks
        self._quarters = quarters
        self._rel_gap = rel_gap
        self._lock = threading.Lock()
        self._best: Best | None = None
        self._bound = bound

    @property
    def best(self) -> Best | None:
        return self._best

    @property
    def bound(self) -> float:
        return self._bound

    def offer(self, schedule: Schedule, source: str) -> bool:
        """Keep `schedule` if it is better than the best so far and keeps every rule."""
        value = objective(self._tasks, schedule, len(self._quarters))
        current = self._best
        if current is not None and value <= current.value + IMPROVEMENT:
            return False
        if violations(self._tasks, self._quarters, schedule):
            return False
        with self._lock:
            current = self._best
            if current is not None and value <= current.value + IMPROVEMENT:
                return False
            version = current.version + 1 if current is not None else 1
            self._best = Best(dict(schedule), value, source, version)
        return True

    def tighten(self, bound: float) -> None:
        """Record an upper bound on every schedule's value (the LP's, or HiGHS's dual bound)."""
        if math.isfinite(bound):
            with self._lock:
                self._bound = min(self._bound, bound)

    def gap(self) -> float | None:
        best = self._best
        return relative_gap(best.value, self._bound) if best is not None else None

    def proven(self) -> bool:
        """True once the best schedule is provably within the requested gap of the best possible."""
        gap = self.gap()
        return gap is not None and gap <= self._rel_gap + ROUNDING
