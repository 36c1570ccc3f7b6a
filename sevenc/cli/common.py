"""Shared CLI plumbing: Django set-up on demand, JSON output, and exit code 2 for bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from sevenc.lib.errors import DomainError

# Output shows user data (client names, item titles, ids from files): never read it as Rich markup, where
# "[/]" in a name would raise MarkupError. Styled lines of our own pass markup=True explicitly.
console = Console(markup=False)
err_console = Console(stderr=True)

BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(BAD_INPUT)


@contextmanager
def bad_input_exits_2(*errors: type[Exception]) -> Iterator[None]:
    """Turn the domain's refusals (every DomainError, and any other error types given) into a clear
    message and exit code 2."""
    refusals: tuple[type[Exception], ...] = (DomainError, *errors)
    try:
        yield
    except refusals as exc:
        fail(str(exc))


def day_option(value: str | None, *, option: str) -> dt.date | None:
    """A YYYY-MM-DD option's day (None when not given); anything else is bad input naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date YYYY-MM-DD")


def write_output(path: Path, text: str) -> None:
    """Write a result file; a path that cannot be written is bad input (exit 2), not a traceback."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot be written ({exc.strerror or exc})")


def setup_django(migrate: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sevenc.config.settings")
    import django

    django.setup()
    if migrate and unapplied_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    from sevenc.config.memory import freeze_startup_heap

    freeze_startup_heap()  # the CLI, `sevenc worker` and the benchmarks run like a web worker


def unapplied_migrations() -> bool:
    """True when the database needs `migrate` (a fresh SQLite file, or after an upgrade)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
