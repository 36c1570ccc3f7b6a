"""Projects beyond the gaps in the plan input: parsed, checked, and scheduled with the recommendations."""

import pytest

from sevenc.goals.gaps import analyse
from sevenc.roadmap.optimiser.plan_input import PlanInputError, parse_plan
from sevenc.roadmap.optimiser.planning import plan, tasks_for
from sevenc.roadmap.optimiser.schedule import InfeasiblePlan, violations

REFRESH = {
    "id": "laptop-refresh",
    "title": "Laptop refresh",
    "one_time_cost": 1000,
    "monthly_cost": 0,
    "effort_hours": 10,
}


def error_of(plan_doc, resolve) -> str:
    with pytest.raises(PlanInputError) as caught:
        parse_plan(plan_doc, resolve)
    return str(caught.value)


def tasks_of(plan_input):
    analysis = analyse(
        plan_input.items, plan_input.doc.answers(), {}, plan_input.block_targets, plan_input.item_targets
    )
    labels = [q.label for q in plan_input.quarters]
    return tasks_for(plan_input.recommendations, analysis, labels, plan_input.projects)


def scheduled_quarters(outcome):
    labels = list(outcome.labels)
    return {rid: labels.index(label) + 1 if label else None for rid, label in outcome.schedule.items()}


def test_a_pinned_project_without_items_uses_its_quarters_budget_and_gains_nothing(plan_doc, resolve):
    plan_doc["projects"] = [{**REFRESH, "pin_quarter": "FY2027 Q2", "one_time_cost": 2500}]
    plan_input = parse_plan(plan_doc, resolve)
    outcome = plan(plan_input)
    assert outcome.schedule["laptop-refresh"] == "FY2027 Q2"
    assert outcome.gains["laptop-refresh"] == 0
    tasks = tasks_of(plan_input)
    quarters = scheduled_quarters(outcome)
    assert violations(tasks, plan_input.quarters, quarters) == []
    spent_q2 = sum(t.one_time_cost for t in tasks if quarters[t.id] == 2)
    assert 2500 <= spent_q2 <= 3000  # the refresh leaves 500 of Q2's budget for recommendations


def test_a_project_raising_an_item_gains_what_that_item_gains_and_lifts_the_projection(plan_doc, resolve):
    plan_doc["projects"] = [{**REFRESH, "items": ["CONT.2.1"]}]  # level 3 → CONT's target level 4
    plan_input = parse_plan(plan_doc, resolve)
    outcome = plan(plan_input)
    assert outcome.gains["laptop-refresh"] > 0
    assert outcome.schedule["laptop-refresh"] is not None  # cheap and worth it: it gets a quarter
    itcq = {p.quarter: p.itcq for p in outcome.projection}
    without = plan(parse_plan({**plan_doc, "projects": [{**REFRESH, "exclude": True}]}, resolve))
    assert itcq[outcome.labels[-1]] > without.projection[-1].itcq


def test_dependencies_run_across_projects_and_recommendations(plan_doc, resolve):
    plan_doc["projects"] = [{**REFRESH, "items": ["CONT.2.1"], "depends_on": ["backup-owners"]}]
    plan_doc["recommendations"][3]["depends_on"] = ["laptop-refresh"]  # it-budget after the refresh
    plan_input = parse_plan(plan_doc, resolve)
    quarters = scheduled_quarters(plan(plan_input))
    assert violations(tasks_of(plan_input), plan_input.quarters, quarters) == []
    if quarters["laptop-refresh"] is not None:
        assert quarters["backup-owners"] < quarters["laptop-refresh"]
    if quarters["it-budget"] is not None:
        assert quarters["laptop-refresh"] < quarters["it-budget"]


def test_an_item_raised_by_a_project_and_a_recommendation_is_refused_naming_both(plan_doc, resolve):
    plan_doc["projects"] = [{**REFRESH, "items": ["CONT.1.1"]}]
    assert error_of(plan_doc, resolve) == (
        "item CONT.1.1 is raised by both recommendation 'backup-policy' and project 'laptop-refresh'; its "
        "gain would count twice: exclude one, or take the item out of the project"
    )


def test_an_excluded_recommendation_leaves_its_item_to_the_project(plan_doc, resolve):
    plan_doc["recommendations"][3]["exclude"] = True  # it-budget, COST.1.1
    plan_doc["projects"] = [{**REFRESH, "items": ["COST.1.1"]}]
    outcome = plan(parse_plan(plan_doc, resolve))
    assert outcome.schedule["it-budget"] is None
    assert outcome.gains["laptop-refresh"] == pytest.approx(outcome.gains["it-budget"])


def test_two_projects_raising_the_same_item_are_refused(plan_doc, resolve):
    plan_doc["projects"] = [
        {**REFRESH, "items": ["CONT.2.1"]},
        {**REFRESH, "id": "office-move", "items": ["CONT.2.1"]},
    ]
    assert "raised by both project 'laptop-refresh' and project 'office-move'" in error_of(plan_doc, resolve)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"items": ["CONT.99.9"]}, "projects[0] (id 'laptop-refresh'): unknown item 'CONT.99.9' in 7c 1.0"),
        (
            {"items": ["CONT.2.1", "CONT.2.1"]},
            "projects[0] (id 'laptop-refresh'): item CONT.2.1 is listed twice",
        ),
        ({"items": "CONT.2.1"}, "projects[0] (id 'laptop-refresh'): items must be a list of item codes"),
        ({"items": ["COST.1.2"]}, "projects[0] (id 'laptop-refresh'): item COST.1.2 is N/A"),
        ({"items": ["CONT.2.2"]}, "item CONT.2.2 has no level yet; assess it first"),
        ({"depends_on": ["laptop-refresh"]}, "projects[0] (id 'laptop-refresh'): depends on itself"),
        ({"depends_on": ["nope"]}, "projects[0] (id 'laptop-refresh'): depends on unknown id 'nope'"),
        (
            {"id": "backup-policy"},
            "projects[0] (id 'backup-policy'): id used twice (first at recommendations[0])",
        ),
        ({"one_time_cost": True}, "projects[0] (id 'laptop-refresh'): one_time_cost: true is not a number"),
        ({"monthly_cost": -1}, "projects[0] (id 'laptop-refresh'): monthly_cost: -1 is out of range"),
        ({"effort_hours": "10"}, "projects[0] (id 'laptop-refresh'): effort_hours: '10' is text"),
        ({"pin_quarter": "FY2031 Q1"}, "pin_quarter 'FY2031 Q1' is not one of the quarters"),
        ({"exclude": "no"}, "exclude must be true or false"),
        ({"colour": "red"}, "unknown field(s) 'colour'"),
        ({"id": " "}, "projects[0]: 'id' is required text"),
    ],
)
def test_a_bad_project_is_refused_naming_it(plan_doc, resolve, change, message):
    plan_doc["projects"] = [{**REFRESH, **change}]
    assert message in error_of(plan_doc, resolve)


def test_a_cycle_through_a_project_is_named(plan_doc, resolve):
    plan_doc["projects"] = [{**REFRESH, "depends_on": ["it-budget"]}]
    plan_doc["recommendations"][3]["depends_on"] = ["laptop-refresh"]
    assert error_of(plan_doc, resolve) == "dependency cycle it-budget → laptop-refresh → it-budget"


def test_pinned_projects_count_against_a_quarters_budget(plan_doc, resolve):
    plan_doc["recommendations"][0]["pin_quarter"] = "FY2027 Q1"  # 1,500
    plan_doc["projects"] = [{**REFRESH, "one_time_cost": 2000, "pin_quarter": "FY2027 Q1"}]
    assert error_of(plan_doc, resolve) == (
        "pins exceed the one-time budget of FY2027 Q1: 3500 > 3000 (backup-policy, laptop-refresh)"
    )


def test_projects_must_be_a_list(plan_doc, resolve):
    plan_doc["projects"] = {"laptop-refresh": REFRESH}
    assert error_of(plan_doc, resolve) == "projects: must be a list"


def test_a_project_always_gets_a_quarter_unless_excluded(plan_doc, resolve):
    plan_doc["projects"] = [REFRESH, {**REFRESH, "id": "office-move", "exclude": True}]
    plan_input = parse_plan(plan_doc, resolve)
    outcome = plan(plan_input)
    assert outcome.schedule["laptop-refresh"] is not None  # gains nothing, but it is a commitment
    assert outcome.schedule["office-move"] is None
    assert violations(tasks_of(plan_input), plan_input.quarters, scheduled_quarters(outcome)) == []


def test_projects_that_cannot_all_fit_are_refused(plan_doc, resolve):
    plan_doc["projects"] = [{**REFRESH, "one_time_cost": 3500}]  # every quarter's budget is 3,000
    with pytest.raises(InfeasiblePlan) as caught:
        plan(parse_plan(plan_doc, resolve), time_limit=10)
    assert str(caught.value).startswith(
        "laptop-refresh must get a quarter but fits in none from FY2027 Q1 to"
    )
    plan_doc["projects"] = [
        {**REFRESH, "one_time_cost": 2000, "pin_quarter": "FY2027 Q1"},
        {**REFRESH, "id": "move", "one_time_cost": 2000, "pin_quarter": "FY2027 Q2"},
        {**REFRESH, "id": "erp", "one_time_cost": 2000, "depends_on": ["move"]},
    ]
    plan_doc["recommendations"][0]["pin_quarter"] = "FY2027 Q3"
    plan_doc["recommendations"][0]["one_time_cost"] = (
        2000  # Q3 is full too: erp fits alone but not with the pins
    )
    with pytest.raises(InfeasiblePlan, match="cannot all fit"):
        plan(parse_plan(plan_doc, resolve), time_limit=10)
