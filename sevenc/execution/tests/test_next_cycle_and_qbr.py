"""The next planning cycle (a new workshop on a later assessment, a mid-year re-plan shown as a diff) and the
QBR's account of delivery."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sevenc.execution.services import set_work_status
from sevenc.goals.models import Workshop
from sevenc.goals.services import GoalError, start_workshop
from sevenc.reports.services import hold_review, plan_review
from sevenc.reports.tests.factories import Q3_LEVELS, completed_assessment
from sevenc.roadmap.models import Recommendation
from sevenc.roadmap.services import optimise_roadmap


def test_the_next_workshop_starts_on_a_later_assessment_from_the_previous_targets(
    client, vcio, client_co, workshop
):
    with pytest.raises(GoalError, match="needs a later completed assessment"):
        start_workshop(client=client_co, baseline=workshop.baseline, held_on=dt.date(2027, 1, 10))
    later = completed_assessment(client_co, "2026 Q4", dt.date(2026, 12, 31), Q3_LEVELS)
    client.force_login(vcio)
    page = client.get(reverse("goals_workshop", args=[client_co.pk])).content.decode()
    assert "Start the next workshop" in page
    client.post(
        reverse("goals_workshop_start", args=[client_co.pk]), {"baseline": later.pk, "held_on": "2027-01-10"}
    )
    newest = Workshop.objects.filter(client=client_co).order_by("-held_on").first()
    assert newest.baseline == later and newest.pk != workshop.pk
    assert dict(newest.block_targets.values_list("block__code", "score")) == {"CONT": 75}
    assert "Earlier workshops" in client.get(reverse("goals_workshop", args=[client_co.pk])).content.decode()


def test_a_replan_is_shown_as_a_diff_before_it_is_approved(
    client, vcio, client_co, approved, workshop, system
):
    Recommendation.objects.filter(workshop=workshop).exclude(
        pk__in=[int(p) for p in approved.schedule]
    ).update(excluded=False)
    dropped = Recommendation.objects.filter(workshop=workshop, work_item__isnull=False).last()
    Recommendation.objects.filter(pk=dropped.pk).update(excluded=True)
    optimise_roadmap(actor=system, workshop=workshop, time_limit=2, on=dt.date(2026, 11, 2))
    client.force_login(vcio)
    page = client.get(reverse("roadmap_page", args=[client_co.pk])).content.decode()
    assert "What this proposal changes against the approved roadmap" in page
    section = page.split('id="diff-h"')[1].split("</section>")[0]
    assert dropped.title in section and "dropped" in section


def test_the_qbr_shows_delivered_against_planned_and_next_quarters_plan(client_co, items, system):
    done = set_work_status(
        actor=system, item=set_work_status(actor=system, item=items[0], status="in_progress"), status="done"
    )
    on = done.completed_at.date() + dt.timedelta(days=1)
    snapshot = hold_review(actor=system, review=plan_review(client=client_co, date=on)).snapshot
    delivery = snapshot["delivery"]
    assert [row["title"] for row in delivery["delivered"]] == [done.title]
    assert delivery["spend"]["delivered"] == float(done.recommendation.one_time_cost)
    assert delivery["next_quarter"]["label"].startswith("FY")
