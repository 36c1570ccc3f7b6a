"""Importing clients from CSV (docs/formats.md, "Clients CSV"): one client per row, all or nothing. Each row
goes through `create_client`, the same checks as the form; every refusal is named by row and column."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sevenc.clients.models import Client, Vertical
from sevenc.clients.services import VCIO_ROLES, ClientError, create_client
from sevenc.lib.errors import DomainError
from sevenc.lib.files import CsvFileError, CsvRow, CsvTable
from sevenc.tenancy.members import member_user
from sevenc.tenancy.scoping import Scope

REQUIRED = ("name",)
OPTIONAL = ("seats", "vertical", "fiscal_year_start", "contact_name", "contact_email", "vcio")
# The service's field → the CSV column that feeds it.
COLUMN_OF = {
    "name": "name",
    "seats": "seats",
    "vertical": "vertical",
    "fiscal_year_start_month": "fiscal_year_start",
    "primary_contact_name": "contact_name",
    "primary_contact_email": "contact_email",
    "vcio": "vcio",
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _vertical(text: str) -> str:
    if not text:
        return Vertical.OTHER
    for code, label in Vertical.choices:
        if text.lower() in (code, label.lower()):
            return code
    known = ", ".join(Vertical.values)
    raise ClientError(f"{text[:40]!r} is not a vertical ({known})", field="vertical")


def _month(text: str) -> int:
    if not text:
        return 1
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    if text[:3].lower() in MONTHS and len(text) >= 3:
        return MONTHS.index(text[:3].lower()) + 1
    raise ClientError(f"{text[:40]!r} is not a month (1–12 or its name)", field="fiscal_year_start_month")


def _seats(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise ClientError(f"{text[:40]!r} is not a whole number of seats", field="seats")
    return int(text)


def client_values(scope: Scope, row: CsvRow) -> dict[str, Any]:
    """The keyword arguments of `create_client` for one row."""
    cells = row.cells
    return {
        "name": cells["name"],
        "seats": _seats(cells["seats"]),
        "vertical": _vertical(cells["vertical"]),
        "fiscal_year_start_month": _month(cells["fiscal_year_start"]),
        "primary_contact_name": cells["contact_name"],
        "primary_contact_email": cells["contact_email"],
        "vcio": member_user(
            scope.msp, cells["vcio"], roles=VCIO_ROLES, field="vcio", what="an owner or vCIO"
        ),
    }


def import_clients(*, scope: Scope, table: CsvTable) -> list[Client]:
    """Create a client per row, or none at all: every row is checked and every problem reported."""
    problems: list[str] = []
    created: list[Client] = []
    with transaction.atomic():
        for row in table.rows:
            try:
                with transaction.atomic():  # a refused row rolls back alone; the others are still checked
                    created.append(create_client(scope=scope, **client_values(scope, row)))
            except DomainError as error:
                problems.append(f"{row.where(COLUMN_OF.get(error.field or ''))}: {error.message}")
        if not table.rows:
            problems.append("no client rows below the header")
        if problems:
            raise CsvFileError(table.source, problems)
    return created
