"""Samples for the URL walks (sevenc/web/tests/url_walk.py): a job of the victim client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sevenc.jobs.models import Job
from sevenc.jobs.services import start_job
from sevenc.jobs.tests.kinds import MAKES
from sevenc.tenancy.access import Caller


def _job(world: Any) -> int:
    job, _ = start_job(  # the same job on every call: it is already under way
        actor=Caller.system(world.client.msp),
        kind=MAKES,
        subject=f"sample:{world.client.pk}",
        title="Sample job",
        client=world.client,
        params={"name": "Sample"},
    )
    return job.pk


SAMPLES: dict[str, Callable[[Any], Any]] = {"job_pk": _job}
MODELS = {"job_pk": Job}
