"""`sevenc backup` and `sevenc restore`: one MSP as one JSON document, and back into a new MSP."""

from __future__ import annotations

from pathlib import Path

import typer

from sevenc.audit.context import acting
from sevenc.cli.common import bad_input_exits_2, console, fail, setup_django


def backup_command(
    msp: str = typer.Option(..., "--msp", help="Name of the MSP to back up."),
    out: Path = typer.Option(..., "--out", "-o", help="The backup file to write (JSON)."),
) -> None:
    """Write everything of one MSP — settings, people and roles by username (no passwords, no tokens),
    clients, assessments, workshops, recommendations, roadmaps, work, reviews — to one JSON file."""
    setup_django(migrate=True)
    from sevenc.backup.document import backup_bytes
    from sevenc.tenancy.services import get_msp

    with bad_input_exits_2():
        data = backup_bytes(get_msp(name=msp))
    try:
        out.write_bytes(data)
    except OSError as exc:
        fail(f"{out}: cannot be written ({exc.strerror or exc})")
    console.print(f"backed up {msp!r} to {out} ({len(data):,} bytes)")


def restore_command(
    file: Path = typer.Argument(..., help="A backup file written by `sevenc backup`."),
    msp: str = typer.Option(..., "--msp", help="Name of the new MSP to restore into (must not exist)."),
) -> None:
    """Restore a backup into a new MSP, all or nothing. People are linked to existing accounts of the same
    username, or created without a usable password (they choose one with "Forgot password")."""
    setup_django(migrate=True)
    from sevenc.backup.document import MAX_BACKUP_BYTES, restore_bytes
    from sevenc.lib.files import read_bytes

    with bad_input_exits_2(), acting(label="cli: sevenc restore"):
        restored = restore_bytes(read_bytes(file, limit=MAX_BACKUP_BYTES), msp_name=msp, source=str(file))
    clients = restored.clients.count()
    console.print(f"restored {file} into the new MSP {restored.name!r}: {clients} client(s)")
