"""With a goal-setting workshop and a roadmap, the report adds targets, target-based gaps and the roadmap."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client as Browser
from django.urls import reverse
from openpyxl import load_workbook

from sevenc.assessments.scoring import display
from sevenc.goals.services import set_targets, start_workshop
from sevenc.reports.pdf import render_pdf
from sevenc.reports.tests.factories import hold
from sevenc.reports.tests.pdftools import pdf_text
from sevenc.reports.xlsx import roadmap_workbook
from sevenc.roadmap.models import RoadmapRun
from sevenc.roadmap.services import approve_roadmap, optimise_roadmap, plan_quarters, propose_recommendations
from sevenc.tenancy.access import Caller

TARGETS = {"CONT": 90.0, "CONS": 50.0}


@pytest.fixture
def workshop(client_co, history):
    _, q3 = history
    workshop = start_workshop(client=client_co, baseline=q3, held_on=dt.date(2026, 10, 2))
    return set_targets(workshop=workshop, block_targets=TARGETS)


@pytest.fixture
def roadmap(workshop, client_co) -> RoadmapRun:
    for n, rec in enumerate(propose_recommendations(workshop=workshop)):
        rec.one_time_cost = Decimal(1000 + 100 * n)
        rec.monthly_cost = Decimal(50 if n % 3 == 0 else 0)
        rec.effort_hours = Decimal(8)
        rec.save()
    plan_quarters(client=client_co, after=dt.date(2026, 10, 2), budget=8000, capacity_hours=80, horizon=4)
    system = Caller.system(client_co.msp)
    run = optimise_roadmap(actor=system, workshop=workshop, time_limit=2, on=dt.date(2026, 10, 2))
    return approve_roadmap(actor=system, run=run, on=dt.date(2026, 10, 2))


def test_targets_appear_per_block_with_a_target_itcq_above_today(planned, workshop, history):
    snap = hold(planned).snapshot
    targets = {b["code"]: b["target"] for b in snap["blocks"]}
    assert targets["CONT"] == 90.0 and targets["CONS"] == 50.0 and targets["COMP"] is None
    assert snap["itcq"]["target"] > history[1].itcq
    # gaps are now the items below target, biggest ITCQ gain first
    assert all(g["target_level"] is not None and g["level"] < g["target_level"] for g in snap["gaps"])
    gains = [g["gain"] for g in snap["gaps"]]
    assert gains == sorted(gains, reverse=True)
    assert {g["code"].split(".")[0] for g in snap["gaps"]} <= set(TARGETS)
    assert snap["roadmap"] is None


def test_the_roadmap_section_shows_quarters_budget_and_projected_itcq(planned, roadmap):
    snap = hold(planned).snapshot
    quarters = snap["roadmap"]["quarters"]
    assert snap["roadmap"]["status"] == "approved"
    assert len(quarters) == 4
    assert sum(q["one_time"] for q in quarters) > 0
    scheduled = [r for q in quarters for r in q["items"]]
    assert scheduled and all(r["title"] for r in scheduled)
    text = pdf_text(render_pdf(snap, size="A4"))
    assert "Roadmap and budget" in text
    assert quarters[0]["label"] in text
    assert display(quarters[-1]["itcq"]) in text
    assert display(snap["itcq"]["target"]) in text


def test_the_roadmap_workbook_lists_every_scheduled_recommendation_and_the_budget(planned, roadmap):
    snap = hold(planned).snapshot
    book = load_workbook(io.BytesIO(roadmap_workbook(snap)))
    scheduled = [r for q in snap["roadmap"]["quarters"] for r in q["items"]]
    assert book["Roadmap"].max_row - 1 == len(scheduled)
    budget = {row[0]: row for row in book["Budget"].iter_rows(min_row=2, values_only=True)}
    first = snap["roadmap"]["quarters"][0]
    assert budget[first["label"]][1] == pytest.approx(first["one_time"])
    assert budget[first["label"]][3] == pytest.approx(first["one_time"] + first["recurring"])


def test_a_later_roadmap_does_not_change_a_held_review(planned, roadmap, workshop):
    held = hold(planned)
    before = held.snapshot["roadmap"]
    set_targets(workshop=workshop, block_targets={"CONT": 100.0, "CONS": 100.0})
    held.refresh_from_db()
    assert held.snapshot["roadmap"] == before
    assert held.snapshot["blocks"][0]["target"] == 90.0


def test_the_client_viewer_downloads_the_roadmap_of_a_held_review(client_viewer, planned, roadmap):
    held = hold(planned)
    browser = Browser()
    browser.force_login(client_viewer)
    response = browser.get(reverse("review_roadmap_xlsx", args=[held.pk]))
    assert response.status_code == 200
    assert 'filename="acme-dental-roadmap-2026-10-14.xlsx"' in response["Content-Disposition"]
    assert (
        load_workbook(io.BytesIO(response.content))["Budget"]["A2"].value
        == held.snapshot["roadmap"]["quarters"][0]["label"]
    )


def test_a_review_without_a_roadmap_has_no_roadmap_workbook(vcio, planned):
    held = hold(planned)
    browser = Browser()
    browser.force_login(vcio)
    assert browser.get(reverse("review_roadmap_xlsx", args=[held.pk])).status_code == 404
    with pytest.raises(ValueError, match="no roadmap"):
        roadmap_workbook(held.snapshot)
