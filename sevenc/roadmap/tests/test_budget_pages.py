# ruff: noqa: F811  (the shared `planned` fixture is imported, then named by the tests)
"""The budget conversation on the roadmap page: one quarter's budget, a fiscal year's total, projects beyond
the gaps, the frontier computed and a point adopted, amounts in the MSP's currency; bad input is a form
error naming the field and stores nothing."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sevenc.reports.services import hold_review, plan_review
from sevenc.roadmap.models import QuarterPlan, RoadmapRun
from sevenc.roadmap.projects import Frontier, Project
from sevenc.roadmap.tests.test_pages import planned  # noqa: F401  (the shared fixture)
from sevenc.tenancy.access import Caller


def _page(client, client_co) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse("roadmap_page", args=[client_co.pk])).content.decode()


def test_the_page_offers_quarter_budgets_projects_and_the_frontier(client, planned, client_co):
    page = _page(client, client_co)
    quarter = QuarterPlan.objects.filter(client=client_co).order_by("start").first()
    assert f'name="q{quarter.pk}-budget"' in page
    assert "one-time budget for the year" in page
    assert reverse("roadmap_project_add", args=[planned.pk]) in page
    assert reverse("roadmap_frontier", args=[planned.pk]) in page


def test_one_quarters_budget_is_edited_and_a_stale_form_changes_nothing(client, planned, client_co):
    quarter = QuarterPlan.objects.filter(client=client_co).order_by("start").first()
    form = {f"q{quarter.pk}-budget": "4500", f"q{quarter.pk}-capacity_hours": "50"}
    url = reverse("roadmap_quarter", args=[quarter.pk])
    assert client.post(url, {**form, f"q{quarter.pk}-version": quarter.version}).status_code == 302
    assert QuarterPlan.objects.get(pk=quarter.pk).budget == Decimal(4500)
    stale = client.post(
        url, {**form, f"q{quarter.pk}-budget": "1", f"q{quarter.pk}-version": quarter.version}
    )
    assert "changed by someone else" in client.get(stale.url).content.decode()
    assert QuarterPlan.objects.get(pk=quarter.pk).budget == Decimal(4500)


def test_a_negative_quarter_budget_is_a_form_error(client, planned, client_co):
    quarter = QuarterPlan.objects.filter(client=client_co).order_by("start").first()
    response = client.post(
        reverse("roadmap_quarter", args=[quarter.pk]),
        {f"q{quarter.pk}-budget": "-5", f"q{quarter.pk}-capacity_hours": "50"},
    )
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0" in response.content.decode()
    assert QuarterPlan.objects.get(pk=quarter.pk).budget == Decimal(3000)


def test_a_fiscal_years_total_is_spread_over_its_quarters(client, planned, client_co):
    year = QuarterPlan.objects.filter(client=client_co).order_by("start").first().fiscal_year
    client.post(
        reverse("roadmap_year_budget", args=[client_co.pk]),
        {"fiscal_year": year, f"fy{year}-fiscal_year": year, f"fy{year}-total": "20000"},
    )
    budgets = QuarterPlan.objects.filter(client=client_co, fiscal_year=year).values_list("budget", flat=True)
    assert sum(budgets) == Decimal(20000)


def test_a_project_is_added_and_the_optimiser_plans_it(
    client,
    planned,
    client_co,
    django_capture_on_commit_callbacks,
):
    response = client.post(
        reverse("roadmap_project_add", args=[planned.pk]),
        {"title": "Hardware refresh", "one_time_cost": "2500", "monthly_cost": "0", "effort_hours": "16"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(title="Hardware refresh")
    with django_capture_on_commit_callbacks(execute=True):  # the job runs once its start commits
        client.post(reverse("roadmap_optimise", args=[planned.pk]))
    run = RoadmapRun.objects.filter(workshop=planned).latest("pk")
    assert run.schedule[f"p{project.pk}"]
    assert "Hardware refresh" in _page(client, client_co)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"one_time_cost": "-1"}, "greater than or equal to 0"),
        ({"items": "NOPE.9.9"}, "unknown item code(s) NOPE.9.9"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_a_bad_project_is_a_form_error_and_nothing_is_stored(client, planned, fields, message):
    form = {"title": "ERP upgrade", "one_time_cost": "0", "monthly_cost": "0", "effort_hours": "0", **fields}
    response = client.post(reverse("roadmap_project_add", args=[planned.pk]), form)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Project.objects.exists()


def test_the_frontier_is_computed_shown_and_a_point_adopted(
    client,
    planned,
    client_co,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("roadmap_frontier", args=[planned.pk]), {"factors": "0.5, 1, 1.5"})
    frontier = Frontier.objects.get(workshop=planned)
    assert [p["factor"] for p in frontier.points] == [0.5, 1.0, 1.5]
    page = _page(client, client_co)
    assert "the budget → ITCQ frontier" in page
    assert f"USD {frontier.points[2]['budget_total']:,.0f}" in page  # the 1.5× point's total budget
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("roadmap_frontier_adopt", args=[frontier.pk]), {"factor": "1.5"})
    adopted = [q["label"] for q in frontier.points[2]["quarters"]]
    budgets = QuarterPlan.objects.filter(client=client_co, label__in=adopted).values_list("budget", flat=True)
    assert set(budgets) == {Decimal(4500)}
    assert RoadmapRun.objects.filter(workshop=planned).exists()


@pytest.mark.parametrize("factors", ["0", "-1,1", "half", "1,,2", "nan"])
def test_bad_factors_are_a_form_error_and_nothing_is_computed(client, planned, factors):
    response = client.post(reverse("roadmap_frontier", args=[planned.pk]), {"factors": factors})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert not Frontier.objects.exists()


def test_amounts_show_in_the_msps_currency_on_the_page_and_in_the_qbr(
    client,
    planned,
    client_co,
    msp,
    django_capture_on_commit_callbacks,
):
    msp.currency = "EUR"
    msp.save()
    with django_capture_on_commit_callbacks(execute=True):  # the job runs once its start commits
        client.post(reverse("roadmap_optimise", args=[planned.pk]))
    assert re.search(r"EUR [\d,]+ / 3,000", _page(client, client_co))  # planned against set, per quarter
    review = plan_review(client=client_co, date=planned.held_on)
    hold_review(actor=Caller.system(msp), review=review)
    workbook = client.get(reverse("review_roadmap_xlsx", args=[review.pk]))
    sheet = load_workbook(io.BytesIO(workbook.content))["Roadmap"]
    money_cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, int | float)]
    assert money_cells and all('"EUR "' in c.number_format for c in money_cells if c.column >= 6)
    assert "EUR" in client.get(reverse("review_detail", args=[review.pk])).content.decode()
