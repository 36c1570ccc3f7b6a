"""`sevenc demo` and `sevenc serve`: run the web app with gunicorn (production-style, no DEBUG)."""

from __future__ import annotations

import os
from typing import Any

import typer
from rich.progress import Progress

from sevenc.cli.common import console, setup_django


def _run_gunicorn(bind: str, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from sevenc.config.wsgi import application

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options: dict[str, Any] = {"bind": bind, "workers": workers, "accesslog": "-", "timeout": 120}
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    _App().run()


def serve_command(
    bind: str = typer.Option(os.environ.get("SEVENC_BIND", "127.0.0.1:8000"), help="host:port to listen on."),
    workers: int = typer.Option(int(os.environ.get("SEVENC_WORKERS", "2")), help="Worker processes."),
    migrate: bool = typer.Option(True, help="Apply database migrations first."),
) -> None:
    """Serve the web app (gunicorn). Stateless: run several against one PostgreSQL."""
    setup_django(migrate=migrate)
    _run_gunicorn(bind, workers)


def demo_command(
    bind: str = typer.Option("127.0.0.1:8000", help="host:port to listen on."),
    serve: bool = typer.Option(True, help="Serve the app after building the demo."),
) -> None:
    """Build the demo portfolio (idempotent, deterministic) and serve it."""
    setup_django(migrate=True)
    from sevenc.demo.seed import CLIENTS, DEMO_MSP, DEMO_PASSWORD, build_demo

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Building the demo portfolio", total=len(CLIENTS))
        build_demo(progress=lambda client: progress.advance(task))
    console.print(f"[bold]{DEMO_MSP}[/]: {len(CLIENTS)} clients ready.")
    host = bind.split(":")[0]
    port = bind.rsplit(":", 1)[-1]
    console.print(f"Open http://{host}:{port}/ and sign in as [bold]owner[/] / [bold]{DEMO_PASSWORD}[/]")
    console.print(
        "  also: vcio, vcio2, engineer, and client (a client viewer of Acme Dental Group), same password"
    )
    if serve:
        _run_gunicorn(bind, 2)
