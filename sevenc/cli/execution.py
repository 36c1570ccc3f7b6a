"""`sevenc worklist` and `sevenc remind`: the week's work and its reminder e-mails from the command line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import typer
from rich.table import Table

from sevenc.cli.common import console, day_option, fail, print_json, setup_django


def _week(value: str | None) -> dt.date | None:
    """The Monday of an ISO week YYYY-Www, or None."""
    if value is None:
        return None
    try:
        return dt.datetime.strptime(value + "-1", "%G-W%V-%u").date()
    except ValueError:
        fail(f"--week: {value!r} is not an ISO week such as 2026-W49")


def _today(value: str | None) -> dt.date:
    from django.utils import timezone

    return day_option(value, option="--today") or timezone.localdate()


def worklist_command(
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
    user: str | None = typer.Option(None, "--user", help="Only this person's work (username)."),
    week: str | None = typer.Option(None, "--week", help="ISO week YYYY-Www (default: this week)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
) -> None:
    """This week's and overdue open work items, across the MSP's clients."""
    monday = _week(week)
    setup_django(migrate=True)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from sevenc.execution.queries import worklist
    from sevenc.tenancy.scoping import Scope
    from sevenc.tenancy.services import TenancyError, get_msp

    try:
        scope = Scope(get_msp(name=msp))
    except TenancyError as exc:
        fail(str(exc))
    owner_id = None
    if user is not None:
        found = get_user_model().objects.filter(username=user, membership__msp=scope.msp).first()
        if found is None:
            fail(f"--user: {msp} has no member called {user!r}")
        owner_id = found.pk
    today = monday or timezone.localdate()
    work = worklist(scope, today=today, owner_id=owner_id)
    items = [*work.overdue, *work.this_week]
    rows: list[dict[str, str | None]] = [
        {
            "client": item.client.name,
            "title": item.title,
            "item": item.item_code,
            "owner": _owner(item),
            "start": item.start.isoformat(),
            "due": item.due.isoformat(),
            "status": item.status,
        }
        for item in items
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{msp}: overdue and due in the week of {today:%b %-d, %Y}", title_justify="left")
    for column in ("Client", "Work", "Owner", "Due", "Status"):
        table.add_column(column)
    for item in items:
        late = " (late)" if item.due < today else ""
        owner = _owner(item) or "—"
        table.add_row(
            item.client.name, item.title, owner, f"{item.due:%a %b %-d}{late}", item.get_status_display()
        )
    console.print(table)


def _owner(item: Any) -> str | None:
    """A username, or the name of the client's party that owns the work."""
    if item.owner is not None:
        return str(item.owner.get_username())
    return item.owner_party.name if item.owner_party is not None else None


def remind_command(
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print each e-mail's recipient, subject and count only."
    ),
    msp: str | None = typer.Option(None, "--msp", help="Only this MSP (default: every MSP)."),
    today: str | None = typer.Option(
        None, "--today", help="The day to remind for, YYYY-MM-DD (default: today)."
    ),
    enqueue: bool = typer.Option(
        False, "--enqueue", help="Queue one job per MSP for `sevenc worker` to send (once per day) and exit."
    ),
) -> None:
    """E-mail each owner their overdue work and this week's: one e-mail per person (run it daily)."""
    if dry_run and enqueue:
        fail("give --dry-run or --enqueue, not both")
    setup_django(migrate=True)
    day = _today(today)
    from sevenc.execution.reminders import reminders, send
    from sevenc.tenancy.models import Msp
    from sevenc.tenancy.services import TenancyError, get_msp

    try:
        msps = [get_msp(name=msp)] if msp else list(Msp.objects.all())
    except TenancyError as exc:
        fail(str(exc))
    if enqueue:
        _enqueue_reminders(msps, day)
        return
    found = reminders(msps, day)
    if dry_run:
        for reminder in found:
            typer.echo(f"{reminder.to}\t{reminder.subject}\t{reminder.count} item(s)")
        console.print(f"{len(found)} e-mail(s) would be sent.")
        return
    sent = send(found)
    console.print(f"{sent} reminder e-mail(s) sent.")


def _enqueue_reminders(msps: list[Any], day: dt.date) -> None:
    """One job per MSP and day: queued again the same day, it is the same job (sent once)."""
    from sevenc.execution.jobs import start_reminders
    from sevenc.tenancy.access import Caller

    for one in msps:
        job, created = start_reminders(actor=Caller.system(one), day=day)
        job.refresh_from_db()  # the immediate backend has run it already
        state = job.get_state_display().lower() if created else f"already {job.get_state_display().lower()}"
        typer.echo(f"{one.name}\t{state}\tjob {job.pk}")
