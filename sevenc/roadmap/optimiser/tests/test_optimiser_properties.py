"""Whatever the plan, the optimiser's schedule keeps every rule and is never worse than the greedy's."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sevenc.roadmap.optimiser.greedy import greedy_schedule
from sevenc.roadmap.optimiser.schedule import InfeasiblePlan, QuarterLimit, Task, objective, violations
from sevenc.roadmap.optimiser.solver import optimise

money = st.sampled_from([0, 50, 100, 250, 500, 1000, 2500])
hours = st.sampled_from([0, 2, 4, 8, 16, 24, 40])


@st.composite
def plans(draw):
    horizon = draw(st.integers(1, 5))
    quarters = [
        QuarterLimit(
            f"Q{q}",
            budget=draw(st.sampled_from([0, 500, 1000, 3000])),
            capacity_hours=draw(st.sampled_from([0, 10, 40, 80])),
            recurring_ceiling=draw(st.one_of(st.none(), st.sampled_from([0, 300, 1500, 6000]))),
        )
        for q in range(1, horizon + 1)
    ]
    count = draw(st.integers(0, 14))
    tasks = []
    for n in range(count):
        # Prerequisites only among earlier tasks: no cycles (plan_input rejects those before this point).
        deps = draw(st.lists(st.integers(0, n - 1), max_size=2, unique=True)) if n else []
        pin = draw(st.one_of(st.none(), st.none(), st.none(), st.integers(1, horizon)))
        tasks.append(
            Task(
                id=f"r{n}",
                gain=draw(st.sampled_from([0.0, 0.1, 0.25, 0.5, 1.0, 1.7, 3.0])),
                one_time_cost=draw(money),
                monthly_cost=draw(st.sampled_from([0, 0, 25, 100])),
                effort_hours=draw(hours),
                depends_on=tuple(f"r{d}" for d in deps),
                pin=pin,
                exclude=pin is None and draw(st.booleans()) and draw(st.booleans()),
                required=draw(st.sampled_from([False, False, False, False, True])),  # a project now and then
            )
        )
    return tasks, quarters


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_optimised_schedule_keeps_every_rule_and_beats_greedy(plan):
    tasks, quarters = plan
    try:
        result = optimise(tasks, quarters, time_limit=5)
    except InfeasiblePlan:
        # Only pins and required tasks can make a plan infeasible; without them every task may stay unscheduled.
        assert any(t.pin is not None or t.required for t in tasks)
        return
    assert violations(tasks, quarters, result.schedule) == []
    assert result.objective == objective(tasks, result.schedule, len(quarters))
    # Plans this small are always proven well within the time limit.
    assert result.status in {"Optimal", "Gap proven"}
    assert result.gap is not None and result.gap <= 0.01 + 1e-9
    if result.greedy_objective is not None:
        assert result.objective >= result.greedy_objective - 1e-9


@settings(max_examples=150, deadline=None)
@given(plans())
def test_greedy_schedule_keeps_every_rule(plan):
    tasks, quarters = plan
    try:
        schedule = greedy_schedule(tasks, quarters)
    except InfeasiblePlan:
        assert any(t.pin is not None or t.required for t in tasks)
        return
    if schedule is not None:
        assert violations(tasks, quarters, schedule) == []
    else:
        assert any(t.pin is not None or t.required for t in tasks)
