"""The OpenAPI document as test data: every operation, with the seeded world's objects as its parameters and
a minimal valid body, so tests can walk the whole API (the isolation walk) or hand it to schemathesis."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sevenc.api.site import api

# A path or query parameter → the key of the world's object it names (sevenc.api.tests.world.ApiWorld.ids).
PARAMETER_OBJECTS = {
    "client_id": "client_id",
    "assessment_id": "assessment_id",
    "workshop_id": "workshop_id",
    "goal_id": "goal_id",
    "recommendation_id": "recommendation_id",
    "run_id": "run_id",
    "review_id": "review_id",
    "item_id": "item_id",
    "task_id": "task_id",
    "member_id": "member_id",
    "token_id": "token_id",
    "framework_id": "framework_id",
    "quarter_id": "quarter_id",
    "project_id": "project_id",
    "frontier_id": "frontier_id",
    "party_id": "party_id",
    "area_id": "area_id",
    "service_id": "service_id",
}
FIXED = {"item_code": "CONT.1.1"}
# Query parameters naming an object (filters and the two compared assessments).
QUERY_OBJECTS = {"a": "assessment_id", "b": "draft_id"}
# Global, not tenant-owned: every tenant reads the same frameworks.
SHARED = {"framework_id"}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # with {parameters}
    operation_id: str
    path_parameters: tuple[str, ...]
    query_parameters: dict[str, Any]  # name → schema, required ones only
    query_names: frozenset[str]  # every query parameter
    body: dict[str, Any] | None  # JSON schema of the body, $refs resolved
    multipart: bool

    def url(self, values: dict[str, Any]) -> str:
        path = self.path
        for name in self.path_parameters:
            path = path.replace("{" + name + "}", str(values[name]))
        return path

    @property
    def names_an_object(self) -> bool:
        return any(p not in SHARED and p not in FIXED for p in self.path_parameters)


@cache
def _document() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def openapi() -> dict[str, Any]:
    return copy.deepcopy(_document())


def _resolve(schema: Any, document: dict[str, Any]) -> Any:
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return _resolve(document["components"]["schemas"][name], document)
        return {key: _resolve(value, document) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_resolve(value, document) for value in schema]
    return schema


def operations(document: dict[str, Any] | None = None) -> Iterator[Operation]:
    document = document or _document()
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            parameters = spec.get("parameters", [])
            body_spec = spec.get("requestBody", {}).get("content", {})
            json_body = body_spec.get("application/json", {}).get("schema")
            form_body = body_spec.get("multipart/form-data", {}).get("schema")
            yield Operation(
                method=method,
                path=path,
                operation_id=spec["operationId"],
                path_parameters=tuple(p["name"] for p in parameters if p["in"] == "path"),
                query_parameters={
                    p["name"]: _resolve(p["schema"], document)
                    for p in parameters
                    if p["in"] == "query" and p.get("required")
                },
                query_names=frozenset(p["name"] for p in parameters if p["in"] == "query"),
                body=_resolve(json_body or form_body, document) if (json_body or form_body) else None,
                multipart=form_body is not None,
            )


def example(schema: dict[str, Any]) -> Any:
    """A small value valid for `schema` (the API then reaches the object lookup, not a 422)."""
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        return example(options[0]) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        return {name: example(schema["properties"][name]) for name in required}
    if kind == "array":
        return []
    if kind == "integer":
        return max(int(schema.get("minimum", 0)), 0)
    if kind == "number":
        return max(schema.get("minimum", 0), 0)
    if kind == "boolean":
        return False
    if kind == "string":
        if schema.get("format") == "date":
            return "2026-10-20"
        if schema.get("format") == "binary":
            return b"item,level\n"
        if "pattern" in schema and "0-9a-f" in schema["pattern"]:
            return "0" * 16
        return "x"
    return None


def with_examples(document: dict[str, Any], ids: dict[str, int]) -> dict[str, Any]:
    """The document with the world's ids as examples of its path and query parameters (schemathesis uses
    them in its examples phase, so every operation is called on real objects at least once)."""
    document = copy.deepcopy(document)
    for methods in document["paths"].values():
        for spec in methods.values():
            for parameter in spec.get("parameters", []):
                name = parameter["name"]
                if parameter["in"] == "path" and name in PARAMETER_OBJECTS:
                    parameter["example"] = ids[PARAMETER_OBJECTS[name]]
                elif parameter["in"] == "path" and name in FIXED:
                    parameter["example"] = FIXED[name]
                elif parameter["in"] == "query" and name in QUERY_OBJECTS:
                    parameter["example"] = ids[QUERY_OBJECTS[name]]
                elif parameter["in"] == "query" and name == "client":
                    parameter["example"] = ids["client_id"]
    return document
