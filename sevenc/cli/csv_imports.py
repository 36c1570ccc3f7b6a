"""`sevenc import-clients` and `sevenc import-responses`: the CSV imports of the web app, on the command
line (docs/formats.md, "Clients CSV" and "Responses CSV"). All or nothing; problems exit 2."""

from __future__ import annotations

from pathlib import Path

import typer

from sevenc.audit.context import acting
from sevenc.cli.common import bad_input_exits_2, console, fail, setup_django


def import_clients_command(
    file: Path = typer.Argument(..., help="CSV: name, seats, vertical, fiscal_year_start, contact_name, …"),
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
) -> None:
    """Add the clients of a CSV file to an MSP: all of them, or none with every problem listed."""
    setup_django(migrate=True)
    from sevenc.clients.imports import OPTIONAL, REQUIRED, import_clients
    from sevenc.lib.files import read_csv
    from sevenc.tenancy.scoping import Scope
    from sevenc.tenancy.services import get_msp

    with bad_input_exits_2(), acting(label="cli: sevenc import-clients"):
        table = read_csv(file, required=REQUIRED, optional=OPTIONAL)
        created = import_clients(scope=Scope(get_msp(name=msp)), table=table)
    console.print(f"imported {len(created)} client(s) into {msp}")


def import_responses_command(
    file: Path = typer.Argument(..., help="CSV: item, level (0–4 or N/A), status, risk, solution, evidence."),
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
    client: str = typer.Option(..., "--client", help="Name of the client."),
    title: str = typer.Option(..., "--assessment", help="Title of the client's draft assessment."),
) -> None:
    """Fill one draft assessment from a CSV file: every row, or none with every problem listed."""
    setup_django(migrate=True)
    from sevenc.assessments.imports import OPTIONAL, REQUIRED, import_responses
    from sevenc.assessments.models import Assessment
    from sevenc.clients.models import Client
    from sevenc.lib.files import read_csv
    from sevenc.tenancy.access import Caller
    from sevenc.tenancy.scoping import Scope, scoped
    from sevenc.tenancy.services import get_msp

    with bad_input_exits_2():
        table = read_csv(file, required=REQUIRED, optional=OPTIONAL)
        scope = Scope(get_msp(name=msp))
    found = scoped(Client, scope).filter(name=client).first()
    if found is None:
        fail(f"{msp} has no client called {client!r}")
    assessment = scoped(Assessment, scope).filter(client=found, title=title).first()
    if assessment is None:
        fail(f"{client} has no assessment called {title!r}")
    with bad_input_exits_2(), acting(label="cli: sevenc import-responses"):
        saved = import_responses(actor=Caller.system(scope.msp), assessment=assessment, table=table)
    console.print(f"imported {len(saved)} item(s) into {client} — {title}")
