"""Lists: `{"items": [...], "count": n}`, `limit`/`offset`, filters and one ordering; each object has its id."""

from __future__ import annotations

import datetime as dt

from sevenc.api.tests.helpers import api_as
from sevenc.clients.models import Client
from sevenc.web.tests.worlds import completed_assessment, draft_assessment


def test_a_list_is_a_page_of_items_with_the_total_count(owner, msp):
    for n in range(7):
        Client.objects.create(msp=msp, name=f"Client {n}", seats=10 + n)
    api = api_as(owner)
    first = api.get("/clients", limit=3, offset=0).json()
    second = api.get("/clients", limit=3, offset=3).json()
    assert first["count"] == second["count"] == 7
    assert len(first["items"]) == 3 and all("id" in c for c in first["items"])
    assert not {c["id"] for c in first["items"]} & {c["id"] for c in second["items"]}


def test_lists_are_ordered_as_asked(owner, msp):
    for name, seats in (("B", 30), ("A", 50), ("C", 10)):
        Client.objects.create(msp=msp, name=name, seats=seats)
    api = api_as(owner)
    assert [c["name"] for c in api.get("/clients").json()["items"]] == ["A", "B", "C"]
    assert [c["name"] for c in api.get("/clients", order="-seats").json()["items"]] == ["A", "B", "C"]
    assert [c["name"] for c in api.get("/clients", order="seats").json()["items"]] == ["C", "B", "A"]
    assert api.get("/clients", order="nonsense").status_code == 422


def test_a_limit_outside_its_bounds_is_refused(owner):
    api = api_as(owner)
    assert api.get("/clients", limit=0).status_code == 422
    assert api.get("/clients", limit=501).status_code == 422
    assert api.get("/clients", offset=-1).status_code == 422


def test_assessments_filter_by_client_and_status(owner, client_co, other_client, engineer):
    completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    draft_assessment(client_co, engineer=engineer)
    completed_assessment(other_client, "2026 Q3", {"CONT.1.1": 1}, dt.date(2026, 9, 30))
    api = api_as(owner)
    page = api.get("/assessments", client=client_co.pk, status="completed").json()
    assert page["count"] == 1
    assert page["items"][0]["client_id"] == client_co.pk and page["items"][0]["status"] == "completed"
    assert api.get("/assessments", status="draft").json()["count"] == 1


def test_a_client_viewer_lists_only_their_clients_completed_assessments(client_viewer, client_co, engineer):
    completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    draft = draft_assessment(client_co, engineer=engineer)
    api = api_as(client_viewer)
    assert [a["status"] for a in api.get("/assessments").json()["items"]] == ["completed"]
    assert api.get(f"/assessments/{draft.pk}").status_code == 404


def test_a_search_text_with_a_nul_is_refused_not_a_server_error(owner):
    assert api_as(owner).get("/clients", q="a\x00b").status_code == 422


def _upload(api, path: str, text: str):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("upload.csv", text.encode(), content_type="text/csv")
    return api.http.post("/api/v1" + path, {"file": file}, **api.headers)


def test_clients_are_imported_from_csv_all_or_nothing(owner, vcio):
    api = api_as(owner)
    good = _upload(api, "/imports/clients", "name,seats,vcio\nNorth Co,25,vcio\nSouth Co,40,\n")
    assert good.status_code == 201 and good.json()["count"] == 2
    assert {c["name"] for c in good.json()["items"]} == {"North Co", "South Co"}
    bad = _upload(api, "/imports/clients", "name,seats\nEast Co,12\nWest Co,many\n")
    assert bad.status_code == 422 and "row 3" in bad.json()["detail"]
    assert not Client.objects.filter(name="East Co").exists()


def test_responses_are_imported_into_a_draft_with_the_workspace_rights(vcio, engineer, client_co):
    draft = draft_assessment(client_co, engineer=engineer)
    text = "item,level,status\nCONT.1.1,3,NAS nightly\nCONT.1.2,N/A,\n"
    imported = _upload(api_as(vcio), f"/imports/assessments/{draft.pk}/responses", text)
    assert imported.status_code == 200 and imported.json() == {"count": 2}
    sheet = api_as(vcio).get(f"/assessments/{draft.pk}/sheet").json()
    first = sheet["blocks"][0]["areas"][0]["items"]
    assert (first[0]["level"], first[0]["status"], first[1]["na"]) == (3, "NAS nightly", True)
    refused = _upload(api_as(vcio), f"/imports/assessments/{draft.pk}/responses", "item,level\nNOPE.1,2\n")
    assert refused.status_code == 422 and "row 2" in refused.json()["detail"]
