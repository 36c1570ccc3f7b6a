"""The worker's side of a job: claim it, run its kind's handler, record progress and the outcome.

Safe to run twice: a task names the job *and its attempt*. Claiming needs the job queued at that attempt,
so a second delivery of the same task, or an attempt replaced by "start again", does nothing. The handler
stores its result inside `run.finishing()`, one transaction that first re-reads the job under a row lock
and refuses (`Superseded`, rolled back) unless it is still running this attempt: a result is stored once,
however often the work is delivered or started again. A failure stores the reason for the page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from sevenc.audit.context import SYSTEM as SYSTEM_VIA
from sevenc.audit.context import acting
from sevenc.jobs.kinds import kind_of
from sevenc.jobs.models import Job
from sevenc.jobs.services import JobError
from sevenc.jobs.workflow import FAILED, JOB_MOVES, QUEUED, RUNNING, SUCCEEDED, SYSTEM
from sevenc.lib.bounds import NOTE
from sevenc.lib.errors import DomainError
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=Model)

SKIPPED = "skipped"  # what `run` returns when there was nothing to run (not a state of the job)
UNEXPECTED = "An unexpected error stopped it ({name}); the worker's log has the details."
INTERRUPTED = "The worker stopped while it ran (shut down or interrupted): start it again."


class Superseded(Exception):  # not an error: the job moved on without this attempt
    """The job is no longer running this attempt: started again, or finished by another delivery."""


@dataclass
class Outcome:
    """What a finished job reports: set inside `run.finishing()`."""

    message: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    result_url: str = ""


@dataclass
class JobRun:
    """One attempt of a job, as its handler sees it."""

    job: Job
    scope: Scope
    finished: bool = False

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    @property
    def actor(self) -> Caller:
        """The system acting for the job's MSP, with the person who started it recorded as the author (their
        role was checked when they started it)."""
        return Caller.system(self.scope.msp, user=self.job.started_by)

    def get(self, model: type[M], pk: Any, *, what: str) -> M:
        """An object the job works on, within the job's MSP; a JobError if it is gone."""
        found = scoped(model, self.scope).filter(pk=pk).first()
        if found is None:
            raise JobError(f"the {what} is gone (deleted after the job was started)")
        return found

    def progress(
        self,
        done: int = 0,
        total: int | None = None,
        message: str = "",
        *,
        kept: dict[str, Any] | None = None,
    ) -> None:
        """Report how far the work is (also the job's sign of life). `kept`: what is done for good and must
        not be done again by a later attempt (e.g. the addresses already e-mailed), kept in `job.result`
        across attempts. Raises Superseded once the job has moved on, which stops a worker whose attempt
        was replaced."""
        if total is not None:
            done = min(done, total)
        changes: dict[str, Any] = {
            "done": done,
            "total": total,
            "message": message[: NOTE.max_length],
            "heartbeat_at": timezone.now(),
        }
        if kept is not None:
            changes["result"] = {**self.job.result, **kept}
        changed = (
            scoped(Job, self.scope)
            .filter(pk=self.job.pk, attempt=self.job.attempt, state=RUNNING)
            .update(**changes)
        )
        if not changed:
            raise Superseded
        if kept is not None:
            self.job.result = changes["result"]

    @contextmanager
    def finishing(self) -> Iterator[Outcome]:
        """One transaction: the job is re-read under a row lock and must still be running this attempt, the
        handler stores its result, and the job is marked done with the `Outcome` the handler filled in."""
        with transaction.atomic():
            current = _locked(self.scope, self.job.pk)
            if current is None or current.attempt != self.job.attempt or current.state != RUNNING:
                raise Superseded
            outcome = Outcome()
            yield outcome
            JOB_MOVES.check(role=SYSTEM, source=RUNNING, target=SUCCEEDED, field="job")
            now = timezone.now()
            current.state, current.finished_at, current.heartbeat_at = SUCCEEDED, now, now
            current.message = outcome.message[: NOTE.max_length]
            current.result = outcome.result
            current.result_url = outcome.result_url or current.result_url
            if current.total is not None:
                current.done = current.total
            current.save()
            self.job = current
        self.finished = True


def run(msp_id: int, job_id: int, attempt: int, *, worker: str = "") -> str:
    """Run one attempt; returns the job's state afterwards, or SKIPPED when there was nothing to run."""
    msp = Msp.objects.filter(pk=msp_id).first()
    if msp is None:
        return SKIPPED
    scope = Scope(msp)
    job = _claim(scope, job_id, attempt, worker)
    if job is None:
        return SKIPPED
    job_run = JobRun(job, scope)
    try:
        kind = kind_of(job.kind)
        if kind is None:
            raise JobError(f"sevenc no longer knows jobs of kind {job.kind!r}")
        # The trail names the job and who started it: the worker acts for them, through the system.
        starter = job.started_by.get_username() if job.started_by else "nobody"
        with acting(label=f"job: {job.kind} #{job.pk}, started by {starter}", via=SYSTEM_VIA, msp=msp):
            kind.handler(job_run)
            if not job_run.finished:
                with job_run.finishing():
                    pass
    except Superseded:
        return SKIPPED
    except DomainError as exc:
        return _fail(scope, job_id, attempt, str(exc))
    except Exception as exc:
        logger.exception("job %s (%s, attempt %s) failed", job_id, job.kind, attempt)
        return _fail(scope, job_id, attempt, UNEXPECTED.format(name=type(exc).__name__))
    except BaseException:  # the worker is being stopped: say so on the page, then let it stop
        _fail(scope, job_id, attempt, INTERRUPTED)
        raise
    return SUCCEEDED


def _locked(scope: Scope, job_id: int) -> Job | None:
    return (
        scoped(Job, scope)
        .select_for_update(of=("self",))
        .filter(pk=job_id)
        .select_related("started_by")
        .first()
    )


def _claim(scope: Scope, job_id: int, attempt: int, worker: str) -> Job | None:
    """The job, now running this attempt; None if it is not queued at this attempt (gone, started again,
    or already claimed by another delivery of the same task)."""
    with transaction.atomic():
        job = _locked(scope, job_id)
        if job is None or job.attempt != attempt or job.state != QUEUED:
            return None
        JOB_MOVES.check(role=SYSTEM, source=QUEUED, target=RUNNING, field="job")
        now = timezone.now()
        job.state, job.started_at, job.heartbeat_at, job.worker = RUNNING, now, now, worker[:200]
        job.save(update_fields=["state", "started_at", "heartbeat_at", "worker"])
        return job


def _fail(scope: Scope, job_id: int, attempt: int, reason: str) -> str:
    with transaction.atomic():
        job = _locked(scope, job_id)
        if job is None or job.attempt != attempt or job.state != RUNNING:
            return SKIPPED  # started again meanwhile: that attempt tells its own story
        JOB_MOVES.check(role=SYSTEM, source=RUNNING, target=FAILED, field="job")
        job.state, job.finished_at, job.message = FAILED, timezone.now(), reason[: NOTE.max_length]
        job.save(update_fields=["state", "finished_at", "message"])
    return FAILED
