"""`sevenc generate`: a believable MSP portfolio of any size for trying sevenc at scale and for benchmarks."""

from __future__ import annotations

import datetime as dt
import os
import time

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sevenc.cli.common import bad_input_exits_2, console, fail, print_json, setup_django


def generate_command(
    msp: str = typer.Option(..., "--msp", help="Name of the new MSP to create (must not exist yet)."),
    clients: int = typer.Option(..., "--clients", help="How many clients (1–5,000)."),
    quarters: int = typer.Option(8, "--quarters", help="Completed quarterly assessments per client (1–40)."),
    seed: int = typer.Option(1, "--seed", help="The same seed (and day) gives the same data."),
    today: str | None = typer.Option(
        None, "--today", help="Generate as of this day, YYYY-MM-DD (default: today)."
    ),
    password_env: str = typer.Option(
        "SEVENC_GENERATE_PASSWORD",
        "--password-env",
        help="Environment variable holding the owner's password (unset: the owner cannot sign in).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print what was created as JSON only."),
) -> None:
    """Create an MSP with N clients, each with Q quarterly completed 7C assessments (scores drifting over
    time, notes), workshops and recommendations, approved roadmaps with work under way and responsibility
    matrices for a share of them, and the starter service catalogue — written with bulk inserts."""
    day = dt.date.today()
    if today is not None:
        try:
            day = dt.date.fromisoformat(today)
        except ValueError:
            fail(f"--today: {today!r} is not a date YYYY-MM-DD")
    setup_django(migrate=True)
    from sevenc.audit.context import acting
    from sevenc.generator.build import STEPS, check_input, generate

    with bad_input_exits_2():
        check_input(msp, clients, quarters, seed)
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description:<24}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=as_json,
    ) as bar:
        tasks = {step: bar.add_task(step, total=None) for step in STEPS}

        def progress(step: str, done: int, total: int) -> None:
            bar.update(tasks[step], completed=done, total=total)

        # Rows saved one by one (the MSP, its people) are recorded as the CLI's; the bulk rows are not
        # (test and benchmark data: sevenc/audit/tracked.py says so).
        with bad_input_exits_2(), acting(label="cli: sevenc generate"):
            result = generate(
                msp_name=msp,
                clients=clients,
                quarters=quarters,
                seed=seed,
                today=day,
                password=os.environ.get(password_env) or None,
                progress=progress,
            )
    seconds = time.perf_counter() - started
    if as_json:
        print_json(
            {
                "msp": result.msp.name,
                "owner": result.owner_username,
                "counts": result.counts,
                "seconds": round(seconds, 2),
                "steps": {step: round(value, 2) for step, value in result.seconds.items()},
            }
        )
        return
    console.print(f"[bold]{result.msp.name}[/]: generated in {seconds:.1f} s", markup=True)
    for name, count in result.counts.items():
        console.print(f"  {count:>10,} {name}")
    console.print("  " + ", ".join(f"{step} {value:.1f} s" for step, value in result.seconds.items()))
    console.print(f"Owner: {result.owner_username}")
