"""The budget → ITCQ frontier: factors, scaled budgets, proven points and a frontier that never falls."""

import math
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sevenc.roadmap.optimiser.frontier import (
    FROM_PREVIOUS,
    FrontierError,
    FrontierPoint,
    check_factors,
    frontier,
    never_falling,
    parse_factors,
    reached,
    scaled,
)
from sevenc.roadmap.optimiser.incumbent import relative_gap
from sevenc.roadmap.optimiser.schedule import QuarterLimit, Task, objective, violations
from sevenc.roadmap.optimiser.solver import OptimiseResult
from sevenc.roadmap.optimiser.tests.test_optimiser_properties import plans
from sevenc.roadmap.optimiser.tests.test_optimiser_workers import crowded_plan

PROVEN = {"Optimal", "Gap proven"}


def test_factors_are_numbers_above_zero_in_rising_order():
    assert check_factors([1.5, 0.5, 1]) == (0.5, 1.0, 1.5)
    assert parse_factors(" 0.5, 1,1.5 ") == (0.5, 1.0, 1.5)


@pytest.mark.parametrize(
    ("factors", "message"),
    [
        ([], "factors: give at least one budget factor"),
        ([1, 0], "factors[1]: 0 must be above 0"),
        ([-0.5], "factors[0]: -0.5 must be above 0"),
        ([True], "factors[0]: True is not a number"),
        (["1"], "factors[0]: '1' is not a number"),
        ([math.nan], "factors[0]: nan is not a number"),
        ([math.inf], "factors[0]: inf is not a number"),
        ([1, 2, 1.0], "factors[2]: 1 is given twice"),
        ([1000], "factors[0]: 1000 must be above 0 and at most 100"),
        ("0.5,1", "factors: give at least one budget factor"),  # text is not a list of numbers
    ],
)
def test_bad_factors_are_refused_naming_the_factor(factors, message):
    with pytest.raises(FrontierError) as caught:
        check_factors(factors)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "factors: give at least one"),
        ("0.5,,1", "factors[1]: '' is not a number"),
        ("1,cheap", "factors[1]: 'cheap'"),
    ],
)
def test_bad_factor_text_is_refused_naming_the_factor(text, message):
    with pytest.raises(FrontierError) as caught:
        parse_factors(text)
    assert str(caught.value).startswith(message)


def test_scaling_touches_only_the_one_time_budget_and_keeps_whole_cents():
    quarters = [QuarterLimit("Q1", 1000.0, 40.0, 300.0), QuarterLimit("Q2", 333.33, 20.0, None)]
    assert scaled(quarters, 0.75) == (
        QuarterLimit("Q1", 750.0, 40.0, 300.0),
        QuarterLimit("Q2", 250.0, 20.0, None),
    )


def assert_a_proven_frontier(tasks, quarters, points, rel_gap):
    assert [p.factor for p in points] == sorted(p.factor for p in points)
    values = []
    for point in points:
        assert point.quarters == scaled(quarters, point.factor)
        if point.result is None:
            assert point.reason
            assert not values, "a smaller budget had a schedule, so this one has too"
            continue
        result = point.result
        assert not violations(tasks, point.quarters, result.schedule)  # under this point's own budgets
        assert result.objective == pytest.approx(objective(tasks, result.schedule, len(quarters)))
        if result.status in PROVEN:
            assert result.bound is not None and result.gap is not None
            assert result.gap <= rel_gap + 1e-9
            assert result.gap == pytest.approx(relative_gap(result.objective, result.bound))
        values.append(result.objective)
    assert values == sorted(values), "the frontier never falls as the budget grows"


def test_a_crowded_plan_gives_a_rising_proven_frontier_with_no_thread_left_behind():
    tasks, quarters = crowded_plan(count=24, horizon=3)
    threads_before = threading.active_count()
    points = frontier(tasks, quarters, processes=1, time_limit=20.0)
    assert threading.active_count() == threads_before
    assert [p.factor for p in points] == [0.5, 0.75, 1.0, 1.25, 1.5]
    assert all(p.result is not None and p.result.status in PROVEN for p in points)
    assert_a_proven_frontier(tasks, quarters, points, 0.01)
    assert points[0].budget_total == pytest.approx(
        0.5 * sum(q.budget for q in quarters), abs=0.01 * len(quarters)
    )
    assert points[-1].result.objective > points[0].result.objective  # the budget binds in this plan


def test_worker_processes_give_the_same_kind_of_frontier():
    tasks, quarters = crowded_plan(count=20, horizon=3)
    points = frontier(tasks, quarters, (0.6, 1.0, 1.4), processes=2, time_limit=20.0)
    assert len(points) == 3
    assert_a_proven_frontier(tasks, quarters, points, 0.01)


def test_a_point_whose_pins_do_not_fit_its_budget_says_why_and_the_rest_go_on():
    tasks = [Task("pinned", 1.0, one_time_cost=800, pin=1), Task("free", 2.0, one_time_cost=500)]
    quarters = [QuarterLimit("Q1", 1000, 40), QuarterLimit("Q2", 1000, 40)]
    points = frontier(tasks, quarters, (0.5, 1.0), processes=1)
    assert points[0].result is None and "pinned" in points[0].reason
    assert points[1].result is not None and points[1].result.schedule["pinned"] == 1
    assert_a_proven_frontier(tasks, quarters, points, 0.01)


def result(schedule, value, bound, status="Gap proven"):
    return OptimiseResult(
        schedule, value, None, None, relative_gap(value, bound), status, 0.1, "search", bound
    )


def test_a_point_below_its_predecessor_takes_its_schedule_and_keeps_its_own_bound():
    tasks = [Task("a", 3.0, one_time_cost=500), Task("b", 1.0, one_time_cost=500)]
    small = (QuarterLimit("Q1", 500, 40),)
    large = (QuarterLimit("Q1", 1000, 40),)
    poor = result(
        {"a": None, "b": 1}, 1.0, 4.0, status="Time limit reached"
    )  # a weak run at the larger budget
    points = [
        FrontierPoint(1.0, small, result({"a": 1, "b": None}, 3.0, 3.0)),
        FrontierPoint(2.0, large, poor),
    ]
    repaired = never_falling(tasks, points)
    after = repaired[1].result
    assert after is not None
    assert after.schedule == {"a": 1, "b": None} and after.objective == 3.0
    assert after.source == FROM_PREVIOUS and after.bound == 4.0
    assert after.gap == pytest.approx(1 / 3)  # against its own bound: honest, and smaller than before
    assert not violations(tasks, large, after.schedule)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan=plans(),
    factors=st.lists(st.sampled_from([0.25, 0.5, 1.0, 1.5, 3.0]), min_size=1, max_size=3, unique=True),
)
def test_every_frontier_point_keeps_its_scaled_budgets_and_the_frontier_never_falls(plan, factors):
    tasks, quarters = plan
    points = frontier(tasks, quarters, factors, processes=1, time_limit=20.0)
    assert_a_proven_frontier(tasks, quarters, points, 0.01)


def test_the_optimiser_and_its_worker_processes_import_no_django():
    """The package is pure, so a frontier worker process (started from a clean fork server) loads no Django."""
    code = (
        "import sys, pkgutil, importlib, sevenc.roadmap.optimiser as p\n"
        "for m in pkgutil.iter_modules(p.__path__):\n"
        "    importlib.import_module(f'sevenc.roadmap.optimiser.{m.name}')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_a_point_reaching_less_far_takes_its_predecessors_schedule_when_that_is_within_the_gap():
    # "early" pays off sooner (more area) but "far" is worth more at the horizon; at the larger budget the
    # solver settled for "early" alone, within 1 % of its bound, while the smaller budget reached "far".
    tasks = [Task("early", 1.0, one_time_cost=600), Task("far", 1.05, one_time_cost=600)]
    small = (QuarterLimit("Q1", 600, 40), QuarterLimit("Q2", 600, 40))
    large = (QuarterLimit("Q1", 700, 40), QuarterLimit("Q2", 700, 40))
    points = [
        FrontierPoint(1.0, small, result({"early": None, "far": 1}, 2.1, 2.1)),
        FrontierPoint(1.2, large, result({"early": 1, "far": None}, 2.0, 2.12)),
    ]
    repaired = never_falling(tasks, points, rel_gap=0.01)
    after = repaired[1].result
    assert after is not None and after.schedule == {"early": None, "far": 1}
    assert reached(tasks, after.schedule) == 1.05 and after.gap is not None and after.gap <= 0.01


def test_a_point_reaching_less_far_keeps_its_schedule_when_the_predecessors_is_outside_the_gap():
    tasks = [Task("early", 1.0, one_time_cost=600), Task("far", 1.05, one_time_cost=600)]
    small = (QuarterLimit("Q1", 600, 40), QuarterLimit("Q2", 600, 40))
    large = (QuarterLimit("Q1", 700, 40), QuarterLimit("Q2", 700, 40))
    points = [
        FrontierPoint(1.0, small, result({"early": None, "far": 2}, 1.05, 1.05)),
        FrontierPoint(1.2, large, result({"early": 1, "far": None}, 2.0, 2.0)),
    ]
    assert never_falling(tasks, points, rel_gap=0.01)[1].result.schedule == {"early": 1, "far": None}
