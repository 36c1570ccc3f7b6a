import itertools
import sys

import pytest

from sevenc.roadmap.greedy import greedy_schedule
from sevenc.roadmap.optimiser import optimise
from sevenc.roadmap.schedule import InfeasiblePlan, QuarterLimit, Task, objective, violations, windows


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
