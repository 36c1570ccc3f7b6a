"""Issue 9, item 9: every main page, in each role that sees it, passes axe-core's WCAG 2 A and AA rules.

The `axe` fixture checks each page a test shows (see accessibility.py); this walk makes sure the browser
tests show every main page at least once, including forms with errors and an htmx re-sort.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.demo.seed import DEMO_PASSWORD
from sevenc.execution.models import WorkItem
from sevenc.reports.models import ReviewMeeting
from sevenc.roadmap.models import Recommendation
from tests.browser.steps import sign_in, visit

pytestmark = pytest.mark.browser

CLIENT = "Acme Dental Group"  # completed assessments, a draft, a roadmap, held reviews, a client viewer


def _paths_checked(axe) -> set[str]:
    return {urlsplit(url).path for url in axe.checked}


def test_signing_in_and_resetting_a_password_are_accessible_also_with_form_errors(page, axe):
    visit(page, reverse("login"))
    page.get_by_label("Username").fill("vcio")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.locator(".form-errors").wait_for()
    axe.check()  # the sign-in form showing its error

    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("vcio@brightpath.example")
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_url("**" + reverse("password_reset_done"))

    user = get_user_model().objects.get(username="vcio")
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    page.goto(reverse("password_reset_confirm", args=[uid, token]))  # redirects to the set-password form
    page.locator("input[name=new_password1]").fill(DEMO_PASSWORD + "-new")
    page.locator("input[name=new_password2]").fill(DEMO_PASSWORD + "-new")
    page.get_by_role("button", name="Set password").click()
    page.wait_for_url("**" + reverse("password_reset_complete"))

    assert {
        reverse("login"),
        reverse("password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_complete"),
    } <= _paths_checked(axe) | {urlsplit(page.url).path}


def test_every_main_page_of_the_msp_is_accessible(page, axe):
    client = Client.objects.get(name=CLIENT)
    completed = Assessment.objects.filter(client=client, completed_at__isnull=False).order_by("-as_of")
    draft = Assessment.objects.filter(client=client, completed_at__isnull=True).first()
    recommendation = Recommendation.objects.filter(client=client).first()
    held = ReviewMeeting.objects.filter(client=client, status=ReviewMeeting.Status.HELD).first()
    planned = ReviewMeeting.objects.filter(client=client, status=ReviewMeeting.Status.PLANNED).first()
    item = WorkItem.objects.filter(client=client, status="in_progress").first()
    assert len(completed) >= 2 and draft and recommendation and held and planned and item, (
        "the demo has each page"
    )

    sign_in(page, "owner")
    page.get_by_role("heading", name="Portfolio").wait_for()
    page.locator("#portfolio thead a").first.click()  # an htmx re-sort: the swapped table is checked too
    page.wait_for_url("**sort=*")
    paths = [
        reverse("team"),
        reverse("roadmap_library"),
        reverse("client_create"),
        reverse("client_detail", args=[client.pk]),
        reverse("client_edit", args=[client.pk]),
        reverse("assessment_compare", args=[client.pk]) + f"?a={completed[1].pk}&b={completed[0].pk}",
        reverse("assessment_create", args=[client.pk]),
        reverse("assessment_detail", args=[completed[0].pk]),
        reverse("assessment_detail", args=[draft.pk]),
        reverse("goals_workshop", args=[client.pk]),
        reverse("roadmap_recommendations", args=[client.pk]),
        reverse("roadmap_recommendation", args=[recommendation.pk]),
        reverse("roadmap_page", args=[client.pk]),
        reverse("client_execution", args=[client.pk]),
        reverse("client_execution", args=[client.pk]) + "?cadence=quarter",
        reverse("my_work"),
        reverse("work_item", args=[item.pk]),
        reverse("review_list", args=[client.pk]),
        reverse("review_detail", args=[held.pk]),
        reverse("review_detail", args=[planned.pk]),
    ]
    for path in paths:
        visit(page, path)
    axe.check()

    assert {reverse("portfolio"), *(urlsplit(path).path for path in paths)} <= _paths_checked(axe)


def test_the_client_viewers_portal_is_accessible(page, axe):
    client = Client.objects.get(name=CLIENT)
    review = ReviewMeeting.objects.filter(client=client, status=ReviewMeeting.Status.HELD).first()
    sign_in(page, "client")
    page.get_by_role("heading", name=CLIENT).wait_for()
    paths = [reverse("review_list", args=[client.pk]), reverse("review_detail", args=[review.pk])]
    for path in paths:
        visit(page, path)
    axe.check()

    assert {reverse("client_detail", args=[client.pk]), *paths} <= _paths_checked(axe)
