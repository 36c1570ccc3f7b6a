"""Issue 16 item 6: an import killed with SIGKILL half-way leaves the database as it was, and usable.

Each test runs a real `sevenc` command in its own process against a database of its own (a SQLite file,
or a new PostgreSQL database when the suite runs on PostgreSQL), stops it after some of its writes — inside
its transaction — kills it with SIGKILL, and then proves that every table has the rows it had before, that
SQLite's integrity check passes, and that the same command then succeeds.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "acme-dental-2026-q3.json"
MSP = "Crash Test IT"


class Database:
    def __init__(self, url: str, folder: Path) -> None:
        self.env = {**os.environ, "SEVENC_DATABASE_URL": url, "SEVENC_DATA_DIR": str(folder)}

    def sevenc(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tests.crash.driver", "--stop-after", "1000000000", "--", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def counts(self) -> dict[str, Any]:
        """Every table's row count, read directly (no Django in this process: it has its own test database)."""
        url = self.env["SEVENC_DATABASE_URL"]
        if url.startswith("sqlite"):
            with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
                # The integrity check evaluates CHECK constraints, some of which use Django's REGEXP.
                connection.create_function("REGEXP", 2, lambda p, s: s is not None and bool(re.search(p, s)))
                names = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                tables = {name: _count(connection, name) for (name,) in connection.execute(names)}
                verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            return {"tables": tables, "integrity": verdict}
        import psycopg

        with psycopg.connect(url) as connection:
            names = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            tables = {name: _count(connection, name) for (name,) in connection.execute(names).fetchall()}
        return {"tables": tables, "integrity": "ok"}

    def killed_half_way(self, stop_after: int, *args: str) -> None:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.driver", "--stop-after", str(stop_after), "--", *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith("HALFWAY"), (
                f"never half-way: {line!r} {process.stderr.read() if process.stderr else ''}"
            )
            assert "in_transaction=True" in line, "the command writes outside a transaction"
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL


def _count(connection: Any, table: str) -> int:
    return int(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])


def _postgres_url(base: str, name: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("crash")
    base = os.environ.get("SEVENC_DATABASE_URL", "")
    name = ""
    if base.startswith("postgres"):
        import psycopg

        name = f"sevenc_crash_{uuid.uuid4().hex[:12]}"
        admin = _postgres_url(base, "postgres")
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        url = _postgres_url(base, name)
    else:
        url = f"sqlite:///{folder / 'crash.sqlite3'}"
    database = Database(url, folder)
    first = database.sevenc("import", str(EXAMPLE), "--msp", MSP)  # migrates, then the MSP and one client
    assert first.returncode == 0, first.stderr
    yield database
    if name:
        import psycopg

        with psycopg.connect(_postgres_url(base, "postgres"), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _unchanged_then_usable(database: Database, before: dict[str, Any], *args: str) -> dict[str, Any]:
    after = database.counts()
    assert after["integrity"] == "ok"
    assert after["tables"] == before["tables"]
    again = database.sevenc(*args)
    assert again.returncode == 0, again.stderr
    return database.counts()


def test_an_exchange_file_import_killed_half_way_leaves_the_database_unchanged(database, tmp_path):
    doc = json.loads(EXAMPLE.read_text())
    doc["client"] = "Killed Import Dental"
    path = tmp_path / "killed.json"
    path.write_text(json.dumps(doc))
    before = database.counts()
    # of 7 writes: the client, the assessment, its responses in one bulk insert, their audit events …
    database.killed_half_way(4, "import", str(path), "--msp", MSP)
    after = _unchanged_then_usable(database, before, "import", str(path), "--msp", MSP)
    assert after["tables"]["assessments_response"] > before["tables"]["assessments_response"]


def test_a_clients_csv_import_killed_half_way_leaves_the_database_unchanged(database, tmp_path):
    path = tmp_path / "clients.csv"
    rows = "".join(f"Killed CSV Client {n},{20 + n}\n" for n in range(40))
    path.write_text("name,seats\n" + rows)
    before = database.counts()
    database.killed_half_way(20, "import-clients", str(path), "--msp", MSP)
    after = _unchanged_then_usable(database, before, "import-clients", str(path), "--msp", MSP)
    assert after["tables"]["clients_client"] == before["tables"]["clients_client"] + 40


def test_a_restore_killed_half_way_leaves_the_database_unchanged(database, tmp_path):
    backup = tmp_path / "backup.json"
    written = database.sevenc("backup", "--msp", MSP, "-o", str(backup))
    assert written.returncode == 0, written.stderr
    before = database.counts()
    database.killed_half_way(5, "restore", str(backup), "--msp", "Restored Crash IT")
    after = _unchanged_then_usable(database, before, "restore", str(backup), "--msp", "Restored Crash IT")
    assert after["tables"]["tenancy_msp"] == before["tables"]["tenancy_msp"] + 1
