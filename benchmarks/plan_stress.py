"""Random roadmap plans beyond the believable clients of plan.py (run: python benchmarks/plan_stress.py [N]).

Not a speed target: a check that the optimiser copes with odd shapes — 30–90 recommendations, 2–8
quarters, budgets for 20–90 % of the work, prerequisite chains, a few pins (so some plans are infeasible
and must be refused), exclusions — and proves its gap within the default 10 s limit. Prints the plans that
take over 2 s or end unproven, then the count per status and the worst time; exits 1 when a schedule
breaks a rule, falls below the greedy, or a plan without pins is refused.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sevenc.roadmap.optimiser.schedule import InfeasiblePlan, QuarterLimit, Task, violations  # noqa: E402
from sevenc.roadmap.optimiser.solver import optimise  # noqa: E402

PROVEN = {"Optimal", "Gap proven"}


def random_plan(seed: int) -> tuple[list[Task], list[QuarterLimit]]:
    rng = random.Random(seed)
    count, horizon = rng.randint(30, 90), rng.randint(2, 8)
    tasks = []
    for n in range(count):
        prerequisites = rng.sample(range(n), min(n, rng.choice((0, 0, 0, 1, 2))))
        pin = rng.randint(1, horizon) if rng.random() < 0.04 else None
        tasks.append(
            Task(
                f"t{n}",
                gain=rng.choice((0.0, 0.1, 0.3, 0.7, 1.2, 2.0)),
                one_time_cost=rng.choice((0, 500, 1000, 2500, 5000)),
                monthly_cost=rng.choice((0, 0, 25, 100)),
                effort_hours=rng.choice((0, 4, 8, 16, 40)),
                depends_on=tuple(f"t{p}" for p in prerequisites),
                pin=pin,
                exclude=pin is None and rng.random() < 0.05,
            )
        )
    share = rng.uniform(0.2, 0.9)
    budget = sum(t.one_time_cost for t in tasks) / horizon * share
    hours = sum(t.effort_hours for t in tasks) / horizon * share
    ceiling = rng.choice((None, 3 * sum(t.monthly_cost for t in tasks) * share))
    quarters = [
        QuarterLimit(f"Q{q}", budget, hours, ceiling * q / horizon if ceiling is not None else None)
        for q in range(1, horizon + 1)
    ]
    return tasks, quarters


def main() -> int:
    plans = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    statuses: Counter[str] = Counter()
    worst, broken = 0.0, 0
    for seed in range(plans):
        tasks, quarters = random_plan(seed)
        began = time.perf_counter()
        try:
            result = optimise(tasks, quarters)
        except InfeasiblePlan as refusal:
            statuses["refused (pins)"] += 1
            if not any(t.pin is not None for t in tasks):
                print(f"plan {seed}: refused without pins: {refusal}")
                broken += 1
            continue
        seconds = time.perf_counter() - began
        worst = max(worst, seconds)
        statuses[result.status] += 1
        if (
            violations(tasks, quarters, result.schedule)
            or result.objective < (result.greedy_objective or 0) - 1e-9
        ):
            print(f"plan {seed}: BREAKS A RULE or falls below the greedy")
            broken += 1
        if seconds > 2 or result.status not in PROVEN:
            gap = f"{result.gap:.2%}" if result.gap is not None else "unknown"
            print(f"plan {seed}: {len(tasks)} × {len(quarters)}, {seconds:.2f} s, {result.status}, gap {gap}")
        assert threading.active_count() == 1, "a HiGHS worker outlived its optimise() call"
    print(dict(statuses), f"worst {worst:.2f} s", "OK" if not broken else f"{broken} BROKEN")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
