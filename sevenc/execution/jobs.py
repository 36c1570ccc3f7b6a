"""The reminder e-mails as a background job: one job per MSP and day, so sending is done once a day however
often it is queued (`sevenc remind --enqueue` from a timer, on any machine), and a retry after a failure
e-mails only the people not reached yet (the addresses sent are kept on the job as they leave)."""

from __future__ import annotations

import datetime as dt
import smtplib

from sevenc.execution.reminders import Reminder, reminders, send
from sevenc.jobs.kinds import job_kind
from sevenc.jobs.models import Job
from sevenc.jobs.runner import JobRun
from sevenc.jobs.services import JobError, start_job
from sevenc.jobs.workflow import OWNER, SYSTEM
from sevenc.tenancy.access import Caller

REMIND = "execution.remind"


def start_reminders(*, actor: Caller, day: dt.date) -> tuple[Job, bool]:
    """Queue the day's reminder e-mails of the actor's MSP: (the job, True), or (the day's job already
    queued, running or done, False)."""
    return start_job(
        actor=actor,
        kind=REMIND,
        subject=f"remind:{day.isoformat()}",
        title=f"Reminder e-mails of {day:%a %b} {day.day}, {day.year}",
        params={"day": day.isoformat()},
        once=True,
    )


@job_kind(REMIND, roles=(OWNER, SYSTEM))
def remind(run: JobRun) -> None:
    day = dt.date.fromisoformat(run.params["day"])
    sent: list[str] = list(run.job.result.get("sent", []))
    todo = [r for r in reminders([run.scope.msp], day) if r.to not in sent]
    total = len(sent) + len(todo)
    run.progress(len(sent), total, f"Sending {len(todo)} reminder e-mail(s).")

    def gone(reminder: Reminder) -> None:
        sent.append(reminder.to)
        run.progress(len(sent), total, f"Sent {len(sent)} of {total}.", kept={"sent": sent})

    try:
        send(todo, on_sent=gone)
    except (smtplib.SMTPException, OSError) as exc:
        raise JobError(
            f"the mail server refused after {len(sent)} of {total} e-mail(s): {type(exc).__name__}: {exc}"
        ) from None
    with run.finishing() as outcome:
        outcome.message = f"{len(sent)} reminder e-mail(s) sent."
        outcome.result = {"sent": sent}
