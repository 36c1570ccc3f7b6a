"""How fast `sevenc plan` optimises 139 recommendations × 8 quarters (run: python benchmarks/plan.py [CASES]).

Target (issue 4): a proven gap ≤ 1 % in ≤ 2 s, and an objective at least the greedy baseline's, on every
generated case. Each case is a believable client: a full 7C assessment (levels 0–3 around a maturity drawn
per block), block targets 70–90, one recommendation per item with library-like costs and effort, about one
in six depending on the previous item of its area (policy before process), and quarters whose budget and
capacity fit roughly half the work — so the budgets bind and the choice matters. Times are printed in
seconds and as a ratio to two baselines measured in the same run: parsing the plan input, and the greedy.
The optimiser works on two cores at once (HiGHS in a second thread), so these are wall-clock seconds; the
run prints the core count and load average it saw.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sevenc.catalogue.spec import FrameworkSpec, packaged_framework  # noqa: E402
from sevenc.goals.gaps import analyse  # noqa: E402
from sevenc.roadmap.greedy import greedy_schedule  # noqa: E402
from sevenc.roadmap.plan_input import parse_plan  # noqa: E402
from sevenc.roadmap.planning import plan, tasks_for  # noqa: E402
from sevenc.roadmap.schedule import violations  # noqa: E402

TARGET_SECONDS = 2.0
TARGET_GAP = 0.01
# Share of all the recommended work the quarters can pay for: "typical" and "tight" clients.
REGIMES = (("typical", 0.6), ("tight", 0.5))
HORIZON = 8
EFFORT_HOURS = (4, 8, 8, 16, 16, 24, 40)
ONE_TIME = (0, 0, 500, 1000, 1500, 2500, 5000, 10000)
MONTHLY = (0, 0, 0, 0, 25, 50, 100, 200)


def generate_case(seed: int, spec: FrameworkSpec | None = None, share: float = 0.5) -> dict[str, Any]:
    """A plan-input document (docs/formats.md) for one made-up but believable client."""
    spec = spec or packaged_framework("7c")
    rng = random.Random(seed)
    responses = []
    for block in spec.blocks:
        maturity = rng.uniform(0.8, 2.6)
        for item in block.items():
            level = min(3, max(0, round(rng.gauss(maturity, 0.8))))
            responses.append({"item": item.code, "level": level})
    recommendations: list[dict[str, Any]] = []
    for area in spec.areas():
        for n, item in enumerate(area.items):
            depends = [f"rec-{area.items[n - 1].code}"] if n and rng.random() < 0.17 else []
            recommendations.append(
                {
                    "id": f"rec-{item.code}",
                    "item": item.code,
                    "one_time_cost": rng.choice(ONE_TIME),
                    "monthly_cost": rng.choice(MONTHLY),
                    "effort_hours": rng.choice(EFFORT_HOURS),
                    "depends_on": depends,
                    "pin_quarter": None,
                    "exclude": False,
                }
            )
    total_cost = sum(r["one_time_cost"] for r in recommendations)
    total_hours = sum(r["effort_hours"] for r in recommendations)
    total_monthly = sum(r["monthly_cost"] for r in recommendations)
    quarters = [
        {
            "label": f"FY{2027 + (q - 1) // 4} Q{(q - 1) % 4 + 1}",
            "budget": round(total_cost / HORIZON * share, -2),
            "capacity_hours": round(total_hours / HORIZON * share),
            "recurring_ceiling": round(3 * total_monthly * (share + 0.1) * q / HORIZON, -1),
        }
        for q in range(1, HORIZON + 1)
    ]
    return {
        "framework": spec.code,
        "client": f"Bench client {seed}",
        "as_of": "2026-09-30",
        "title": f"Bench assessment {seed}",
        "status": "completed",
        "responses": responses,
        "targets": {"blocks": {block.code: rng.choice((70, 75, 80, 90)) for block in spec.blocks}},
        "recommendations": recommendations,
        "quarters": quarters,
    }


def _timed(work: Any, repeat: int = 1) -> tuple[float, Any]:
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def run_regime(name: str, share: float, cases: int, spec: FrameworkSpec) -> bool:
    def resolve(code: str, version: str | None) -> FrameworkSpec:
        return spec

    print(f"\n{name}: the quarters pay for {share:.0%} of the recommended work")
    header = f"{'case':>4} {'parse s':>8} {'greedy s':>9} {'solve s':>8} {'×parse':>7} {'×greedy':>8}"
    print(header + f" {'objective':>10} {'greedy':>9} {'gap':>7}  status")
    worst_seconds, worst_gap, all_ok = 0.0, 0.0, True
    for seed in range(cases):
        text = json.dumps(generate_case(seed, spec, share))
        parse_s, plan_input = _timed(lambda text=text: parse_plan(json.loads(text), resolve), repeat=5)
        analysis = analyse(
            plan_input.items, plan_input.doc.answers(), {}, plan_input.block_targets, plan_input.item_targets
        )
        quarters = plan_input.quarters
        tasks = tasks_for(plan_input.recommendations, analysis, [q.label for q in quarters])
        greedy_s, _ = _timed(
            lambda tasks=tasks, quarters=quarters: greedy_schedule(tasks, quarters), repeat=5
        )
        solve_s, outcome = _timed(lambda plan_input=plan_input: plan(plan_input))
        result = outcome.result
        keeps_rules = not violations(tasks, quarters, result.schedule)
        beats_greedy = result.objective >= (result.greedy_objective or 0.0) - 1e-9
        gap = result.gap if result.gap is not None else float("inf")
        all_ok &= keeps_rules and beats_greedy and gap <= TARGET_GAP + 1e-9 and solve_s <= TARGET_SECONDS
        worst_seconds, worst_gap = max(worst_seconds, solve_s), max(worst_gap, gap)
        print(
            f"{seed:>4} {parse_s:>8.4f} {greedy_s:>9.4f} {solve_s:>8.2f} {solve_s / parse_s:>7.0f}"
            f" {solve_s / greedy_s:>8.0f} {result.objective:>10.1f} {result.greedy_objective or 0:>9.1f}"
            f" {gap:>7.2%}  {result.status}{'' if keeps_rules else ' BREAKS A RULE'}"
        )
    verdict = "meets" if all_ok else "MISSES"
    print(
        f"worst: {worst_seconds:.2f} s, gap {worst_gap:.2%}: {verdict} the target "
        f"(≤ {TARGET_GAP:.0%} in ≤ {TARGET_SECONDS:g} s, never below greedy, no broken rule)"
    )
    return all_ok


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    spec = packaged_framework("7c")
    print(f"{cases} generated cases per regime, 139 recommendations × {HORIZON} quarters each")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start")
    for name, share in REGIMES:
        run_regime(name, share, cases, spec)


if __name__ == "__main__":
    main()
