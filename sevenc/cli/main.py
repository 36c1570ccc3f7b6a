"""The `sevenc` command."""

from __future__ import annotations

import sys

import typer

from sevenc.audit.context import acting
from sevenc.cli import (
    assessments,
    audit,
    backup,
    catalogue,
    csv_imports,
    execution,
    generate,
    plan,
    raci,
    reports,
    server,
    services,
    tenancy,
    tokens,
    worker,
)

app = typer.Typer(
    name="sevenc",
    help="sevenc: run the 7C IT Management Framework for every client of your MSP.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(catalogue.app, name="catalogue")
app.add_typer(reports.app, name="reports")
app.add_typer(raci.app, name="raci")
app.add_typer(services.app, name="services")
app.add_typer(tokens.app, name="token")
app.command("score")(assessments.score_command)
app.command("import")(assessments.import_command)
app.command("export")(assessments.export_command)
app.command("plan")(plan.plan_command)
app.command("worklist")(execution.worklist_command)
app.command("remind")(execution.remind_command)
app.command("import-clients")(csv_imports.import_clients_command)
app.command("import-responses")(csv_imports.import_responses_command)
app.command("backup")(backup.backup_command)
app.command("restore")(backup.restore_command)
app.command("demo")(server.demo_command)
app.command("serve")(server.serve_command)
app.command("generate")(generate.generate_command)
app.command("audit")(audit.audit_command)
app.command("worker")(worker.worker_command)
app.command("create-msp")(tenancy.create_msp_command)


@app.command("manage", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (migrate, createsuperuser, …)."""
    from django.core.management import execute_from_command_line

    from sevenc.cli.common import setup_django

    setup_django()
    with acting(label="cli: sevenc manage"):  # createsuperuser, changepassword, shell: the trail says so
        execute_from_command_line(["sevenc manage", *ctx.args])


def run() -> None:
    # Typer reports usage errors with exit code 2 already; domain errors use the same code (see common.fail).
    app(prog_name="sevenc", args=sys.argv[1:])
