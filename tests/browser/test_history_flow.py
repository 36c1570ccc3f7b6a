"""The audit trail in Debian's chromium: an owner changes a client, finds the change with who made it and
before → after on the client's History tab, filters the MSP's History and downloads it as CSV.
Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sevenc.clients.models import Client
from tests.browser.steps import shot, sign_in

pytestmark = pytest.mark.browser

CLIENT = "Acme Dental Group"


def test_an_owner_finds_who_changed_a_client_and_what_in_its_history(page):
    sign_in(page, "owner")
    client = Client.objects.get(name=CLIENT)
    page.goto(f"/clients/{client.pk}/edit/")
    page.get_by_label("Seats").fill("77")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("navigation", name=CLIENT).get_by_role("link", name="History").click()
    page.get_by_role("heading", name=f"History of {CLIENT}").wait_for()
    newest = page.locator("table tbody tr").first
    expect(newest).to_contain_text("changed")
    expect(newest).to_contain_text(f"seats: {client.seats} → 77")
    expect(newest).to_contain_text("web")
    shot(page, "50-client-history", full_page=True)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    page.get_by_label("Action").select_option("changed")
    page.get_by_label("Kind of object").select_option(label="client")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table tbody tr").first).to_contain_text(CLIENT)
    shot(page, "51-msp-history-filtered", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "history.csv"
