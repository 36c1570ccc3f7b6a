"""The area catalogue in the database, the MSP's own areas, and the CSV import (all or nothing)."""

from __future__ import annotations

import dataclasses

import pytest

from sevenc.lib.errors import Conflict, DomainError
from sevenc.raci.areas import (
    CatalogueConflict,
    add_area,
    load_area_catalogue,
    retire_area,
    shipped_catalogue,
    update_area,
)
from sevenc.raci.catalogue import load_catalogue
from sevenc.raci.csv_layout import RaciCsvError, matrix_csv
from sevenc.raci.models import AreaCatalogue, CatalogueArea, MspArea
from sevenc.raci.services import import_csv, start_matrix
from sevenc.raci.tests.conftest import give, state
from sevenc.raci.tests.test_services import snapshot

CCTV = {"code": "X-CCTV", "title": "Check the CCTV recorder weekly", "block": "CONT", "items": ["CONT.1.2"]}


# --- the shipped catalogue ----------------------------------------------------------------------------------


def test_the_shipped_catalogue_is_in_the_database_after_migrate_with_its_item_links(db):
    catalogue = AreaCatalogue.objects.get(code="raci-7c", version=load_catalogue().version)
    areas = CatalogueArea.objects.filter(catalogue=catalogue)
    assert areas.count() == 271
    first = areas.get(code="RA-CONT-001")
    assert [i.code for i in first.items.all()] == ["CONT.1.2"]
    assert first.items.first().framework.code == "7c"


def test_loading_the_same_catalogue_again_changes_nothing_and_other_content_is_refused(db):
    spec = load_catalogue()
    stored, created = load_area_catalogue(spec)
    assert not created and stored == shipped_catalogue()
    changed = dataclasses.replace(spec, areas=(dataclasses.replace(spec.areas[0], title="Something else"),))
    with pytest.raises(CatalogueConflict, match="already loaded with different content"):
        load_area_catalogue(changed)


# --- the MSP's own areas ------------------------------------------------------------------------------------


def test_an_own_area_is_a_row_of_every_matrix_and_the_template_fills_it_by_its_category(system, client_co):
    add_area(actor=system, **CCTV, duty="facilities", critical=True)
    start_matrix(actor=system, client=client_co, template="fully-managed")
    current = state(client_co)
    codes = [a.code for a in current.areas]
    assert codes.index("X-CCTV") == codes.index("RA-COMP-001") - 1  # last of its block
    assert current.assignments["X-CCTV"] == {"COO": "A", "OFFICE": "R", "MSP": "C"}


def test_an_own_area_without_a_category_starts_empty_and_is_a_finding(system, client_co, matrix):
    add_area(actor=system, **CCTV)
    findings = {(f.rule, f.area) for f in state(client_co).review.findings}
    assert {("no_accountable", "X-CCTV"), ("no_responsible", "X-CCTV")} <= findings


def test_a_retired_area_drops_out_of_new_matrices_and_stays_in_older_ones(system, client_co, other_client):
    area = add_area(actor=system, **CCTV, duty="facilities")
    start_matrix(actor=system, client=client_co, template="fully-managed")
    retire_area(actor=system, area=area)
    start_matrix(actor=system, client=other_client, template="fully-managed")
    assert state(client_co).area("X-CCTV") is not None
    assert state(client_co).assignments["X-CCTV"]["OFFICE"] == "R"
    assert state(other_client).area("X-CCTV") is None
    retire_area(actor=system, area=area, retired=False)
    assert state(other_client).area("X-CCTV") is not None


def test_an_own_area_is_edited_against_its_version(system):
    area = add_area(actor=system, **CCTV)
    area = update_area(
        actor=system, area=area, title="Check the CCTV", block="CTRL", items=["CTRL.1.1"], critical=True
    )
    assert (area.block, area.version, [i.code for i in area.items.all()]) == ("CTRL", 1, ["CTRL.1.1"])
    with pytest.raises(Conflict, match="someone changed X-CCTV"):
        update_area(
            actor=system,
            area=area,
            title="Again",
            block="CTRL",
            items=["CTRL.1.1"],
            critical=True,
            expected_version=0,
        )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"code": "RA-CONT-900"}, "code", "codes starting with RA- belong to the shipped catalogue"),
        ({"code": "x-cctv"}, "code", "'x-cctv' is already one of your areas"),
        ({"code": "bad code"}, "code", "code 'bad code' must be"),
        ({"title": ""}, "title", "required"),
        ({"block": "CASH"}, "block", "'CASH' is not one of CONT"),
        ({"items": []}, "items", "name at least one 7C item"),
        ({"items": ["CONT.9.9"]}, "items", "unknown 7C item"),
        ({"duty": "gardening"}, "duty", "'gardening' is not a duty category"),
    ],
)
def test_a_bad_own_area_is_refused_naming_the_field(system, fields, field, message):
    add_area(actor=system, **CCTV)
    with pytest.raises(DomainError, match=message) as caught:
        add_area(actor=system, **{**CCTV, "code": "X-NEW", **fields})
    assert caught.value.field == field
    assert MspArea.objects.count() == 1


# --- CSV import ---------------------------------------------------------------------------------------------


def test_an_exported_csv_edited_and_imported_changes_exactly_its_cells(system, client_co, matrix):
    text = matrix_csv(state(client_co).pure)
    lines = text.splitlines()
    header = lines[0].split(",")
    row = next(n for n, line in enumerate(lines) if line.startswith("RA-CONT-057,"))
    cells = lines[row].split(",")
    cells[header.index("MSP")] = "R"
    cells[header.index("VCIO")] = "a"
    lines[row] = ",".join(cells)
    changed = import_csv(actor=system, client=client_co, data="\r\n".join(lines).encode())
    assert changed == 2
    after = state(client_co)
    assert after.assignments["RA-CONT-057"]["MSP"] == "R"
    assert after.assignments["RA-CONT-057"]["VCIO"] == "A"
    assert after.version("RA-CONT-057", after.party("VCIO")) == 2  # its C from the template was save 1


def test_a_csv_of_two_columns_leaves_the_other_parties_alone(system, client_co, matrix):
    before = state(client_co).assignments
    import_csv(actor=system, client=client_co, data=b"code,title,block,critical,ISP\nRA-CONT-001,,,,C\n")
    after = state(client_co).assignments
    assert after["RA-CONT-001"] == {**before["RA-CONT-001"], "ISP": "C"}
    assert {k: v for k, v in after.items() if k != "RA-CONT-001"} == {
        k: v for k, v in before.items() if k != "RA-CONT-001"
    }


def test_a_bad_csv_names_every_row_and_column_and_imports_nothing(system, client_co, matrix):
    give(system, client_co, "RA-CONT-002", "ISP", "I")
    before = snapshot(client_co)
    csv_text = (
        "code,title,block,critical,MSP,NOBODY\n"
        "RA-CONT-001,,,,RX,\n"
        "RA-CONT-001,,,,R,\n"
        "RA-NOPE-001,,,,R,\n"
        "RA-CONT-002,,,,AA,\n"
    )
    with pytest.raises(RaciCsvError) as caught:
        import_csv(actor=system, client=client_co, data=csv_text.encode())
    problems = caught.value.problems
    assert "row 1, column F: unknown party 'NOBODY'" in problems
    assert any(p.startswith("row 2 (RA-CONT-001), column E (MSP): 'X' in 'RX'") for p in problems)
    assert "row 3 (RA-CONT-001): area RA-CONT-001 is also row 2" in problems
    assert "row 4 (RA-NOPE-001), column A: unknown area 'RA-NOPE-001'" in problems
    assert any(p.startswith("row 5 (RA-CONT-002), column E (MSP): 'AA' gives A twice") for p in problems)
    assert snapshot(client_co) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfecode", "is UTF-16 text"),
        (b"code,title\x92,block", "not UTF-8 text: byte 0x92"),
        (b"", "the file is empty"),
        (b"area;who\nRA-CONT-001;R\n", "the first columns must be code, title, block, critical"),
        (b"x" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
    ],
)
def test_an_upload_that_is_not_a_matrix_csv_is_refused_naming_the_file(
    system, client_co, matrix, data, message
):
    before = snapshot(client_co)
    with pytest.raises(DomainError, match=message):
        import_csv(actor=system, client=client_co, data=data, source="matrix.csv")
    assert snapshot(client_co) == before
