"""Render many clients' latest held review PDFs, in parallel processes; one failure never stops the batch."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from sevenc.clients.models import Client
from sevenc.reports.batch_worker import BUILT, FAILED, SKIPPED, Job, Outcome, build_one, start_worker
from sevenc.reports.models import ReviewMeeting
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped

__all__ = ["BUILT", "FAILED", "SKIPPED", "Job", "Outcome", "build_all", "jobs_for"]


def jobs_for(msps: Iterable[Msp], client_names: Iterable[str] = ()) -> list[Job]:
    """Each client's latest held review, per MSP; `client_names` narrows to those clients."""
    wanted = set(client_names)
    jobs = []
    for msp in msps:
        scope = Scope(msp)
        clients = scoped(Client, scope).order_by("name")
        if wanted:
            clients = clients.filter(name__in=wanted)
        latest: dict[int, int] = {}
        held = scoped(ReviewMeeting, scope).filter(status=ReviewMeeting.Status.HELD).order_by("date", "pk")
        for client_id, review_id in held.values_list("client_id", "pk"):
            latest[client_id] = review_id  # ordered by date, so the last one wins
        for client in clients:
            jobs.append(Job(msp.pk, msp.name, client.pk, client.name, latest.get(client.pk)))
    return jobs


def build_all(
    jobs: list[Job],
    out_dir: Path,
    *,
    workers: int = 1,
    size: str | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build every job; `workers` > 1 uses that many processes. Outcomes come back in job order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    report = on_outcome or (lambda outcome: None)
    if workers <= 1:
        outcomes = []
        for job in jobs:
            outcome = build_one(job, str(out_dir), size)
            report(outcome)
            outcomes.append(outcome)
        return outcomes
    # "spawn", not fork: a forked child would share the parent's database connection and threads.
    context = multiprocessing.get_context("spawn")
    by_job: dict[int, Outcome] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=start_worker) as pool:
        futures: dict[Future[Outcome], int] = {}
        for n, job in enumerate(jobs):
            if job.review_id is None:  # nothing to render: no need to ship it to a worker
                by_job[n] = Outcome(job, SKIPPED, reason="no held review yet")
                report(by_job[n])
                continue
            futures[pool.submit(build_one, job, str(out_dir), size)] = n
        for future in as_completed(futures):
            n = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a crashed worker fails its job, not the batch
                outcome = Outcome(jobs[n], FAILED, reason=f"worker crashed: {type(exc).__name__}: {exc}")
            by_job[n] = outcome
            report(outcome)
    return [by_job[n] for n in range(len(jobs))]
