"""The matrix as CSV (docs/formats.md, "Responsibility matrix CSV"): write it, read it back. No Django here.

One row per area: `code, title, block, critical`, then one column per party code holding its letters. The
writer goes through `sevenc.lib.tabular.write_csv`, so no title becomes a live formula. Reading is
all-or-nothing: every problem is collected, named by spreadsheet row and column, and nothing is returned
unless there are none. Only the code and the party columns are read; title, block and critical are there
for the reader and are ignored (areas are edited in the catalogue, not in the sheet).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from sevenc.lib.errors import DomainError
from sevenc.lib.files import column_letter
from sevenc.lib.tabular import write_csv
from sevenc.raci.matrix import Area, Assignments, Matrix, Party, RaciError, normalise_letters

FIXED_COLUMNS = ("code", "title", "block", "critical")
MAX_ROWS = 5_000
_SHOWN_PROBLEMS = 20


class RaciCsvError(RaciError):
    """A matrix CSV that cannot be imported; `problems` names every row and column at fault."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        shown = [f"- {p}" for p in self.problems[:_SHOWN_PROBLEMS]]
        if len(self.problems) > _SHOWN_PROBLEMS:
            shown.append(f"- … and {len(self.problems) - _SHOWN_PROBLEMS} more")
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        super().__init__(f"{count} in the CSV, nothing imported:\n" + "\n".join(shown))


@dataclass(frozen=True)
class CsvMatrix:
    """What a sheet says: the letters of the cells it covers (its area rows × its party columns)."""

    areas: tuple[str, ...]
    parties: tuple[str, ...]
    assignments: dict[str, dict[str, str]]  # non-empty cells only


def matrix_csv(matrix: Matrix) -> str:
    """The CSV text: a header, then one row per area in matrix order (critical as yes/no)."""
    header = [*FIXED_COLUMNS, *(p.code for p in matrix.parties)]
    rows = (
        [
            area.code,
            area.title,
            area.block,
            "yes" if area.critical else "no",
            *(matrix.letters(area.code, p.code) for p in matrix.parties),
        ]
        for area in matrix.areas
    )
    return write_csv(header, rows)


def _rows(text: str) -> list[list[str]]:
    text = text.removeprefix("\ufeff")  # Excel's UTF-8 byte-order mark
    first = text.split("\n", 1)[0]
    # Spreadsheets in many European locales save CSV with ';'; a header is never without a separator.
    delimiter = ";" if ";" in first and "," not in first else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _header(header: list[str], parties: Sequence[Party], problems: list[str]) -> dict[int, str]:
    """Column index → party code for the party columns; problems for anything else."""
    fixed = [cell.strip().lower() for cell in header[: len(FIXED_COLUMNS)]]
    if fixed != list(FIXED_COLUMNS):
        problems.append(
            f"row 1: the first columns must be {', '.join(FIXED_COLUMNS)} (found {', '.join(fixed)})"
        )
    known = {p.code for p in parties}
    columns: dict[int, str] = {}
    seen: dict[str, str] = {}
    for index in range(len(FIXED_COLUMNS), len(header)):
        where = f"row 1, column {column_letter(index)}"
        code = header[index].strip()
        if not code:
            problems.append(f"{where}: the party code is missing")
        elif code not in known:
            problems.append(f"{where}: unknown party {code!r}")
        elif code in seen:
            problems.append(f"{where}: party {code!r} is also column {seen[code]}")
        else:
            seen[code] = column_letter(index)
            columns[index] = code
    return columns


def parse_matrix_csv(text: str, *, areas: Sequence[Area], parties: Sequence[Party]) -> CsvMatrix:
    """The letters of a matrix CSV for the client's `areas` and `parties`, or RaciCsvError naming them all."""
    rows = _rows(text)
    if not rows:
        raise RaciCsvError(["the file is empty: expected a header row"])
    if len(rows) - 1 > MAX_ROWS:
        raise RaciCsvError([f"at most {MAX_ROWS:,} area rows (this has {len(rows) - 1:,})"])
    problems: list[str] = []
    columns = _header(rows[0], parties, problems)
    known_areas = {a.code for a in areas}
    seen: dict[str, int] = {}
    assignments: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines, often at the end of a saved sheet
        code = row[0].strip()
        where = f"row {number} ({code})" if code else f"row {number}"
        extra = [column_letter(i) for i in range(len(rows[0]), len(row)) if row[i].strip()]
        if extra:
            problems.append(f"{where}: cells beyond the header in column(s) {', '.join(extra)}")
        if code not in known_areas:
            problems.append(f"{where}, column A: unknown area {code!r}" if code else f"{where}: no area code")
            continue
        if code in seen:
            problems.append(f"{where}: area {code} is also row {seen[code]}")
            continue
        seen[code] = number
        for index, party in columns.items():
            value = row[index] if index < len(row) else ""  # trailing empty cells may be left out
            try:
                letters = normalise_letters(value, field=f"{where}, column {column_letter(index)} ({party})")
            except DomainError as exc:
                problems.append(str(exc))
                continue
            if letters:
                assignments.setdefault(code, {})[party] = letters
    if problems:
        raise RaciCsvError(problems)
    return CsvMatrix(tuple(seen), tuple(columns.values()), assignments)


def apply_csv(current: Assignments, sheet: CsvMatrix) -> dict[str, dict[str, str]]:
    """The assignments after an import: the sheet's cells replace the covered ones, the rest stay."""
    covered_areas, covered_parties = set(sheet.areas), set(sheet.parties)
    result: dict[str, dict[str, str]] = {}
    for area, cells in current.items():
        for party, letters in cells.items():
            if not (area in covered_areas and party in covered_parties) and letters:
                result.setdefault(area, {})[party] = letters
    for area, cells in sheet.assignments.items():
        result.setdefault(area, {}).update(cells)
    return result
