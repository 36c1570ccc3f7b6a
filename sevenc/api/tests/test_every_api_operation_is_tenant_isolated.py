"""Walk every operation of the OpenAPI document: another MSP's token and another client's viewer token get
404 on every URL that names an object of the victim, and list endpoints filtered on the victim's client
come back empty.

A new operation is covered automatically. When it takes a path parameter the walk does not know, the test
fails and names it: add it to `PARAMETER_OBJECTS` in `openapi_walk.py` (and the object to the world).
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from sevenc.api.tests.helpers import Api
from sevenc.api.tests.openapi_walk import (
    FIXED,
    PARAMETER_OBJECTS,
    QUERY_OBJECTS,
    Operation,
    example,
    operations,
)
from sevenc.api.tests.world import ApiWorld, build_api_world
from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client


@pytest.fixture
def world(db) -> ApiWorld:
    return build_api_world()


def _values(world: ApiWorld) -> dict[str, object]:
    return {**{name: world.ids[key] for name, key in PARAMETER_OBJECTS.items()}, **FIXED}


def _call(api: Api, operation: Operation, world: ApiWorld, **query: object) -> object:
    url = operation.url(_values(world))
    params = {
        name: world.ids[QUERY_OBJECTS[name]] if name in QUERY_OBJECTS else example(schema)
        for name, schema in operation.query_parameters.items()
    } | query
    if operation.multipart:
        path = f"{url.removeprefix('/api/v1')}?{urlencode(params)}" if params else url.removeprefix("/api/v1")
        return api.http.post("/api/v1" + path, {"file": _csv()}, **api.headers)
    body = example(operation.body) if operation.body is not None else None
    path = url.removeprefix("/api/v1")
    if operation.method in ("get", "delete") and body is None:
        return api.call(operation.method, path, **params)
    return api.call(operation.method, path, body if body is not None else {}, **params)


def _csv():  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("file.csv", b"item,level\nCONT.1.1,2\n", content_type="text/csv")


def _probe(token: str, world: ApiWorld) -> list[str]:
    api = Api(token)
    leaks = []
    for operation in operations():
        unknown = set(operation.path_parameters) - set(PARAMETER_OBJECTS) - set(FIXED)
        assert not unknown, f"{operation.operation_id} takes {sorted(unknown)}: add it to openapi_walk.py"
        if operation.names_an_object:
            response = _call(api, operation, world)
            if response.status_code != 404:  # type: ignore[attr-defined]
                leaks.append(
                    f"{operation.method.upper()} {operation.path} → {response.status_code}, expected 404"  # type: ignore[attr-defined]
                )
        elif operation.method == "get" and "client" in operation.query_names:
            response = _call(api, operation, world, client=world.client.pk)
            body = response.content.decode()  # type: ignore[attr-defined]
            if response.status_code == 200 and (world.client.name in body or '"count": 0' not in body):  # type: ignore[attr-defined]
                leaks.append(f"GET {operation.path}?client={world.client.pk} shows the victim's data")
    return leaks


def test_every_api_operation_answers_404_to_another_msps_token(world):
    assert _probe(world.tokens["outsider"], world) == []


def test_every_api_operation_answers_404_to_another_clients_viewer_token(world):
    assert _probe(world.tokens["other_viewer"], world) == []


def test_nothing_changed_after_the_probes(world):
    _probe(world.tokens["outsider"], world)
    _probe(world.tokens["other_viewer"], world)
    assert Client.objects.filter(pk=world.client.pk).exists()
    assert Assessment.objects.get(pk=world.ids["draft_id"]).status != Assessment.Status.COMPLETED


def test_the_walk_reaches_every_object_read_as_the_victims_owner(world):
    """The control: the same URLs answer the MSP's own owner, so the 404s above mean isolation."""
    api = Api(world.tokens["owner"])
    reads = [op for op in operations() if op.method == "get" and op.names_an_object]
    assert len(reads) >= 15
    missing = []
    for operation in reads:
        response = _call(api, operation, world)
        if response.status_code != 200:  # type: ignore[attr-defined]
            missing.append(f"GET {operation.path} → {response.status_code}")  # type: ignore[attr-defined]
    assert missing == []
