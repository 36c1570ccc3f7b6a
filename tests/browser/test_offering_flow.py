"""Issue 12's "done when", in Debian's chromium: on the demo, the MSP sees its coverage radar, a develop-next
list and an upsell list with revenue, and turns an upsell line into a recommendation on the client's list.
Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import chart_shown, shot, sign_in

pytestmark = pytest.mark.browser

CLIENT = (
    "Acme Dental Group"  # has a goals workshop in the demo, so an upsell line can become a recommendation
)


def test_the_msp_sees_its_offering_and_turns_an_upsell_line_into_a_recommendation(page):
    sign_in(page, "vcio")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Offering").click()
    page.get_by_role("heading", name="Coverage of your offering").wait_for()
    expect(page.get_by_test_id("covered")).to_have_text("69.1 %")  # the starter catalogue (docs/offering.md)
    assert chart_shown(page, "Radar chart")
    shot(page, "40-offering-coverage", full_page=True)

    page.get_by_role("navigation", name="Offering").get_by_role("link", name="Develop next").click()
    rows = page.locator("section[aria-labelledby=next-h] tbody tr")
    assert rows.count() > 20
    expect(rows.first).to_contain_text(re.compile(r"No service|Planned"))
    shot(page, "41-offering-develop-next")

    page.get_by_role("navigation", name="Offering").get_by_role("link", name="Upsell").click()
    expect(page.get_by_test_id("monthly")).not_to_have_text("0.00")
    shot(page, "42-offering-upsell")
    card = page.locator("section", has=page.get_by_role("heading", name=re.compile(CLIENT)))
    button = card.locator("button.item-button").first
    code = button.inner_text().removeprefix("+ ").strip()
    button.click()
    page.get_by_text(re.compile(rf"Added .* to {CLIENT}'s recommendations \({re.escape(code)}\)")).wait_for()
    expect(card.get_by_text(f"✓ {code}").first).to_be_visible()

    page.goto("/")
    page.get_by_role("link", name=CLIENT).click()
    page.get_by_role("heading", name="Peer benchmark").wait_for()
    shot(page, "43-client-peer-benchmark", full_page=True)
    page.get_by_role("navigation", name=CLIENT).get_by_role("link", name="Recommendations").click()
    expect(page.locator("table tbody")).to_contain_text(code)
