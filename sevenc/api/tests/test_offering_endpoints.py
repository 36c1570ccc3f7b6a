"""The service catalogue through the API: services and their 7C mapping against their version, the library
link, coverage, develop-next and upsell — for owners and vCIOs only, as on the web."""

from __future__ import annotations

import pytest

from sevenc.api.tests.helpers import Api
from sevenc.api.tests.world import ApiWorld, build_api_world
from sevenc.catalogue.models import Item
from sevenc.offering.models import Service
from sevenc.roadmap.models import Recommendation, RecommendationTemplate

NEW = {
    "name": "DRaaS",
    "delivery": "partner",
    "partner": "Vaultline",
    "price_model": "flat_month",
    "price": 250.5,
    "items": ["CONT.1.2", "CONT.1.1"],
}


@pytest.fixture
def world(db) -> ApiWorld:
    return build_api_world()


def _as(world: ApiWorld, role: str) -> Api:
    return Api(world.tokens[role])


def test_a_service_is_created_mapped_edited_against_its_version_and_retired(world):
    api = _as(world, "vcio")
    created = api.post("/services", NEW)
    assert created.status_code == 201, created.content
    service = created.json()
    assert service["items"] == ["CONT.1.1", "CONT.1.2"]  # framework order
    assert service["price"] == 250.5 and service["status"] == "offered" and service["version"] == 0
    edited = api.patch(f"/services/{service['id']}", {"version": 0, "items": ["CONT.1.3"]})
    assert edited.status_code == 200, edited.content
    assert edited.json()["items"] == ["CONT.1.3"] and edited.json()["partner"] == "Vaultline"
    in_house = api.patch(f"/services/{service['id']}", {"version": 1, "delivery": "in_house"})
    assert in_house.status_code == 200 and in_house.json()["partner"] == ""
    stale = api.patch(f"/services/{service['id']}", {"version": 1, "price": 1})
    assert stale.status_code == 409 and Service.objects.get(pk=service["id"]).price == 250.5
    assert api.post(f"/services/{service['id']}/retire", {"version": 1}).status_code == 409
    retired = api.post(f"/services/{service['id']}/retire", {"version": 2})
    assert retired.status_code == 200 and retired.json()["status"] == "retired"
    again = api.post(f"/services/{service['id']}/retire", {"version": 3})
    assert again.status_code == 422 and again.json()["field"] == "status"
    live = api.get("/services", status="offered").json()
    assert "DRaaS" not in {s["name"] for s in live["items"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"price": True}, "price"),
        ({"price": "12"}, "price"),
        ({"price": -1}, "price"),
        ({"price": 1.234}, "price"),
        ({"items": ["CONT.9.9"]}, "items"),
        ({"partner": ""}, "partner"),
        ({"name": "managed backup"}, "name"),  # the world's "Managed Backup", case-blind
        ({"delivery": "outsourced"}, "delivery"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_service_is_refused_naming_the_field(world, change, field):
    refused = _as(world, "owner").post("/services", NEW | change)
    assert refused.status_code == 422, refused.content
    assert refused.json()["field"].startswith(field)  # items[0]: the entry at fault
    assert not Service.objects.filter(name="DRaaS").exists()


def test_only_owners_and_vcios_reach_the_catalogue(world):
    for path in (
        "/services",
        f"/services/{world.ids['service_id']}",
        "/offering/coverage",
        "/offering/upsell",
    ):
        assert _as(world, "engineer").get(path).status_code == 403, path
        assert _as(world, "client_viewer").get(path).status_code == 404, path
    assert _as(world, "engineer").post("/services", NEW).status_code == 403


def test_a_library_entry_points_at_the_service_that_delivers_it(world):
    api = _as(world, "owner")
    entry = RecommendationTemplate.objects.get(msp=world.msp)
    listed = {e["item"]: e for e in api.get("/library").json()}
    assert listed[entry.item.code]["service_id"] == world.ids["service_id"]
    cleared = api.put(f"/library/{entry.item.code}/service", {"service_id": None})
    assert cleared.status_code == 200 and cleared.json() == {"item": entry.item.code, "service_id": None}
    entry.refresh_from_db()
    assert entry.service is None
    missing = api.put("/library/CONT.7.7/service", {"service_id": None})
    assert missing.status_code == 422 and missing.json()["field"] == "item"
    outsider = _as(world, "outsider").put(
        f"/library/{entry.item.code}/service", {"service_id": world.ids["service_id"]}
    )
    assert outsider.status_code in (404, 422)  # no such entry there, or the service is not theirs
    entry.refresh_from_db()
    assert entry.service is None


def test_coverage_counts_every_item_once(world):
    report = _as(world, "vcio").get("/offering/coverage").json()
    assert report["framework"] == "7c"
    assert sum(report["counts"].values()) == len(report["items"]) == 139
    assert report["items"]["CONT.1.1"] == "in_house"  # the world's Managed Backup
    assert 0 < report["overall"]["covered"] <= 100


def test_develop_next_lists_uncovered_items_only(world):
    rows = _as(world, "vcio").get("/offering/develop-next").json()
    assert rows and all(row["coverage"] in ("none", "planned") for row in rows)
    assert "CONT.1.1" not in {row["item"] for row in rows}


def test_an_upsell_line_becomes_a_recommendation(world):
    api = _as(world, "vcio")
    codes = sorted(set(Item.objects.filter(framework__code="7c").values_list("code", flat=True)))
    wide = api.post("/services", NEW | {"name": "Everything", "items": codes}).json()
    offers = api.get("/offering/upsell", client=world.client.pk).json()
    assert offers["count"] == len(offers["items"]) >= 2
    assert {o["client_id"] for o in offers["items"]} == {world.client.pk}
    assert api.get("/offering/upsell", client=world.other_client.pk).json()["count"] == 0
    offer = next(o for o in offers["items"] if o["service_id"] == wide["id"])
    assert offer["monthly_revenue"] == 250.5 and offer["one_time"] is None
    planned = set(Recommendation.objects.filter(client=world.client).values_list("item__code", flat=True))
    free = next(code for code in offer["items"] if code not in planned)
    line = {"client_id": world.client.pk, "service_id": wide["id"], "item": free}
    made = api.post("/offering/upsell", line)
    assert made.status_code == 201, made.content
    rec = Recommendation.objects.get(pk=made.json()["recommendation_id"])
    assert rec.item.code == free and rec.title.startswith("Everything") and rec.monthly_cost == 250.5
    assert api.post("/offering/upsell", line).status_code == 422  # on its roadmap already
    assert api.post("/offering/upsell", line | {"item": "CONT.9.9"}).json()["field"] == "service"
