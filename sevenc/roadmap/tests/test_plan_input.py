import pytest

from sevenc.roadmap.optimiser.plan_input import PlanInputError, parse_plan
from sevenc.roadmap.optimiser.planning import plan


def test_a_valid_plan_is_optimised_projected_and_keeps_its_dependency(plan_doc, resolve):
    outcome = plan(parse_plan(plan_doc, resolve))
    schedule = outcome.schedule
    assert set(schedule) == {"backup-policy", "backup-process", "backup-owners", "it-budget"}
    labels = list(outcome.labels)
    if schedule["backup-process"] is not None:
        assert labels.index(schedule["backup-policy"]) < labels.index(schedule["backup-process"])
    assert [p.quarter for p in outcome.projection] == labels
    assert outcome.projection[-1].itcq > outcome.current_itcq
    assert outcome.result.objective >= outcome.result.greedy_objective


def error_of(plan_doc, resolve) -> str:
    with pytest.raises(PlanInputError) as caught:
        parse_plan(plan_doc, resolve)
    return str(caught.value)


def test_dependency_cycle_is_refused_naming_the_cycle(plan_doc, resolve):
    plan_doc["recommendations"][0]["depends_on"] = ["backup-process"]
    assert error_of(plan_doc, resolve) == ("dependency cycle backup-policy → backup-process → backup-policy")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "one_time_cost",
            -1,
            "recommendations[0] (id 'backup-policy'): one_time_cost: -1 is out of range: give a number from 0",
        ),
        (
            "monthly_cost",
            "cheap",
            "recommendations[0] (id 'backup-policy'): monthly_cost: 'cheap' is text; give a number",
        ),
        ("effort_hours", True, "effort_hours: true is not a number"),
        ("one_time_cost", 12.345, "one_time_cost: 12.345 has more than 2 decimal(s)"),
        ("depends_on", ["backup-policy"], "recommendations[0] (id 'backup-policy'): depends on itself"),
        ("item", "CONT.99.1", "recommendations[0] (id 'backup-policy'): unknown item 'CONT.99.1' in 7c 1.0"),
        ("depends_on", ["nope"], "depends on unknown id 'nope'"),
        ("pin_quarter", "FY2030 Q1", "pin_quarter 'FY2030 Q1' is not one of the quarters"),
        ("colour", "red", "unknown field(s) 'colour'"),
    ],
)
def test_bad_recommendation_is_refused_naming_the_entry(plan_doc, resolve, field, value, message):
    plan_doc["recommendations"][0][field] = value
    assert message in error_of(plan_doc, resolve)


def test_second_recommendation_for_the_same_item_is_refused(plan_doc, resolve):
    plan_doc["recommendations"][2]["item"] = "CONT.1.1"
    assert error_of(plan_doc, resolve) == (
        "recommendations[2] (id 'backup-owners'): item CONT.1.1 already has recommendation 'backup-policy'; "
        "one per item"
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("budget", -5, "quarters[0] ('FY2027 Q1'): budget: -5 is out of range: give a number from 0"),
        ("budget", "lots", "quarters[0] ('FY2027 Q1'): budget: 'lots' is text; give a number"),
        ("budget", False, "quarters[0] ('FY2027 Q1'): budget: false is not a number"),
        ("capacity_hours", None, "capacity_hours: must be a number"),
        ("recurring_ceiling", float("nan"), "recurring_ceiling: nan is not a finite number"),
        ("label", "FY2027 Q2", "label used twice"),
    ],
)
def test_bad_quarter_is_refused_naming_the_entry(plan_doc, resolve, field, value, message):
    plan_doc["quarters"][0][field] = value
    assert message in error_of(plan_doc, resolve)


def test_recommendation_for_an_unanswered_item_asks_to_assess_first(plan_doc, resolve):
    plan_doc["recommendations"][2]["item"] = "CONT.2.2"
    assert "item CONT.2.2 has no level yet; assess it first" in error_of(plan_doc, resolve)


def test_pins_over_a_quarters_budget_name_the_constraint_and_quarter(plan_doc, resolve):
    plan_doc["recommendations"][0]["pin_quarter"] = "FY2027 Q2"
    plan_doc["recommendations"][3]["pin_quarter"] = "FY2027 Q2"
    plan_doc["recommendations"][3]["one_time_cost"] = 2000
    assert error_of(plan_doc, resolve) == (
        "pins exceed the one-time budget of FY2027 Q2: 3500 > 3000 (backup-policy, it-budget)"
    )


def test_pins_over_the_recurring_ceiling_name_the_quarter(plan_doc, resolve):
    plan_doc["recommendations"][1].update(pin_quarter="FY2027 Q1", depends_on=[], monthly_cost=250)
    assert error_of(plan_doc, resolve).startswith("pins exceed the recurring ceiling of FY2027 Q1: 750 > 600")


def test_pin_within_the_recurring_ceiling_is_accepted(plan_doc, resolve):
    plan_doc["recommendations"][1].update(pin_quarter="FY2027 Q1", depends_on=[], monthly_cost=200)
    assert parse_plan(plan_doc, resolve).recommendations[1].pin_quarter == "FY2027 Q1"


def test_pinned_dependent_of_an_excluded_prerequisite_is_refused(plan_doc, resolve):
    plan_doc["recommendations"][0]["exclude"] = True
    plan_doc["recommendations"][1]["pin_quarter"] = "FY2027 Q3"
    assert error_of(plan_doc, resolve) == (
        "backup-process is pinned to FY2027 Q3 but its prerequisite backup-policy is excluded"
    )


def test_pinned_and_excluded_at_once_is_refused(plan_doc, resolve):
    plan_doc["recommendations"][3].update(exclude=True, pin_quarter="FY2027 Q1")
    assert "is both excluded and pinned to 'FY2027 Q1'" in error_of(plan_doc, resolve)


def test_bad_assessment_part_is_reported_as_in_the_exchange_format(plan_doc, resolve):
    plan_doc["responses"][0]["level"] = 7
    assert "responses[0] (item 'CONT.1.1') level: 7 is out of range: give a number from 0 to 4" in error_of(
        plan_doc, resolve
    )


def test_bad_targets_are_refused(plan_doc, resolve):
    plan_doc["targets"]["blocks"]["CONT"] = 120
    assert "targets.blocks['CONT']: 120 is out of range: give a number from 0 to 100" in error_of(
        plan_doc, resolve
    )
