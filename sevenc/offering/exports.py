"""The offering's tables (`sevenc.offering.tables`) as CSV or XLSX bytes. No Django here.

Every cell goes through `sevenc.lib.tabular`, so a service or client name starting with "=" stays text.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from sevenc.lib.tabular import append_row, write_csv
from sevenc.offering.tables import Table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def as_csv(table: Table) -> bytes:
    header, rows = table
    return write_csv(header, rows).encode("utf-8")


def as_xlsx(table: Table, title: str) -> bytes:
    header, rows = table
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]  # Excel's limit for a sheet name
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export(table: Table, fmt: str, title: str) -> tuple[bytes, str]:
    """(content, content type) of `table` as `fmt` ("csv" or "xlsx")."""
    if fmt == "xlsx":
        return as_xlsx(table, title), CONTENT_TYPES["xlsx"]
    return as_csv(table), CONTENT_TYPES["csv"]
