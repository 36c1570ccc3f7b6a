"""The job record: what runs in the background for a tenant, how far it is, and what came of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sevenc.jobs.workflow import ACTIVE, FAILED, QUEUED, SUCCEEDED, percent
from sevenc.lib.bounds import NAME, NOTE, TITLE


class Job(models.Model):
    """One piece of long work: started by someone (or the command line), run by `sevenc worker`.

    `subject` names what it works on (e.g. "roadmap:workshop:12"); the database keeps at most one queued or
    running job per subject of an MSP, so two clicks start one run. `attempt` counts the starts: the task
    carries it, and a worker whose attempt is no longer the job's records nothing."""

    TENANT_PATH = "msp"
    CLIENT_PATH = "client"  # MSP-wide jobs (reminders, imports) have no client: a client viewer sees none

    class State(models.TextChoices):
        # The same words as sevenc.jobs.workflow's states (a test checks it).
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Done"
        FAILED = "failed", "Failed"

    msp = models.ForeignKey("tenancy.Msp", on_delete=models.CASCADE, related_name="jobs")
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    kind = models.CharField(max_length=60, help_text='Its handler, e.g. "roadmap.optimise"')
    subject = models.CharField(max_length=120, help_text="What it works on: one active job per subject")
    title = models.CharField(max_length=TITLE.max_length)
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=QUEUED)
    attempt = models.PositiveIntegerField(default=1)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True, help_text="None: the amount is unknown")
    message = models.TextField(blank=True, max_length=NOTE.max_length, help_text="Progress, result or why")
    result = models.JSONField(default=dict, blank=True, help_text='What it made, e.g. {"run": 12}')
    result_url = models.CharField(max_length=500, blank=True, help_text="Where its result is shown")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    worker = models.CharField(max_length=NAME.max_length, blank=True, help_text="The worker of this attempt")
    task_id = models.CharField(max_length=64, blank=True, help_text="django-tasks' id of the last enqueue")
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(auto_now_add=True, help_text="When this attempt was queued")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="Its last progress report")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["msp", "subject"], condition=Q(state__in=ACTIVE), name="one_active_job_per_subject"
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(done__lte=F("total")), name="job_done_within_total"
            ),
            models.CheckConstraint(condition=Q(attempt__gte=1), name="job_attempt_from_one"),
        ]
        indexes = [models.Index(fields=["msp", "subject", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE

    @property
    def succeeded(self) -> bool:
        return self.state == SUCCEEDED

    @property
    def failed(self) -> bool:
        return self.state == FAILED

    @property
    def percent(self) -> int | None:
        return percent(self.done, self.total)

    @property
    def last_sign_of_life(self):  # type: ignore[no-untyped-def]
        """The latest of queued, started and heartbeat: how long the job has been silent."""
        return max(t for t in (self.queued_at, self.started_at, self.heartbeat_at) if t is not None)
