"""Delivery through the API: work items, tasks, notes and meetings; reviews with their downloads; the team."""

from __future__ import annotations

import pytest

from sevenc.api.tests.helpers import Api
from sevenc.api.tests.world import ApiWorld, build_api_world
from sevenc.execution.models import WorkItem
from sevenc.reports.models import ReviewMeeting


@pytest.fixture
def world(db) -> ApiWorld:
    return build_api_world()


def _as(world: ApiWorld, role: str) -> Api:
    return Api(world.tokens[role])


def test_a_work_item_is_planned_against_its_version(world):
    api = _as(world, "engineer")
    item = api.get(f"/work-items/{world.ids['item_id']}").json()
    assert item["tasks"] and item["notes"]
    changed = api.patch(f"/work-items/{item['id']}", {"version": item["version"], "estimated_hours": 12.5})
    assert changed.status_code == 200 and changed.json()["estimated_hours"] == 12.5
    stale = api.patch(f"/work-items/{item['id']}", {"version": item["version"], "owner": "engineer"})
    assert stale.status_code == 409
    assert WorkItem.objects.get(pk=item["id"]).owner is None


def test_a_work_item_owner_must_be_staff(world):
    api = _as(world, "vcio")
    item = api.get(f"/work-items/{world.ids['item_id']}").json()
    refused = api.patch(f"/work-items/{item['id']}", {"version": item["version"], "owner": "viewer"})
    assert refused.status_code == 422 and refused.json()["field"] == "owner"


def test_a_status_move_follows_the_workflow_and_its_recommendation(world):
    api = _as(world, "engineer")
    item = api.get(f"/work-items/{world.ids['item_id']}").json()
    moved = api.post(
        f"/work-items/{item['id']}/status", {"status": "in_progress", "version": item["version"]}
    )
    assert moved.status_code == 200 and moved.json()["status"] == "in_progress"
    rec = api.get(f"/recommendations/{item['recommendation_id']}").json()
    assert rec["status"] == "in_progress"


def test_tasks_are_added_ticked_and_removed(world):
    api = _as(world, "engineer")
    task = api.post(f"/work-items/{world.ids['item_id']}/tasks", {"title": "Label the disks"}).json()
    assert api.patch(f"/tasks/{task['id']}", {"done": True}).json()["done"] is True
    assert api.patch(f"/tasks/{task['id']}", {"done": 1}).status_code == 422
    assert api.delete(f"/tasks/{task['id']}").status_code == 204


def test_a_client_viewer_reads_work_but_changes_none(world):
    api = _as(world, "client_viewer")
    assert api.get(f"/work-items/{world.ids['item_id']}").status_code == 200
    assert api.post(f"/work-items/{world.ids['item_id']}/notes", {"text": "hi"}).status_code == 404


def test_a_meeting_is_recorded_on_the_first_day_of_its_period_against_its_version(world):
    api = _as(world, "vcio")
    body = {"cadence": "month", "date": "2026-10-17", "decisions": "Order the NAS", "version": 0}
    recorded = api.put(f"/clients/{world.client.pk}/meetings", body)
    assert recorded.status_code == 200
    assert recorded.json()["date"] == "2026-10-01" and recorded.json()["version"] == 1
    assert api.put(f"/clients/{world.client.pk}/meetings", body).status_code == 409


def test_review_minutes_carry_a_version_and_a_held_review_is_final(world):
    api = _as(world, "vcio")
    planned = api.get(f"/reviews/{world.ids['planned_review_id']}").json()
    saved = api.patch(f"/reviews/{planned['id']}", {"version": planned["version"], "decisions": "Go"})
    assert saved.status_code == 200
    assert (
        api.patch(f"/reviews/{planned['id']}", {"version": planned["version"], "agenda": "x"}).status_code
        == 409
    )
    held = api.get(f"/reviews/{world.ids['review_id']}").json()
    assert api.patch(f"/reviews/{held['id']}", {"version": held["version"], "agenda": "x"}).status_code == 409


def test_a_pdf_is_the_record_of_a_held_review_only(world):
    api = _as(world, "client_viewer")
    pdf = api.get(f"/reviews/{world.ids['review_id']}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert _as(world, "vcio").get(f"/reviews/{world.ids['planned_review_id']}/pdf").status_code == 409


def test_a_client_viewer_sees_held_reviews_only(world):
    api = _as(world, "client_viewer")
    statuses = {r["status"] for r in api.get("/reviews").json()["items"]}
    assert statuses == {"held"}
    assert api.get(f"/reviews/{world.ids['planned_review_id']}").status_code == 404


def test_holding_freezes_the_report(world):
    api = _as(world, "vcio")
    review_id = world.ids["planned_review_id"]
    held = api.post(f"/reviews/{review_id}/hold")
    assert held.status_code == 200 and held.json()["status"] == "held"
    assert ReviewMeeting.objects.get(pk=review_id).snapshot == api.get(f"/reviews/{review_id}/report").json()


def test_the_team_is_the_owners_and_a_role_change_needs_the_etag(world):
    assert _as(world, "vcio").get("/members").status_code == 403
    api = _as(world, "owner")
    member = next(m for m in api.get("/members").json()["items"] if m["username"] == "engineer")
    changed = api.patch(f"/members/{member['id']}", {"etag": member["etag"], "role": "vcio"})
    assert changed.status_code == 200 and changed.json()["role"] == "vcio"
    assert (
        api.patch(f"/members/{member['id']}", {"etag": member["etag"], "role": "engineer"}).status_code == 409
    )


def test_a_client_viewer_needs_a_client_and_an_invitation_creates_no_password(world):
    api = _as(world, "owner")
    no_client = api.post("/members", {"username": "maria", "email": "m@example.com", "role": "client_viewer"})
    assert no_client.status_code == 422 and no_client.json()["field"] == "client"
    invited = api.post(
        "/members",
        {
            "username": "maria",
            "email": "m@example.com",
            "role": "client_viewer",
            "client_id": world.client.pk,
        },
    )
    assert invited.status_code == 201 and invited.json()["invited"] is True
