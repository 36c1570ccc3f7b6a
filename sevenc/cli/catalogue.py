"""`sevenc catalogue`: show a framework, load one into the database, list what is loaded."""

from __future__ import annotations

from pathlib import Path

import typer

from sevenc.catalogue.spec import FrameworkFormatError, load_framework_file, packaged_framework
from sevenc.cli.common import bad_input_exits_2, console, print_json, setup_django
from sevenc.cli.render import catalogue_table

app = typer.Typer(help="The framework catalogue (7C and others in the same format).")


@app.callback(invoke_without_command=True)
def show(
    ctx: typer.Context,
    framework: str = typer.Option("7c", "--framework", "-f", help="Code of a shipped framework."),
    file: Path | None = typer.Option(None, "--file", help="Show a framework file instead (YAML or JSON)."),
    as_json: bool = typer.Option(False, "--json", help="Print the catalogue as JSON."),
) -> None:
    """Print a framework: blocks with their key question, areas and items with weights."""
    if ctx.invoked_subcommand is not None:
        return
    with bad_input_exits_2(FrameworkFormatError):
        spec = load_framework_file(file) if file else packaged_framework(framework)
    if as_json:
        print_json(spec.to_json())
    else:
        console.print(catalogue_table(spec))


@app.command("load")
def load(
    file: Path = typer.Argument(..., help="Framework file (YAML or JSON) in the catalogue format."),
) -> None:
    """Load a framework into the database (idempotent; changed content needs a new version)."""
    with bad_input_exits_2(FrameworkFormatError):
        spec = load_framework_file(file)
    setup_django(migrate=True)
    from sevenc.catalogue.services import load_framework

    with bad_input_exits_2(FrameworkFormatError):
        framework, created = load_framework(spec)
    items = sum(1 for _ in spec.items())
    verb = "loaded" if created else "already loaded, unchanged"
    console.print(f"{framework.code} {framework.version}: {verb} ({len(spec.blocks)} blocks, {items} items)")


@app.command("list")
def list_loaded() -> None:
    """Frameworks stored in the database."""
    setup_django(migrate=True)
    from sevenc.catalogue.models import Framework

    for framework in Framework.objects.all():
        console.print(f"{framework.code}\t{framework.version}\t{framework.name}")
