"""A job's page and the fragment its card polls; starting a failed or stuck job again; the MSP's recent jobs.

The card polls `job_detail` every second (htmx) while the job is queued or running. The answer is the new
state; once the job has finished, polling stops (HTTP 286) and a job that succeeded sends the browser to its
result (HX-Redirect), with its message as the flash.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HTMX_STOP_POLLING, HttpResponseClientRedirect

from sevenc.jobs.models import Job
from sevenc.jobs.presenters import job_context
from sevenc.jobs.services import start_again
from sevenc.lib.errors import DomainError
from sevenc.lib.htmx import is_htmx
from sevenc.tenancy.access import STAFF, Caller, allow
from sevenc.tenancy.scoping import get_scoped, scoped

RECENT = 100


@require_safe
@allow(*STAFF)
def job_list(request: HttpRequest, caller: Caller) -> HttpResponse:
    jobs = scoped(Job, caller.scope).select_related("started_by")[:RECENT]
    return render(request, "jobs/list.html", {"jobs": jobs, "limit": RECENT})


@require_safe
@allow()
def job_detail(request: HttpRequest, caller: Caller, job_pk: int) -> HttpResponse:
    job = get_scoped(Job, caller.scope, pk=job_pk)
    if not is_htmx(request):
        return render(request, "jobs/job.html", {"job": job})
    if job.succeeded and job.result_url:
        messages.success(request, job.message or f"{job.title}: done.")
        # Without its #fragment: on the result's own page, a fragment-only change would not reload it (and
        # the card would poll on).
        return HttpResponseClientRedirect(job.result_url.split("#", 1)[0])
    response = render(request, "jobs/_job_state.html", job_context(job, caller))
    if not job.is_active:
        response.status_code = HTMX_STOP_POLLING
    return response


@require_POST
@allow(*STAFF)
def job_start_again(request: HttpRequest, caller: Caller, job_pk: int) -> HttpResponse:
    job = get_scoped(Job, caller.scope, pk=job_pk)
    try:
        job = start_again(actor=caller, job=job)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{job.title}: started again.")
    return redirect(_page_of(job))


def _page_of(job: Job) -> str:
    """Where the job is shown: the page of its result if it has one, else its own page."""
    return job.result_url or reverse("job_detail", args=[job.pk])
