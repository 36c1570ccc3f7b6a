"""The QBR pages for every kind of caller: the vCIO plans, records and holds; the client viewer reads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client as Browser
from django.urls import reverse
from openpyxl import load_workbook

from sevenc.reports.models import ReviewMeeting
from sevenc.reports.services import plan_review
from sevenc.reports.tests.factories import hold


def browser_for(user) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def test_a_vcio_plans_records_and_holds_a_review_then_downloads_its_pdf(vcio, client_co, history):
    browser = browser_for(vcio)
    response = browser.post(
        reverse("review_list", args=[client_co.pk]),
        {"date": "2026-10-14", "attendees": "Maria Keller\nVictor Chen", "decisions": "Start MDM rollout"},
    )
    review = ReviewMeeting.objects.get(client=client_co)
    assert response.status_code == 302 and response["Location"] == reverse("review_detail", args=[review.pk])

    page = browser.get(reverse("review_detail", args=[review.pk]))
    assert page.status_code == 200
    assert b"previews today" in page.content and b"Start MDM rollout" in page.content

    assert browser.post(reverse("review_hold", args=[review.pk])).status_code == 302
    review.refresh_from_db()
    assert review.is_held and review.snapshot["meeting"]["decisions"] == ["Start MDM rollout"]

    pdf = browser.get(reverse("review_pdf", args=[review.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="acme-dental-qbr-2026-10-14.pdf"' in pdf["Content-Disposition"]


def test_bad_minutes_are_refused_with_the_field_named(vcio, client_co):
    response = browser_for(vcio).post(reverse("review_list", args=[client_co.pk]), {"date": "14/10/2026"})
    assert response.status_code == 200
    assert b"Enter a valid date" in response.content
    assert not ReviewMeeting.objects.exists()


def test_the_client_viewer_sees_held_reviews_of_their_own_client_only(
    client_viewer, client_co, other_client, planned
):
    held = hold(planned)
    still_planned = plan_review(client=client_co, date=dt.date(2027, 1, 14))
    other = hold(plan_review(client=other_client, date=dt.date(2026, 10, 1)))
    browser = browser_for(client_viewer)

    listing = browser.get(reverse("review_list", args=[client_co.pk]))
    assert listing.status_code == 200
    assert reverse("review_detail", args=[held.pk]).encode() in listing.content
    assert reverse("review_detail", args=[still_planned.pk]).encode() not in listing.content
    assert b"Plan a review" not in listing.content

    page = browser.get(reverse("review_detail", args=[held.pk]))
    assert page.status_code == 200 and b"Acme Dental" in page.content and b"Download PDF" in page.content
    assert browser.get(reverse("review_pdf", args=[held.pk])).status_code == 200

    assert browser.get(reverse("review_detail", args=[still_planned.pk])).status_code == 404
    assert browser.get(reverse("review_detail", args=[other.pk])).status_code == 404
    assert browser.get(reverse("review_list", args=[other_client.pk])).status_code == 404
    assert browser.post(reverse("review_hold", args=[still_planned.pk])).status_code == 404
    assert (
        browser.post(reverse("review_list", args=[client_co.pk]), {"date": "2027-01-01"}).status_code == 404
    )


def test_an_engineer_reads_but_cannot_plan_or_hold(engineer, client_co, planned):
    browser = browser_for(engineer)
    assert browser.get(reverse("review_detail", args=[planned.pk])).status_code == 200
    assert browser.post(reverse("review_hold", args=[planned.pk])).status_code == 403
    assert (
        browser.post(reverse("review_list", args=[client_co.pk]), {"date": "2027-01-01"}).status_code == 403
    )
    planned.refresh_from_db()
    assert not planned.is_held


def test_another_msp_sees_nothing(outsider, planned, history):
    browser = browser_for(outsider)
    assert browser.get(reverse("review_detail", args=[planned.pk])).status_code == 404
    assert browser.get(reverse("review_pdf", args=[planned.pk])).status_code == 404
    assert browser.get(reverse("assessment_xlsx", args=[history[1].pk])).status_code == 404


@pytest.mark.parametrize("who", ["vcio", "engineer"])
def test_staff_download_the_assessment_workbook_and_client_viewers_cannot(
    who, request, client_viewer, history
):
    _, q3 = history
    response = browser_for(request.getfixturevalue(who)).get(reverse("assessment_xlsx", args=[q3.pk]))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content))["Items"]["C2"].value == "CONT.1.1"
    assert browser_for(client_viewer).get(reverse("assessment_xlsx", args=[q3.pk])).status_code == 404


def test_a_held_review_page_keeps_showing_the_frozen_report(vcio, planned, client_co):
    held = hold(planned)
    client_co.name = "Renamed Dental"
    client_co.save()
    page = browser_for(vcio).get(reverse("review_detail", args=[held.pk]))
    report = page.content.split(b'class="qbr"', 1)[1]
    assert b"Acme Dental" in report and b"Renamed Dental" not in report
