"""`sevenc worker` runs what the web queued and refuses to start when it could do nothing; several workers
on PostgreSQL share one queue and run each job once; `sevenc demo`'s worker stops with the server.

The queue here is the real one (django-tasks-db): the web commits a task row, a worker claims it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

import pytest
from django.db import connection, connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.cli.server import background_worker
from sevenc.clients.models import Client
from sevenc.jobs.models import Job
from sevenc.jobs.tests.kinds import SLOW, start
from sevenc.jobs.workflow import SUCCEEDED

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, transactional_db):
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def own_signals():
    """The worker takes SIGINT/SIGTERM for its graceful stop: give them back to pytest afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_the_worker_runs_what_the_web_queued(queue, own_signals, system, msp):
    job, _ = start(system, name="Made by the worker")
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    result = CliRunner().invoke(app, ["worker", "--batch", "--quiet", "--id", "test-worker-1"])

    assert result.exit_code == 0, result.output
    job.refresh_from_db()
    assert job.state == SUCCEEDED and job.worker == "test-worker-1"
    assert Client.objects.filter(msp=msp, name="Made by the worker").count() == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_worker_refuses_to_start_when_jobs_run_inside_the_requests():
    result = CliRunner().invoke(app, ["worker", "--batch"])  # the tests' immediate backend
    assert result.exit_code == 2
    assert "jobs run inside the requests that start them" in result.output


def test_the_worker_refuses_an_id_too_long():
    result = CliRunner().invoke(app, ["worker", "--id", "w" * 65])
    assert result.exit_code == 2 and "--id: give a name of 1 to 64 characters" in result.output


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite: one worker is enough (docs/deploy.md)")
def test_several_workers_on_postgresql_share_one_queue_and_run_each_job_once(queue, system, msp):
    jobs = [start(system, kind=SLOW, subject=f"slow:{n}", name=f"Slow {n}")[0] for n in range(6)]

    def work(name: str) -> None:
        try:
            Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=name,
                excluded_queue_names=[],
            ).run()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(f"pg-worker-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    ran_by = {}
    for job in jobs:
        job.refresh_from_db()
        assert job.state == SUCCEEDED
        ran_by[job.pk] = job.worker
    assert Client.objects.filter(msp=msp, name__startswith="Slow ").count() == 6  # each ran once
    assert all(len(task.worker_ids) == 1 for task in DBTaskResult.objects.all())
    assert set(ran_by.values()) == {"pg-worker-1", "pg-worker-2"}  # both took their share
    assert Job.objects.filter(state=SUCCEEDED).count() == 6


def test_the_demos_worker_runs_in_its_own_session_and_stops_with_the_server(settings):
    settings.TASKS = DATABASE_QUEUE
    sleeper = [sys.executable, "-c", "import time; time.sleep(120)"]
    seen = []

    def serve() -> None:
        with background_worker(True, command=sleeper) as worker:
            assert worker is not None
            seen.append((worker, worker.poll(), os.getsid(worker.pid)))
            raise RuntimeError("the server stopped")

    with pytest.raises(RuntimeError):
        serve()
    worker, running, session = seen[0]
    assert running is None and session == worker.pid  # its own session: Ctrl+C reaches the server only
    assert worker.poll() is not None  # stopped with the server


def test_the_demo_runs_no_worker_when_jobs_run_inside_the_requests():
    with background_worker(True) as worker:
        assert worker is None
