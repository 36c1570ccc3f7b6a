"""Writing and restoring the backup document (docs/formats.md, "Backup"). To back up a new domain: write
`sevenc/<domain>/backup.py` with its `SECTIONS` and add the module to `SECTION_MODULES` after the modules
whose rows it refers to."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from sevenc.lib.backup import BackupFileError, DumpContext, LoadContext, Section, timestamps_as_given
from sevenc.lib.fields import clean_text
from sevenc.lib.files import load_json
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope

FORMAT = "sevenc-backup"
VERSION = 1
SECTION_MODULES = (
    "sevenc.tenancy.backup",  # settings, people (members get their role once the clients are in)
    "sevenc.clients.backup",
    "sevenc.offering.backup",  # the service catalogue (library entries name their service)
    "sevenc.raci.backup",  # responsibility areas, matrices, parties with cells (work items name a party)
    "sevenc.assessments.backup",
    "sevenc.goals.backup",
    "sevenc.roadmap.backup",  # library, quarters, initiatives, recommendations, projects
    "sevenc.roadmap.backup_runs",  # roadmap runs, frontiers
    "sevenc.execution.backup",  # work items (tasks, notes), meetings
    "sevenc.reports.backup",  # reviews
)
MAX_BACKUP_BYTES = 256 * 1024 * 1024
# Tenant-owned data a backup leaves out on purpose: secrets, which a restored person creates anew.
NOT_BACKED_UP = {
    "tokens.ApiToken": "an API token is a secret; people create new ones",
    "feeds.CalendarFeed": "a calendar address is a secret; people open theirs again",
    "audit.Event": "the trail names the source's database ids and stays with its installation: it is kept by the "
    "database backup (pg_dump / sqlite3 .backup) and exported with `sevenc audit --json`",
    "jobs.Job": "work under way or done: its results (runs, frontiers) are in their own sections",
    "assessments.LatestScore": "derived from the completed assessments: the restore rebuilds it",
    "otp_totp.TOTPDevice": "a second factor is a secret: after a restore people set up two-factor again",
    "otp_static.StaticDevice": "recovery codes are secrets: people make new ones with their new authenticator",
    "otp_static.StaticToken": "a recovery code is a secret",
}


def sections() -> Iterator[Section]:
    for module in SECTION_MODULES:
        yield from importlib.import_module(module).SECTIONS


def backup_document(msp: Msp) -> dict[str, Any]:
    ctx = DumpContext(msp=msp, scope=Scope(msp))
    dumped: dict[str, Any] = {}
    chosen = list(sections())
    for section in [s for s in chosen if not s.dump_last] + [s for s in chosen if s.dump_last]:
        dumped[section.name] = section.dump(ctx)
    return {"format": FORMAT, "version": VERSION, "msp": msp.name, "sections": dumped}


def backup_bytes(msp: Msp) -> bytes:
    """The backup as written to a file: keys sorted, so the same data always gives the same bytes."""
    document = backup_document(msp)
    return (json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _check(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupFileError(f'not a sevenc backup (its "format" is not {FORMAT!r})', field="format")
    if document.get("version") != VERSION:
        raise BackupFileError(
            f"backup format version {document.get('version')!r}; this sevenc reads version {VERSION}",
            field="version",
        )
    found = document.get("sections")
    if not isinstance(found, dict):
        raise BackupFileError('"sections" must be an object', field="sections")
    known = {section.name for section in sections()}
    unknown = sorted(set(found) - known)
    if unknown:
        raise BackupFileError(
            f"unknown section(s) {', '.join(unknown)}: made by a newer sevenc? Nothing was restored.",
            field="sections",
        )
    return found


def restore_document(document: Any, *, msp_name: str) -> Msp:
    """A new MSP called `msp_name` with everything in the document, or nothing at all and an error naming
    the place in the document at fault. A section the document lacks (made before it existed) stays empty."""
    found = _check(document)
    name = clean_text(Msp, "name", msp_name, required=True)
    with transaction.atomic(), timestamps_as_given():
        if Msp.objects.filter(name=name).exists():
            raise BackupFileError(f"an MSP called {name!r} exists already; choose a new name", field="msp")
        msp = Msp.objects.create(name=name, created_at=timezone.now())  # the settings section sets it
        ctx = LoadContext(msp=msp, scope=Scope(msp))
        for section in sections():
            if section.name in found:
                _load(section, ctx, found[section.name])
        try:
            for work in ctx.deferred:
                work()
        except DatabaseError as exc:
            raise BackupFileError(f"sections.people: the database refused a membership ({exc})") from None
    msp.refresh_from_db()
    return msp


def _load(section: Section, ctx: LoadContext, data: Any) -> None:
    try:
        with transaction.atomic():
            section.load(ctx, data)
    except DatabaseError as exc:  # a value out of bounds, a duplicate the checks above did not see
        message = " ".join(str(exc).split())[:300]
        raise BackupFileError(f"sections.{section.name}: the database refused a row ({message})") from None


def restore_bytes(data: bytes, *, msp_name: str, source: str = "backup") -> Msp:
    return restore_document(load_json(data, source=source, limit=MAX_BACKUP_BYTES), msp_name=msp_name)
