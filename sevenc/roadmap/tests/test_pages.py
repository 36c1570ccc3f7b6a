"""The browser path of issue 4: completed assessment → targets → recommendations → optimised roadmap →
approval → execution, as a vCIO and as the client, and nothing of it visible to another MSP."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse

from sevenc.assessments.services import answers_of, create_assessment
from sevenc.execution.models import WorkItem
from sevenc.goals.models import Workshop
from sevenc.goals.services import gap_analysis
from sevenc.roadmap.models import Recommendation, RoadmapRun
from sevenc.tenancy.access import caller_of

Status = Recommendation.Status


@pytest.fixture
def optimise(client, django_capture_on_commit_callbacks):
    """Click Optimise and let the background job it queues run (immediate backend) when the view's
    transaction commits, which the test's own transaction would otherwise hold back."""

    def click(workshop):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("roadmap_optimise", args=[workshop.pk]))

    return click


@pytest.fixture
def planned(client, vcio, client_co, completed_assessment):
    client.force_login(vcio)
    client.post(
        reverse("goals_workshop_start", args=[client_co.pk]),
        {"baseline": completed_assessment.pk, "held_on": "2026-10-05", "target_date": "2027-12-31"},
    )
    workshop = Workshop.objects.get(client=client_co)
    client.post(reverse("goals_targets", args=[workshop.pk]), {"block_CONT": "75", "block_COST": "50"})
    client.post(reverse("roadmap_propose", args=[workshop.pk]))
    client.post(
        reverse("roadmap_quarters", args=[client_co.pk]),
        {"budget": "3000", "capacity_hours": "40", "recurring_ceiling": "", "horizon": "8"},
    )
    return workshop


def test_vcio_goes_from_assessment_to_an_optimised_roadmap(client, planned, client_co, optimise):
    page = client.get(reverse("goals_workshop", args=[client_co.pk]))
    assert page.status_code == 200
    assert b"Gaps, biggest ITCQ gain first" in page.content and b"CONT.1.1" in page.content
    assert Recommendation.objects.filter(workshop=planned).count() == 4
    listing = client.get(reverse("roadmap_recommendations", args=[client_co.pk])).content.decode()
    gain = gap_analysis(planned).gap_index()["CONT.1.1"].gain
    assert f"+{gain:.2f}" in listing  # each recommendation shows the ITCQ gain it brings
    response = optimise(planned)
    assert response.status_code == 302
    run = RoadmapRun.objects.get(workshop=planned)
    page = client.get(reverse("roadmap_page", args=[client_co.pk]))
    assert page.status_code == 200
    assert b'class="chart-img"' in page.content  # the projected ITCQ chart
    for label in [q for q in run.schedule.values() if q]:
        assert label.encode() in page.content
    html = page.content.decode()
    for year in run.budget["years"]:  # budget per fiscal year
        total = year["one_time"] + year["recurring"]
        assert f"<td>{year['period']}</td>" in html and f">{total:.0f}<" in html


def test_client_approves_and_the_work_shows_up_as_due(client, planned, client_co, client_viewer, optimise):
    optimise(planned)
    run = RoadmapRun.objects.get(workshop=planned)
    client.force_login(client_viewer)
    assert client.post(reverse("roadmap_optimise", args=[planned.pk])).status_code == 404  # vCIO work only
    client.post(reverse("roadmap_approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.approved_by == client_viewer
    approved = Recommendation.objects.filter(workshop=planned, status=Status.APPROVED)
    assert approved.exists()
    items = WorkItem.objects.filter(client=client_co).order_by("pk")
    assert items.count() == approved.count()  # approval planned one work item per scheduled recommendation
    due, late = list(items[:2])
    today = dt.date.today()
    WorkItem.objects.filter(pk=due.pk).update(start=today, due=today)  # as if the quarter came
    WorkItem.objects.filter(pk=late.pk).update(
        start=today - dt.timedelta(days=130), due=today - dt.timedelta(days=120)
    )
    page = client.get(reverse("client_execution", args=[client_co.pk]) + "?cadence=week").content.decode()
    overdue_part = page.split('id="overdue-h"')[1].split('id="blocked-h"')[0]
    due_part = page.split('id="due-h"')[1].split('id="done-h"')[0]
    assert late.title in overdue_part and due.title not in overdue_part
    assert due.title in due_part


def test_finishing_work_moves_it_to_done(client, planned, client_co, vcio, optimise):
    optimise(planned)
    client.post(reverse("roadmap_approve", args=[RoadmapRun.objects.get(workshop=planned).pk]))
    item = WorkItem.objects.filter(client=client_co).first()
    for status in ("in_progress", "done"):
        client.post(reverse("work_item_status", args=[item.pk]), {"status": status})
    item.recommendation.refresh_from_db()
    assert item.recommendation.status == Status.DONE  # the recommendation follows its work item
    page = client.get(reverse("client_execution", args=[client_co.pk]) + "?cadence=month").content.decode()
    assert item.title in page.split('id="done-h"')[1]


def test_editing_a_recommendation_with_a_negative_cost_changes_nothing(client, planned):
    rec = Recommendation.objects.filter(workshop=planned).first()
    page = client.post(
        reverse("roadmap_recommendation", args=[rec.pk]),
        {"title": "Changed", "one_time_cost": "-10", "priority": "1", "delivered_by": "msp"},
    )
    assert page.status_code == 200
    assert b"Ensure this value is greater than or equal to 0" in page.content  # on the one-time cost field
    rec.refresh_from_db()
    assert rec.title != "Changed"


def test_another_msp_sees_none_of_it(client, planned, client_co, outsider, optimise):
    optimise(planned)
    run = RoadmapRun.objects.get(workshop=planned)
    rec = Recommendation.objects.filter(workshop=planned).first()
    client.force_login(outsider)
    for url in (
        reverse("goals_workshop", args=[client_co.pk]),
        reverse("roadmap_page", args=[client_co.pk]),
        reverse("roadmap_recommendation", args=[rec.pk]),
        reverse("client_execution", args=[client_co.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("roadmap_approve", args=[run.pk])).status_code == 404
    assert client.post(reverse("roadmap_optimise", args=[planned.pk])).status_code == 404


def test_client_page_card_shows_the_projected_itcq_chart(client, planned, client_co, rf, vcio, optimise):
    optimise(planned)
    request = rf.get("/")
    request.user = vcio
    caller_of(request)
    html = Template("{% load roadmap_tags %}{% roadmap_card client %}").render(
        Context({"request": request, "client": client_co})
    )
    assert "Roadmap: projected ITCQ" in html and 'class="chart-img"' in html
    assert reverse("roadmap_page", args=[client_co.pk]) in html


def test_done_work_prefills_the_open_draft_from_the_execution_page(client, planned, client_co, optimise):
    optimise(planned)
    client.post(reverse("roadmap_approve", args=[RoadmapRun.objects.get(workshop=planned).pk]))
    rec = Recommendation.objects.filter(workshop=planned, item__code="CONT.1.1").get()
    assert rec.status == Status.APPROVED
    for status in ("in_progress", "done"):
        client.post(reverse("work_item_status", args=[rec.work_item.pk]), {"status": status})
    draft = create_assessment(
        client=client_co, title="2026 Q4", as_of=dt.date(2026, 12, 31), prefill_from=planned.baseline
    )
    client.post(reverse("roadmap_prefill", args=[client_co.pk]))
    assert answers_of(draft)["CONT.1.1"].level == rec.target_level == 3


@pytest.mark.parametrize("who", ["client_viewer", "engineer"])
def test_read_only_roles_see_the_plan_but_cannot_change_it(
    request, client, planned, client_co, who, optimise
):
    optimise(planned)
    client.force_login(request.getfixturevalue(who))
    for name in ("goals_workshop", "roadmap_recommendations", "roadmap_page", "client_execution"):
        page = client.get(reverse(name, args=[client_co.pk]))
        assert page.status_code == 200, name
        assert b">Optimise<" not in page.content and b"Save targets" not in page.content
    refused = client.post(reverse("goals_targets", args=[planned.pk]), {"block_CONT": "10"})
    assert refused.status_code == (404 if who == "client_viewer" else 403)
    assert planned.block_targets.get(block__code="CONT").score == 75


def test_an_engineer_cannot_approve_through_the_status_form(client, planned, engineer):
    rec = Recommendation.objects.filter(workshop=planned).first()
    client.force_login(engineer)
    response = client.post(
        reverse("roadmap_recommendation_status", args=[rec.pk]), {"status": "approved"}, follow=True
    )
    assert "your role may not move a recommendation from proposed to approved" in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == Status.PROPOSED
