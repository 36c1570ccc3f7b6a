"""The standard parties and the three templates: sound on the standard parties, gaps only where they are real."""

import dataclasses

import pytest

from sevenc.raci.catalogue import load_catalogue
from sevenc.raci.matrix import KINDS, Area, Matrix, Party
from sevenc.raci.parties import STANDARD_PARTIES, standard_parties
from sevenc.raci.templates import TemplateError, apply_template, load_templates, parse_templates
from sevenc.raci.validation import validate

CATALOGUE = load_catalogue()
TEMPLATES = list(load_templates())


def with_contracts(parties):
    return tuple(dataclasses.replace(p, contract=f"C-{p.code}") if p.external else p for p in parties)


def test_there_are_at_least_15_standard_parties_with_unique_codes_and_one_ceo():
    parties = standard_parties()
    assert len(parties) >= 15
    assert len({p.code for p in parties}) == len(parties)
    assert [p.code for p in parties if p.ceo] == ["CEO"]
    assert {p.kind for p in parties} == set(KINDS)
    assert {"CEO", "COO", "CFO", "OFFICE", "ADMIN", "MSP", "ISP", "TELCO", "ERP", "CLOUD"} <= {
        p.code for p in STANDARD_PARTIES
    }


def test_the_three_templates_are_shipped_and_cover_every_duty_of_the_catalogue():
    templates = load_templates()
    assert [t.name for t in templates.values()] == [
        "Fully managed",
        "Co-managed",
        "Internal IT with MSP backup",
    ]
    for template in templates.values():
        assert set(template.duties) == set(CATALOGUE.duties), template.code


@pytest.mark.parametrize("code", TEMPLATES)
def test_a_template_on_the_standard_parties_gives_one_a_and_at_least_one_r_per_area(code):
    parties = standard_parties()
    matrix = Matrix("Standard", parties, CATALOGUE.areas, apply_template(code, parties, CATALOGUE.areas))
    for area in CATALOGUE.areas:
        assert len(matrix.holders(area.code, "A")) == 1, area.code
        assert matrix.holders(area.code, "R"), area.code


@pytest.mark.parametrize("code", TEMPLATES)
def test_with_contracts_on_file_a_template_leaves_only_single_points_of_failure(code):
    parties = with_contracts(standard_parties())
    matrix = Matrix("Standard", parties, CATALOGUE.areas, apply_template(code, parties, CATALOGUE.areas))
    rules = {f.rule for f in validate(matrix).findings}
    # Each model rests on one party for many critical duties; the validator reports that, nothing else.
    assert rules == {"sole_responsible"}


def test_without_contracts_every_external_party_holding_r_or_a_is_a_finding():
    parties = standard_parties()
    matrix = Matrix("x", parties, CATALOGUE.areas, apply_template("fully-managed", parties, CATALOGUE.areas))
    no_contract = [f.party for f in validate(matrix).findings if f.rule == "no_contract"]
    holding = [
        p.code
        for p in parties
        if p.external and any({"R", "A"} & set(matrix.letters(a.code, p.code)) for a in CATALOGUE.areas)
    ]
    assert no_contract == holding
    assert "HARDWARE" not in no_contract  # only consulted in this template


def test_a_party_the_client_does_not_have_leaves_a_real_gap():
    parties = tuple(p for p in with_contracts(standard_parties()) if p.code != "ERP")
    matrix = Matrix(
        "No ERP", parties, CATALOGUE.areas, apply_template("fully-managed", parties, CATALOGUE.areas)
    )
    gaps = [f.area for f in validate(matrix).findings if f.rule == "no_responsible"]
    assert gaps == [a.code for a in CATALOGUE.areas if a.duty == "erp"]
    assert gaps


def test_a_client_without_a_coo_has_the_ceo_accountable_by_default_where_the_coo_was():
    parties = tuple(p for p in with_contracts(standard_parties()) if p.code != "COO")
    matrix = Matrix(
        "No COO", parties, CATALOGUE.areas, apply_template("fully-managed", parties, CATALOGUE.areas)
    )
    findings = [f for f in validate(matrix).findings if f.rule == "no_accountable"]
    coo_duties = {
        d for d, cells in load_templates()["fully-managed"].duties.items() if "A" in cells.get("COO", "")
    }
    assert [f.area for f in findings] == [a.code for a in CATALOGUE.areas if a.duty in coo_duties]
    assert "the CEO (Chief executive officer) is accountable by default" in findings[0].message


def test_a_party_with_a_non_standard_code_starts_empty():
    parties = (*standard_parties(), Party("SOFTWARE-2", "Second software vendor", "vendor"))
    assignments = apply_template("co-managed", parties, CATALOGUE.areas)
    assert not any("SOFTWARE-2" in cells for cells in assignments.values())


def test_assignments_follow_the_order_of_the_given_parties():
    parties = tuple(reversed(standard_parties()))
    row = apply_template("fully-managed", parties, CATALOGUE.areas)["RA-CONT-001"]
    assert row == {"MSP": "RA", "OFFICE": "I", "COO": "I"}
    assert list(row) == ["MSP", "OFFICE", "COO"]


def test_an_unknown_template_is_refused_with_the_known_ones():
    with pytest.raises(TemplateError, match=r"unknown template 'outsourced'.*fully-managed"):
        apply_template("outsourced", standard_parties(), CATALOGUE.areas)


def test_an_area_whose_duty_the_template_lacks_is_refused_by_code():
    area = Area("RA-X-1", "Feed the office plants", "CONT", ("CONT.1.1",), False, duty="plants")
    with pytest.raises(
        TemplateError, match="RA-X-1: the 'Fully managed' template has no letters for 'plants'"
    ):
        apply_template("fully-managed", standard_parties(), [area])


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"MSP": "R", "CEO": "A", "COO": "A"}, "exactly one A"),
        ({"MSP": "C", "CEO": "A"}, "at least one R"),
        ({"NOBODY": "RA"}, "'NOBODY' is not a standard party"),
        ({"MSP": "RX", "CEO": "A"}, "'X' in 'RX' is not one of R, A, C, I"),
    ],
)
def test_a_template_that_would_produce_findings_itself_is_refused(cells, message):
    with pytest.raises(TemplateError, match=message):
        parse_templates({"t": {"name": "T", "duties": {"backup": cells}}})


def test_an_area_without_a_duty_category_starts_empty():
    area = Area("X-CCTV", "Check the CCTV recorder weekly", "CONT", ("CONT.1.1",), False, duty="")
    assert apply_template("fully-managed", standard_parties(), [area, CATALOGUE.areas[0]]) == {
        CATALOGUE.areas[0].code: apply_template("fully-managed", standard_parties(), CATALOGUE.areas[:1])[
            CATALOGUE.areas[0].code
        ]
    }
