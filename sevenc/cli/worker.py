"""`sevenc worker`: run the background jobs the web queues (optimising roadmaps, budget frontiers, reminders).

It is django-tasks-db's database worker: each task row is claimed under a row lock (SKIP LOCKED on
PostgreSQL, so several workers share one queue; on SQLite claims take the database's write lock in turn, so
one worker is enough there). SIGTERM or Ctrl+C lets the job in hand finish first; a second one stops it
(the job then shows as failed, "start it again").
"""

from __future__ import annotations

import os
import socket

import typer

from sevenc.cli.common import fail, setup_django

MAX_WORKER_ID = 64  # django-tasks-db's limit


def default_worker_id() -> str:
    """host-pid: unique among the workers of one database, and says where a job ran."""
    return f"{socket.gethostname()}-{os.getpid()}"[-MAX_WORKER_ID:]


def worker_command(
    interval: float = typer.Option(
        1.0, "--interval", min=0.05, max=60, help="Seconds between looks at an empty queue."
    ),
    batch: bool = typer.Option(False, "--batch", help="Run what is queued, then exit (cron, tests)."),
    max_tasks: int | None = typer.Option(None, "--max-tasks", min=1, help="Exit after this many jobs."),
    worker_id: str | None = typer.Option(
        None, "--id", help="A name unique among the workers (default: host-pid); kept on each job it runs."
    ),
    quiet: bool = typer.Option(False, "--quiet", help="Log nothing but errors."),
) -> None:
    """Run queued background work. Several may run at once on PostgreSQL; on SQLite one is enough."""
    name = worker_id or default_worker_id()
    if not name.strip() or len(name) > MAX_WORKER_ID:
        fail(f"--id: give a name of 1 to {MAX_WORKER_ID} characters")
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from sevenc.cli.common import unapplied_migrations

    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        fail(
            f"the task backend is {backend}: jobs run inside the requests that start them, so there is "
            "nothing for a worker to do (set SEVENC_TASKS_BACKEND=database)"
        )
    if unapplied_migrations():
        fail("the database needs migrating first: run `sevenc manage migrate` (or start `sevenc serve`)")
    call_command(
        "db_worker",
        queue_name="default",
        interval=interval,
        batch=batch,
        max_tasks=max_tasks,
        worker_id=name,
        reload=False,
        startup_delay=not batch,
        verbosity=0 if quiet else 1,
    )
