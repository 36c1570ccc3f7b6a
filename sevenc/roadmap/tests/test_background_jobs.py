"""Optimising and the frontier run off the request path: the page answers at once with the job's card, the
worker (django-tasks-db's, run here in this process) stores the result, and the card then sends the page to
it. Clicking twice, a task delivered twice and starting a failed job again never store a second run.

These tests queue real task rows (the database backend) and commit them, as the web does; the worker sees
only committed rows, hence `transactional_db`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sevenc.catalogue.services import load_packaged_frameworks
from sevenc.goals.models import Workshop
from sevenc.jobs.models import Job
from sevenc.jobs.tasks import run_job
from sevenc.jobs.workflow import FAILED, QUEUED, SUCCEEDED
from sevenc.roadmap.jobs import roadmap_subject
from sevenc.roadmap.models import QuarterPlan, Recommendation, RoadmapRun
from sevenc.roadmap.services import plan_quarters, propose_recommendations
from sevenc.roadmap.services.frontier import compute_frontier

HX = {"HTTP_HX_REQUEST": "true"}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, transactional_db):
    """The real queue: tasks wait in the database until a worker runs them."""
    load_packaged_frameworks()  # a transactional test starts from an empty database
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def planned(queue, client, vcio, workshop) -> Workshop:
    propose_recommendations(workshop=workshop)
    plan_quarters(
        client=workshop.client, after=dt.date(2026, 10, 5), budget=3000, capacity_hours=40, horizon=4
    )
    client.force_login(vcio)
    return workshop


def work_the_queue() -> None:
    """`sevenc worker --batch`, in this process: run every queued task, then stop."""
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def runs(workshop: Workshop) -> int:
    return RoadmapRun.objects.filter(workshop=workshop).count()


def test_optimising_answers_at_once_and_the_result_appears_when_the_worker_has_run(client, planned):
    response = client.post(reverse("roadmap_optimise", args=[planned.pk]), follow=True)
    assert response.status_code == 200
    assert runs(planned) == 0  # nothing was computed in the request
    job = Job.objects.get(subject=roadmap_subject(planned.pk))
    assert job.state == QUEUED and DBTaskResult.objects.filter(status="READY").count() == 1
    page = response.content.decode()
    assert "under way in the background" in page
    assert f'hx-get="{reverse("job_detail", args=[job.pk])}"' in page and 'hx-trigger="every 1s"' in page

    work_the_queue()

    job.refresh_from_db()
    assert job.state == SUCCEEDED and runs(planned) == 1
    assert job.result == {"run": RoadmapRun.objects.get(workshop=planned).pk}
    poll = client.get(reverse("job_detail", args=[job.pk]), **HX)
    assert poll["HX-Redirect"] == reverse("roadmap_page", args=[planned.client_id])
    page = client.get(poll["HX-Redirect"]).content.decode()
    assert "Optimised: " in page and "Schedule by quarter" in page  # the flash and the new roadmap
    assert "hx-trigger" not in page  # nothing left to poll


def test_two_clicks_make_one_job_and_one_run(client, planned):
    client.post(reverse("roadmap_optimise", args=[planned.pk]))
    second = client.post(reverse("roadmap_optimise", args=[planned.pk]), follow=True)
    assert "is already under way" in second.content.decode()
    assert Job.objects.count() == 1 and DBTaskResult.objects.count() == 1
    work_the_queue()
    assert runs(planned) == 1


def test_a_task_delivered_twice_stores_one_run(client, planned):
    client.post(reverse("roadmap_optimise", args=[planned.pk]))
    job = Job.objects.get()
    run_job.enqueue(job.msp_id, job.pk, job.attempt)  # the same task again, as a redelivery would
    work_the_queue()
    assert runs(planned) == 1
    assert sorted(DBTaskResult.objects.values_list("return_value", flat=True)) == ["skipped", "succeeded"]


def test_a_failed_optimisation_says_why_on_the_page_and_starting_again_stores_one_run(client, planned):
    pinned = Recommendation.objects.filter(workshop=planned).first()
    Recommendation.objects.filter(pk=pinned.pk).update(pin_quarter="FY1999 Q1")
    client.post(reverse("roadmap_optimise", args=[planned.pk]))
    work_the_queue()
    job = Job.objects.get()
    assert job.state == FAILED and "FY1999 Q1" in job.message
    page = client.get(reverse("roadmap_page", args=[planned.client_id])).content.decode()
    assert "Failed" in page and "FY1999 Q1" in page and "Start again" in page

    Recommendation.objects.filter(pk=pinned.pk).update(pin_quarter="")  # the vCIO fixes the pin
    client.post(reverse("job_start_again", args=[job.pk]))
    work_the_queue()
    job.refresh_from_db()
    assert job.state == SUCCEEDED and job.attempt == 2 and runs(planned) == 1


def test_adopting_budgets_while_an_optimisation_is_under_way_changes_nothing(client, planned, vcio):
    from sevenc.tenancy.access import Caller

    frontier = compute_frontier(
        actor=Caller.system(planned.client.msp), workshop=planned, factors=(1.5,), time_limit=2
    )
    client.post(reverse("roadmap_optimise", args=[planned.pk]))
    before = list(QuarterPlan.objects.order_by("pk").values_list("budget", flat=True))
    response = client.post(
        reverse("roadmap_frontier_adopt", args=[frontier.pk]), {"factor": "1.5"}, follow=True
    )
    assert "is under way" in response.content.decode()
    assert list(QuarterPlan.objects.order_by("pk").values_list("budget", flat=True)) == before
    assert Job.objects.count() == 1


def test_the_frontier_reports_each_budget_level_and_then_shows_the_points(client, planned):
    response = client.post(reverse("roadmap_frontier", args=[planned.pk]), {"factors": "0.5,1"}, follow=True)
    assert "Computing the budget frontier" in response.content.decode()
    work_the_queue()
    job = Job.objects.get()
    assert job.state == SUCCEEDED and (job.done, job.total) == (2, 2)
    assert job.result_url.endswith("#frontier-h")
    poll = client.get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert poll["HX-Redirect"] == reverse("roadmap_page", args=[planned.client_id])  # a reload, not a jump
    page = client.get(reverse("roadmap_page", args=[planned.client_id])).content.decode()
    assert "Adopt these budgets" in page
