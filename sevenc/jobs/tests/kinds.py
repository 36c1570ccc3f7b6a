"""Kinds of job for the tests of the job machinery itself: one that makes a row (to count results), one
that refuses (a DomainError) and one that crashes."""

from __future__ import annotations

from typing import Any

from sevenc.clients.models import Client
from sevenc.jobs.kinds import job_kind
from sevenc.jobs.runner import JobRun
from sevenc.jobs.workflow import STAFF
from sevenc.lib.errors import DomainError
from sevenc.tenancy.access import Caller

MAKES, REFUSES, CRASHES = "test.makes_a_client", "test.refuses", "test.crashes"


@job_kind(MAKES, roles=STAFF)
def makes_a_client(run: JobRun) -> None:
    run.progress(1, 2, "Half way.")
    with run.finishing() as outcome:
        made = Client.objects.create(msp=run.scope.msp, name=run.params["name"])
        outcome.message = f"Made {made.name}."
        outcome.result = {"client": made.pk}


SUCCEEDS = "test.succeeds"


@job_kind(SUCCEEDS, roles=STAFF)
def succeeds(run: JobRun) -> None:
    """Done, changing nothing: a finished job for the walks that must not add rows (a client) to their world."""
    with run.finishing() as outcome:
        outcome.message = "Done, nothing changed."


@job_kind(REFUSES, roles=STAFF)
def refuses(run: JobRun) -> None:
    raise DomainError("the budget of FY2027 Q1 is below the pinned work", field="budget")


@job_kind(CRASHES, roles=STAFF)
def crashes(run: JobRun) -> None:
    raise ZeroDivisionError("division by zero in /srv/secret/path.py")


def start(actor: Caller, kind: str = MAKES, subject: str = "test:1", **params: Any):  # type: ignore[no-untyped-def]
    """Start a test job (its task is enqueued when the test's transaction would commit: not at all)."""
    from sevenc.jobs.services import start_job

    return start_job(actor=actor, kind=kind, subject=subject, title=f"Test {kind}", params=params)


SLOW = "test.slow"


@job_kind(SLOW, roles=STAFF)
def slow(run: JobRun) -> None:
    """Long enough for a second worker to take the next job meanwhile."""
    import time

    time.sleep(0.3)
    with run.finishing() as outcome:
        Client.objects.create(msp=run.scope.msp, name=run.params["name"])
        outcome.message = run.job.worker


def jobs_in_every_state(client: Client) -> list[Any]:
    """A job of the client queued, running, failed and done (for the every-page walk)."""
    from sevenc.jobs import runner
    from sevenc.jobs.services import start_job

    system = Caller.system(client.msp)

    def job(kind: str, name: str):  # type: ignore[no-untyped-def]
        made, _ = start_job(
            actor=system,
            kind=kind,
            subject=f"walk:{client.pk}:{name}",
            title=name,
            client=client,
            params={"name": name},
        )
        return made

    queued, running, failed, done = (
        job(MAKES, "Queued"),
        job(MAKES, "Running"),
        job(REFUSES, "Failed"),
        job(SUCCEEDS, "Done"),
    )
    runner._claim(system.scope, running.pk, running.attempt, "walk-worker")
    for finished in (failed, done):
        runner.run(client.msp_id, finished.pk, finished.attempt)
    return [queued, running, failed, done]
