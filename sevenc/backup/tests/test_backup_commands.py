"""`sevenc backup` / `sevenc restore` on the command line, and the round trip across database engines:
a backup written from SQLite restores into PostgreSQL (and back) and is backed up again byte for byte."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from typer.testing import CliRunner

from sevenc.backup.document import backup_bytes
from sevenc.backup.tests.world import build_backup_world
from sevenc.cli.main import app
from sevenc.tenancy.models import Msp

runner = CliRunner()
# The PostgreSQL server for the cross-engine test when the suite runs on SQLite (a scratch database is
# created and dropped); unreachable → that direction is skipped. On PostgreSQL the other side is SQLite.
POSTGRES_SERVER = os.environ.get("SEVENC_TEST_POSTGRES_SERVER", "postgres://sevenc:sevenc@127.0.0.1:5432")


def run(*args: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def _renamed(data: bytes, name: str) -> bytes:
    document = json.loads(data)
    document["msp"] = name
    return (json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


@pytest.mark.django_db
def test_backup_then_restore_on_the_command_line(tmp_path):
    msp = build_backup_world()
    first = tmp_path / "first.json"
    result = run("backup", "--msp", msp.name, "-o", first)
    assert result.exit_code == 0, result.output
    msp.delete()
    result = run("restore", first, "--msp", "Restored IT")
    assert result.exit_code == 0, result.output
    assert "2 client(s)" in result.output
    second = tmp_path / "second.json"
    assert run("backup", "--msp", "Restored IT", "-o", second).exit_code == 0
    assert second.read_bytes() == _renamed(first.read_bytes(), "Restored IT")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("backup", "--msp", "Nobody", "-o", "{tmp}/x.json"), "no MSP called 'Nobody'"),
        (("restore", "{tmp}/missing.json", "--msp", "X"), "no such file"),
        (("restore", "{tmp}/bad.json", "--msp", "X"), "not a sevenc backup"),
        (("restore", "{tmp}/broken.json", "--msp", "X"), "not valid JSON"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, args, message):
    (tmp_path / "bad.json").write_text('{"format": "other"}')
    (tmp_path / "broken.json").write_text('{"format": ')
    result = run(*(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 2
    assert message in result.stderr
    assert not Msp.objects.filter(name="X").exists()


@pytest.fixture
def other_database(tmp_path) -> Iterator[str]:
    """A database of the other engine, empty (the commands migrate it)."""
    if connection.vendor == "postgresql":
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
        return
    import psycopg

    name = f"sevenc_api_xdb_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {POSTGRES_SERVER} ({exc})")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _sevenc(database: str, *args: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SEVENC_DATABASE_URL": database}
    command = [str(Path(sys.executable).parent / "sevenc"), *map(str, args)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.django_db(transaction=True)
def test_the_round_trip_across_database_engines_is_byte_identical(tmp_path, other_database):
    first = tmp_path / "first.json"
    first.write_bytes(backup_bytes(build_backup_world()))
    restored = _sevenc(other_database, "restore", first, "--msp", "Moved IT")
    assert restored.returncode == 0, restored.stderr
    second = tmp_path / "second.json"
    again = _sevenc(other_database, "backup", "--msp", "Moved IT", "-o", second)
    assert again.returncode == 0, again.stderr
    assert second.read_bytes() == _renamed(first.read_bytes(), "Moved IT")
