"""Issue 4's "done when", in Debian's chromium: from a completed assessment to targets, a pre-filled
recommendation list, an optimised 8-quarter roadmap with budget and projected ITCQ chart, and its approval.
Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import chart_shown, shot, sign_in

pytestmark = pytest.mark.browser

CLIENT = "Summit Accounting Partners"  # completed assessments, no workshop yet in the demo


def test_a_vcio_goes_from_a_completed_assessment_to_an_approved_optimised_roadmap(page):
    sign_in(page, "vcio")
    page.get_by_role("link", name=CLIENT).click()
    page.get_by_role("heading", name=CLIENT).wait_for()
    page.get_by_role("navigation", name=CLIENT).get_by_role("link", name="Goals").click()

    # The workshop starts from the latest completed assessment, its baseline.
    page.get_by_role("button", name="Start").click()
    for block, target in (("Continuous", "85"), ("Competent", "75"), ("Controlled", "80")):
        page.get_by_label(f"Target for {block}").fill(target)
    page.get_by_role("button", name="Save targets").click()
    page.get_by_text("Targets saved.").wait_for()
    gaps = page.locator("section[aria-labelledby=gaps-h] tbody tr")
    expect(gaps.first).to_contain_text("+")  # each gap shows its ITCQ gain
    gap_count = gaps.count()
    assert gap_count > 10
    shot(page, "10-goals-and-gaps", full_page=True)

    page.get_by_role("button", name="Propose recommendations for these gaps").click()
    page.get_by_role("link", name="Recommendations").first.click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(gap_count)  # one pre-filled recommendation per gap
    shot(page, "11-recommendations")

    page.get_by_role("link", name="Roadmap").first.click()
    page.get_by_label("One-time budget per quarter").fill("9000")
    page.get_by_label("Capacity (hours) per quarter").fill("60")
    page.get_by_label("Recurring ceiling per quarter (optional)").fill("1200")
    page.get_by_role("button", name="Set the next quarters").click()
    page.get_by_role("button", name="Optimise").click()

    head = page.locator(".page-head")
    expect(head).to_contain_text(re.compile(r"solver (Optimal|Gap proven), proven gap \d+\.\d\d %"))
    expect(head).to_contain_text("awaiting approval")
    budget_rows = page.locator("section[aria-labelledby=budget-h] tbody tr")
    assert budget_rows.count() >= 8  # eight quarters, then the fiscal years
    assert chart_shown(page, "Projected ITCQ")
    assert page.locator("section[aria-labelledby=sched-h] li .badge", has_text="Proposed").count() > 0
    shot(page, "12-roadmap", full_page=True)

    page.get_by_role("button", name="Approve roadmap").click()
    expect(page.locator(".page-head")).to_contain_text("approved")
    assert page.locator("section[aria-labelledby=sched-h] li .badge", has_text="Proposed").count() == 0
    assert page.locator("section[aria-labelledby=sched-h] li .badge", has_text="Approved").count() > 0
