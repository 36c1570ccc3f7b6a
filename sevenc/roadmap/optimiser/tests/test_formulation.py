"""The model's tightened limits, the LP's guidance for the window search, and starting from a schedule."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.roadmap.optimiser.greedy import greedy_schedule
from sevenc.roadmap.optimiser.milp import Model, tightened
from sevenc.roadmap.optimiser.schedule import QuarterLimit, Task, objective, violations, within
from sevenc.roadmap.optimiser.solver import optimise
from sevenc.roadmap.optimiser.tests.test_optimiser_workers import crowded_plan


def test_a_budget_is_rounded_down_to_what_the_costs_can_add_up_to():
    assert tightened(22_600, [500, 1000, 2500]) == 22_500
    assert tightened(150, [4, 8, 16]) == 148  # hours in multiples of 4
    assert tightened(1234.56, [0.25, 1.5]) == pytest.approx(1234.5)


def test_a_limit_stays_as_it_is_when_the_costs_share_nothing_or_are_not_whole_cents():
    assert tightened(1000, [3, 7]) == 1000
    assert tightened(1000, [0.001, 2]) == 1000  # a thousandth of a unit: no common step to round to
    assert tightened(999.99, [1000]) == 0  # a single task dearer than the budget can never fit


def test_a_limit_met_exactly_or_within_rounding_is_kept():
    assert tightened(3000, [1000, 1500]) == 3000
    assert tightened(3000 - 1e-7, [1000, 1500]) == 3000  # `within` accepts this sum, so must the model


@settings(max_examples=200, deadline=None)
@given(
    coefs=st.lists(st.integers(1, 400).map(lambda cents: cents * 25 / 100), min_size=1, max_size=6),
    limit=st.integers(0, 30_000).map(lambda cents: cents / 100),
)
def test_no_sum_that_keeps_within_the_limit_is_cut_off(coefs, limit):
    rounded = tightened(limit, coefs)
    assert rounded <= limit + 1e-9
    for size in range(len(coefs) + 1):
        for chosen in itertools.combinations(coefs, size):
            if within(sum(chosen), limit):
                assert sum(chosen) <= rounded + 1e-6


def test_the_lp_names_the_columns_it_uses_as_near_its_choice():
    tasks = [Task("a", 2.0, one_time_cost=1000), Task("b", 1.0, one_time_cost=1000)]
    limits = [QuarterLimit("Q1", 1000, 100), QuarterLimit("Q2", 1000, 100)]
    model = Model(tasks, limits)
    lp = model.relaxation(10.0)
    assert lp is not None
    assert lp.bound == pytest.approx(2 * 2 + 1 * 1)  # a in Q1, b in Q2
    near = lp.near(0.0)
    assert near[model.col["a", 1]] and near[model.col["b", 2]]
    assert lp.near(10.0).all()


def test_a_schedule_using_far_columns_loses_at_least_their_reduced_cost():
    """Why leaving far columns out of the windows is safe: by LP duality, a schedule that uses a column
    the LP left at zero is worth at most the bound minus that column's reduced cost."""
    tasks, limits = crowded_plan(seed=3, count=40, horizon=5)
    model = Model(tasks, limits)
    lp = model.relaxation(10.0)
    greedy = greedy_schedule(tasks, limits)
    assert lp is not None and greedy is not None
    far = sum(
        abs(lp.reduced_costs[c])
        for (task_id, q), c in model.col.items()
        if greedy[task_id] == q and lp.values[c] < 1e-9
    )
    assert far > 0
    assert objective(tasks, greedy, len(limits)) <= lp.bound - far + 1e-6


def test_a_start_that_keeps_every_rule_is_the_floor_of_the_answer():
    tasks = [Task(f"t{n}", gain=1.0 + n / 10, one_time_cost=500 * (n % 3 + 1)) for n in range(8)]
    limits = [QuarterLimit(f"Q{q}", 1500, 100) for q in range(1, 4)]
    start = {"t7": 1, "t6": 2, "t5": 3}
    result = optimise(tasks, limits, start=start)
    assert not violations(tasks, limits, result.schedule)
    assert result.objective >= objective(tasks, start, 3)


def test_a_start_that_breaks_a_rule_is_ignored():
    tasks = [Task("a", 1.0, one_time_cost=800), Task("b", 1.0, one_time_cost=800)]
    limits = [QuarterLimit("Q1", 1000, 100), QuarterLimit("Q2", 1000, 100)]
    result = optimise(tasks, limits, start={"a": 1, "b": 1})  # 1,600 in a quarter of 1,000
    assert not violations(tasks, limits, result.schedule)
    assert result.source != "start"
