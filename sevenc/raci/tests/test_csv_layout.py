"""The matrix as CSV: one row per area, one column per party; formulas neutralised; all-or-nothing import."""

import csv
import io

import pytest
from hypothesis import given, settings

from sevenc.lib.files import column_letter
from sevenc.raci.csv_layout import (
    RaciCsvError,
    apply_csv,
    matrix_csv,
    parse_matrix_csv,
)
from sevenc.raci.matrix import Area, Matrix, Party
from sevenc.raci.tests.test_matrix_file import matrices

PARTIES = (
    Party("CEO", "Dr. Kim", "internal", ceo=True),
    Party("MSP", "Brightpath", "msp", contract="MSA-1"),
    Party("ISP", "CityNet", "vendor"),
)
AREAS = (
    Area("RA-CONT-001", "Verify last night's backup completed", "CONT", ("CONT.1.2",), True),
    Area("RA-COST-001", '=HYPERLINK("http://evil.example","budget")', "COST", ("COST.1.1",), False),
)
MATRIX = Matrix(
    "Acme", PARTIES, AREAS, {"RA-CONT-001": {"CEO": "A", "MSP": "R"}, "RA-COST-001": {"CEO": "RA"}}
)


def parse(text):
    return parse_matrix_csv(text, areas=AREAS, parties=PARTIES)


def test_the_csv_has_one_row_per_area_and_one_column_per_party():
    rows = list(csv.reader(io.StringIO(matrix_csv(MATRIX))))
    assert rows == [
        ["code", "title", "block", "critical", "CEO", "MSP", "ISP"],
        ["RA-CONT-001", "Verify last night's backup completed", "CONT", "yes", "A", "R", ""],
        ["RA-COST-001", '\'=HYPERLINK("http://evil.example","budget")', "COST", "no", "RA", "", ""],
    ]


def test_the_csv_reads_back_into_the_same_letters():
    sheet = parse(matrix_csv(MATRIX))
    assert sheet.areas == ("RA-CONT-001", "RA-COST-001")
    assert sheet.parties == ("CEO", "MSP", "ISP")
    assert sheet.assignments == MATRIX.assignments


@settings(max_examples=100, deadline=None)
@given(matrices())
def test_any_matrix_survives_a_trip_through_csv(matrix):
    sheet = parse_matrix_csv(matrix_csv(matrix), areas=matrix.areas, parties=matrix.parties)
    assert sheet.assignments == matrix.assignments


def test_letters_typed_in_any_order_or_case_are_normalised():
    text = "code,title,block,critical,CEO,MSP,ISP\nRA-CONT-001,,,,a,ir,\n"
    assert parse(text).assignments == {"RA-CONT-001": {"CEO": "A", "MSP": "RI"}}


def test_a_sheet_saved_with_semicolons_and_a_byte_order_mark_reads():
    text = "\ufeffcode;title;block;critical;CEO;MSP\r\nRA-CONT-001;Verify;CONT;yes;A;R\r\n"
    assert parse(text).assignments == {"RA-CONT-001": {"CEO": "A", "MSP": "R"}}


def test_blank_lines_are_skipped_and_trailing_empty_cells_may_be_left_out():
    text = "code,title,block,critical,CEO,MSP,ISP\n\nRA-CONT-001,T,CONT,yes,A\n,,,,,,\n"
    assert parse(text).assignments == {"RA-CONT-001": {"CEO": "A"}}


def test_every_problem_is_named_by_row_and_column_and_nothing_is_returned():
    text = (
        "code,title,block,critical,CEO,MSP,NOBODY\n"
        "RA-CONT-001,T,CONT,yes,RR,X,\n"
        "RA-CONT-999,T,CONT,yes,A,,\n"
        "RA-CONT-001,T,CONT,yes,A,,\n"
        ",T,CONT,yes,A,,\n"
        "RA-COST-001,T,COST,no,A,R,,extra\n"
    )
    with pytest.raises(RaciCsvError) as caught:
        parse(text)
    assert caught.value.problems == (
        "row 1, column G: unknown party 'NOBODY'",
        "row 2 (RA-CONT-001), column E (CEO): 'RR' gives R twice: each of R, A, C, I at most once",
        "row 2 (RA-CONT-001), column F (MSP): 'X' in 'X' is not one of R, A, C, I",
        "row 3 (RA-CONT-999), column A: unknown area 'RA-CONT-999'",
        "row 4 (RA-CONT-001): area RA-CONT-001 is also row 2",
        "row 5: no area code",
        "row 6 (RA-COST-001): cells beyond the header in column(s) H",
    )
    assert str(caught.value).startswith("7 problems in the CSV, nothing imported:\n- row 1, column G")


def test_a_wrong_header_and_a_repeated_party_column_are_refused():
    with pytest.raises(RaciCsvError) as caught:
        parse("area,title,block,critical,CEO,CEO,\n")
    assert caught.value.problems == (
        "row 1: the first columns must be code, title, block, critical (found area, title, block, critical)",
        "row 1, column F: party 'CEO' is also column E",
        "row 1, column G: the party code is missing",
    )


def test_an_empty_file_is_refused():
    with pytest.raises(RaciCsvError, match="the file is empty"):
        parse("")


def test_long_problem_lists_are_cut_in_the_message_but_kept_whole():
    rows = "".join(f"RA-X-{n},T,CONT,no,Q\n" for n in range(30))
    with pytest.raises(RaciCsvError) as caught:
        parse("code,title,block,critical,CEO\n" + rows)
    assert len(caught.value.problems) == 30
    assert str(caught.value).endswith("- … and 10 more")


def test_an_import_replaces_the_cells_it_covers_and_keeps_the_rest():
    current = {"RA-CONT-001": {"CEO": "A", "MSP": "R", "ISP": "I"}, "RA-COST-001": {"CEO": "RA", "ISP": "C"}}
    sheet = parse("code,title,block,critical,CEO,MSP\nRA-CONT-001,T,CONT,yes,,RA\n")
    assert apply_csv(current, sheet) == {
        "RA-CONT-001": {"MSP": "RA", "ISP": "I"},  # CEO cleared by the sheet; ISP not in the sheet
        "RA-COST-001": {"CEO": "RA", "ISP": "C"},  # row not in the sheet
    }


@pytest.mark.parametrize(
    ("index", "name"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")]
)
def test_columns_are_named_as_in_a_spreadsheet(index, name):
    assert column_letter(index) == name
