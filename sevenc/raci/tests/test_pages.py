"""The matrix pages as each role, for a client with no matrix, a fresh matrix and one with findings; the
findings after edits; the grid's query count; exports and the CSV upload."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sevenc.raci.areas import add_area
from sevenc.raci.models import Matrix
from sevenc.raci.services import update_party
from sevenc.raci.tests.conftest import FIREWALL, give, state

ROLES = ("owner", "vcio", "engineer", "client_viewer")
EDITORS = ("owner", "vcio")


class Users:
    """The shared users by role, each made only when a test asks for it (a password hash takes time)."""

    def __init__(self, request) -> None:  # type: ignore[no-untyped-def]
        self.request = request

    def __getitem__(self, role: str):  # type: ignore[no-untyped-def]
        return self.request.getfixturevalue(role)


@pytest.fixture
def users(request, client_co):
    return Users(request)


def page(client, user, name, *args, **params):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def save_cell(client, client_co, area, party, letters, version):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("raci_cell", args=[client_co.pk]),
        {"area": area, "party": party, "letters": letters, "version": version, "columns": "MSP,VCIO"},
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_client_without_a_matrix_offers_the_start_to_editors_only(client, users, client_co, role):
    response = page(client, users[role], "raci_matrix", client_co.pk)
    body = response.content.decode()
    assert response.status_code == 200
    assert ("Start the matrix" in body) == (role in EDITORS)
    assert "No responsibility matrix yet" in body or role in EDITORS
    assert page(client, users[role], "raci_parties", client_co.pk).status_code == 200
    assert (
        f'href="/clients/{client_co.pk}/responsibility/"'
        in page(client, users[role], "client_detail", client_co.pk).content.decode()
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_fresh_matrix_shows_the_grid_editable_only_for_owners_and_vcios(
    client, users, client_co, matrix, role
):
    response = page(client, users[role], "raci_matrix", client_co.pk)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('<tr data-area="') == 271
    assert ("data-save=" in body) == (role in EDITORS)
    assert ('aria-readonly="true"' in body) == (role not in EDITORS)
    assert 'data-testid="count-sole_responsible">2<' in body  # MSP and VCIO on a fresh fully managed matrix
    assert 'data-testid="count-no_contract">9<' in body  # every vendor and the MSP, before contracts
    isp = state(client_co).party("ISP")
    party_page = page(client, users[role], "raci_party", isp.pk)
    assert party_page.status_code == 200
    assert ("Edit ISP" in party_page.content.decode()) == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_a_matrix_with_findings_lists_each_with_a_link_to_its_cells(
    client, users, client_co, findings_matrix, role
):
    body = page(client, users[role], "raci_matrix", client_co.pk).content.decode()
    assert f'href="/clients/{client_co.pk}/responsibility/?block=CONT#area-{FIREWALL}"' in body
    assert "no party is accountable, so the CEO (Chief executive officer) is accountable by default" in body
    assert f'<th scope="row" id="area-{FIREWALL}" class="flagged">' in body
    isp = state(client_co).party("ISP")
    assert f'href="/responsibility/parties/{isp.pk}/">ISP (Internet service provider), vendor' in body
    card = page(client, users[role], "client_detail", client_co.pk).content.decode()
    assert 'data-testid="card-no_accountable">1<' in card
    assert 'data-testid="card-no_contract">1<' in card


def test_the_per_party_view_says_what_the_isp_owns(client, vcio, client_co, findings_matrix):
    isp = state(client_co).party("ISP")
    body = page(client, vcio, "raci_party", isp.pk).content.decode()
    internet = [a for a in state(client_co).areas if a.duty == "internet"]
    assert f"Responsible for {len(internet)} areas" in body
    assert "Accountable for 0 areas" in body
    assert all(a.code in body for a in internet)
    assert "has no contract reference" in body


def test_the_findings_update_after_each_cell_edit(client, vcio, client_co, findings_matrix):
    client.force_login(vcio)
    version = state(client_co).version(FIREWALL, state(client_co).party("MSP"))
    response = save_cell(client, client_co, FIREWALL, "MSP", "ra", version)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<td id="cell-{FIREWALL}--MSP" data-v="{version + 1}" hx-swap-oob="true">RA</td>' in body
    assert 'data-testid="count-no_accountable">0<' in body
    assert f'<th scope="row" id="area-{FIREWALL}" hx-swap-oob="true">' in body  # its flag is gone
    assert '<span class="load" id="load-MSP" hx-swap-oob="true">' in body
    assert "Saved RA-CONT-057 × MSP: RA." in body
    response = save_cell(
        client,
        client_co,
        FIREWALL,
        "VCIO",
        "A",
        state(client_co).version(FIREWALL, state(client_co).party("VCIO")),
    )
    assert 'data-testid="count-many_accountable">1<' in response.content.decode()
    full = page(client, vcio, "raci_matrix", client_co.pk).content.decode()
    assert "2 parties are accountable (MSP, VCIO); exactly one should be" in full


def test_a_stale_cell_save_shows_the_other_persons_letters(client, vcio, owner, client_co, findings_matrix):
    msp_party = state(client_co).party("MSP")
    stale = state(client_co).version(FIREWALL, msp_party)
    give(owner_actor(owner), client_co, FIREWALL, "MSP", "RC")
    client.force_login(vcio)
    body = save_cell(client, client_co, FIREWALL, "MSP", "RA", stale).content.decode()
    assert f'data-v="{stale + 1}" class="conflict"' in body
    assert '">RC</td>' in body
    assert "changed this cell to &#x27;RC&#x27; while you edited it" in body
    assert state(client_co).letters(FIREWALL, msp_party) == "RC"


def owner_actor(user):  # type: ignore[no-untyped-def]
    from sevenc.raci.tests.test_services import caller

    return caller(user)


def test_bad_letters_from_the_grid_are_refused_and_the_cell_keeps_its_letters(
    client, vcio, client_co, matrix
):
    client.force_login(vcio)
    body = save_cell(client, client_co, "RA-CONT-001", "MSP", "RQ", 1).content.decode()
    assert "RA-CONT-001 × MSP: &#x27;Q&#x27; in &#x27;RQ&#x27; is not one of R, A, C, I" in body
    assert 'class="error"' in body and '">RA</td>' in body


@pytest.mark.parametrize(("role", "status"), [("engineer", 403), ("client_viewer", 404)])
def test_engineers_and_viewers_cannot_post_a_cell_or_start_a_matrix(client, users, client_co, role, status):
    client.force_login(users[role])
    assert save_cell(client, client_co, "RA-CONT-001", "MSP", "R", 1).status_code == status
    start = client.post(
        reverse("raci_start", args=[client_co.pk]), {"template": "co-managed", "parties": ["CEO"]}
    )
    assert start.status_code == status
    assert not Matrix.objects.filter(client=client_co).exists()


def test_a_vcio_starts_a_matrix_from_the_page(client, vcio, client_co):
    client.force_login(vcio)
    response = client.post(
        reverse("raci_start", args=[client_co.pk]),
        {"template": "internal-msp-backup", "parties": ["CEO", "COO", "ADMIN", "MSP", "ISP"]},
    )
    assert response.status_code == 302
    assert [p.code for p in state(client_co).parties] == ["CEO", "COO", "ADMIN", "MSP", "ISP"]
    again = client.post(
        reverse("raci_start", args=[client_co.pk]), {"template": "co-managed", "parties": ["CEO"]}
    )
    assert again.status_code == 302  # started already: back to the matrix, with the reason
    assert "already has a responsibility matrix" in client.get(again.url).content.decode()
    assert len(state(client_co).parties) == 5


def test_the_grid_reads_the_same_number_of_queries_whatever_its_size(client, vcio, system, client_co, matrix):
    client.force_login(vcio)
    url = reverse("raci_matrix", args=[client_co.pk])
    add_area(actor=system, code="X-CCTV", title="Check the CCTV recorder", block="CONT", items=["CONT.1.2"])
    client.get(url)  # warm the per-version catalogue cache, as any running server has

    def queries(**params):  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured.captured_queries)

    full = queries()
    assert queries(block="COST") == full
    assert queries(party=["MSP", "ISP"], findings="on") == full
    for n in range(30):
        add_area(actor=system, code=f"X-{n:02d}", title=f"Own duty {n}", block="CLEAR", items=["CLEAR.1.1"])
    assert queries() == full
    assert full <= 12


def test_the_full_grid_stays_small(client, vcio, client_co, matrix):
    body = page(client, vcio, "raci_matrix", client_co.pk).content
    assert len(body) < 250_000  # 271 areas × 18 parties; measured ≈ 175 kB (docs/benchmarks.md)


def test_the_filters_show_one_block_and_some_parties(client, vcio, client_co, findings_matrix):
    body = page(
        client, vcio, "raci_matrix", client_co.pk, block="CONT", party=["ISP", "MSP"]
    ).content.decode()
    assert body.count('<th scope="col" data-party=') == 2
    assert body.count('<tr data-area="RA-CONT-') == body.count('<tr data-area="')
    flagged = page(client, vcio, "raci_matrix", client_co.pk, findings="on").content.decode()
    assert flagged.count('<tr data-area="') == 1


def test_the_xlsx_has_a_sheet_per_block_with_parties_as_columns_and_no_live_formula(
    client, vcio, system, client_co, matrix
):
    isp = state(client_co).party("ISP")
    update_party(actor=system, party=isp, name='=HYPERLINK("http://evil.example","x")', kind="vendor")
    response = page(client, vcio, "raci_xlsx", client_co.pk)
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["CONT", "COMP", "CHRG", "CONS", "CTRL", "CLEAR", "COST", "Parties", "Findings"]
    cont = book["CONT"]
    header = [c.value for c in cont[1]]
    assert header[:5] == ["code", "title", "block", "critical", "CEO"]
    assert cont.max_row - 1 == sum(1 for a in state(client_co).areas if a.block == "CONT")
    row = next(r for r in cont.iter_rows(min_row=2, values_only=True) if r[0] == "RA-CONT-001")
    assert row[header.index("MSP")] == "RA"
    names = [r[1] for r in book["Parties"].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK" in names[header.index("ISP") - 4]


def test_the_csv_export_round_trips_through_the_upload(client, vcio, client_co, findings_matrix):
    exported = page(client, vcio, "raci_csv", client_co.pk).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported, newline="")))
    row = next(r for r in rows if r[0] == FIREWALL)
    row[rows[0].index("MSP")] = "RA"  # the finding fixed in a spreadsheet
    edited = io.StringIO()
    csv.writer(edited).writerows(rows)
    upload = io.BytesIO(edited.getvalue().encode())
    upload.name = "acme.csv"
    response = client.post(reverse("raci_import", args=[client_co.pk]), {"file": upload})
    assert response.status_code == 302
    assert state(client_co).letters(FIREWALL, state(client_co).party("MSP")) == "RA"
    assert 'count-no_accountable">0<' in client.get(response.url).content.decode()


def test_a_bad_upload_names_its_rows_on_the_page_and_changes_nothing(client, vcio, client_co, matrix):
    client.force_login(vcio)
    before = state(client_co).assignments
    upload = io.BytesIO(b"code,title,block,critical,MSP\nRA-CONT-001,,,,RZ\nRA-NOPE,,,,R\n")
    upload.name = "acme.csv"
    response = client.post(reverse("raci_import", args=[client_co.pk]), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 422
    assert "row 2 (RA-CONT-001), column E (MSP): &#x27;Z&#x27; in &#x27;RZ&#x27;" in body
    assert "row 3 (RA-NOPE), column A: unknown area" in body
    assert state(client_co).assignments == before


def test_the_areas_page_is_for_the_msps_staff(client, users, system, client_co):
    add_area(
        actor=system, code="X-CCTV", title="Check the CCTV recorder weekly", block="CONT", items=["CONT.1.2"]
    )
    assert "X-CCTV" in page(client, users["engineer"], "raci_areas").content.decode()
    assert page(client, users["client_viewer"], "raci_areas").status_code == 404
    client.force_login(users["vcio"])
    response = client.post(
        reverse("raci_area_add"),
        {"code": "RA-X", "title": "Mine", "block": "CONT", "items": "CONT.1.2", "duty": ""},
    )
    assert response.status_code == 422
    assert "codes starting with RA- belong to the shipped catalogue" in response.content.decode()


def test_a_cell_of_an_unknown_party_or_area_is_named_and_nothing_changes(client, vcio, client_co, matrix):
    client.force_login(vcio)
    before = state(client_co).assignments
    body = save_cell(client, client_co, "RA-CONT-001", "NOBODY", "R", 0).content.decode()
    assert "&#x27;NOBODY&#x27; is not a party of this matrix" in body
    body = save_cell(client, client_co, "RA-CONT-999", "MSP", "R", 0).content.decode()
    assert "RA-CONT-999 × MSP: &#x27;RA-CONT-999&#x27; is not an area of this matrix" in body
    assert state(client_co).assignments == before
