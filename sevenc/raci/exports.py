"""The matrix as an XLSX workbook: one sheet per block (areas as rows, parties as columns), then the parties
and the findings. Every cell goes through `sevenc.lib.tabular`, so no title or name becomes a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sevenc.lib.tabular import append_row
from sevenc.raci.csv_layout import FIXED_COLUMNS
from sevenc.raci.matrix import BLOCKS
from sevenc.raci.presenters import RULE_LABELS, block_names
from sevenc.raci.state import MatrixState

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top")


def _header(sheet: Worksheet, names: list[str], widths: list[int]) -> None:
    append_row(sheet, names)
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _block_sheet(sheet: Worksheet, state: MatrixState, block: str) -> None:
    parties = state.parties
    _header(
        sheet,
        [*FIXED_COLUMNS, *(p.code for p in parties)],
        [14, 60, 7, 8, *(max(6, len(p.code) + 2) for p in parties)],
    )
    sheet.freeze_panes = "E2"
    for area in state.areas:
        if area.block != block:
            continue
        append_row(
            sheet,
            [
                area.code,
                area.title,
                area.block,
                "yes" if area.critical else "no",
                *(state.letters(area.code, p) for p in parties),
            ],
        )
        row = sheet.max_row
        sheet.cell(row=row, column=2).alignment = WRAP
        for column in range(len(FIXED_COLUMNS) + 1, len(FIXED_COLUMNS) + len(parties) + 1):
            sheet.cell(row=row, column=column).alignment = CENTRE


def matrix_workbook(state: MatrixState) -> bytes:
    workbook = Workbook()
    names = block_names()
    first = True
    for block in BLOCKS:
        sheet = workbook.active if first else workbook.create_sheet()
        first = False
        sheet.title = block
        sheet.sheet_properties.tabColor = "1F4E79"
        _block_sheet(sheet, state, block)
        sheet.oddHeader.center.text = f"{state.client.name}: {names[block]}"
    load = state.review.load
    parties = workbook.create_sheet("Parties")
    _header(
        parties,
        ["code", "name", "kind", "role", "contact", "contract", "renewal", "ceo", "A", "R"],
        [12, 30, 10, 28, 28, 20, 12, 6, 6, 6],
    )
    for p in state.parties:
        append_row(
            parties,
            [
                p.code,
                p.name,
                p.kind,
                p.role,
                p.contact,
                p.contract,
                p.renewal,
                "yes" if p.is_ceo else "",
                load[p.code].accountable,
                load[p.code].responsible,
            ],
        )
    findings = workbook.create_sheet("Findings")
    _header(findings, ["rule", "area", "party", "message"], [24, 14, 12, 100])
    for f in state.review.findings:
        append_row(findings, [RULE_LABELS[f.rule], f.area or "", f.party or "", f.message])
        findings.cell(row=findings.max_row, column=4).alignment = WRAP
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
