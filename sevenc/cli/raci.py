"""`sevenc raci`: the responsibility-area catalogue and the validator of a matrix file, without a database;
a client's matrix exported from the database as a matrix file."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.table import Table

from sevenc.catalogue.spec import packaged_framework
from sevenc.cli.common import bad_input_exits_2, console, fail, print_json, setup_django, write_output
from sevenc.lib.errors import DomainError
from sevenc.raci.catalogue import AreaCatalogue, load_catalogue
from sevenc.raci.matrix import Matrix
from sevenc.raci.matrix_file import read_matrix_file, write_matrix_file
from sevenc.raci.validation import DEFAULT_SPOF, Review, validate

FINDINGS = 1  # exit code of `validate` when the matrix has findings (2 is bad input)

app = typer.Typer(help="The responsibility matrix (RACI): who does what in the client's IT ecosystem.")


@app.command("catalogue")
def catalogue_command(
    as_json: bool = typer.Option(False, "--json", help="Print the areas as JSON."),
) -> None:
    """List the shipped responsibility areas: code, title, block, 7C items, critical."""
    with bad_input_exits_2(DomainError):
        catalogue = load_catalogue()
    if as_json:
        print_json(catalogue.to_json())
    else:
        console.print(_catalogue_table(catalogue))


@app.command("validate")
def validate_command(
    file: Path = typer.Argument(..., help="Matrix file (sevenc-raci JSON), see docs/formats.md."),
    as_json: bool = typer.Option(False, "--json", help="Print the findings and the load as JSON only."),
    spof: int = typer.Option(
        DEFAULT_SPOF,
        "--spof",
        min=1,
        help="Critical areas with a sole R that make a party a single point of failure.",
    ),
) -> None:
    """Check a matrix file: exit 0 without findings, 1 with findings, 2 when the file cannot be used."""
    items = {item.code for item in packaged_framework("7c").items()}
    with bad_input_exits_2(DomainError):
        matrix = read_matrix_file(file, known_items=items)
        review = validate(matrix, spof=spof)
    if as_json:
        print_json(review.to_json())
    else:
        _print_review(matrix, review, spof)
    if review.findings:
        raise typer.Exit(FINDINGS)


@app.command("export")
def export_command(
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
    client: str = typer.Option(..., "--client", help="Name of the client."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Export a client's responsibility matrix as a sevenc-raci file (docs/formats.md)."""
    setup_django(migrate=True)
    from sevenc.clients.models import Client
    from sevenc.raci.state import state_of
    from sevenc.tenancy.scoping import Scope, scoped
    from sevenc.tenancy.services import get_msp

    with bad_input_exits_2():
        scope = Scope(get_msp(name=msp))
    found = scoped(Client, scope).filter(name=client).first()
    if found is None:
        fail(f"{msp} has no client called {client!r}")
    state = state_of(scope, found)
    if state is None:
        fail(f"{client} has no responsibility matrix yet (start it on the client's Responsibility tab)")
    text = write_matrix_file(state.pure)
    if out:
        write_output(out, text)
        console.print(f"wrote {out}: {len(state.areas)} areas, {len(state.parties)} parties")
    else:
        sys.stdout.write(text)


def _catalogue_table(catalogue: AreaCatalogue) -> Table:
    critical = sum(a.critical for a in catalogue.areas)
    table = Table(
        title=f"{catalogue.name} ({catalogue.code} {catalogue.version}): {len(catalogue.areas)} areas, "
        f"{critical} critical",
        title_justify="left",
    )
    table.add_column("Code", no_wrap=True)
    table.add_column("Title", ratio=1, min_width=24)
    table.add_column("Critical", justify="center", no_wrap=True)
    table.add_column("7C items", no_wrap=True)
    table.add_column("Duty", no_wrap=True)
    block = None
    for area in catalogue.areas:
        if area.block != block:
            table.add_section()
            table.add_row(f"[bold]{area.block}[/]", "", "", "", "")
            block = area.block
        table.add_row(area.code, area.title, "yes" if area.critical else "", " ".join(area.items), area.duty)
    return table


def _print_review(matrix: Matrix, review: Review, spof: int) -> None:
    console.print(
        f"[bold]{matrix.client}[/]: {len(matrix.areas)} areas, {len(matrix.parties)} parties, "
        f"{len(review.findings)} finding(s) (--spof {spof})",
        highlight=False,
    )
    if review.findings:
        findings = Table(title="Findings", title_justify="left")
        findings.add_column("Rule", no_wrap=True)
        findings.add_column("Area / party", no_wrap=True)
        findings.add_column("Message", ratio=1)
        for f in review.findings:
            findings.add_row(f.rule, f.area or f.party or "", f.message)
        console.print(findings)
    load = Table(title="Load", title_justify="left")
    load.add_column("Party", no_wrap=True)
    load.add_column("Name")
    load.add_column("Kind")
    load.add_column("Contract")
    load.add_column("A", justify="right")
    load.add_column("R", justify="right")
    for party in matrix.parties:
        counts = review.load[party.code]
        load.add_row(
            party.code,
            party.name,
            party.kind,
            party.contract or ("—" if party.external else ""),
            str(counts.accountable),
            str(counts.responsible),
        )
    console.print(load)
