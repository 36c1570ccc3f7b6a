"""Issue 13's "done when", in Debian's chromium, on the demo built today: a vCIO sees this week's work across
clients, opens a client's month and week and finishes an item, and the QBR shows delivered against planned;
then a roadmap is approved, its work spread over the quarter, progressed, done, and the next assessment
pre-filled from it. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.execution.models import WorkItem
from sevenc.reports.models import ReviewMeeting
from tests.browser.steps import shot, sign_in

pytestmark = pytest.mark.browser


def test_a_vcio_runs_the_week_across_clients_and_the_qbr_shows_what_was_delivered(page):
    sign_in(page, "vcio")
    page.get_by_role("link", name="My work").click()
    week = page.locator("section[aria-labelledby=week-h] tbody tr")
    expect(week.first).to_contain_text("–")  # dated work due this week
    overdue = page.locator("section[aria-labelledby=overdue-h] tbody tr")
    clients = {row.locator("td").first.locator("span").first.inner_text() for row in overdue.all()[:12]}
    assert len(clients) >= 2  # across several clients
    shot(page, "20-my-work", full_page=True)

    item = (
        WorkItem.objects.filter(owner__username="vcio", status="in_progress").select_related("client").first()
    )
    page.goto("/")
    page.get_by_role("link", name=item.client.name).click()
    page.get_by_role("navigation", name=item.client.name).get_by_role("link", name="Execution").click()
    page.get_by_role("link", name="Month").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(item.due.year) if item.due else "")
    page.get_by_role("link", name="Week").click()
    page.get_by_role("heading", name="Weekly meeting: agenda").wait_for()
    shot(page, "21-client-week", full_page=True)

    page.goto(reverse("work_item", args=[item.pk]))
    page.get_by_role("button", name="Done").first.click()
    expect(page.locator(".page-head h1 .badge")).to_have_text("Done")
    latest = ReviewMeeting.objects.filter(client=item.client, status="held").order_by("-date").first()
    page.goto(reverse("review_detail", args=[latest.pk]))
    expect(page.locator("#delivery")).to_contain_text("Delivered since the last review")
    shot(page, "22-qbr-delivery")


def test_approved_work_is_spread_over_the_quarter_done_and_prefills_the_next_assessment(page):
    client = Client.objects.get(name="Vista Hospitality Group")  # a workshop and recommendations, no roadmap
    sign_in(page, "vcio")
    page.goto(reverse("roadmap_page", args=[client.pk]))
    page.get_by_label("One-time budget per quarter").fill("20000")
    page.get_by_label("Capacity (hours) per quarter").fill("150")
    page.get_by_role("button", name="Set the next quarters").click()
    page.get_by_role("button", name="Optimise").click()
    page.get_by_role("button", name="Approve roadmap").click()
    expect(page.locator(".page-head")).to_contain_text("approved")

    items = list(WorkItem.objects.filter(client=client).order_by("due"))
    first_quarter = [i for i in items if i.quarter == items[0].quarter]
    assert len(first_quarter) >= 2 and len({i.due for i in first_quarter}) == len(first_quarter)
    page.goto(f"/clients/{client.pk}/execution/?cadence=quarter&date={items[0].due.isoformat()}")
    expect(
        page.locator("section[aria-labelledby=due-h], section[aria-labelledby=overdue-h]").first
    ).to_be_visible()
    shot(page, "23-quarter-of-work", full_page=True)

    item = items[0]
    page.goto(reverse("work_item", args=[item.pk]))
    page.get_by_role("button", name="Start").click()
    page.get_by_label("New task").fill("Install and configure")
    page.get_by_role("button", name="Add task").click()
    page.get_by_role("button", name="☐ Install and configure").click()
    page.get_by_text("Every task is done").first.wait_for()
    page.get_by_role("textbox", name="Progress note").fill("Rolled out to both offices")
    page.get_by_role("button", name="Add note").click()
    page.get_by_role("button", name="Done").click()
    expect(page.locator(".page-head h1 .badge")).to_have_text("Done")

    page.goto(f"/clients/{client.pk}/execution/")
    page.get_by_role("button", name="Pre-fill the open draft assessment (to review)").click()
    page.get_by_text("pre-filled: review them there").wait_for()
    draft = Assessment.objects.get(client=client, status="draft")
    response = draft.responses.get(item=item.recommendation.item)
    assert response.level == item.recommendation.target_level and "Proposed from" in response.evidence
    shot(page, "24-prefilled")
