"""Importing one assessment's responses from CSV (docs/formats.md, "Responses CSV"): one item per row —
its level (0–4) or N/A, and its notes — all or nothing. Each row goes through `record_response`, the same
rights and checks as the workspace; an empty cell changes nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sevenc.assessments.exchange import NOTE_FIELDS
from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import UNCHANGED, AssessmentError, record_response
from sevenc.lib.errors import DomainError
from sevenc.lib.files import CsvFileError, CsvRow, CsvTable
from sevenc.tenancy.access import Caller

REQUIRED = ("item", "level")
OPTIONAL = NOTE_FIELDS
NOT_APPLICABLE = ("n/a", "na", "not applicable")


def answer_of(row: CsvRow) -> dict[str, Any]:
    """`record_response`'s level and na for one row: a level 0–4, N/A, or (empty) unchanged."""
    text = row.cells["level"]
    if not text:
        return {"level": UNCHANGED}
    if text.lower() in NOT_APPLICABLE:
        return {"level": UNCHANGED, "na": True}
    if text.isdigit():
        return {"level": int(text)}
    raise AssessmentError(f"{text[:40]!r} is not a level (0–4) or N/A", field="level")


def import_responses(*, actor: Caller, assessment: Assessment, table: CsvTable) -> list[Response]:
    """Record every row's answer and notes, or nothing: every row is checked, every problem reported. A
    refusal of the whole assessment (completed, or your role) stops at once."""
    problems: list[str] = []
    saved: list[Response] = []
    seen: dict[str, int] = {}
    with transaction.atomic():
        for row in table.rows:
            code = row.cells["item"]
            if code in seen:
                problems.append(f"{row.where('item')}: {code} is also row {seen[code]}")
                continue
            seen[code] = row.number
            try:
                with transaction.atomic():  # a refused row rolls back alone; the others are still checked
                    notes = {name: row.cells[name] for name in NOTE_FIELDS if row.cells[name]}
                    saved.append(
                        record_response(
                            actor=actor, assessment=assessment, item_code=code, notes=notes, **answer_of(row)
                        )
                    )
            except DomainError as error:
                if error.status != AssessmentError.status:  # final, or not your role: not the file's fault
                    raise
                problems.append(
                    f"{row.where(error.field if error.field in row.cells else 'item')}: {error.message}"
                )
        if not table.rows:
            problems.append("no item rows below the header")
        if problems:
            raise CsvFileError(table.source, problems)
    return saved
