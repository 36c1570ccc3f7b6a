"""A job's life: queued → running → done or failed with its reason; no double start; starting again is safe
(a result is stored once however often the work is delivered or started again); tenants see their own."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from sevenc.clients.models import Client
from sevenc.jobs import services
from sevenc.jobs.models import Job
from sevenc.jobs.runner import INTERRUPTED, SKIPPED, JobRun, Superseded
from sevenc.jobs.services import JobBusy, JobError, start_again, start_job
from sevenc.jobs.tests.kinds import CRASHES, MAKES, REFUSES, start
from sevenc.jobs.workflow import FAILED, QUEUED, RUNNING, STUCK_AFTER, SUCCEEDED
from sevenc.lib.errors import Conflict, NotAllowed
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership
from sevenc.tenancy.scoping import Scope, scoped


def _made(msp, name="Made by a job"):  # type: ignore[no-untyped-def]
    return scoped(Client, Scope(msp)).filter(name=name).count()


def test_a_started_job_is_queued_with_who_started_it(system, msp, owner):
    caller = Caller.of_membership(Membership.objects.get(user=owner))
    job, created = start(caller, name="Made by a job")
    assert created and job.state == QUEUED and job.attempt == 1
    assert job.started_by == owner and job.msp == msp and job.client is None
    assert job.params == {"name": "Made by a job"}


def test_a_job_runs_to_done_with_its_result_and_message(system, msp, run_it):
    job, _ = start(system, name="Made by a job")
    assert run_it(job) == SUCCEEDED
    job.refresh_from_db()
    assert job.state == SUCCEEDED and job.message == "Made Made by a job."
    assert job.result == {"client": scoped(Client, Scope(msp)).get(name="Made by a job").pk}
    assert job.done == job.total == 2  # the progress reads complete
    assert job.worker == "test-worker" and job.started_at <= job.finished_at


def test_progress_is_recorded_while_it_runs(system):
    job, _ = start(system, name="x")
    job.state, job.started_at = RUNNING, timezone.now()
    job.save()
    run = JobRun(job, Scope(job.msp))
    run.progress(3, 5, "Solved 3 of 5 budget levels.")
    job.refresh_from_db()
    assert (job.done, job.total, job.percent, job.message) == (3, 5, 60, "Solved 3 of 5 budget levels.")
    assert job.heartbeat_at is not None
    run.progress(9, 5)  # never beyond the total (the database refuses it too)
    job.refresh_from_db()
    assert job.done == 5


def test_a_job_that_refuses_fails_with_the_reason_for_the_page(system, run_it):
    job, _ = start(system, kind=REFUSES)
    assert run_it(job) == FAILED
    job.refresh_from_db()
    assert job.state == FAILED
    assert job.message == "budget: the budget of FY2027 Q1 is below the pinned work"
    assert job.finished_at is not None


def test_a_job_that_crashes_fails_without_showing_the_exception_text(system, run_it, caplog):
    job, _ = start(system, kind=CRASHES)
    assert run_it(job) == FAILED
    job.refresh_from_db()
    assert (
        job.message == "An unexpected error stopped it (ZeroDivisionError); the worker's log has the details."
    )
    assert "/srv/secret" not in job.message
    assert "ZeroDivisionError" in caplog.text  # the traceback is in the worker's log


def test_a_job_of_a_kind_sevenc_no_longer_knows_fails_and_says_so(system, run_it):
    job, _ = start(system)
    scoped(Job, system.scope).filter(pk=job.pk).update(kind="gone.away")
    assert run_it(job) == FAILED
    job.refresh_from_db()
    assert job.message == "sevenc no longer knows jobs of kind 'gone.away'"


def test_a_worker_stopped_mid_job_marks_it_failed_and_stops(system):
    job, _ = start(system, kind=MAKES, name="x")
    with mock.patch("sevenc.jobs.tests.kinds.Client.objects.create", side_effect=KeyboardInterrupt):
        from sevenc.jobs import runner

        with pytest.raises(KeyboardInterrupt):
            runner.run(job.msp_id, job.pk, job.attempt)
    job.refresh_from_db()
    assert job.state == FAILED and job.message == INTERRUPTED


def test_starting_the_same_job_twice_gives_the_one_under_way(system):
    first, created = start(system, name="x")
    second, again = start(system, name="x")
    assert created and not again and second.pk == first.pk
    assert scoped(Job, system.scope).count() == 1


def test_a_different_job_on_a_busy_subject_is_refused_with_who_started_it(system):
    start(system, name="x")
    with pytest.raises(
        JobBusy, match=r"Test test.makes_a_client is under way \(started \d\d:\d\d by the command line\)"
    ):
        start(system, name="y")


def test_two_starts_racing_past_the_check_still_make_one_job(system):
    """The database's unique constraint is the last word: the second insert loses and returns the first."""
    first, _ = start(system, name="x")
    real = services._active
    checks = []

    def late_check(scope, subject):  # type: ignore[no-untyped-def]
        checks.append(subject)  # the racing start's check ran before the first job was committed
        return None if len(checks) == 1 else real(scope, subject)

    with mock.patch.object(services, "_active", side_effect=late_check):
        second, created = start(system, name="x")
    assert not created and second.pk == first.pk
    assert len(checks) == 2  # the insert lost to the unique constraint, and the job under way was read
    assert scoped(Job, system.scope).count() == 1


def test_a_finished_job_does_not_block_a_new_start(system, run_it):
    job, _ = start(system, name="x")
    run_it(job)
    again, created = start(system, name="x")
    assert created and again.pk != job.pk


def test_a_job_done_once_is_not_started_again_when_once_is_asked(system, run_it):
    job, _ = start_job(
        actor=system, kind=MAKES, subject="daily", title="Daily", params={"name": "d"}, once=True
    )
    run_it(job)
    same, created = start_job(
        actor=system, kind=MAKES, subject="daily", title="Daily", params={"name": "d"}, once=True
    )
    assert not created and same.pk == job.pk


def test_parameters_must_be_json(system):
    with pytest.raises(JobError, match="params: parameters that are not JSON"):
        start(system, name=float("nan"))
    with pytest.raises(JobError, match="kind: sevenc knows no job of kind 'nope'"):
        start(system, kind="nope")


def test_a_second_delivery_of_the_same_task_does_nothing(system, msp, run_it):
    job, _ = start(system, name="Made by a job")
    assert run_it(job) == SUCCEEDED
    assert run_it(job) == SKIPPED
    assert _made(msp) == 1


def test_starting_a_failed_job_again_runs_it_once_more_as_a_new_attempt(system, msp, run_it):
    job, _ = start(system, name="Made by a job")
    with mock.patch("sevenc.jobs.tests.kinds.Client.objects.create", side_effect=ConnectionError("db")):
        assert run_it(job) == FAILED
    assert _made(msp) == 0  # the failed attempt stored nothing
    job = start_again(actor=system, job=job)
    assert job.state == QUEUED and job.attempt == 2 and job.message == ""
    assert run_it(job, attempt=1) == SKIPPED  # the old attempt's task, delivered late
    assert run_it(job) == SUCCEEDED
    assert _made(msp) == 1


def test_an_old_attempt_that_finishes_after_a_restart_stores_nothing(system, msp):
    """A worker thought dead wakes up after the job was started again: its result is refused."""
    job, _ = start(system, name="Made by a job")
    from sevenc.jobs.runner import _claim

    claimed = _claim(system.scope, job.pk, 1, "slow-worker")
    later = timezone.now() + STUCK_AFTER + dt.timedelta(seconds=1)
    start_again(actor=system, job=job, now=later)  # stuck: started again
    old = JobRun(claimed, system.scope)
    with pytest.raises(Superseded), old.finishing():
        Client.objects.create(msp=msp, name="Made by a job")
    assert _made(msp) == 0  # rolled back with the refused finish
    with pytest.raises(Superseded):
        old.progress(1, 2)


def test_a_running_job_can_be_started_again_only_when_stuck(system):
    job, _ = start(system, name="x")
    scoped(Job, system.scope).filter(pk=job.pk).update(state=RUNNING, started_at=timezone.now())
    with pytest.raises(
        Conflict, match="still running; it can be started again once it has shown no progress"
    ):
        start_again(actor=system, job=job)
    later = timezone.now() + STUCK_AFTER + dt.timedelta(minutes=1)
    assert start_again(actor=system, job=job, now=later).attempt == 2


def test_a_job_that_is_done_cannot_be_started_again(system, run_it):
    job, _ = start(system, name="x")
    run_it(job)
    with pytest.raises(Conflict, match="this job is done"):
        start_again(actor=system, job=job)


def test_starting_again_when_another_job_took_the_subject_gives_that_one(system, run_it):
    failed, _ = start(system, kind=REFUSES)
    run_it(failed)
    newer, _ = start(system, name="x")  # same subject, started after the failure
    assert start_again(actor=system, job=failed).pk == newer.pk
    failed.refresh_from_db()
    assert failed.state == FAILED


def test_only_the_roles_of_its_kind_may_start_a_job_again(msp, engineer, run_it):
    from sevenc.jobs.kinds import job_kind

    job_kind("test.managers_only", roles=("owner", "vcio", "system"))(lambda run: None)
    system = Caller.system(msp)
    job, _ = start_job(actor=system, kind="test.managers_only", subject="m", title="M")
    scoped(Job, system.scope).filter(pk=job.pk).update(state=FAILED)
    with pytest.raises(NotAllowed):
        start_again(actor=Caller.of_membership(Membership.objects.get(user=engineer)), job=job)


def test_a_job_is_invisible_outside_its_msp_and_an_msp_wide_one_to_client_viewers(
    system, msp, other_msp, client_co, client_viewer
):
    job, _ = start(system, name="x")
    assert scoped(Job, Scope(other_msp)).filter(pk=job.pk).count() == 0
    viewer_scope = Scope(msp, client_id=client_co.pk)
    assert scoped(Job, viewer_scope).filter(pk=job.pk).count() == 0  # MSP-wide: no client
    client_job, _ = start_job(actor=system, kind=MAKES, subject="c", title="C", client=client_co)
    assert scoped(Job, viewer_scope).get() == client_job


def test_the_database_keeps_one_active_job_per_subject(system):
    from django.db import IntegrityError, transaction

    start(system, name="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(msp=system.msp, kind=MAKES, subject="test:1", title="Twin")
