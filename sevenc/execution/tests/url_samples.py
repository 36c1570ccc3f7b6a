"""Samples for the URL walks (isolation and every-state): a work item of the victim client and one task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sevenc.execution.models import WorkItem, WorkTask
from sevenc.execution.services import add_task
from sevenc.roadmap.models import RoadmapRun
from sevenc.roadmap.services import approve_roadmap
from sevenc.roadmap.tests.url_samples import SAMPLES as PLANNING
from sevenc.tenancy.access import Caller


def _item(world: Any) -> WorkItem:
    existing = WorkItem.objects.filter(client=world.client).first()
    if existing is not None:
        return existing
    run = RoadmapRun.objects.get(pk=PLANNING["run_pk"](world))
    if not run.is_approved:
        approve_roadmap(actor=Caller.system(world.client.msp), run=run, on=dt.date(2026, 10, 6))
    return WorkItem.objects.filter(client=world.client).first()  # type: ignore[return-value]


def _task(world: Any) -> int:
    item = _item(world)
    task = item.tasks.first() or add_task(
        actor=Caller.system(world.client.msp), item=item, title="Order the NAS"
    )
    return task.pk


SAMPLES: dict[str, Callable[[Any], Any]] = {
    "item_pk": lambda w: _item(w).pk,
    "task_pk": _task,
}
MODELS = {"item_pk": WorkItem, "task_pk": WorkTask}
