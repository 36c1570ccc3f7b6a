"""The demo database built once per test process, then put back before each browser test.

Building the demo takes tens of seconds of CPU (every client's assessments, plans, a frontier, the audit
trail); restoring a snapshot of the finished database takes well under a second. Each test still starts
from the whole, untouched demo: the snapshot is the database as `build_demo()` left it.

SQLite (the in-memory test database the live server shares): sqlite3's online backup, both ways. The
restore first waits for the live server's requests to end (one the previous test left running would be
using the shared connection). Python's backup loop retries for as long as SQLite answers "busy" or
"locked", in C, where no test timeout can interrupt it; a progress callback gives up after
`RESTORE_LIMIT_S`, naming every thread and where it stands, so such a test fails and says why.
PostgreSQL: a copy of every table in a schema of its own, then truncate, insert and reset the sequences in
one transaction (Django's foreign keys are deferrable, so the order of the tables does not matter).
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
import traceback
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "browser_demo_snapshot"
KEEP = {"django_migrations"}  # the schema's own history: never flushed, never copied
RESTORE_LIMIT_S = 60.0
REQUEST_THREAD = "process_request_thread"  # how socketserver names the live server's request threads


class DatabaseSnapshot:
    def __init__(self) -> None:
        self.taken = False
        self._sqlite: sqlite3.Connection | None = None
        self._tables: list[str] = []

    def take(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite)
        else:
            self._tables = sorted(set(connection.introspection.table_names()) - KEEP)
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
                for table in self._tables:
                    cursor.execute(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE public."{table}"')
        self.taken = True

    def restore(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            assert self._sqlite is not None
            _wait_for_requests_to_end(time.monotonic() + RESTORE_LIMIT_S)
            self._sqlite.backup(connection.connection, pages=256, progress=_give_up_after(RESTORE_LIMIT_S))
        else:
            quoted = ", ".join(f'public."{table}"' for table in self._tables)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {quoted}")
                for table in self._tables:
                    cursor.execute(f'INSERT INTO public."{table}" SELECT * FROM {SCHEMA}."{table}"')
                models: list[Any] = list(apps.get_models(include_auto_created=True))
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
        ContentType.objects.clear_cache()  # ids may differ from those the flush recreated


def _wait_for_requests_to_end(deadline: float) -> None:
    """A request the previous test left running (its browser closed) may hold the shared connection."""
    for thread in threading.enumerate():
        if REQUEST_THREAD in thread.name:
            thread.join(max(0.0, deadline - time.monotonic()))


def _give_up_after(seconds: float) -> Any:
    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise RuntimeError(
                f"the demo snapshot could not be restored in {seconds:g} s: the test database stayed "
                f"busy ({remaining} of {total} pages left). Threads:\n{_threads()}"
            )

    return progress


def _threads() -> str:
    frames = sys._current_frames()
    return "\n".join(
        f"--- {thread.name}\n" + "".join(traceback.format_stack(frames[thread.ident])[-8:])
        for thread in threading.enumerate()
        if thread.ident in frames
    )
