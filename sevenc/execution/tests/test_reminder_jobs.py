"""The reminders as a background job: once per MSP and day however often it is queued, a mail server that
refuses says so on the job, and starting it again e-mails only the people not reached yet."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.execution.jobs import start_reminders
from sevenc.execution.models import WorkItem
from sevenc.jobs.models import Job
from sevenc.jobs.services import start_again
from sevenc.jobs.workflow import FAILED, SUCCEEDED


@pytest.fixture
def two_people_to_remind(items, owner, vcio):
    today = timezone.localdate()
    WorkItem.objects.filter(pk=items[0].pk).update(start=today, due=today, owner=vcio)
    WorkItem.objects.filter(pk=items[1].pk).update(start=today, due=today, owner=owner)
    return sorted([owner.email, vcio.email])


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the queued job (immediate backend) when its transaction commits, as outside a test."""

    def run(start):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            job, created = start()
        job.refresh_from_db()
        return job, created

    return run


def test_the_days_reminders_are_sent_once_however_often_they_are_queued(
    system, two_people_to_remind, run_on_commit
):
    today = timezone.localdate()
    job, created = run_on_commit(lambda: start_reminders(actor=system, day=today))
    assert created and job.state == SUCCEEDED and job.message == "2 reminder e-mail(s) sent."
    again, created = run_on_commit(lambda: start_reminders(actor=system, day=today))
    assert not created and again.pk == job.pk
    assert sorted(m.to[0] for m in mail.outbox) == two_people_to_remind
    tomorrow, created = run_on_commit(lambda: start_reminders(actor=system, day=today + dt.timedelta(days=1)))
    assert created and tomorrow.pk != job.pk  # another day, another job


def test_a_refusing_mail_server_fails_the_job_and_starting_again_mails_only_the_rest(
    system, two_people_to_remind, run_on_commit
):
    backend = "django.core.mail.backends.locmem.EmailBackend.send_messages"
    real = mail.get_connection().__class__.send_messages
    calls = []

    def second_one_refused(self, messages):  # type: ignore[no-untyped-def]
        calls.append(messages[0].to[0])
        if len(calls) == 2:
            raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"mailbox unavailable")})
        return real(self, messages)

    with mock.patch(backend, second_one_refused):
        job, _ = run_on_commit(lambda: start_reminders(actor=system, day=timezone.localdate()))
    assert job.state == FAILED
    assert job.message.startswith("the mail server refused after 1 of 2 e-mail(s): SMTPRecipientsRefused")
    first = calls[0]
    assert job.result == {"sent": [first]}  # kept for the next attempt

    job, _ = run_on_commit(lambda: (start_again(actor=system, job=job), False))
    assert job.state == SUCCEEDED and job.attempt == 2
    assert [m.to[0] for m in mail.outbox] == [first, calls[1]]  # each person once in all
    assert job.result == {"sent": [first, calls[1]]}


def test_remind_enqueue_queues_one_job_per_msp_and_day(system, msp, two_people_to_remind):
    runner = CliRunner()
    with mock.patch("sevenc.jobs.services.transaction.on_commit", lambda f, robust=False: f()):
        first = runner.invoke(app, ["remind", "--enqueue", "--msp", msp.name])
        second = runner.invoke(app, ["remind", "--enqueue", "--msp", msp.name])
    job = Job.objects.get(msp=msp)
    assert first.exit_code == 0, first.output
    assert first.stdout == f"{msp.name}\tdone\tjob {job.pk}\n"
    assert second.stdout == f"{msp.name}\talready done\tjob {job.pk}\n"
    assert len(mail.outbox) == 2
    refused = runner.invoke(app, ["remind", "--enqueue", "--dry-run"])
    assert refused.exit_code == 2 and "give --dry-run or --enqueue, not both" in refused.output
