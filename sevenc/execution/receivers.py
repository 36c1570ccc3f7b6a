"""Execution listens to the roadmap: an approved roadmap's scheduled recommendations become work items."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from sevenc.execution.planning import plan_work
from sevenc.roadmap.signals import roadmap_approved


@receiver(roadmap_approved, dispatch_uid="execution.plan_work")
def plan_work_on_approval(sender: Any, run: Any, actor: Any, on: Any, **kwargs: Any) -> None:
    plan_work(actor=actor, run=run, on=on)
