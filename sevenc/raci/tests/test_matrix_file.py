"""The `sevenc-raci` v1 matrix file: parse, refuse bad input naming the entry, write back unchanged."""

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.catalogue.spec import packaged_framework
from sevenc.lib.errors import DomainError
from sevenc.raci.matrix import LETTERS, Area, Matrix, Party, normalise_letters
from sevenc.raci.matrix_file import (
    RaciFileError,
    matrix_document,
    parse_matrix_file,
    parse_matrix_text,
    read_matrix_file,
    write_matrix_file,
)

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "raci-acme.json"
ITEMS = set(packaged_framework("7c").item_index)


def issue_example():
    """The example of the issue (item 7), with the ADMIN party its assignment names."""
    return {
        "format": "sevenc-raci",
        "version": 1,
        "client": "Acme Dental Group",
        "parties": [
            {"code": "CEO", "name": "Dr. Maria Keller", "kind": "internal", "ceo": True, "contract": ""},
            {"code": "MSP", "name": "Brightpath IT Partners", "kind": "msp", "contract": "MSA-2026-01"},
            {"code": "ADMIN", "name": "Sam Patel", "kind": "internal"},
        ],
        "areas": [
            {
                "code": "RA-CONT-001",
                "title": "Verify last night's backup completed",
                "items": ["CONT.1.2"],
                "critical": True,
            }
        ],
        "assignments": {"RA-CONT-001": {"MSP": "R", "CEO": "A", "ADMIN": "CI"}},
    }


def test_the_issue_example_parses_and_an_area_without_block_takes_its_first_items():
    matrix = parse_matrix_file(issue_example(), known_items=ITEMS)
    assert matrix.client == "Acme Dental Group"
    assert [p.code for p in matrix.parties] == ["CEO", "MSP", "ADMIN"]
    assert matrix.ceo().name == "Dr. Maria Keller"
    assert matrix.areas == (
        Area("RA-CONT-001", "Verify last night's backup completed", "CONT", ("CONT.1.2",), True),
    )
    assert matrix.assignments == {"RA-CONT-001": {"CEO": "A", "MSP": "R", "ADMIN": "CI"}}


def test_letters_are_kept_in_r_a_c_i_order_whatever_the_case_and_order_given():
    assert normalise_letters("ar", field="x") == "RA"
    assert normalise_letters(" IC ", field="x") == "CI"
    assert normalise_letters("iacr", field="x") == "RACI"
    assert normalise_letters("", field="x") == ""


def test_an_empty_cell_is_dropped_and_assignments_may_be_absent():
    doc = issue_example()
    doc["assignments"]["RA-CONT-001"]["ADMIN"] = ""
    assert parse_matrix_file(doc).assignments == {"RA-CONT-001": {"CEO": "A", "MSP": "R"}}
    del doc["assignments"]
    assert parse_matrix_file(doc).assignments == {}


def test_the_example_file_round_trips_byte_for_byte():
    text = EXAMPLE.read_text(encoding="utf-8")
    matrix = parse_matrix_text(text, known_items=ITEMS)
    assert len(matrix.areas) >= 200
    assert write_matrix_file(matrix) == text
    assert read_matrix_file(EXAMPLE) == matrix


def test_contact_and_renewal_are_read_and_written():
    doc = issue_example()
    doc["parties"][1] |= {"contact": "service@brightpath.example", "renewal": "2027-01-31"}
    party = parse_matrix_file(doc).parties[1]
    assert (party.contact, party.renewal) == ("service@brightpath.example", date(2027, 1, 31))
    assert matrix_document(parse_matrix_file(doc))["parties"][1]["renewal"] == "2027-01-31"


def change(path, value):
    """A copy of the issue example with one entry set (value ...) or deleted (value DELETE)."""
    doc = copy.deepcopy(issue_example())
    *parents, last = path
    target = doc
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return doc


DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("assignments", "RA-CONT-001", "MSP"),
            "RX",
            r'assignments\["RA-CONT-001"\]\["MSP"\]: \'X\' in \'RX\' is not',
        ),
        (("assignments", "RA-CONT-001", "MSP"), "RR", r'\["MSP"\]: \'RR\' gives R twice'),
        (("assignments", "RA-CONT-001", "MSP"), "R A", r"' ' in 'R A' is not one of R, A, C, I"),
        (("assignments", "RA-CONT-001", "MSP"), 1, r'\["MSP"\]: must be text such as "RA"'),
        (("assignments", "RA-CONT-001", "XYZ"), "R", r'assignments\["RA-CONT-001"\]\["XYZ"\]: unknown party'),
        (("assignments", "RA-CONT-999"), {"MSP": "R"}, r'assignments\["RA-CONT-999"\]: unknown area'),
        (("assignments", "RA-CONT-001"), "R", r'assignments\["RA-CONT-001"\]: must be an object'),
        (("assignments",), [], r"assignments: must be an object"),
        (("parties", 2, "code"), "MSP", r"parties\[2\] \(code 'MSP'\): the same code as parties\[1\]"),
        (("parties", 2, "code"), "msp", r"parties\[2\] \(code 'msp'\): the same code as parties\[1\]"),
        (("parties", 0, "ceo"), False, r"no party is the CEO"),
        (("parties", 0, "ceo"), DELETE, r"no party is the CEO"),
        (("parties", 2, "ceo"), True, r"2 parties are the CEO \(parties\[0, 2\]\)"),
        (("parties", 0, "kind"), "vendor", r"parties\[0\] \(code 'CEO'\): the CEO must be internal"),
        (("parties", 1, "kind"), "partner", r"parties\[1\] \(code 'MSP'\): kind 'partner' must be one of"),
        (("parties", 1, "kind"), DELETE, r"parties\[1\] \(code 'MSP'\): kind None must be one of"),
        (("parties", 1, "ceo"), "no", r"parties\[1\] \(code 'MSP'\): ceo must be true or false"),
        (("parties", 1, "name"), "", r"parties\[1\] \(code 'MSP'\): name: required"),
        (("parties", 1, "name"), "x" * 201, r"name: at most 200 characters"),
        (("parties", 1, "contract"), "x" * 201, r"parties\[1\] \(code 'MSP'\): contract: at most 200"),
        (("parties", 1, "renewal"), "31/01/2027", r"renewal '31/01/2027' must be a date YYYY-MM-DD"),
        (("parties", 1, "code"), "=HYPERLINK(1)", r"parties\[1\]: code: code '=HYPERLINK\(1\)' must be"),
        (("parties", 1, "code"), "x" * 41, r"parties\[1\]: code: code 'x+' must be 1–40"),
        (("parties", 1, "owner"), "me", r"parties\[1\] \(code 'MSP'\): unknown field\(s\) 'owner'"),
        (("parties", 1), "MSP", r"parties\[1\]: must be an object"),
        (("parties",), {}, r"parties: must be a list"),
        (("areas", 0, "code"), "RA CONT 1", r"areas\[0\]: code: code 'RA CONT 1' must be"),
        (("areas", 0, "title"), "x" * 301, r"areas\[0\] \(code 'RA-CONT-001'\): title: at most 300"),
        (("areas", 0, "title"), DELETE, r"title: required"),
        (("areas", 0, "critical"), 1, r"critical must be true or false"),
        (("areas", 0, "items"), ["CONT.9.9"], r"areas\[0\] \(code 'RA-CONT-001'\): unknown item 'CONT.9.9'"),
        (("areas", 0, "items"), [], r"block missing must be one of CONT"),
        (("areas", 0, "block"), "SAFE", r"block 'SAFE' must be one of"),
        (("areas", 0, "items"), "CONT.1.2", r"items must be a list"),
        (("format",), "sevenc-matrix", r"format: 'sevenc-matrix' is not \"sevenc-raci\""),
        (("format",), DELETE, r"format: None is not"),
        (("version",), 2, r"version: 2 is not supported \(this sevenc reads version 1\)"),
        (("version",), True, r"version: True is not supported"),
        (("version",), "1", r"version: '1' is not supported"),
        (("client",), "", r"client: required"),
        (("owner",), "x", r"matrix file: unknown field\(s\) 'owner'"),
    ],
)
def test_bad_input_is_refused_naming_the_entry(path, value, message):
    with pytest.raises(RaciFileError, match=message):
        parse_matrix_file(change(path, value), known_items=ITEMS)


def test_two_areas_with_the_same_code_are_refused():
    doc = issue_example()
    doc["areas"].append(dict(doc["areas"][0], title="Another"))
    with pytest.raises(
        RaciFileError, match=r"areas\[1\] \(code 'RA-CONT-001'\): the same code as areas\[0\]"
    ):
        parse_matrix_file(doc)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", r"not valid JSON \(line 1, column 2"),
        ("[1, 2]", r"matrix file: must be a JSON object"),
        ('"sevenc-raci"', r"must be a JSON object"),
        (b"\xff\xfe{}", r"is UTF-16 text; save it as UTF-8"),
        (b'{"format": 1, "format": 2}', r"key 'format' appears twice"),
        ('{"version": NaN}', r"NaN is not a number"),
        ("[" * 5000 + "]" * 5000, r"nested more than 64 levels deep"),
    ],
)
def test_a_file_that_is_not_a_json_object_is_refused(text, message):
    with pytest.raises(RaciFileError, match=message):
        parse_matrix_text(text)


def test_a_file_error_is_a_domain_error_and_names_the_path(tmp_path):
    path = tmp_path / "m.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DomainError, match=r"m.json: format: None"):
        read_matrix_file(path)
    with pytest.raises(RaciFileError, match=r"missing.json: no such file"):
        read_matrix_file(tmp_path / "missing.json")


def test_without_known_items_any_item_code_is_accepted():
    doc = change(("areas", 0, "items"), ["ID.AM-01"])
    doc["areas"][0]["block"] = "CONT"
    assert parse_matrix_file(doc).areas[0].items == ("ID.AM-01",)


codes = st.from_regex(r"[A-Z][A-Z0-9\-]{0,6}", fullmatch=True)
texts = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def matrices(draw):
    party_codes = draw(st.lists(codes, min_size=1, max_size=5, unique_by=str.casefold))
    parties = tuple(
        Party(
            code,
            draw(texts),
            "internal" if n == 0 else draw(st.sampled_from(["internal", "msp", "vendor"])),
            ceo=n == 0,
            contract=draw(st.sampled_from(["", "MSA-1", "=cmd"])),
            renewal=draw(st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))),
        )
        for n, code in enumerate(party_codes)
    )
    area_codes = draw(st.lists(codes, min_size=0, max_size=6, unique_by=str.casefold))
    areas = tuple(
        Area(code, draw(texts), draw(st.sampled_from(["CONT", "COST"])), ("CONT.1.1",), draw(st.booleans()))
        for code in area_codes
    )
    letters = st.sets(st.sampled_from(LETTERS)).map(lambda s: "".join(c for c in LETTERS if c in s))
    cells = {}
    for area in areas:
        row = {p.code: draw(letters) for p in parties}
        row = {k: v for k, v in row.items() if v}
        if row:
            cells[area.code] = row
    return Matrix(draw(texts), parties, areas, cells)


@settings(max_examples=150, deadline=None)
@given(matrices())
def test_writing_then_parsing_gives_the_same_matrix(matrix):
    assert parse_matrix_text(write_matrix_file(matrix)) == matrix
    assert json.loads(write_matrix_file(matrix)) == matrix_document(matrix)
