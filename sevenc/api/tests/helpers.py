"""Calling the API in tests: a token for a member, and a Django test client that sends it."""

from __future__ import annotations

import itertools
import json
from typing import Any
from urllib.parse import urlencode

from django.test import Client as DjangoClient

from sevenc.tenancy.access import Caller
from sevenc.tokens.services import create_token

BASE = "/api/v1"


_made = itertools.count(1)


def token_for(user: Any) -> str:
    return create_token(actor=Caller.of_membership(user.membership), name=f"tests {next(_made)}")[1]


class Api:
    """`api.get("/clients")` → the response; JSON bodies in and out."""

    def __init__(self, token: str | None) -> None:
        self.http = DjangoClient()
        self.headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        send = getattr(self.http, method)
        if method == "get":
            return send(BASE + path, params or None, **self.headers)
        if params:
            path = f"{path}?{urlencode(params)}"
        if body is None:
            return send(BASE + path, **self.headers)
        return send(BASE + path, json.dumps(body), content_type="application/json", **self.headers)

    def get(self, path: str, **params: Any) -> Any:
        return self.call("get", path, **params)

    def post(self, path: str, body: Any = None, **params: Any) -> Any:
        return self.call("post", path, {} if body is None else body, **params)

    def patch(self, path: str, body: Any, **params: Any) -> Any:
        return self.call("patch", path, body, **params)

    def put(self, path: str, body: Any, **params: Any) -> Any:
        return self.call("put", path, body, **params)

    def delete(self, path: str, **params: Any) -> Any:
        return self.call("delete", path, **params)


def api_as(user: Any) -> Api:
    return Api(token_for(user))
