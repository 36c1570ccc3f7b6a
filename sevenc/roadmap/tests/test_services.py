import datetime as dt
from decimal import Decimal

import pytest

from sevenc.assessments.services import answers_of, create_assessment
from sevenc.catalogue.models import Item
from sevenc.lib.errors import Conflict, DomainError
from sevenc.roadmap.models import QuarterPlan, Recommendation, RoadmapRun
from sevenc.roadmap.services import (
    RoadmapError,
    approve_roadmap,
    optimise_roadmap,
    plan_quarters,
    prefill_from_done_recommendations,
    propose_recommendations,
    set_status,
    set_template,
    update_recommendation,
)
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped

Status = Recommendation.Status
ON = dt.date(2026, 10, 5)  # planning happens on this day, whenever the tests run


def SYSTEM(workshop):
    return Caller.system(workshop.client.msp)


def caller_of_user(user):
    return Caller.of_membership(user.membership)


@pytest.fixture
def proposals(workshop, msp):
    item = Item.objects.get(framework=workshop.baseline.framework, code="CONT.1.1")
    set_template(msp=msp, item=item, title="Write the backup policy", one_time_cost=1200, effort_hours=10)
    return {r.item.code: r for r in propose_recommendations(workshop=workshop)}


@pytest.fixture
def quarters(client_co):
    return plan_quarters(client=client_co, after=dt.date(2026, 10, 5), budget=5000, capacity_hours=40)


def test_every_gap_gets_one_recommendation_prefilled_from_the_library(workshop, proposals):
    assert set(proposals) == {"CONT.1.1", "CONT.1.2", "CONT.2.1", "COST.1.1"}
    policy = proposals["CONT.1.1"]
    assert (policy.title, policy.one_time_cost, policy.effort_hours) == ("Write the backup policy", 1200, 10)
    assert policy.target_level == 3
    # Without a library entry the item's title and the assessment's own solution note are the start.
    assert proposals["CONT.1.2"].description == "Fix CONT.1.2"
    assert propose_recommendations(workshop=workshop) == []  # no second copy


def test_quarters_follow_the_clients_fiscal_year(client_co, quarters):
    assert [q.label for q in quarters][:2] == ["FY2027 Q1", "FY2027 Q2"]
    assert len(quarters) == 8


def test_dependency_cycle_is_refused_naming_it(proposals):
    policy, process = proposals["CONT.1.1"], proposals["CONT.1.2"]
    update_recommendation(recommendation=process, depends_on=[policy])
    with pytest.raises(
        RoadmapError, match=r"dependency cycle (Write the backup policy|Backup process implementation) → "
    ):
        update_recommendation(recommendation=policy, depends_on=[process])
    assert list(policy.depends_on.all()) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"one_time_cost": -5}, "one_time_cost: -5 is out of range"),
        ({"one_time_cost": 123_456_789_012}, "one_time_cost: 123,456,789,012 is out of range"),
        ({"monthly_cost": "lots"}, "monthly_cost: 'lots' is text; give a number"),
        ({"effort_hours": True}, "effort_hours: true is not a number"),
        ({"title": "x" * 301}, "title: at most 300 characters"),
        (
            {"pin_quarter": "FY1999 Q1"},
            "pin_quarter: 'FY1999 Q1' is not one of the client's planned quarters",
        ),
        ({"delivered_by": "elves"}, "delivered_by"),
    ],
)
def test_bad_edit_is_refused_and_nothing_changes(proposals, quarters, changes, message):
    rec = proposals["CONT.1.1"]
    with pytest.raises(DomainError, match=message):
        update_recommendation(recommendation=rec, **{"title": "Renamed", **changes})
    rec.refresh_from_db()
    assert rec.title == "Write the backup policy"


def test_optimised_roadmap_is_stored_and_keeps_dependencies(workshop, proposals, quarters, vcio):
    policy, process = proposals["CONT.1.1"], proposals["CONT.1.2"]
    update_recommendation(recommendation=process, depends_on=[policy], one_time_cost=4500, effort_hours=30)
    run = optimise_roadmap(actor=Caller.system(workshop.client.msp, user=vcio), workshop=workshop, on=ON)
    labels = [q.label for q in quarters]
    assert labels.index(run.schedule[str(policy.pk)]) < labels.index(run.schedule[str(process.pk)])
    assert [p["quarter"] for p in run.projection] == labels
    assert run.projection[-1]["itcq"] > run.current_itcq
    assert run.objective >= run.greedy_objective
    first = run.budget["quarters"][0]
    assert first["period"] == "FY2027 Q1" and first["one_time"] <= 5000
    assert [year["period"] for year in run.budget["years"]] == ["FY2027", "FY2028"]


def test_infeasible_pins_store_nothing_and_say_which_constraint(workshop, proposals, quarters):
    for code in ("CONT.1.1", "CONT.1.2"):
        update_recommendation(recommendation=proposals[code], one_time_cost=3000, pin_quarter="FY2027 Q2")
    with pytest.raises(RoadmapError, match="pins exceed the one-time budget of FY2027 Q2: 6000 > 5000"):
        optimise_roadmap(actor=SYSTEM(workshop), workshop=workshop, on=ON)
    assert not RoadmapRun.objects.exists()


def test_approving_schedules_and_dates_the_recommendations(workshop, proposals, quarters, client_viewer):
    run = optimise_roadmap(actor=SYSTEM(workshop), workshop=workshop, on=ON)
    approve_roadmap(actor=caller_of_user(client_viewer), run=run, on=ON)
    rec = Recommendation.objects.get(pk=proposals["CONT.1.1"].pk)
    assert rec.status == Status.APPROVED and rec.approved_by == client_viewer
    quarter = QuarterPlan.objects.get(client=rec.client, label=rec.quarter)
    # Its work item is dated within the quarter, by effort and dependencies, not all at quarter-end.
    assert (
        rec.due_date == rec.work_item.due
        and quarter.start <= rec.work_item.start <= rec.due_date <= quarter.end
    )
    with pytest.raises(Conflict, match="already approved"):
        approve_roadmap(actor=SYSTEM(workshop), run=run)


def test_status_moves_only_along_the_workflow(proposals):
    rec = proposals["CONT.1.1"]
    system = SYSTEM(rec.workshop)
    with pytest.raises(Conflict, match="a proposed recommendation cannot become done"):
        set_status(actor=system, recommendation=rec, status=Status.DONE)
    for status in (Status.APPROVED, Status.IN_PROGRESS, Status.DONE):
        rec = set_status(actor=system, recommendation=rec, status=status)
    assert rec.completed_at is not None
    with pytest.raises(Conflict, match="no further change"):
        set_status(actor=system, recommendation=rec, status=Status.DEFERRED)


def test_completed_recommendation_prefills_the_next_assessment_for_review(
    client_co, proposals, completed_assessment
):
    rec = proposals["CONT.1.1"]
    for status in (Status.APPROVED, Status.IN_PROGRESS, Status.DONE):
        set_status(actor=SYSTEM(rec.workshop), recommendation=rec, status=status)
    draft = create_assessment(
        client=client_co,
        title="2026 Q4 review",
        as_of=dt.date(2026, 12, 31),
        prefill_from=completed_assessment,
    )
    assert prefill_from_done_recommendations(actor=SYSTEM(rec.workshop), assessment=draft) == 1
    assert answers_of(draft)["CONT.1.1"].level == 3
    note = draft.responses.get(item__code="CONT.1.1").evidence
    assert "Write the backup policy" in note and "review" in note
    assert draft.status == "draft"  # still to be reviewed and completed by people
    assert prefill_from_done_recommendations(actor=SYSTEM(rec.workshop), assessment=draft) == 0


def test_recommendations_are_invisible_to_another_msp(proposals, other_msp, msp):
    assert scoped(Recommendation, Scope(other_msp)).count() == 0
    assert scoped(Recommendation, Scope(msp)).count() == 4
    assert Decimal(scoped(Recommendation, Scope(msp)).get(item__code="CONT.1.1").one_time_cost) == 1200


def test_deferred_prerequisite_keeps_its_dependents_off_the_roadmap(workshop, proposals, quarters):
    policy, process = proposals["CONT.1.1"], proposals["CONT.1.2"]
    update_recommendation(recommendation=process, depends_on=[policy])
    set_status(actor=SYSTEM(policy.workshop), recommendation=policy, status=Status.DEFERRED)
    run = optimise_roadmap(actor=SYSTEM(workshop), workshop=workshop, on=ON)
    assert run.schedule[str(policy.pk)] is None
    assert run.schedule[str(process.pk)] is None


def test_done_prerequisite_no_longer_holds_its_dependents_back(workshop, proposals, quarters):
    policy, process = proposals["CONT.1.1"], proposals["CONT.1.2"]
    update_recommendation(recommendation=process, depends_on=[policy])
    for status in (Status.APPROVED, Status.IN_PROGRESS, Status.DONE):
        set_status(actor=SYSTEM(policy.workshop), recommendation=policy, status=status)
    run = optimise_roadmap(actor=SYSTEM(workshop), workshop=workshop, on=ON)
    assert str(policy.pk) not in run.schedule
    assert run.schedule[str(process.pk)] == "FY2027 Q1"
