"""A job's card and page: the poll answers its state while it runs, stops polling (286) when it failed,
sends the browser to the result when it is done; starting again; the MSP's list; nothing across tenants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sevenc.jobs.models import Job
from sevenc.jobs.services import start_job
from sevenc.jobs.tests.kinds import MAKES, REFUSES, start
from sevenc.jobs.workflow import QUEUED, RUNNING, STUCK_AFTER

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def client_job(system, client_co):
    job, _ = start_job(
        actor=system,
        kind=MAKES,
        subject="c:1",
        title="Optimising the roadmap of Acme Dental",
        client=client_co,
        params={"name": "Made"},
        result_url=reverse("client_detail", args=[client_co.pk]),
    )
    return job


def test_a_queued_job_polls_every_second_until_it_is_done(client, vcio, client_job):
    client.force_login(vcio)
    page = client.get(reverse("job_detail", args=[client_job.pk])).content.decode()
    assert f'hx-get="{reverse("job_detail", args=[client_job.pk])}"' in page
    assert 'hx-trigger="every 1s"' in page and "Waiting for a worker" in page
    poll = client.get(reverse("job_detail", args=[client_job.pk]), **HX)
    assert poll.status_code == 200 and "Queued" in poll.content.decode()


def test_the_poll_shows_progress_while_it_runs(client, vcio, client_job):
    Job.objects.filter(pk=client_job.pk).update(
        state=RUNNING, started_at=timezone.now(), done=3, total=5, message="Solved 3 of 5 budget levels."
    )
    client.force_login(vcio)
    body = client.get(reverse("job_detail", args=[client_job.pk]), **HX).content.decode()
    assert 'value="60"' in body and "3 of 5" in body and "Solved 3 of 5 budget levels." in body


def test_a_done_job_sends_the_page_to_its_result_with_its_message(client, vcio, client_job, run_it):
    run_it(client_job)
    client.force_login(vcio)
    poll = client.get(reverse("job_detail", args=[client_job.pk]), **HX)
    assert poll["HX-Redirect"] == client_job.result_url
    page = client.get(client_job.result_url).content.decode()
    assert "Made Made." in page  # the job's message, as the flash


def test_a_failed_job_stops_the_polling_and_says_why_with_start_again(client, vcio, system, run_it):
    job, _ = start(system, kind=REFUSES)
    run_it(job)
    client.force_login(vcio)
    poll = client.get(reverse("job_detail", args=[job.pk]), **HX)
    body = poll.content.decode()
    assert poll.status_code == 286  # htmx stops polling
    assert "the budget of FY2027 Q1 is below the pinned work" in body and "Start again" in body
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "hx-trigger" not in page  # a finished job's card does not poll


def test_start_again_queues_a_new_attempt(client, vcio, system, run_it):
    job, _ = start(system, kind=REFUSES)
    run_it(job)
    client.force_login(vcio)
    response = client.post(reverse("job_start_again", args=[job.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.state == QUEUED and job.attempt == 2


def test_a_running_job_that_is_not_stuck_offers_no_start_again(client, vcio, client_job):
    Job.objects.filter(pk=client_job.pk).update(state=RUNNING, started_at=timezone.now())
    client.force_login(vcio)
    assert "Start again" not in client.get(reverse("job_detail", args=[client_job.pk])).content.decode()
    response = client.post(reverse("job_start_again", args=[client_job.pk]), follow=True)
    assert "still running" in response.content.decode()
    old = timezone.now() - STUCK_AFTER - dt.timedelta(minutes=1)
    Job.objects.filter(pk=client_job.pk).update(queued_at=old, started_at=old)
    page = client.get(reverse("job_detail", args=[client_job.pk])).content.decode()
    assert "No sign of life" in page and "Start again" in page


def test_the_client_viewer_follows_the_job_but_cannot_start_it_again(client, client_viewer, client_job):
    client.force_login(client_viewer)
    assert client.get(reverse("job_detail", args=[client_job.pk])).status_code == 200
    assert client.post(reverse("job_start_again", args=[client_job.pk])).status_code == 404
    assert client.get(reverse("job_list")).status_code == 404


def test_the_list_shows_the_msps_jobs_to_its_staff(client, engineer, client_job, system):
    start(system, kind=REFUSES)
    client.force_login(engineer)
    page = client.get(reverse("job_list")).content.decode()
    assert "Optimising the roadmap of Acme Dental" in page and "Test test.refuses" in page


def test_another_msp_sees_none_of_it(client, outsider, client_job):
    client.force_login(outsider)
    assert client.get(reverse("job_detail", args=[client_job.pk])).status_code == 404
    assert client.get(reverse("job_detail", args=[client_job.pk]), **HX).status_code == 404
    assert client.post(reverse("job_start_again", args=[client_job.pk])).status_code == 404
    assert "Acme Dental" not in client.get(reverse("job_list")).content.decode()
