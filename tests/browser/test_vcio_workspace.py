"""The workspace tried as a new user would, in Debian's chromium: sign in, portfolio, client, a new
assessment graded with the keyboard, completed, and its ITCQ on the portfolio. Screenshots of the main
pages go to artifacts/screenshots/ for review.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import chart_shown, shot, sign_in

pytestmark = pytest.mark.browser

CLIENT = "Acme Dental Group"


def test_a_vcio_grades_a_new_assessment_with_the_keyboard_and_sees_its_itcq_on_the_portfolio(page):
    sign_in(page, "vcio")
    page.get_by_role("heading", name="Portfolio").wait_for()
    shot(page, "01-portfolio")

    page.get_by_role("link", name=CLIENT).click()
    page.get_by_role("heading", name=CLIENT).wait_for()
    assert chart_shown(page, "Radar chart of the seven block scores")
    assert chart_shown(page, "ITCQ over completed assessments")
    shot(page, "02-client")

    page.get_by_role("link", name="+ New assessment").click()
    page.get_by_label("Title").fill("2027 Q1")
    assert page.get_by_label("Framework", exact=True).input_value() != ""  # 7C chosen by default
    page.get_by_label("Start from the previous assessment on the same framework").uncheck()
    page.get_by_role("button", name="Create assessment").click()
    page.get_by_role("heading", name=re.compile("2027 Q1")).wait_for()
    assert page.get_by_test_id("live-itcq").inner_text() == "—"

    page.locator("html[data-keyboard=ready]").wait_for(state="attached")
    first = page.locator("form.item").first
    first.focus()
    for key, code in (("3", "CONT-1-1"), ("4", "CONT-1-2"), ("n", "CONT-1-3")):
        page.keyboard.press(key)
        page.locator(f"#state-{code}").filter(has_text="Saved").wait_for()
        page.keyboard.press("ArrowDown")
    assert page.locator("#item-CONT-1-4").evaluate("el => el === document.activeElement"), "arrows move"
    live = page.get_by_test_id("live-itcq").inner_text()
    assert live == page.get_by_test_id("block-CONT").locator(".value").inner_text() != "—"
    shot(page, "03-assessment")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Complete & lock").click()
    page.get_by_text("This assessment is locked and read-only").wait_for()
    assert page.locator("form.item input:not([disabled])[name=level]").count() == 0
    final = page.get_by_test_id("live-itcq").inner_text()
    assert final == live

    page.get_by_role("link", name="Portfolio").first.click()
    row = page.locator("#portfolio tbody tr", has_text=CLIENT)
    assert row.get_by_test_id("itcq").inner_text() == final
    assert "2027 Q1" in row.inner_text()


def test_an_engineer_fills_the_assigned_draft_but_cannot_complete_it(page):
    sign_in(page, "engineer")
    page.get_by_role("link", name=CLIENT).click()
    page.get_by_role("link", name="2026 Q4").click()
    assert page.get_by_role("button", name="Complete & lock").count() == 0
    page.locator("html[data-keyboard=ready]").wait_for(state="attached")  # keys work once the script runs
    item = page.locator("form.item").last  # the draft is half done: the last items are open
    item.focus()
    page.keyboard.press("2")
    page.locator(f"#state-{item.get_attribute('id')[5:]}").filter(has_text="Saved").wait_for()
    assert item.locator("textarea[name=risk]").get_attribute("readonly") is not None
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_test_id("status")).to_have_text(re.compile("submitted for review", re.I))
    assert page.locator("form.item input:not([disabled])[name=level]").count() == 0


def test_a_client_viewer_sees_only_their_own_client(page, live_server):
    from sevenc.clients.models import Client

    sign_in(page, "client")
    page.get_by_role("heading", name=CLIENT).wait_for()
    assert page.get_by_role("link", name="Portfolio").count() == 0
    assert page.get_by_role("link", name="+ New assessment").count() == 0
    shot(page, "04-client-viewer")
    other = Client.objects.exclude(name=CLIENT).first()
    response = page.goto(f"/clients/{other.pk}/")
    assert response is not None and response.status == 404
