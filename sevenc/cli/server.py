"""`sevenc demo` and `sevenc serve`: run the web app with gunicorn (production-style, no DEBUG). The demo
also runs a background worker beside it (`sevenc worker`), stopped with the server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.progress import Progress

from sevenc.audit.context import acting
from sevenc.cli.common import console, day_option, fail, setup_django
from sevenc.cli.static import collect_static


def _collect_static() -> None:
    """Before gunicorn loads the app: WhiteNoise reads the collected files when the app loads."""
    if collect_static():
        console.print("Static files collected under hashed names.")


def _run_gunicorn(bind: str, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from sevenc.config.memory import freeze_startup_heap
    from sevenc.config.wsgi import application

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": bind,
                "workers": workers,
                "accesslog": "-",
                "timeout": 120,
                # API list filters in the query string, percent-encoded, may pass gunicorn's 4 KB default.
                "limit_request_line": 8190,
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            # In each worker, before its first request: Django is loaded, so freeze what it built.
            freeze_startup_heap()
            return application

    _App().run()


WORKER_STOP_SECONDS = 30  # the job in hand may finish (a solve is 10 s at most) before the worker is killed


WORKER_COMMAND = [sys.executable, "-c", "from sevenc.cli.main import run; run()", "worker"]


@contextmanager
def background_worker(
    enabled: bool = True, command: list[str] | None = None
) -> Iterator[subprocess.Popen[bytes] | None]:
    """`sevenc worker` in a child process while the block runs; stopped (SIGTERM: the job in hand finishes
    first) when it ends, however it ends. Nothing to run when the task backend is "immediate"."""
    from django.conf import settings

    if not enabled or not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        yield None
        return
    # Its own session: Ctrl+C in the terminal stops the server, and the server's exit stops the worker once.
    worker = subprocess.Popen(command or WORKER_COMMAND, start_new_session=True)
    console.print(f"Background worker running (pid {worker.pid}); it stops with the server.")
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=WORKER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def refuse_the_development_key() -> None:
    """The development key is public (it is in the source): sessions, password-reset links and CSRF tokens
    signed with it can be forged. `sevenc demo` keeps it; a server others reach must not."""
    from django.conf import settings

    if settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        fail(
            "refusing to serve with the development secret key: set SEVENC_SECRET_KEY (or "
            "SEVENC_SECRET_KEY_FILE) to a long random value, e.g. the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'` (docs/deploy.md)"
        )


def serve_command(
    bind: str = typer.Option(os.environ.get("SEVENC_BIND", "127.0.0.1:8000"), help="host:port to listen on."),
    workers: int = typer.Option(int(os.environ.get("SEVENC_WORKERS", "2")), help="Worker processes."),
    migrate: bool = typer.Option(True, help="Apply database migrations first."),
) -> None:
    """Serve the web app (gunicorn). Stateless: run several against one PostgreSQL."""
    setup_django()
    refuse_the_development_key()
    setup_django(migrate=migrate)
    _collect_static()
    _run_gunicorn(bind, workers)


def demo_command(
    bind: str = typer.Option("127.0.0.1:8000", help="host:port to listen on."),
    serve: bool = typer.Option(True, help="Serve the app after building the demo."),
    today: str | None = typer.Option(
        None, "--today", help="Build the demo as of this day, YYYY-MM-DD (default: today)."
    ),
    worker: bool = typer.Option(
        True, "--worker/--no-worker", help="Run a background worker beside the server, stopped with it."
    ),
) -> None:
    """Build the demo portfolio as of today (idempotent; the same day gives the same demo) and serve it,
    with a background worker for the long work (optimising, frontiers)."""
    day = day_option(today, option="--today")
    setup_django(migrate=True)
    from sevenc.demo.seed import CLIENTS, DEMO_MSP, DEMO_PASSWORD, build_demo

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Building the demo portfolio", total=len(CLIENTS))
        with acting(label="cli: sevenc demo"):
            build_demo(progress=lambda client: progress.advance(task), today=day)
    console.print(f"[bold]{DEMO_MSP}[/]: {len(CLIENTS)} clients ready.", markup=True)
    host = bind.split(":")[0]
    port = bind.rsplit(":", 1)[-1]
    console.print(
        f"Open http://{host}:{port}/ and sign in as [bold]owner[/] / [bold]{DEMO_PASSWORD}[/]", markup=True
    )
    console.print(
        "  also: vcio, vcio2, engineer, and client (a client viewer of Acme Dental Group), same password"
    )
    if serve:
        _collect_static()
        with background_worker(worker):
            _run_gunicorn(bind, 2)
