"""The optimiser's two workers — window search and HiGHS in a second thread — and what they share."""

import random
import threading

import pytest

from sevenc.roadmap.optimiser import solver as optimiser
from sevenc.roadmap.optimiser.background_solve import BackgroundSolve
from sevenc.roadmap.optimiser.greedy import greedy_schedule
from sevenc.roadmap.optimiser.incumbent import Incumbent, relative_gap
from sevenc.roadmap.optimiser.milp import INF, Model
from sevenc.roadmap.optimiser.schedule import QuarterLimit, Task, objective, violations
from sevenc.roadmap.optimiser.solver import optimise
from sevenc.roadmap.optimiser.window_search import WindowSearch


def quarters(n=3, budget=1000.0, hours=40.0, ceiling=None):
    return [QuarterLimit(f"Q{q}", budget, hours, ceiling) for q in range(1, n + 1)]


def crowded_plan(seed=7, count=60, horizon=6):
    """Many recommendations competing for budgets that pay for about half of them: a plan where the
    choice matters, like the benchmark's "tight" clients but small enough for a unit test."""
    rng = random.Random(seed)
    tasks = [
        Task(
            f"r{n}",
            gain=round(rng.uniform(0.05, 1.5), 3),
            one_time_cost=rng.choice((0, 500, 1000, 2500, 5000)),
            monthly_cost=rng.choice((0, 0, 25, 100)),
            effort_hours=rng.choice((4, 8, 16, 24, 40)),
            depends_on=(f"r{n - 1}",) if n and rng.random() < 0.15 else (),
        )
        for n in range(count)
    ]
    budget = sum(t.one_time_cost for t in tasks) / horizon * 0.5
    hours = sum(t.effort_hours for t in tasks) / horizon * 0.5
    ceiling = 3 * sum(t.monthly_cost for t in tasks) * 0.6
    return tasks, [QuarterLimit(f"Q{q}", budget, hours, ceiling * q / horizon) for q in range(1, horizon + 1)]


def test_incumbent_refuses_a_schedule_that_breaks_a_rule():
    tasks = [Task("a", 5.0, one_time_cost=2000)]
    incumbent = Incumbent(tasks, quarters(2), 0.01, INF)
    assert not incumbent.offer({"a": 1}, "solver")  # over Q1's budget of 1000, however valuable
    assert incumbent.best is None


def test_incumbent_keeps_only_improvements_and_counts_them():
    tasks = [Task("a", 1.0), Task("b", 2.0)]
    incumbent = Incumbent(tasks, quarters(2), 0.01, INF)
    assert incumbent.offer({"a": 2, "b": None}, "greedy")
    assert not incumbent.offer({"a": 2, "b": None}, "search")  # the same value is not an improvement
    assert incumbent.offer({"a": 1, "b": 1}, "search")
    assert not incumbent.offer({"a": 2, "b": 2}, "solver")
    best = incumbent.best
    assert best is not None
    assert (best.schedule, best.value, best.source, best.version) == ({"a": 1, "b": 1}, 6.0, "search", 2)


def test_gap_is_proven_once_the_best_is_within_the_gap_of_the_lowest_bound():
    tasks = [Task("a", 1.0)]
    incumbent = Incumbent(tasks, quarters(1), 0.01, INF)
    assert not incumbent.proven()  # nothing found yet
    incumbent.offer({"a": 1}, "greedy")
    assert incumbent.gap() is None and not incumbent.proven()  # no bound yet
    incumbent.tighten(1.5)
    incumbent.tighten(INF)  # an infinite bound says nothing and changes nothing
    assert incumbent.gap() == pytest.approx(0.5)
    incumbent.tighten(1.005)
    assert incumbent.proven()
    incumbent.tighten(1.2)  # a looser bound never replaces a tighter one
    assert incumbent.bound == pytest.approx(1.005)


def test_relative_gap_is_measured_against_the_schedule_like_highs_does():
    assert relative_gap(200.0, 202.0) == pytest.approx(0.01)
    assert relative_gap(0.0, 0.0) == 0.0
    assert relative_gap(5.0, INF) is None


def test_window_search_improves_a_poor_schedule_and_keeps_every_rule():
    tasks, limits = crowded_plan(count=40)
    model = Model(tasks, limits)
    poor = {t.id: None for t in tasks}
    incumbent = Incumbent(tasks, limits, 0.0, INF)
    incumbent.offer(poor, "greedy")
    WindowSearch(model, incumbent).run(deadline=float("inf"), should_stop=lambda: False)
    best = incumbent.best
    assert best is not None and best.source == "search"
    assert not violations(tasks, limits, best.schedule)
    greedy = greedy_schedule(tasks, limits)
    assert greedy is not None
    assert best.value >= objective(tasks, greedy, len(limits))  # from nothing to better than the greedy


def test_window_search_stops_when_asked():
    tasks, limits = crowded_plan()
    incumbent = Incumbent(tasks, limits, 0.0, INF)
    incumbent.offer({t.id: None for t in tasks}, "greedy")
    WindowSearch(Model(tasks, limits), incumbent).run(deadline=float("inf"), should_stop=lambda: True)
    assert incumbent.best is not None and incumbent.best.version == 1


def test_background_solve_hands_over_its_optimum_and_bound():
    tasks, limits = crowded_plan(count=30, horizon=4)
    model = Model(tasks, limits)
    incumbent = Incumbent(tasks, limits, 0.0, INF)
    greedy = greedy_schedule(tasks, limits)
    assert greedy is not None
    incumbent.offer(greedy, "greedy")
    background = BackgroundSolve(model, incumbent, time_limit=60.0, rel_gap=0.0)
    background.start()
    assert background.finished.wait(60.0)
    # HiGHS proves it, or its bound reaches the incumbent first and the interrupt check stops it.
    assert background.join().status in {"Optimal", "Interrupted by user"}
    assert incumbent.proven()
    best = incumbent.best
    assert best is not None and best.source == "solver"  # the greedy is not optimal here; HiGHS's find is
    assert best.value > objective(tasks, greedy, len(limits))


def test_background_solve_stops_when_asked():
    tasks, limits = crowded_plan(count=120, horizon=8)
    incumbent = Incumbent(tasks, limits, 0.0, INF)  # a zero gap: HiGHS alone would take long
    background = BackgroundSolve(Model(tasks, limits), incumbent, time_limit=60.0, rel_gap=0.0)
    background.start()
    background.stop()
    outcome = background.join()
    assert outcome.interrupted or outcome.status == "Optimal"


def test_a_crowded_plan_is_proven_within_the_gap_and_leaves_no_thread_behind():
    tasks, limits = crowded_plan(seed=11, count=120, horizon=8)
    threads_before = threading.active_count()
    result = optimise(tasks, limits, time_limit=30.0, rel_gap=0.01)
    assert threading.active_count() == threads_before
    assert result.status in {"Optimal", "Gap proven"}
    assert result.gap is not None and result.gap <= 0.01 + 1e-9
    assert not violations(tasks, limits, result.schedule)
    assert result.objective >= (result.greedy_objective or 0.0)
    assert result.objective == pytest.approx(objective(tasks, result.schedule, len(limits)))


def test_when_the_search_runs_out_of_ideas_a_primal_highs_run_takes_its_place(monkeypatch):
    monkeypatch.setattr(WindowSearch, "run", lambda self, deadline, should_stop: None)  # gives up at once
    started: list[bool] = []
    real = optimiser.BackgroundSolve

    def spy(*args, **kwargs):
        started.append(kwargs.get("primal", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(optimiser, "BackgroundSolve", spy)
    tasks, limits = crowded_plan(count=40, horizon=4)
    result = optimise(tasks, limits, time_limit=30.0, rel_gap=0.005)
    assert started == [False, True]  # the bound worker, then the primal worker in the search's place
    assert result.status in {"Optimal", "Gap proven"}
    assert result.gap is not None and result.gap <= 0.005 + 1e-9
    assert result.source == "solver"
