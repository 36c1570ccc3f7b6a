"""Who may call the API, and how every refusal looks: one shape, the right status, the field named."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth import get_user_model
from django.test import Client as DjangoClient
from django.utils import timezone

from sevenc.api.tests.helpers import BASE, Api, api_as, token_for
from sevenc.clients.models import Client
from sevenc.tokens.lookup import digest
from sevenc.tokens.models import ApiToken


def _error(response, status: int, field: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "field"}
    assert body["detail"]
    assert body["field"] == field
    return body


def test_health_answers_ok_without_a_token(db):
    response = Api(None).get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_no_token_is_a_401_in_the_error_shape_with_a_bearer_challenge(db):
    response = Api(None).get("/clients")
    _error(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_on_a_write_is_a_401_not_a_csrf_refusal(db):
    _error(Api("sevenc_not-a-token").post("/clients", {"name": "Nope"}), 401)


def test_an_expired_token_no_longer_works(owner):
    secret = token_for(owner)
    ApiToken.objects.filter(token_hash=digest(secret)).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    _error(Api(secret).get("/clients"), 401)


def test_a_revoked_token_stops_at_once(owner):
    api = api_as(owner)
    created = api.post("/tokens", {"name": "ci"}).json()
    assert Api(created["token"]).get("/me").status_code == 200
    assert api.delete(f"/tokens/{created['id']}").status_code == 204
    _error(Api(created["token"]).get("/me"), 401)


def test_the_secret_is_shown_once_and_only_its_hash_is_stored(owner):
    api = api_as(owner)
    created = api.post("/tokens", {"name": "PSA sync", "expires_on": "2099-01-01"}).json()
    assert created["token"].startswith(created["prefix"])
    stored = ApiToken.objects.get(pk=created["id"])
    assert stored.token_hash == digest(created["token"]) and created["token"] not in stored.token_hash
    listed = api.get("/tokens").json()
    assert "token" not in json.dumps(listed).replace('"tokens"', "") or all("token" not in t for t in listed)
    assert {t["name"] for t in listed} >= {"PSA sync"}


def test_a_token_of_someone_who_left_the_msp_is_refused(owner, engineer):
    secret = token_for(engineer)
    engineer.membership.delete()
    _error(Api(secret).get("/me"), 401)


def test_the_token_carries_the_members_current_role(owner, engineer, client_co):
    secret = token_for(engineer)
    assert Api(secret).post("/clients", {"name": "New Co"}).status_code == 403
    engineer.membership.role = "vcio"
    engineer.membership.save()
    assert Api(secret).post("/clients", {"name": "New Co"}).status_code == 201


def test_a_client_viewers_token_sees_only_its_client(client_viewer, client_co, other_client):
    api = api_as(client_viewer)
    listed = api.get("/clients").json()
    assert [c["name"] for c in listed["items"]] == [client_co.name] and listed["count"] == 1
    _error(api.get(f"/clients/{other_client.pk}"), 404)


def test_a_role_refusal_is_403_for_staff_and_404_for_a_client_viewer(engineer, client_viewer, client_co):
    _error(api_as(engineer).post("/clients", {"name": "New Co"}), 403)
    _error(api_as(client_viewer).post("/clients", {"name": "New Co"}), 404)


def test_another_msps_object_is_a_404_never_a_403(outsider, client_co):
    _error(api_as(outsider).get(f"/clients/{client_co.pk}"), 404)
    _error(api_as(outsider).patch(f"/clients/{client_co.pk}", {"version": 0, "seats": 3}), 404)


def test_json_booleans_and_numeric_strings_are_never_numbers(owner):
    api = api_as(owner)
    assert (
        _error(api.post("/clients", {"name": "A", "seats": True}), 422, "seats")["detail"]
        == "true is not a number"
    )
    assert "text" in _error(api.post("/clients", {"name": "A", "seats": "12"}), 422, "seats")["detail"]
    _error(api.post("/clients", {"name": "A", "seats": 0}), 422, "seats")
    _error(
        api.post("/clients", {"name": "A", "fiscal_year_start_month": True}), 422, "fiscal_year_start_month"
    )


def test_a_missing_or_unknown_field_is_named(owner):
    api = api_as(owner)
    _error(api.post("/clients", {}), 422, "name")
    _error(api.post("/clients", {"name": "A", "vcio": "nobody"}), 422, "vcio")


def test_a_body_that_is_not_json_is_a_400_in_the_error_shape(owner):
    http = DjangoClient()
    response = http.post(
        BASE + "/clients",
        "{nope",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(owner)}",
    )
    _error(response, 400)


def test_a_stale_version_is_a_409_and_changes_nothing(owner, client_co):
    api = api_as(owner)
    assert api.patch(f"/clients/{client_co.pk}", {"version": 0, "seats": 50}).json()["version"] == 1
    _error(api.patch(f"/clients/{client_co.pk}", {"version": 0, "seats": 99}), 409, "version")
    assert Client.objects.get(pk=client_co.pk).seats == 50


def test_an_update_without_its_version_is_refused(owner, client_co):
    _error(api_as(owner).patch(f"/clients/{client_co.pk}", {"seats": 99}), 422, "version")


def test_the_web_apps_own_session_calls_need_the_csrf_token_to_write(owner):
    browser = DjangoClient(enforce_csrf_checks=True)
    browser.force_login(owner)
    assert browser.get(BASE + "/me").json()["username"] == "owner"
    refused = browser.post(BASE + "/clients", json.dumps({"name": "Web Co"}), content_type="application/json")
    _error(refused, 403)
    browser.get("/")  # sets the CSRF cookie, as any page of the web app does
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        BASE + "/clients",
        json.dumps({"name": "Web Co"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 201


def test_a_signed_in_user_without_a_membership_is_a_401(db):
    user = get_user_model().objects.create_user(username="loner", password="x" * 12)
    browser = DjangoClient()
    browser.force_login(user)
    _error(browser.get(BASE + "/me"), 401)


def test_the_docs_page_serves_its_assets_itself(db):
    page = DjangoClient().get(BASE + "/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page


def test_the_openapi_document_declares_the_error_shape_on_every_operation(db):
    document = DjangoClient().get(BASE + "/openapi.json").json()
    assert document["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if path.endswith("/health"):
                continue
            for status in ("401", "404", "409", "422"):
                assert status in operation["responses"], f"{method} {path} lacks {status}"


def test_a_body_over_the_upload_limit_is_a_400_in_the_error_shape(owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"name": "x" * 150, "primary_contact_name": "y" * 200, "primary_contact_email": "z" * 900}
    _error(api_as(owner).post("/clients", body), 400)


def test_a_multipart_body_without_a_boundary_is_a_400_in_the_error_shape(owner):
    http = DjangoClient()
    response = http.post(
        BASE + "/imports/clients",
        b"--x\r\n",
        content_type="multipart/form-data",
        HTTP_AUTHORIZATION=f"Bearer {token_for(owner)}",
    )
    _error(response, 400)
