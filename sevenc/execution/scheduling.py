"""Spread a quarter's work over the quarter, by effort and dependencies. No Django here.

Approving a roadmap used to make every item due on the quarter's last day, which left the month and week
views empty until quarter-end. Here each quarter's items are laid out one after another in dependency
order (a prerequisite before its dependant, then by priority and framework order), each taking a share of
the quarter's days proportional to its effort, so a prerequisite is due before its dependant starts and
the work is due throughout the quarter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    id: str
    hours: float
    depends_on: tuple[str, ...] = ()
    order: int = 0  # priority, then framework position: the tie-break among ready jobs


@dataclass(frozen=True)
class Slot:
    start: dt.date
    due: dt.date


def dependency_order(jobs: Sequence[Job]) -> list[Job]:
    """Jobs with every prerequisite (among `jobs`) before them; ties by `order`. Cycles cannot reach here
    (the roadmap refuses them), but a stray one is broken by `order` rather than looping."""
    ids = {job.id for job in jobs}
    waiting = {job.id: {d for d in job.depends_on if d in ids} for job in jobs}
    by_id = {job.id: job for job in jobs}
    ordered: list[Job] = []
    while waiting:
        ready = [by_id[i] for i, deps in waiting.items() if not deps] or [by_id[i] for i in waiting]
        nxt = min(ready, key=lambda job: (job.order, job.id))
        ordered.append(nxt)
        del waiting[nxt.id]
        for deps in waiting.values():
            deps.discard(nxt.id)
    return ordered


def spread(jobs: Sequence[Job], start: dt.date, end: dt.date) -> dict[str, Slot]:
    """A start and due date within [start, end] for each job: consecutive slots in dependency order, each
    as long as its share of the total effort (a job of no effort still gets a day)."""
    ordered = dependency_order(jobs)
    if not ordered:
        return {}
    days = (end - start).days + 1
    weights = [max(job.hours, 1.0) for job in ordered]
    total = sum(weights)
    slots: dict[str, Slot] = {}
    done = 0.0
    first_free = 0
    for position, (job, weight) in enumerate(zip(ordered, weights, strict=True)):
        done += weight
        after = len(ordered) - position - 1  # later jobs each keep at least a day of their own
        last = max(first_free, round(done / total * days) - 1)
        last = max(min(last, days - 1 - after), min(first_free, days - 1))
        slots[job.id] = Slot(
            start + dt.timedelta(days=min(first_free, last)), start + dt.timedelta(days=last)
        )
        first_free = min(days - 1, last + 1)
    return slots
