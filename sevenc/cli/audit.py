"""`sevenc audit`: an MSP's audit trail, newest first, as a table or as JSON."""

from __future__ import annotations

import typer
from rich.table import Table

from sevenc.cli.common import bad_input_exits_2, console, day_option, print_json, setup_django


def audit_command(
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
    since: str | None = typer.Option(None, "--since", help="Only changes on or after this day, YYYY-MM-DD."),
    as_json: bool = typer.Option(
        False, "--json", help="A JSON list of events (time, actor, via, …, changes)."
    ),
) -> None:
    """Who changed what, when, through what (web, api, cli, system), with each field before → after."""
    day = day_option(since, option="--since")
    setup_django(migrate=True)
    from sevenc.audit import values
    from sevenc.audit.queries import Filters, events, kind_name
    from sevenc.audit.queries import as_json as event_json
    from sevenc.tenancy.scoping import Scope
    from sevenc.tenancy.services import TenancyError, get_msp

    with bad_input_exits_2(TenancyError):
        scope = Scope(get_msp(name=msp))
    found = events(scope, Filters(since=day)).iterator(chunk_size=2000)
    if as_json:
        print_json([event_json(event) for event in found])
        return
    table = Table("Time", "Actor", "Via", "Action", "Object", "Client", "Changes", title=f"History of {msp}")
    count = 0
    for event in found:
        count += 1
        table.add_row(
            f"{event.at:%Y-%m-%d %H:%M}",
            event.actor_label,
            event.via,
            event.action,
            f"{kind_name(event.model)} {event.object_name}",
            event.client_name or "—",
            values.describe(event.changes if isinstance(event.changes, dict) else {}),
        )
    if count:
        console.print(table)
    console.print(f"{count} change(s)" + (f" since {day.isoformat()}" if day else ""))
