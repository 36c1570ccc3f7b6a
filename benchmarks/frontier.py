"""How fast the budget → ITCQ frontier is, against a single solve in the same run.

Run: `python benchmarks/frontier.py [CASES] [--repeat N] [--factors 0.5,0.75,1,1.25,1.5] [--processes P]`.

Target (issue 14): the whole frontier (default five factors) for 139 recommendations × 8 quarters in ≤ 10 s
on 2 cores, every point proven within the 1 % gap, feasible under its own scaled budgets, and never below the
smaller-budget point before it. The cases are benchmarks/plan.py's believable clients, tight regime first
(the harder one). Each case is solved once as a single roadmap (factor 1, the baseline) and then as a
frontier, alternately, so a change in the machine's load weighs on both; the run prints the load average
and the CPU seconds of each (for the frontier, summed over its points' worker processes: the work done, which
a busy machine stretches less than the wall clock).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from plan import REGIMES, TARGET_GAP, prepare  # noqa: E402

from sevenc.catalogue.spec import packaged_framework  # noqa: E402
from sevenc.roadmap.optimiser.frontier import DEFAULT_FACTORS, parse_factors, scaled  # noqa: E402
from sevenc.roadmap.optimiser.planning import plan, plan_frontier  # noqa: E402
from sevenc.roadmap.optimiser.schedule import violations  # noqa: E402

TARGET_SECONDS = 10.0
PROVEN = {"Optimal", "Gap proven"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Budget → ITCQ frontier against a single solve.")
    parser.add_argument("cases", nargs="?", type=int, default=5, help="generated cases per regime")
    parser.add_argument("--repeat", type=int, default=1, help="run every case this many times")
    parser.add_argument("--factors", default=",".join(f"{f:g}" for f in DEFAULT_FACTORS))
    parser.add_argument(
        "--processes", type=int, default=None, help="worker processes (default: one per core; 1: in turn)"
    )
    args = parser.parse_args(argv)
    factors = parse_factors(args.factors)
    spec = packaged_framework("7c")
    mode = (
        "default processes (one per two cores)" if args.processes is None else f"{args.processes} process(es)"
    )
    print(
        f"frontier at factors {', '.join(f'{f:g}' for f in factors)}; {args.cases} case(s) per regime; {mode}"
    )
    print(f"{os.cpu_count()} cores, load average {_load()} at the start")
    ok = True
    for name, share in reversed(REGIMES):
        print(f"\n{name}: the quarters pay for {share:.0%} of the recommended work")
        print(
            f"{'case':>4} {'run':>3} {'single s':>9} {'CPU s':>6} {'frontier s':>11} {'CPU s':>6} {'× single':>9}"
            "  points (factor:objective/status)"
        )
        worst, worst_cpu = 0.0, 0.0
        for seed in range(args.cases):
            case = prepare(seed, share, spec)
            for run in range(1, args.repeat + 1):
                began = time.perf_counter()
                single_cpu = plan(case.plan_input).result.cpu_seconds
                single = time.perf_counter() - began
                began = time.perf_counter()
                outcome = plan_frontier(case.plan_input, factors, processes=args.processes)
                seconds = time.perf_counter() - began
                worst = max(worst, seconds)
                problems = _check(case, outcome)
                ok &= not problems and seconds <= TARGET_SECONDS
                points = " ".join(
                    f"{p.factor:g}:{p.result.objective:.1f}/{p.result.status[:3]}"
                    if p.result
                    else f"{p.factor:g}:—"
                    for p in outcome.points
                )
                cpu = sum(p.result.cpu_seconds for p in outcome.points if p.result is not None)
                worst_cpu = max(worst_cpu, cpu)
                print(
                    f"{seed:>4} {run:>3} {single:>9.2f} {single_cpu:>6.2f} {seconds:>11.2f} {cpu:>6.2f}"
                    f" {seconds / single:>9.1f}  {points}{'  ' + '; '.join(problems) if problems else ''}"
                )
        print(
            f"worst frontier: {worst:.2f} s (target ≤ {TARGET_SECONDS:g} s), CPU {worst_cpu:.2f} s in all its "
            f"points' processes, load average {_load()}"
        )
    print(
        f"\n{'meets' if ok else 'MISSES'} the target: every frontier proven, feasible, never falling, in time"
    )
    return 0 if ok else 1


def _check(case, outcome) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    previous = None
    labels = [q.label for q in case.plan_input.quarters]
    for point in outcome.points:
        result = point.result
        if result is None:
            problems.append(f"{point.factor:g}: no schedule ({point.reason})")
            continue
        schedule = {rid: labels.index(label) + 1 if label else None for rid, label in point.schedule.items()}
        if violations(case.tasks, scaled(case.plan_input.quarters, point.factor), schedule):
            problems.append(f"{point.factor:g}: BREAKS A RULE")
        if result.status not in PROVEN or result.gap is None or result.gap > TARGET_GAP + 1e-9:
            problems.append(f"{point.factor:g}: not proven ({result.status}, gap {result.gap})")
        if previous is not None and result.objective < previous - 1e-9:
            problems.append(f"{point.factor:g}: FALLS")
        previous = result.objective
    return problems


def _load() -> str:
    return " / ".join(f"{n:.2f}" for n in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
