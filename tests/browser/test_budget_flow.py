"""Issue 14's "done when", in Debian's chromium: on a demo client the roadmap page shows what more budget
buys; the vCIO adopts a point, edits one quarter's budget, adds a hardware refresh and optimises again; the
QBR's PDF carries the frontier. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from sevenc.demo.clients import CLIENTS
from sevenc.roadmap.models import QuarterPlan, RoadmapRun
from sevenc.roadmap.projects import Frontier, Project
from tests.browser.steps import shot, sign_in

pytestmark = pytest.mark.browser

CLIENT = CLIENTS[0].name  # the demo computes this client's frontier


def test_a_vcio_adopts_a_budget_edits_a_quarter_adds_a_project_and_the_qbr_shows_the_frontier(page, tmp_path):
    sign_in(page, "vcio")
    page.get_by_role("link", name=CLIENT).click()
    page.get_by_role("navigation", name=CLIENT).get_by_role("link", name="Roadmap").click()

    frontier = page.locator("section[aria-labelledby=frontier-h]")
    expect(frontier.locator("tbody tr")).to_have_count(5)  # 0.5× … 1.5× the budget
    expect(frontier).to_contain_text("buys")  # "+USD 9,600 buys +1.6 ITCQ by FY2028 Q4"
    assert frontier.locator("figure img").count() == 1  # the chart, an SVG image (the CSP allows no inline)
    shot(page, "40-frontier", full_page=True)

    # Adopt the 1.25× point: its budgets become the quarters' budgets, the roadmap is optimised again.
    runs_before = RoadmapRun.objects.count()
    point = Frontier.objects.get(client__name=CLIENT).points[3]
    frontier.locator("tbody tr").nth(3).get_by_role("button", name="Adopt these budgets").click()
    page.get_by_text("Optimised:").wait_for()  # the job ran (no worker in tests: on commit) and said so
    assert RoadmapRun.objects.count() == runs_before + 1
    adopted = point["quarters"][0]
    assert QuarterPlan.objects.get(client__name=CLIENT, label=adopted["label"]).budget == Decimal(
        str(round(adopted["budget"], 2))
    )

    # One quarter's budget by hand.
    label = point["quarters"][1]["label"]
    page.locator("details", has_text="Quarters and budget").locator("summary").click()
    page.get_by_label(f"One-time budget for {label}").fill("12345")
    page.get_by_role("button", name=f"Save {label}").click()
    page.get_by_text(f"{label} saved").wait_for()
    assert QuarterPlan.objects.get(client__name=CLIENT, label=label).budget == Decimal(12345)

    # A project beyond the gaps, planned with the rest.
    page.get_by_role("link", name="+ Add a project").click()
    page.get_by_label("Title").fill("Hardware refresh")
    page.get_by_label("One-time cost").fill("6000")
    page.get_by_label("Effort (hours)").fill("24")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("section[aria-labelledby=projects-h]")).to_contain_text("Hardware refresh")
    page.get_by_role("button", name="Optimise").click()
    expect(page.locator("section[aria-labelledby=sched-h]")).to_contain_text("Hardware refresh")
    project = Project.objects.get(client__name=CLIENT, title="Hardware refresh")
    newest = RoadmapRun.objects.filter(client__name=CLIENT).latest("created_at", "pk")
    assert newest.schedule[f"p{project.pk}"]  # the optimiser gave it a quarter
    shot(page, "41-roadmap-with-project", full_page=True)

    # The next QBR, held now, carries the frontier into its PDF.
    page.get_by_role("navigation", name=CLIENT).get_by_role("link", name="Reviews").click()
    page.get_by_role("link", name="Preview").first.click()
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Mark as held and freeze the report").click()
    page.get_by_role("link", name="Download PDF").wait_for()
    href = page.get_by_role("link", name="Download PDF").get_attribute("href")
    pdf = page.request.get(href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "qbr.pdf"
    path.write_bytes(pdf.body())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "What more budget buys" in text
