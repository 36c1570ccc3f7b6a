"""`{% job_card job %}`: a job's card, which polls for its progress while it runs (htmx) and shows its
outcome: the result when done (the page reloads on it), the reason and "Start again" when it failed.

Usage:  {% load jobs_ui %}{% if job %}{% job_card job %}{% endif %}
"""

from __future__ import annotations

from typing import Any

from django import template

from sevenc.jobs.models import Job
from sevenc.jobs.presenters import job_context

register = template.Library()


@register.inclusion_tag("jobs/_job_card.html", takes_context=True)
def job_card(context: dict[str, Any], job: Job) -> dict[str, Any]:
    request = context.get("request")
    caller = getattr(request, "caller", None)
    return {**job_context(job, caller), "request": request, "csrf_token": context.get("csrf_token")}
