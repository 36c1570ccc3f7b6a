"""The part of a batch that runs inside a worker process. Importable before Django is set up.

A spawned worker unpickles its initializer and tasks by importing this module, so nothing here may
import models at module level.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

BUILT, FAILED, SKIPPED = "built", "failed", "skipped"


@dataclass(frozen=True)
class Job:
    msp_id: int
    msp: str
    client_id: int
    client: str
    review_id: int | None  # None: the client has no held review yet


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str
    path: str = ""
    reason: str = ""
    seconds: float = 0.0


def build_one(job: Job, out_dir: str, size: str | None = None) -> Outcome:
    """Render one PDF; every error becomes a failed Outcome so the batch carries on."""
    started = time.perf_counter()
    if job.review_id is None:
        return Outcome(job, SKIPPED, reason="no held review yet")
    try:
        from django.utils.text import slugify

        from sevenc.reports.models import ReviewMeeting
        from sevenc.reports.pdf import render_pdf
        from sevenc.tenancy.models import Msp
        from sevenc.tenancy.scoping import Scope, scoped

        scope = Scope(Msp.objects.get(pk=job.msp_id), client_id=job.client_id)
        review = scoped(ReviewMeeting, scope).get(pk=job.review_id)
        if review.snapshot is None:
            raise ValueError("the review has no frozen snapshot")
        pdf = render_pdf(review.snapshot, size=size)
        path = Path(out_dir) / slugify(job.msp) / f"{slugify(job.client)}-qbr-{review.date.isoformat()}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".pdf.part")
        partial.write_bytes(pdf)
        partial.replace(path)  # a reader never sees half a PDF
    except Exception as exc:  # any failure is reported for this client only
        return Outcome(
            job, FAILED, reason=f"{type(exc).__name__}: {exc}", seconds=time.perf_counter() - started
        )
    return Outcome(job, BUILT, path=str(path), seconds=time.perf_counter() - started)


def start_worker() -> None:
    # A spawned worker starts from scratch: it sets Django up itself and warms WeasyPrint once.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sevenc.config.settings")
    import django

    django.setup()
    import weasyprint  # noqa: F401
