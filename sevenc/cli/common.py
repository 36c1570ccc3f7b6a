"""Shared CLI plumbing: Django set-up on demand, JSON output, and exit code 2 for bad input."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(BAD_INPUT)


@contextmanager
def bad_input_exits_2(*errors: type[Exception]) -> Iterator[None]:
    """Turn the domain's validation errors into a clear message and exit code 2."""
    try:
        yield
    except errors as exc:
        fail(str(exc))


def setup_django(migrate: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sevenc.config.settings")
    import django

    django.setup()
    if migrate and _unapplied_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def _unapplied_migrations() -> bool:
    """True when the database needs `migrate` (a fresh SQLite file, or after an upgrade)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
