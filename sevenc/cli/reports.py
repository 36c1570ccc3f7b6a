"""`sevenc reports build`: every client's latest held QBR as a PDF, built in parallel."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sevenc.cli.common import console, fail, setup_django

app = typer.Typer(help="QBR reports: PDFs of held review meetings.", no_args_is_help=True)


@app.command("build")
def build(
    out: Path = typer.Option(..., "--out", help="Folder for the PDFs (one sub-folder per MSP)."),
    all_clients: bool = typer.Option(False, "--all", help="Every client of every MSP (or of --msp)."),
    client: list[str] = typer.Option([], "--client", help="Only this client (repeatable)."),
    msp: str | None = typer.Option(None, "--msp", help="Only the clients of this MSP."),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", min=1, max=64, help="Parallel processes."),
    page_size: str | None = typer.Option(
        None, "--page-size", help="A4 or Letter (default: SEVENC_REPORT_PAGE_SIZE)."
    ),
) -> None:
    """Render each client's latest held review PDF. A client that fails is reported; the rest still build."""
    if all_clients == bool(client):
        fail("give either --all or at least one --client NAME")
    if out.exists() and not out.is_dir():
        fail(f"--out {out}: exists and is not a folder")
    setup_django()
    from sevenc.reports.batch import BUILT, FAILED, SKIPPED, build_all, jobs_for
    from sevenc.reports.pdf import ReportError
    from sevenc.reports.pdf import page_size as check_page_size
    from sevenc.tenancy.models import Msp

    try:
        check_page_size(page_size)
    except ReportError as exc:
        fail(str(exc))
    msps = Msp.objects.order_by("name")
    if msp is not None:
        msps = msps.filter(name=msp)
        if not msps.exists():
            fail(f"--msp: no MSP called {msp!r}")
    jobs = jobs_for(msps, client)
    missing = set(client) - {job.client for job in jobs}
    if missing:
        fail(f"--client: no client called {', '.join(sorted(missing))}")

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"Building QBR PDFs with {workers} worker(s)", total=len(jobs))
        outcomes = build_all(
            jobs, out, workers=workers, size=page_size, on_outcome=lambda _: progress.advance(task)
        )

    built = [o for o in outcomes if o.status == BUILT]
    failed = [o for o in outcomes if o.status == FAILED]
    skipped = [o for o in outcomes if o.status == SKIPPED]
    if failed:
        table = Table("Client", "MSP", "Reason", title="Failed")
        for outcome in failed:
            table.add_row(outcome.job.client, outcome.job.msp, outcome.reason)
        console.print(table)
    if skipped:
        names = ", ".join(o.job.client for o in skipped[:10]) + (" …" if len(skipped) > 10 else "")
        console.print(
            f"[yellow]Skipped[/] (no held review yet): {escape(names)}", highlight=False, markup=True
        )
    console.print(
        f"[bold]{len(built)} built[/], [red]{len(failed)} failed[/], {len(skipped)} skipped "
        f"(no held review) → {escape(str(out))}",
        markup=True,
    )
    if failed:
        raise typer.Exit(1)
