"""The one NinjaAPI of sevenc, mounted at /api/v1: authentication, errors, health, the domain routers.

To give a domain endpoints: write `sevenc/<domain>/api.py` with a ninja `Router` called `router` (paths
are absolute within the API, e.g. "/widgets/{widget_id}"), and add its module to `DOMAIN_ROUTERS`.
"""

from __future__ import annotations

import importlib

from django.db import DatabaseError, connection
from django.http import HttpRequest
from ninja import NinjaAPI, Status
from ninja.openapi.docs import Swagger

from sevenc.api import errors
from sevenc.api.auth import SessionAuth, TokenAuth
from sevenc.lib.api import ErrorOut, Out

DOMAIN_ROUTERS = (
    "sevenc.tokens.api",
    "sevenc.catalogue.api",
    "sevenc.clients.api",
    "sevenc.team.api",
    "sevenc.assessments.api",
    "sevenc.goals.api",
    "sevenc.roadmap.api",
    "sevenc.reports.api",
    "sevenc.execution.api",
    "sevenc.raci.api",
    "sevenc.offering.api",
)

DESCRIPTION = """The REST API of sevenc: clients, assessments, frameworks, goals, recommendations,
roadmaps, reviews, work items, the responsibility matrix and the service catalogue, with the same
permissions as the web app.

Authenticate with a personal API token (create one under *API tokens* in the web app, or with
`sevenc token create`) sent as `Authorization: Bearer <token>`. Errors are always
`{"detail": "...", "field": "..."}`. Updates carry the `version` you read; a stale one gets 409.
See docs/api.md."""


class HealthOut(Out):
    status: str


def build() -> NinjaAPI:
    api = NinjaAPI(
        title="sevenc API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=[TokenAuth(), SessionAuth()],
        docs=Swagger(settings={"persistAuthorization": False}),
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    errors.install(api)

    @api.get("/health", auth=None, response={200: HealthOut, 503: ErrorOut}, tags=["health"])
    def health(request: HttpRequest) -> Status[dict[str, str | None]]:
        """`{"status": "ok"}` once the database answered a query; 503 when it does not. No token needed."""
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            return Status(503, {"detail": "the database does not answer", "field": None})
        return Status(200, {"status": "ok"})

    for module in DOMAIN_ROUTERS:
        api.add_router("", importlib.import_module(module).router)
    return api


api = build()
