"""What moved out of inline code still works under the Content Security Policy: the MSP's colours (a
stylesheet), confirmations, printing and choosing an assessment (sevenc.js, by data- attributes), the
owner's settings (Django's admin) and, once the API is there, its Swagger UI page.

These pages are watched for policy breaches only (the `csp` fixture; axe-core checks sevenc's own pages in
the other browser tests), so that a finding in Django's admin or Swagger UI does not hide a breach.
"""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.reports.models import ReviewMeeting
from sevenc.tenancy.models import Msp
from tests.browser.steps import sign_in, visit

pytestmark = pytest.mark.browser

CLIENT = "Acme Dental Group"


@pytest.fixture
def page(tab, csp):
    return tab


def test_the_msps_colours_come_from_the_theme_stylesheet(page, demo):
    Msp.objects.filter(pk=demo.pk).update(brand_color="#7b2d8e", accent_color="#0a6e5c")
    sign_in(page, "owner")
    page.get_by_role("heading", name="Portfolio").wait_for()
    expect(page.locator(".topbar")).to_have_css("background-color", "rgb(123, 45, 142)")
    assert page.locator('link[rel=stylesheet][href*="/theme/page/7b2d8e-0a6e5c.css"]').count() == 1


def test_a_cancelled_confirmation_sends_nothing_and_an_accepted_one_sends_the_form(page):
    review = ReviewMeeting.objects.filter(client__name=CLIENT, status=ReviewMeeting.Status.PLANNED).first()
    sign_in(page, "vcio")
    visit(page, reverse("review_detail", args=[review.pk]))
    hold = page.get_by_role("button", name="Mark as held and freeze the report")

    page.once("dialog", lambda dialog: dialog.dismiss())
    hold.click()
    page.wait_for_timeout(300)
    review.refresh_from_db()
    assert review.status == ReviewMeeting.Status.PLANNED

    page.once("dialog", lambda dialog: dialog.accept())
    hold.click()
    page.get_by_role("link", name="Download PDF").wait_for()
    review.refresh_from_db()
    assert review.status == ReviewMeeting.Status.HELD


def test_the_print_button_prints_and_the_assessment_choice_shows_its_scorecard(page):
    client = Client.objects.get(name=CLIENT)
    held = ReviewMeeting.objects.filter(client=client, status=ReviewMeeting.Status.HELD).first()
    sign_in(page, "vcio")
    visit(page, reverse("review_detail", args=[held.pk]))
    page.evaluate("() => { window.print = () => { document.documentElement.dataset.printed = 'yes'; }; }")
    page.get_by_role("button", name="Print").click()
    page.locator("html[data-printed=yes]").wait_for(state="attached")

    oldest = Assessment.objects.filter(client=client, completed_at__isnull=False).order_by("as_of").first()
    visit(page, reverse("client_detail", args=[client.pk]))
    page.get_by_label("Assessment", exact=True).select_option(str(oldest.pk))
    page.wait_for_url(f"**?assessment={oldest.pk}")
    page.get_by_role("heading", name=f"Scorecard — {oldest.title}").wait_for()


def test_the_owners_settings_work_under_the_policy(page, demo):
    sign_in(page, "owner")
    page.get_by_role("heading", name="Portfolio").wait_for()
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("heading", name="MSP settings and framework templates").wait_for()
    visit(page, reverse("admin:tenancy_msp_change", args=[demo.pk]))
    page.get_by_label("Brand color").fill("#224466")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was changed successfully").wait_for()
    assert Msp.objects.get(pk=demo.pk).brand_color == "#224466"
    visit(page, reverse("admin:catalogue_item_changelist") + "?q=CONT.1")
    page.get_by_role("link", name="CONT.1.1").first.click()
    page.get_by_role("heading", name="View item").wait_for()
    visit(page, reverse("admin:catalogue_framework_changelist"))
    page.locator("#result_list tbody a").first.click()
    page.get_by_role("heading", name="View framework").wait_for()


def _api_docs() -> str | None:
    try:
        return reverse("api:openapi-view")
    except NoReverseMatch:
        return None


@pytest.mark.skipif(_api_docs() is None, reason="no API in this build yet (the api branch adds /api/v1/docs)")
def test_the_api_docs_page_works_under_the_policy(page):
    sign_in(page, "owner")
    page.get_by_role("heading", name="Portfolio").wait_for()
    visit(page, _api_docs())
    page.locator(".swagger-ui .information-container").wait_for()
    page.locator(".opblock").first.click()  # an operation opens: Swagger UI's own scripts run
    page.locator(".opblock-body").first.wait_for()
