"""The budget conversation through the services: quarter budgets and a fiscal year spread over its quarters,
projects beyond the gaps, and the budget → ITCQ frontier computed and adopted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sevenc.lib.errors import Conflict, DomainError
from sevenc.roadmap.models import QuarterPlan, RoadmapRun
from sevenc.roadmap.projects import Frontier, Project, entry_key
from sevenc.roadmap.services import optimise_roadmap, plan_quarters, propose_recommendations
from sevenc.roadmap.services.frontier import adopt_frontier_point, compute_frontier
from sevenc.roadmap.services.inputs import plan_data
from sevenc.roadmap.services.projects import remove_project, save_project
from sevenc.roadmap.services.quarters import set_year_budget, update_quarter
from sevenc.tenancy.access import Caller

ON = dt.date(2026, 10, 5)  # planning happens on this day, whenever the tests run


@pytest.fixture
def system(msp):
    return Caller.system(msp)


@pytest.fixture
def planned(workshop, client_co):
    recommendations = propose_recommendations(workshop=workshop)
    quarters = plan_quarters(client=client_co, after=ON, budget=5000, capacity_hours=60, horizon=4)
    return recommendations, quarters


# Quarter budgets -----------------------------------------------------------------------------------------


def test_one_quarters_budget_and_capacity_are_set_and_a_stale_edit_changes_nothing(planned):
    _, quarters = planned
    first = quarters[0]
    saved = update_quarter(
        quarter=first, budget=Decimal("7500.50"), capacity_hours=80, expected_version=first.version
    )
    assert (saved.budget, saved.capacity_hours, saved.version) == (Decimal("7500.50"), 80, first.version + 1)
    with pytest.raises(Conflict):
        update_quarter(quarter=first, budget=1, capacity_hours=1, expected_version=first.version)
    assert QuarterPlan.objects.get(pk=first.pk).budget == Decimal("7500.50")


@pytest.mark.parametrize(
    ("budget", "capacity", "field"),
    [(-1, 10, "budget"), (True, 10, "budget"), ("NaN", 10, "budget"), (10, -5, "capacity_hours")],
)
def test_a_quarter_refuses_amounts_out_of_bounds_naming_the_field(planned, budget, capacity, field):
    _, quarters = planned
    with pytest.raises(DomainError) as refused:
        update_quarter(quarter=quarters[0], budget=budget, capacity_hours=capacity)
    assert refused.value.field == field
    assert QuarterPlan.objects.get(pk=quarters[0].pk).budget == Decimal(5000)


def test_a_fiscal_years_total_spreads_over_its_quarters_to_the_cent(planned, client_co):
    _, quarters = planned
    year = quarters[0].fiscal_year
    spread = set_year_budget(client=client_co, fiscal_year=year, total=Decimal("10000.01"))
    assert sum(q.budget for q in spread) == Decimal("10000.01")
    assert max(q.budget for q in spread) - min(q.budget for q in spread) <= Decimal("0.01")
    with pytest.raises(DomainError, match="has no planned quarters"):
        set_year_budget(client=client_co, fiscal_year=1999, total=100)


# Projects --------------------------------------------------------------------------------------------------


def test_a_project_with_no_item_is_scheduled_with_the_recommendations_and_uses_budget(
    planned, workshop, system
):
    refresh = save_project(
        workshop=workshop, title="Laptop refresh", one_time_cost=4000, monthly_cost=0, effort_hours=20
    )
    run = optimise_roadmap(actor=system, workshop=workshop, time_limit=2, on=ON)
    label = run.schedule[entry_key(refresh)]
    assert label is not None  # a project is a commitment: it always gets a quarter
    spent = next(line for line in run.budget["quarters"] if line["period"] == label)
    assert spent["one_time"] >= 4000


def test_a_pinned_project_lands_in_its_quarter(planned, workshop, system):
    _, quarters = planned
    move = save_project(
        workshop=workshop, title="Office move", one_time_cost=1000, pin_quarter=quarters[2].label
    )
    run = optimise_roadmap(actor=system, workshop=workshop, time_limit=2, on=ON)
    assert run.schedule[entry_key(move)] == quarters[2].label


def test_a_project_cannot_raise_an_item_a_recommendation_already_raises(planned, workshop):
    recommendations, _ = planned
    code = recommendations[0].item.code
    with pytest.raises(DomainError, match=f"{code} is already raised by the recommendation") as refused:
        save_project(workshop=workshop, title="Backup appliance", item_codes=[code])
    assert refused.value.field == "items"
    assert not Project.objects.exists()


def test_a_project_names_unknown_items_and_unplanned_quarters(planned, workshop):
    with pytest.raises(DomainError, match=r"unknown item code.*NOPE\.1\.1"):
        save_project(workshop=workshop, title="ERP upgrade", item_codes=["NOPE.1.1"])
    with pytest.raises(DomainError, match="'FY1999 Q1' is not one of the client's planned quarters"):
        save_project(workshop=workshop, title="ERP upgrade", pin_quarter="FY1999 Q1")
    assert not Project.objects.exists()


def test_a_project_cannot_depend_on_itself_or_close_a_cycle(planned, workshop):
    first = save_project(workshop=workshop, title="Cabling")
    second = save_project(workshop=workshop, title="Wi-Fi", after_projects=[first])
    with pytest.raises(DomainError, match="cannot depend on itself"):
        save_project(workshop=workshop, project=first, title="Cabling", after_projects=[first])
    with pytest.raises(DomainError, match="dependency cycle") as refused:
        save_project(workshop=workshop, project=first, title="Cabling", after_projects=[second])
    assert refused.value.field == "after_projects"
    assert list(Project.objects.get(pk=first.pk).after_projects.all()) == []


def test_a_stale_project_edit_is_a_conflict_and_changes_nothing(planned, workshop):
    project = save_project(workshop=workshop, title="Server refresh", one_time_cost=9000)
    save_project(workshop=workshop, project=project, title="Server refresh (2)", expected_version=0)
    with pytest.raises(Conflict):
        save_project(workshop=workshop, project=project, title="Lost", expected_version=0)
    assert Project.objects.get(pk=project.pk).title == "Server refresh (2)"


def test_negative_or_boolean_project_costs_are_refused_naming_the_field(planned, workshop):
    for field, value in (("one_time_cost", -1), ("monthly_cost", True), ("effort_hours", "lots")):
        with pytest.raises(DomainError) as refused:
            save_project(workshop=workshop, title="Phones", **{field: value})
        assert refused.value.field == field
    assert not Project.objects.exists()


def test_only_a_proposed_project_can_be_removed(planned, workshop):
    project = save_project(workshop=workshop, title="Printer fleet")
    Project.objects.filter(pk=project.pk).update(status="approved")
    with pytest.raises(DomainError, match="stays on the record"):
        remove_project(project=Project.objects.get(pk=project.pk))
    Project.objects.filter(pk=project.pk).update(status="proposed")
    remove_project(project=Project.objects.get(pk=project.pk))
    assert not Project.objects.exists()


# Frontier --------------------------------------------------------------------------------------------------


def test_every_frontier_point_is_feasible_within_its_scaled_budgets_and_never_falls(
    planned, workshop, system
):
    frontier = compute_frontier(actor=system, workshop=workshop, factors=(0.5, 1.0, 1.5), on=ON, time_limit=5)
    points = frontier.points
    assert [p["factor"] for p in points] == [0.5, 1.0, 1.5]
    assert [p["budget_total"] for p in points] == [10000, 20000, 30000]
    itcqs = [p["itcq_at_horizon"] for p in points]
    assert itcqs == sorted(itcqs)
    for point in points:
        assert point["gap"] is None or point["gap"] <= 0.01
        budgets = {q["label"]: q["budget"] for q in point["quarters"]}
        data = plan_data(workshop, ON)
        spent: dict[str, float] = {}
        for key, label in point["schedule"].items():
            if label:
                spent[label] = spent.get(label, 0) + data.costs()[key][0]
        assert all(spent[label] <= budgets[label] + 1e-6 for label in spent)


def test_adopting_a_point_sets_its_budgets_and_optimises_from_its_schedule(planned, workshop, system):
    frontier = compute_frontier(actor=system, workshop=workshop, factors=(0.5, 1.5), on=ON, time_limit=5)
    run = adopt_frontier_point(actor=system, frontier=frontier, factor=1.5)
    assert isinstance(run, RoadmapRun) and run.workshop == workshop
    assert {q.budget for q in QuarterPlan.objects.filter(client=workshop.client)} == {Decimal(7500)}
    assert run.objective >= frontier.points[1]["objective"] - 1e-6


def test_adopting_a_factor_not_on_the_frontier_is_refused(planned, workshop, system):
    frontier = compute_frontier(actor=system, workshop=workshop, factors=(1.0,), on=ON, time_limit=5)
    with pytest.raises(DomainError, match="is not a point of this frontier") as refused:
        adopt_frontier_point(actor=system, frontier=frontier, factor=2.0)
    assert refused.value.field == "factor"
    assert not RoadmapRun.objects.exists()


@pytest.mark.parametrize("factors", [(0,), (-1,), ("half",), (True,), (float("nan"),), ()])
def test_bad_factors_are_refused_and_nothing_is_stored(planned, workshop, system, factors):
    with pytest.raises(DomainError) as refused:
        compute_frontier(actor=system, workshop=workshop, factors=factors, on=ON, time_limit=2)
    assert refused.value.field == "factors"
    assert not Frontier.objects.exists()
