"""The one django-tasks task: run a job. Every kind of job goes through it (the kind picks the handler), so
the queue holds only (MSP, job, attempt) and the job record holds everything else."""

from __future__ import annotations

from django_tasks import TaskContext, task

from sevenc.jobs import runner


@task(takes_context=True)
def run_job(context: TaskContext, msp_id: int, job_id: int, attempt: int) -> str:
    """Run attempt `attempt` of the job; returns what became of it (its state, or "skipped" when the job
    had moved on: started again, or already run by another delivery of the same task)."""
    workers = context.task_result.worker_ids
    return runner.run(msp_id, job_id, attempt, worker=workers[-1] if workers else "")
