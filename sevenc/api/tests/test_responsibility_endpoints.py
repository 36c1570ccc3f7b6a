"""The responsibility matrix through the API: the matrix with its cells and findings, cells against their
version, parties, the MSP's own areas, and work items owned by a party."""

from __future__ import annotations

import pytest

from sevenc.api.tests.helpers import Api
from sevenc.api.tests.world import ApiWorld, build_api_world
from sevenc.execution.models import WorkItem
from sevenc.raci.models import Cell, MspArea, Party
from sevenc.raci.validation import RULES


@pytest.fixture
def world(db) -> ApiWorld:
    return build_api_world()


def _as(world: ApiWorld, role: str) -> Api:
    return Api(world.tokens[role])


def _matrix(api: Api, world: ApiWorld) -> dict:
    response = api.get(f"/clients/{world.client.pk}/responsibility")
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def test_the_matrix_lists_areas_parties_saved_cells_and_findings(world):
    matrix = _matrix(_as(world, "client_viewer"), world)
    assert matrix["template"] == "co-managed"
    codes = {party["code"] for party in matrix["parties"]}
    assert {"CEO", "SOFTWARE-2"} <= codes
    assert "CCTV" in {area["code"] for area in matrix["areas"]}
    assert matrix["cells"] and all(cell["version"] >= 1 for cell in matrix["cells"])
    assert all(f["rule"] in RULES for f in matrix["findings"])
    assert {row["party"] for row in matrix["load"]} == codes


def test_a_cell_is_set_against_its_version_and_a_stale_one_changes_nothing(world):
    api = _as(world, "vcio")
    url = f"/clients/{world.client.pk}/responsibility/cells"
    saved = api.put(url, {"area": "CCTV", "party": "SOFTWARE-2", "letters": "RC", "version": 0})
    assert saved.status_code == 200, saved.content
    assert saved.json() == {"area": "CCTV", "party": "SOFTWARE-2", "letters": "RC", "version": 1}
    stale = api.put(url, {"area": "CCTV", "party": "SOFTWARE-2", "letters": "A", "version": 0})
    assert stale.status_code == 409 and stale.json()["field"] == "letters"
    assert "'RC'" in stale.json()["detail"]
    assert Cell.objects.get(party_id=world.ids["party_id"], area_code="CCTV").letters == "RC"
    matrix = _matrix(api, world)
    cell = next(c for c in matrix["cells"] if c["area"] == "CCTV")
    assert cell == {"area": "CCTV", "party": "SOFTWARE-2", "letters": "RC", "version": 1}
    # a vendor now responsible without a contract reference is a finding of the matrix
    assert any(f["rule"] == "no_contract" and f["party"] == "SOFTWARE-2" for f in matrix["findings"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"letters": "X"}, "letters"),
        ({"letters": "AR"}, "letters"),  # only R, A, C, I order is a value
        ({"version": True}, "version"),
        ({"area": "NOPE"}, "area"),
        ({"party": "NOBODY"}, "party"),
    ],
)
def test_a_bad_cell_is_refused_naming_the_field(world, change, field):
    body = {"area": "CCTV", "party": "SOFTWARE-2", "letters": "R", "version": 0} | change
    refused = _as(world, "owner").put(f"/clients/{world.client.pk}/responsibility/cells", body)
    assert refused.status_code == 422 and refused.json()["field"] == field, refused.json()


def test_engineers_read_the_matrix_and_only_managers_change_it(world):
    body = {"area": "CCTV", "party": "SOFTWARE-2", "letters": "R", "version": 0}
    url = f"/clients/{world.client.pk}/responsibility/cells"
    assert _matrix(_as(world, "engineer"), world)["parties"]
    assert _as(world, "engineer").put(url, body).status_code == 403
    assert _as(world, "client_viewer").put(url, body).status_code == 404
    assert not Cell.objects.filter(party_id=world.ids["party_id"], area_code="CCTV").exists()


def test_a_matrix_is_started_once_from_a_template(world):
    api = _as(world, "vcio")
    url = f"/clients/{world.other_client.pk}/responsibility"
    before = api.get(url)
    assert before.status_code == 422 and before.json()["field"] == "matrix"
    started = api.post(url, {"template": "fully-managed", "parties": ["CEO", "MSP"]})
    assert started.status_code == 201, started.content
    assert [p["code"] for p in started.json()["parties"]] == ["CEO", "MSP"]
    again = api.post(url, {"template": "fully-managed"})
    assert again.status_code == 409
    assert api.post(url, {"template": "whatever"}).status_code == 422


def test_parties_are_added_edited_against_their_version_and_removed(world):
    api = _as(world, "owner")
    url = f"/clients/{world.client.pk}/parties"
    added = api.post(url, {"code": "INSURER", "name": "Checks & Co", "kind": "vendor", "contract": "AUD-1"})
    assert added.status_code == 201, added.content
    party = added.json()
    assert party["version"] == 0 and party["ceo"] is False
    clash = api.post(url, {"code": "insurer", "name": "Again", "kind": "vendor"})
    assert clash.status_code == 422 and clash.json()["field"] == "code"
    edited = api.patch(f"/parties/{party['id']}", {"version": 0, "contact": "Ann", "renewal": "2027-01-31"})
    assert edited.status_code == 200 and edited.json()["contact"] == "Ann"
    assert edited.json()["name"] == "Checks & Co" and edited.json()["renewal"] == "2027-01-31"
    stale = api.patch(f"/parties/{party['id']}", {"version": 0, "name": "Lost"})
    assert stale.status_code == 409 and Party.objects.get(pk=party["id"]).name == "Checks & Co"
    listed = api.get(url, kind="vendor").json()
    assert "INSURER" in {p["code"] for p in listed["items"]}
    assert api.delete(f"/parties/{party['id']}").status_code == 204
    assert not Party.objects.filter(pk=party["id"]).exists()


def test_the_ceo_cannot_be_removed_or_unmarked(world):
    api = _as(world, "vcio")
    ceo = Party.objects.get(client=world.client, is_ceo=True)
    removed = api.delete(f"/parties/{ceo.pk}")
    assert removed.status_code == 422 and removed.json()["field"] == "ceo"
    unmarked = api.patch(f"/parties/{ceo.pk}", {"version": ceo.version, "ceo": False})
    assert unmarked.status_code == 422 and unmarked.json()["field"] == "ceo"
    vendor_ceo = api.patch(f"/parties/{ceo.pk}", {"version": ceo.version, "kind": "vendor"})
    assert vendor_ceo.status_code == 422 and vendor_ceo.json()["field"] == "kind"


def test_own_areas_are_added_edited_and_retired_against_their_version(world):
    api = _as(world, "vcio")
    added = api.post(
        "/responsibility-areas",
        {"code": "UPS", "title": "Test the UPS monthly", "block": "CONT", "items": ["CONT.1.1"]},
    )
    assert added.status_code == 201, added.content
    area = added.json()
    assert area["items"] == ["CONT.1.1"] and area["retired_at"] is None
    reserved = api.post(
        "/responsibility-areas", {"code": "RA-X", "title": "Mine", "block": "CONT", "items": ["CONT.1.1"]}
    )
    assert reserved.status_code == 422 and reserved.json()["field"] == "code"
    unknown = api.post(
        "/responsibility-areas", {"code": "Z", "title": "Mine", "block": "CONT", "items": ["CONT.9.9"]}
    )
    assert unknown.status_code == 422 and unknown.json()["field"] == "items"
    edited = api.patch(f"/responsibility-areas/{area['id']}", {"version": 0, "critical": True})
    assert edited.status_code == 200 and edited.json()["critical"] is True
    assert edited.json()["title"] == "Test the UPS monthly" and edited.json()["version"] == 1
    stale = api.post(f"/responsibility-areas/{area['id']}/retire", {"version": 0})
    assert stale.status_code == 409 and MspArea.objects.get(pk=area["id"]).retired_at is None
    retired = api.post(f"/responsibility-areas/{area['id']}/retire", {"version": 1})
    assert retired.status_code == 200 and retired.json()["retired_at"] is not None
    listed = api.get("/responsibility-areas", retired="true").json()
    assert [a["code"] for a in listed["items"]] == ["UPS"]


def test_engineers_read_own_areas_and_viewers_do_not_see_them(world):
    assert _as(world, "engineer").get("/responsibility-areas").json()["count"] == 1
    assert _as(world, "engineer").get(f"/responsibility-areas/{world.ids['area_id']}").status_code == 200
    body = {"code": "UPS", "title": "Test the UPS", "block": "CONT", "items": ["CONT.1.1"]}
    assert _as(world, "engineer").post("/responsibility-areas", body).status_code == 403
    assert _as(world, "client_viewer").get("/responsibility-areas").status_code == 404


def test_a_work_item_is_owned_by_a_party_and_keeps_it_through_other_edits(world):
    api = _as(world, "engineer")
    item = api.get(f"/work-items/{world.ids['shared_item_id']}").json()
    assert item["owner"] is None and item["owner_party_id"] == world.ids["party_id"]
    moved = api.patch(f"/work-items/{item['id']}", {"version": item["version"], "estimated_hours": 3})
    assert moved.status_code == 200 and moved.json()["owner_party_id"] == world.ids["party_id"]
    both = api.patch(
        f"/work-items/{item['id']}",
        {"version": moved.json()["version"], "owner": "engineer", "owner_party_id": world.ids["party_id"]},
    )
    assert both.status_code == 422 and both.json()["field"] == "owner_party_id"
    to_person = api.patch(
        f"/work-items/{item['id']}", {"version": moved.json()["version"], "owner": "engineer"}
    )
    assert to_person.status_code == 200
    assert to_person.json()["owner"] == "engineer" and to_person.json()["owner_party_id"] is None
    stored = WorkItem.objects.get(pk=item["id"])
    assert stored.owner_party_id is None and stored.owner is not None


def test_a_party_of_another_client_cannot_own_the_work(world):
    api = _as(world, "vcio")
    stranger = api.post(
        f"/clients/{world.other_client.pk}/responsibility", {"template": "fully-managed"}
    ).json()["parties"][0]
    item = api.get(f"/work-items/{world.ids['item_id']}").json()
    refused = api.patch(
        f"/work-items/{item['id']}", {"version": item["version"], "owner_party_id": stranger["id"]}
    )
    assert refused.status_code == 422 and refused.json()["field"] == "owner"
