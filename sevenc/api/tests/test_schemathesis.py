"""Schemathesis against a live server with seeded data and a token: bounded examples per operation, and
no server error, no undocumented status, no answer outside its declared schema or content type.

The world's ids are the examples of the path parameters, so every operation is called on real objects,
then fuzzed. The run is deterministic (a fixed seed) and bounded (`MAX_EXAMPLES` per operation), so it
fits in `make test`; `SEVENC_SCHEMATHESIS_EXAMPLES=100` runs it wider by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sevenc.api.tests.openapi_walk import openapi, with_examples
from sevenc.api.tests.world import build_api_world
from sevenc.tenancy.access import Caller
from sevenc.tokens.services import create_token

MAX_EXAMPLES = int(os.environ.get("SEVENC_SCHEMATHESIS_EXAMPLES", "3"))
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
# Schemathesis reuses ids it reads in responses: DELETE /tokens/{id} would revoke the run's own token (read
# from GET /tokens) halfway, and every later request would be a 401. That one operation runs last, alone.
REVOKE = "sevenc_tokens_api_delete_token"


def _run_token(world) -> str:  # type: ignore[no-untyped-def]
    owner = world.msp.memberships.get(role="owner").user
    return create_token(actor=Caller.of_membership(owner.membership), name="schemathesis")[1]


def _schemathesis(schema: Path, url: str, token: str, *selection: str) -> tuple[int, str]:
    command = [
        str(Path(sys.executable).parent / "st"),
        "run",
        str(schema),
        "--url",
        url,
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        CHECKS,
        "--phases",
        "examples,fuzzing",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        "20261001",
        "--workers",
        "1",
        "--no-shrink",
        "--request-timeout",
        "60",
        "--suppress-health-check",
        "all",
        *selection,
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=schema.parent, check=False)
    return run.returncode, run.stdout + run.stderr


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_schema_violation(live_server, tmp_path: Path):
    world = build_api_world()
    token = _run_token(world)
    schema = tmp_path / "openapi.json"
    schema.write_text(json.dumps(with_examples(openapi(), world.ids)), encoding="utf-8")
    returncode, output = _schemathesis(schema, live_server.url, token, "--exclude-operation-id", REVOKE)
    assert returncode == 0, output[-8000:]
    assert "passed" in output
    returncode, output = _schemathesis(schema, live_server.url, token, "--include-operation-id", REVOKE)
    assert returncode == 0, output[-8000:]
