"""The matrix services: every bad input is a DomainError naming the entry, and nothing is stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from sevenc.lib.errors import Conflict, DomainError, NotAllowed
from sevenc.raci.catalogue import load_catalogue
from sevenc.raci.models import Cell, Matrix, Party
from sevenc.raci.services import (
    CellConflict,
    add_party,
    remove_party,
    set_cell,
    start_matrix,
    update_party,
)
from sevenc.raci.templates import load_templates
from sevenc.raci.tests.conftest import FIREWALL, give, state
from sevenc.team.services import add_member
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership, Role
from tests.fixtures import PASSWORD


def snapshot(client):  # type: ignore[no-untyped-def]
    """Everything stored for the client's matrix, to prove a refusal changed nothing."""
    parties = list(
        Party.objects.filter(client=client).values_list("code", "name", "kind", "is_ceo", "version")
    )
    cells = list(
        Cell.objects.filter(party__client=client)
        .order_by("party__code", "area_code")
        .values_list("party__code", "area_code", "letters", "version")
    )
    return parties, cells


def caller(user):  # type: ignore[no-untyped-def]
    return Caller.of_membership(Membership.objects.get(user=user))


# --- starting a matrix --------------------------------------------------------------------------------------


def test_a_matrix_starts_from_the_template_with_every_standard_party(system, client_co, matrix):
    current = state(client_co)
    assert [p.code for p in current.parties][:3] == ["CEO", "COO", "CFO"]
    assert len(current.areas) == len(load_catalogue().areas) == 271
    assert current.party("MSP").name == client_co.msp.name
    assert current.letters("RA-CONT-001", current.party("MSP")) == "RA"
    expected = load_templates()["fully-managed"].apply(current.pure.parties, current.areas)
    assert current.assignments == expected
    rules = {f.rule for f in current.review.findings}
    assert rules == {"no_contract", "sole_responsible"}  # the template itself leaves no area gap


def test_a_client_without_a_coo_or_an_erp_vendor_shows_the_gaps(system, client_co):
    parties = ["CEO", "CFO", "OFFICE", "MSP", "VCIO", "ISP", "TELCO", "CLOUD", "PRINTER", "SOFTWARE"]
    start_matrix(actor=system, client=client_co, template="fully-managed", parties=parties)
    findings = state(client_co).review.findings
    erp_areas = {a.code for a in load_catalogue().areas if a.duty == "erp"}
    no_r = {f.area for f in findings if f.rule == "no_responsible"}
    assert erp_areas <= no_r
    assert any(
        f.rule == "no_accountable" and "the CEO (Chief executive officer)" in f.message for f in findings
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"template": "outsourced"}, None, "unknown template 'outsourced'"),
        ({"template": "co-managed", "parties": ["MSP", "ADMIN"]}, "parties", "the CEO is always a party"),
        (
            {"template": "co-managed", "parties": ["CEO", "ISP", "NASA"]},
            "parties",
            "'NASA' is not a standard",
        ),
    ],
)
def test_a_bad_start_is_refused_and_stores_nothing(system, client_co, kwargs, field, message):
    with pytest.raises(DomainError, match=message) as caught:
        start_matrix(actor=system, client=client_co, **kwargs)
    assert caught.value.field == field
    assert not Matrix.objects.filter(client=client_co).exists()
    assert snapshot(client_co) == ([], [])


def test_a_second_start_is_a_conflict(system, client_co, matrix):
    before = snapshot(client_co)
    with pytest.raises(Conflict, match="already has a responsibility matrix"):
        start_matrix(actor=system, client=client_co, template="co-managed")
    assert snapshot(client_co) == before


@pytest.mark.parametrize("role", [Role.ENGINEER, Role.CLIENT_VIEWER])
def test_engineers_and_client_viewers_may_not_change_a_matrix(msp, client_co, matrix, role):
    user = add_member(
        msp=msp,
        username=f"u-{role}",
        email=f"{role}@example.com",
        role=role,
        password=PASSWORD,
        client=client_co if role == Role.CLIENT_VIEWER else None,
    ).user
    actor, before = caller(user), snapshot(client_co)
    msp_party = state(client_co).party("MSP")
    with pytest.raises(NotAllowed):
        set_cell(actor=actor, party=msp_party, area_code="RA-CONT-001", letters="R", expected_version=1)
    with pytest.raises(NotAllowed):
        add_party(actor=actor, client=client_co, code="X", name="X", kind="vendor")
    with pytest.raises(NotAllowed):
        remove_party(actor=actor, party=msp_party)
    assert snapshot(client_co) == before


# --- cells --------------------------------------------------------------------------------------------------


def test_a_cell_is_saved_normalised_and_its_version_counts_the_saves(system, client_co, matrix):
    cell = give(system, client_co, "RA-CONT-001", "ISP", "ic")
    assert (cell.letters, cell.version) == ("CI", 1)
    cell = give(system, client_co, "RA-CONT-001", "ISP", "")
    assert (cell.letters, cell.version) == ("", 2)
    assert "ISP" not in state(client_co).assignments["RA-CONT-001"]


@pytest.mark.parametrize(
    ("letters", "message"),
    [
        ("RX", "'X' in 'RX' is not one of R, A, C, I"),
        ("RR", "'RR' gives R twice"),
        ("r a", "' ' in 'r a' is not one of R, A, C, I"),
        (7, "must be text"),
    ],
)
def test_bad_letters_are_refused_naming_the_field_and_nothing_is_stored(
    system, client_co, matrix, letters, message
):
    before = snapshot(client_co)
    msp_party = state(client_co).party("MSP")
    with pytest.raises(DomainError, match=message) as caught:
        set_cell(actor=system, party=msp_party, area_code="RA-CONT-001", letters=letters, expected_version=1)
    assert caught.value.field == "letters"
    assert snapshot(client_co) == before


def test_a_cell_of_an_unknown_area_is_refused(system, client_co, matrix):
    before = snapshot(client_co)
    with pytest.raises(DomainError, match="'RA-CONT-999' is not an area of this matrix") as caught:
        set_cell(
            actor=system,
            party=state(client_co).party("MSP"),
            area_code="RA-CONT-999",
            letters="R",
            expected_version=0,
        )
    assert caught.value.field == "area"
    assert snapshot(client_co) == before


def test_of_two_vcios_editing_one_cell_the_second_is_refused_with_the_first_ones_letters(
    system, client_co, matrix, vcio, owner
):
    read = state(client_co)  # both opened the grid: MSP holds RA on the firewall review, version 1
    msp_party, version = read.party("MSP"), read.version(FIREWALL, read.party("MSP"))
    set_cell(actor=caller(vcio), party=msp_party, area_code=FIREWALL, letters="R", expected_version=version)
    with pytest.raises(CellConflict) as caught:
        set_cell(
            actor=caller(owner), party=msp_party, area_code=FIREWALL, letters="RAC", expected_version=version
        )
    assert (caught.value.letters, caught.value.version) == ("R", version + 1)
    assert (
        "vcio changed this cell to 'R' while you edited it; your 'RAC' was not saved" in caught.value.message
    )
    assert state(client_co).letters(FIREWALL, msp_party) == "R"


def test_a_first_save_of_an_empty_cell_against_a_stale_version_is_refused(system, client_co, matrix):
    isp = state(client_co).party("ISP")
    set_cell(actor=system, party=isp, area_code="RA-CONT-001", letters="I", expected_version=0)
    with pytest.raises(CellConflict, match="changed this cell to 'I'"):
        set_cell(actor=system, party=isp, area_code="RA-CONT-001", letters="C", expected_version=0)


def test_a_cell_of_a_removed_party_is_a_conflict(system, client_co, matrix):
    isp = state(client_co).party("ISP")
    remove_party(actor=system, party=isp)
    with pytest.raises(Conflict, match="ISP was removed"):
        set_cell(actor=system, party=isp, area_code="RA-CONT-001", letters="I", expected_version=0)


def test_the_database_refuses_letters_out_of_order(client_co, matrix):
    cell = Cell.objects.filter(party__client=client_co).first()
    cell.letters = "AR"
    with pytest.raises(IntegrityError), transaction.atomic():
        cell.save()


# --- parties ------------------------------------------------------------------------------------------------


def test_a_party_is_added_edited_and_removed(system, client_co, matrix):
    party = add_party(
        actor=system,
        client=client_co,
        code="SOFTWARE-2",
        name="Dentrix",
        kind="vendor",
        role="Practice software",
        contract="DX-2026",
        renewal=dt.date(2027, 3, 1),
    )
    assert state(client_co).parties[-1] == party
    assert not any(party.code in cells for cells in state(client_co).assignments.values())
    party = update_party(actor=system, party=party, name="Dentrix Ascend", kind="vendor", expected_version=0)
    assert (party.name, party.contract, party.version) == ("Dentrix Ascend", "", 1)
    give(system, client_co, "RA-CONT-017", "SOFTWARE-2", "R")
    remove_party(actor=system, party=party)
    assert state(client_co).party("SOFTWARE-2") is None
    assert not Cell.objects.filter(party_id=party.pk).exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"code": "isp"}, "code", "'isp' is already a party"),
        ({"code": "=cmd"}, "code", "code '=cmd' must be"),
        ({"code": "X" * 41}, "code", "must be 1–40"),
        ({"name": ""}, "name", "required"),
        ({"name": "N" * 201}, "name", "at most 200 characters"),
        ({"kind": "partner"}, "kind", "'partner' is not one of internal, msp, vendor"),
        ({"ceo": True}, "kind", "the CEO is an internal party"),
        ({"contract": "\x00"}, "contract", "NUL"),
        ({"renewal": "2027-01-01"}, "renewal", "must be a date"),
    ],
)
def test_a_bad_party_is_refused_naming_the_field(system, client_co, matrix, fields, field, message):
    before = snapshot(client_co)
    data = {"code": "HOSTING", "name": "Hetzner", "kind": "vendor", **fields}
    with pytest.raises(DomainError, match=message) as caught:
        add_party(actor=system, client=client_co, **data)
    assert caught.value.field == field
    assert snapshot(client_co) == before


def test_exactly_one_ceo_the_service_hands_it_over_and_never_leaves_none(system, client_co, matrix):
    ceo, coo = state(client_co).party("CEO"), state(client_co).party("COO")
    with pytest.raises(DomainError, match="CEO is the CEO and cannot be removed") as caught:
        remove_party(actor=system, party=ceo)
    assert caught.value.field == "ceo"
    with pytest.raises(DomainError, match="mark another internal party as the CEO instead"):
        update_party(actor=system, party=ceo, name=ceo.name, kind="internal", ceo=False)
    update_party(actor=system, party=coo, name="Dr. Maria Keller", kind="internal", ceo=True)
    assert [p.code for p in state(client_co).parties if p.is_ceo] == ["COO"]
    assert state(client_co).pure.ceo().name == "Dr. Maria Keller"


def test_the_database_allows_one_ceo_per_client_and_only_an_internal_one(client_co, matrix):
    with pytest.raises(IntegrityError), transaction.atomic():
        Party.objects.filter(client=client_co, code="COO").update(is_ceo=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Party.objects.filter(client=client_co, code="CEO").update(kind="vendor")
    with pytest.raises(IntegrityError), transaction.atomic():
        Party.objects.create(client=client_co, code="msp", name="dup", kind="msp")


def test_a_stale_party_edit_is_a_conflict(system, client_co, matrix):
    isp = state(client_co).party("ISP")
    update_party(actor=system, party=isp, name="FiberNet", kind="vendor", expected_version=0)
    with pytest.raises(Conflict, match="someone changed ISP") as caught:
        update_party(actor=system, party=isp, name="Other", kind="vendor", expected_version=0)
    assert caught.value.field == "version"
    assert state(client_co).party("ISP").name == "FiberNet"


def test_parties_need_a_matrix_first(system, client_co):
    with pytest.raises(DomainError, match="has no responsibility matrix yet") as caught:
        add_party(actor=system, client=client_co, code="ISP", name="FiberNet", kind="vendor")
    assert caught.value.field == "matrix"
