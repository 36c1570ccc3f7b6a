import itertools
import random
import sys

import pytest

from sevenc.roadmap.optimiser.greedy import greedy_schedule
from sevenc.roadmap.optimiser.schedule import (
    InfeasiblePlan,
    QuarterLimit,
    Task,
    objective,
    violations,
    windows,
)
from sevenc.roadmap.optimiser.solver import optimise


def quarters(n=3, budget=1000.0, hours=40.0, ceiling=None):
    return [QuarterLimit(f"Q{q}", budget, hours, ceiling) for q in range(1, n + 1)]


def test_best_gain_goes_first_when_only_one_fits_per_quarter():
    tasks = [Task("small", 1.0, one_time_cost=1000), Task("big", 3.0, one_time_cost=1000)]
    result = optimise(tasks, quarters(2))
    assert result.schedule == {"big": 1, "small": 2}
    assert result.objective == pytest.approx(3 * 2 + 1 * 1)
    # Here the LP bound equals the optimum, so the searched schedule proves itself without a MIP run.
    assert result.status in {"Optimal", "Gap proven"}
    assert result.gap == pytest.approx(0.0, abs=1e-9)


def test_unscheduled_prerequisite_blocks_its_dependents():
    tasks = [Task("base", 0.1, one_time_cost=5000), Task("top", 9.0, depends_on=("base",))]
    result = optimise(tasks, quarters(3))
    assert result.schedule == {"base": None, "top": None}


def test_dependent_sits_strictly_after_its_prerequisite():
    tasks = [
        Task("policy", 0.0, effort_hours=10),
        Task("process", 5.0, effort_hours=10, depends_on=("policy",)),
    ]
    result = optimise(tasks, quarters(3))
    assert result.schedule == {"policy": 1, "process": 2}


def test_recurring_ceiling_counts_everything_started_so_far():
    # Each costs 100 a month = 300 a quarter; the ceiling of 500 lets only one run at a time.
    tasks = [Task("a", 2.0, monthly_cost=100), Task("b", 1.0, monthly_cost=100)]
    result = optimise(tasks, quarters(3, ceiling=500))
    assert sorted(q for q in result.schedule.values() if q is not None) == [1]
    assert result.schedule["a"] == 1


def test_pinned_task_sits_in_its_pin_and_excluded_task_is_unscheduled():
    tasks = [Task("pinned", 0.5, one_time_cost=900, pin=3), Task("skip", 9.0, exclude=True), Task("c", 1.0)]
    result = optimise(tasks, quarters(3))
    assert result.schedule == {"pinned": 3, "skip": None, "c": 1}


def test_pin_before_its_prerequisites_can_finish_is_infeasible():
    tasks = [Task("a", 1.0), Task("b", 1.0, depends_on=("a",), pin=1)]
    with pytest.raises(InfeasiblePlan, match="b is pinned to quarter 1 but its prerequisites need 1 earlier"):
        optimise(tasks, quarters(3))


def test_pins_that_together_break_a_budget_are_reported_as_infeasible():
    tasks = [Task("a", 1.0, one_time_cost=600, pin=1), Task("b", 1.0, one_time_cost=600, pin=1)]
    with pytest.raises(InfeasiblePlan):
        optimise(tasks, quarters(2))


def test_cycle_is_named():
    tasks = [Task("a", 1.0, depends_on=("b",)), Task("b", 1.0, depends_on=("a",))]
    with pytest.raises(InfeasiblePlan, match="a → b → a"):
        windows(tasks, 3)


def test_violations_names_every_broken_rule():
    tasks = [
        Task("a", 1.0, one_time_cost=800, effort_hours=30, monthly_cost=100),
        Task("b", 1.0, one_time_cost=800, effort_hours=30, depends_on=("a",)),
        Task("p", 1.0, pin=2),
        Task("x", 1.0, exclude=True),
    ]
    problems = violations(tasks, quarters(2, ceiling=200), {"a": 1, "b": 1, "p": None, "x": 2})
    text = "\n".join(problems)
    assert "b (quarter 1) needs a done in an earlier quarter" in text
    assert "Q1: one-time cost 1600 exceeds the budget 1000" in text
    assert "Q1: effort 60 h exceeds the capacity 40 h" in text
    assert "Q1: recurring cost 300 exceeds the ceiling 200" in text
    assert "p is pinned to quarter 2 but unscheduled" in text
    assert "x is excluded but scheduled" in text


def test_greedy_pulls_a_zero_gain_prerequisite_in_with_its_dependent():
    tasks = [Task("licence", 0.0, one_time_cost=100), Task("rollout", 4.0, depends_on=("licence",))]
    assert greedy_schedule(tasks, quarters(3)) == {"licence": 1, "rollout": 2}


def test_optimiser_never_does_worse_than_greedy():
    # Greedy takes the best ratio first (a) and so cannot fit the two that together are worth more.
    tasks = [
        Task("a", 3.0, one_time_cost=600),
        Task("b", 2.5, one_time_cost=500),
        Task("c", 2.5, one_time_cost=500),
    ]
    result = optimise(tasks, quarters(1))
    assert result.greedy_objective == pytest.approx(3.0)
    assert result.objective == pytest.approx(5.0)


def _brute_force(tasks, limits):
    best = 0.0
    for choice in itertools.product([None, *range(1, len(limits) + 1)], repeat=len(tasks)):
        schedule = dict(zip([t.id for t in tasks], choice, strict=True))
        if not violations(tasks, limits, schedule):
            best = max(best, objective(tasks, schedule, len(limits)))
    return best


def test_optimiser_matches_brute_force_on_a_small_plan():
    tasks = [
        Task("a", 2.0, one_time_cost=700, effort_hours=10, monthly_cost=50),
        Task("b", 1.5, one_time_cost=400, effort_hours=30),
        Task("c", 1.0, one_time_cost=300, effort_hours=20, depends_on=("b",)),
        Task("d", 2.2, one_time_cost=900, effort_hours=5, monthly_cost=80),
        Task("e", 0.7, one_time_cost=100, effort_hours=25, depends_on=("a",)),
    ]
    limits = quarters(3, ceiling=400)
    result = optimise(tasks, limits, rel_gap=0.0)
    assert result.objective == pytest.approx(_brute_force(tasks, limits))
    assert result.gap is not None and result.gap <= 1e-6


def test_solver_prints_nothing_on_stdout(capfd):
    optimise([Task("a", 1.0)], quarters(1))
    sys.stdout.flush()
    assert capfd.readouterr().out == ""


def test_a_required_task_gets_a_quarter_even_gaining_nothing_and_the_latest_one_that_costs_least():
    tasks = [
        Task("refresh", 0.0, one_time_cost=600, required=True),
        Task("a", 2.0, one_time_cost=600),
        Task("b", 1.0, one_time_cost=600),
    ]
    result = optimise(tasks, quarters(3))  # 1,000 a quarter: one task per quarter
    assert result.schedule == {"a": 1, "b": 2, "refresh": 3}
    assert violations(tasks, quarters(3), {"a": 1, "b": 2, "refresh": None}) == [
        "refresh must get a quarter but is unscheduled"
    ]


def test_a_required_task_pulls_in_its_prerequisite():
    tasks = [
        Task("base", 0.0, effort_hours=10),
        Task("move", 0.0, effort_hours=10, depends_on=("base",), required=True),
    ]
    result = optimise(tasks, quarters(2))
    assert result.schedule == {"base": 1, "move": 2}


def test_required_tasks_that_cannot_fit_are_refused():
    with pytest.raises(
        InfeasiblePlan, match="erp must get a quarter but fits in none from Q1 to Q2, even alone"
    ):
        optimise([Task("erp", 0.0, one_time_cost=5000, required=True)], quarters(2), time_limit=10)
    three = [Task(f"p{n}", 0.0, one_time_cost=600, required=True) for n in range(3)]  # one fits per quarter
    with pytest.raises(InfeasiblePlan, match="cannot all fit"):
        optimise(three, quarters(2), time_limit=10)
    with pytest.raises(
        InfeasiblePlan, match="move must get a quarter but a prerequisite can never be scheduled"
    ):
        optimise(
            [Task("base", 1.0, exclude=True), Task("move", 0.0, depends_on=("base",), required=True)],
            quarters(2),
        )


def test_a_reproducible_solve_gives_the_same_schedule_every_time():
    rng = random.Random(7)
    tasks = [
        Task(
            id=f"t{n}",
            gain=rng.uniform(0.1, 3),
            one_time_cost=rng.choice([0, 500, 1500, 4000]),
            monthly_cost=rng.choice([0, 0, 50]),
            effort_hours=rng.choice([4, 8, 16, 24]),
        )
        for n in range(40)
    ]
    quarters = [QuarterLimit(f"Q{q}", 6000, 40, 300) for q in range(1, 7)]
    first = optimise(tasks, quarters, reproducible=True, time_limit=30)
    assert all(
        optimise(tasks, quarters, reproducible=True, time_limit=30).schedule == first.schedule
        for _ in range(3)
    )
    assert first.gap is not None and first.gap <= 0.01
