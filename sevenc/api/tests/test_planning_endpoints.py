"""Planning through the API: workshops and targets, recommendations, quarters, projects, optimise and approve,
the frontier, the library and the PSA export."""

from __future__ import annotations

import csv
import io

import pytest

from sevenc.api.tests.helpers import Api
from sevenc.api.tests.world import ApiWorld, build_api_world
from sevenc.roadmap.models import Recommendation


@pytest.fixture
def world(db) -> ApiWorld:
    return build_api_world()


def _as(world: ApiWorld, role: str) -> Api:
    return Api(world.tokens[role])


def test_targets_are_saved_against_the_workshops_version(world):
    api = _as(world, "vcio")
    url = f"/workshops/{world.ids['workshop_id']}"
    version = api.get(url).json()["version"]
    saved = api.put(url + "/targets", {"version": version, "block_targets": {"CONT": 95}, "item_targets": {}})
    assert saved.status_code == 200 and saved.json()["block_targets"] == {"CONT": 95.0}
    stale = api.put(url + "/targets", {"version": version, "block_targets": {"CONT": 10}})
    assert stale.status_code == 409
    assert api.get(url).json()["block_targets"] == {"CONT": 95.0}


def test_a_target_outside_0_to_100_is_refused(world):
    api = _as(world, "vcio")
    url = f"/workshops/{world.ids['workshop_id']}"
    version = api.get(url).json()["version"]
    assert api.put(url + "/targets", {"version": version, "block_targets": {"CONT": 101}}).status_code == 422
    assert api.put(url + "/targets", {"version": version, "block_targets": {"CONT": True}}).status_code == 422


def test_gaps_are_the_workshops_gap_analysis(world):
    gaps = _as(world, "client_viewer").get(f"/workshops/{world.ids['workshop_id']}/gaps").json()
    assert gaps["gaps"] and all(g["target_level"] > g["current_level"] for g in gaps["gaps"])


def test_a_recommendation_edit_and_move_carry_its_version(world):
    api = _as(world, "vcio")
    url = f"/recommendations/{world.ids['recommendation_id']}"
    rec = api.get(url).json()
    edited = api.patch(url, {"version": rec["version"], "one_time_cost": 1250.5, "initiative": "Backups"})
    assert edited.status_code == 200
    assert edited.json()["one_time_cost"] == 1250.5 and edited.json()["initiative"] == "Backups"
    assert api.patch(url, {"version": rec["version"], "title": "Stale"}).status_code == 409
    assert api.patch(url, {"version": edited.json()["version"], "one_time_cost": 0.001}).status_code == 422


def test_a_workflow_move_the_table_forbids_is_refused_and_changes_nothing(world):
    rec = Recommendation.objects.filter(client=world.client, status="approved").first()
    assert rec is not None
    response = _as(world, "engineer").post(
        f"/recommendations/{rec.pk}/status", {"status": "done", "version": rec.version}
    )
    assert response.status_code in (403, 409, 422) and response.json()["detail"]
    rec.refresh_from_db()
    assert rec.status == "approved"


def test_a_quarter_is_edited_against_its_version(world):
    api = _as(world, "vcio")
    quarter = api.get("/quarters", client=world.client.pk).json()["items"][0]
    body = {"version": quarter["version"], "budget": 7000, "capacity_hours": 55}
    changed = api.patch(f"/quarters/{quarter['id']}", body)
    assert changed.status_code == 200 and changed.json()["budget"] == 7000.0
    assert api.patch(f"/quarters/{quarter['id']}", body).status_code == 409


def test_a_project_is_added_optimised_with_the_recommendations_and_replaced_against_its_version(world):
    api = _as(world, "vcio")
    created = api.post(
        f"/workshops/{world.ids['workshop_id']}/projects",
        {"title": "Server room", "one_time_cost": 3000, "effort_hours": 20},
    )
    assert created.status_code == 201
    project = created.json()
    run = api.post(f"/workshops/{world.ids['workshop_id']}/optimise", {"time_limit": 2}).json()
    assert f"p{project['id']}" in run["schedule"]
    body = {
        **{k: project[k] for k in ("title", "description", "one_time_cost")},
        "version": project["version"],
    }
    assert api.put(f"/projects/{project['id']}", body).status_code == 200
    assert api.put(f"/projects/{project['id']}", body).status_code == 409
    assert api.delete(f"/projects/{project['id']}").status_code == 204


def test_a_client_viewer_approves_the_roadmap_but_may_not_optimise(world):
    api = _as(world, "client_viewer")
    assert api.post(f"/workshops/{world.ids['workshop_id']}/optimise", {"time_limit": 1}).status_code == 404
    run = _as(world, "vcio").post(f"/workshops/{world.ids['workshop_id']}/optimise", {"time_limit": 2}).json()
    approved = api.post(f"/roadmaps/{run['id']}/approve")
    assert approved.status_code == 200 and approved.json()["approved"] is True
    state = api.get(f"/clients/{world.client.pk}/roadmap").json()
    assert state["current"]["id"] == run["id"] and state["pending"] is None
    assert api.post(f"/roadmaps/{run['id']}/approve").status_code == 409


def test_the_frontier_is_computed_and_a_point_adopted(world):
    api = _as(world, "vcio")
    frontier = api.post(
        f"/workshops/{world.ids['workshop_id']}/frontier", {"factors": [0.5, 1], "time_limit": 2}
    ).json()
    assert [p["factor"] for p in frontier["points"]] == [0.5, 1.0]
    adopted = api.post(f"/frontiers/{frontier['id']}/adopt", {"factor": 1})
    assert adopted.status_code == 201 and adopted.json()["approved"] is False
    assert api.post(f"/frontiers/{frontier['id']}/adopt", {"factor": 3}).status_code == 422


def test_the_library_entry_is_replaced_only_against_its_etag(world):
    api = _as(world, "vcio")
    entry = api.get("/library").json()[0]
    body = {"title": "Backups, tested monthly", "etag": entry["etag"]}
    assert api.put(f"/library/{entry['item']}", body).status_code == 200
    assert api.put(f"/library/{entry['item']}", body).status_code == 409
    assert api.put(f"/library/{entry['item']}", {"title": "No etag"}).status_code == 409
    assert api.put("/library/CONT.1.7", {"title": "New entry"}).status_code == 200


def test_the_psa_export_has_the_documented_columns_and_the_approved_work(world):
    response = _as(world, "vcio").get("/roadmap/psa.csv", client=world.client.pk)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:8] == [
        "Client",
        "Title",
        "Description",
        "Quarter",
        "One-time",
        "Monthly",
        "Hours",
        "Owner",
    ]
    approved = Recommendation.objects.filter(
        client=world.client, status__in=("approved", "in_progress", "done")
    )
    assert {row[1] for row in rows[1:]} >= {rec.title for rec in approved if rec.quarter}
    assert all(row[0] == world.client.name and row[3] for row in rows[1:])


def test_the_psa_export_of_another_client_is_a_404_for_a_viewer(world):
    response = _as(world, "client_viewer").get("/roadmap/psa.csv", client=world.other_client.pk)
    assert response.status_code == 404


def test_a_frontier_asking_for_more_than_a_minute_of_solving_is_refused(world):
    body = {"factors": [0.5, 1, 1.5], "time_limit": 30}
    refused = _as(world, "vcio").post(f"/workshops/{world.ids['workshop_id']}/frontier", body)
    assert refused.status_code == 422 and refused.json()["field"] == "time_limit"
