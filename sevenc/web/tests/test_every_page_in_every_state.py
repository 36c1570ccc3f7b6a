"""Every page in every state a client can be in, as every role: never a server error, always under the
Content Security Policy, and never with anything the policy would refuse (inline scripts or styles).

The walk takes each URL pattern of the URL conf (like the isolation walk), fills its parameters with every
object of that kind the client has in that state (a URL whose object does not exist yet is not reachable
and is skipped), and requests it with GET and with an empty POST (plain and htmx) as the owner, a vCIO, an
engineer and the client's own viewer. Each request runs in a savepoint that is rolled back, so every
request sees the state as built. A new URL parameter needs its model in `STATE_MODELS` (or a domain's
`tests/url_samples.py` `MODELS`). Every answer carries sevenc's policy header; every HTML answer (pages and
htmx fragments) is parsed for inline `<script>`, `on…=` handlers, `style` attributes and `<style>`.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.goals.models import Goal, Workshop
from sevenc.lib.csp import is_sevencs_policy
from sevenc.reports.models import ReviewMeeting
from sevenc.roadmap.models import Recommendation, RoadmapRun
from sevenc.team.services import add_member
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import Scope, scoped
from sevenc.web.tests.inline_code import inline_code_in_html
from sevenc.web.tests.states import STATES, build
from sevenc.web.tests.url_walk import url_patterns
from tests.fixtures import PASSWORD

STATE_MODELS: dict[str, Any] = {
    "client_pk": Client,
    "assessment_pk": Assessment,
    "workshop_pk": Workshop,
    "goal_pk": Goal,
    "recommendation_pk": Recommendation,
    "run_pk": RoadmapRun,
    "review_pk": ReviewMeeting,
    "membership_pk": Membership,
}
CONSTANTS = {"item_code": ["CONT.1.1", "NOPE.9.9"]}
MAX_OBJECTS = (
    3  # first, middle and last of a kind: drafts and completed assessments, held and planned reviews
)


def _models() -> dict[str, Any]:
    models = dict(STATE_MODELS)
    for app in apps.get_app_configs():
        if not app.name.startswith("sevenc."):
            continue
        try:
            tests = importlib.import_module(f"{app.name}.tests")
        except ModuleNotFoundError:
            continue
        if any(m.name == "url_samples" for m in pkgutil.iter_modules(tests.__path__)):
            models.update(getattr(importlib.import_module(f"{app.name}.tests.url_samples"), "MODELS", {}))
    return models


def _values(param: str, client: Client, models: dict[str, Any]) -> list[Any]:
    if param in CONSTANTS:
        return CONSTANTS[param]
    assert param in models, (
        f"URL parameter {param!r}: add its model to STATE_MODELS or your url_samples MODELS"
    )
    model = models[param]
    rows = list(
        scoped(model, Scope(client.msp, client_id=client.pk)).order_by("pk").values_list("pk", flat=True)
    )
    if not rows:
        rows = list(scoped(model, Scope(client.msp)).order_by("pk").values_list("pk", flat=True))
    if len(rows) > MAX_OBJECTS:
        rows = [rows[0], rows[len(rows) // 2], rows[-1]]
    return rows


def reachable_urls(client: Client) -> list[tuple[str, str]]:
    models = _models()
    found: list[tuple[str, str]] = []
    for name, params in sorted(set(url_patterns())):
        combos: list[dict[str, Any]] = [{}]
        for param in sorted(params):
            combos = [{**combo, param: value} for combo in combos for value in _values(param, client, models)]
        found.extend((name, reverse(name, kwargs=kwargs)) for kwargs in combos)
    return found


@pytest.fixture
def people(msp, client_co, owner, vcio, engineer):
    viewer = add_member(
        msp=msp,
        username="acme-viewer",
        email="v@acme.example",
        role=Role.CLIENT_VIEWER,
        password=PASSWORD,
        client=client_co,
    ).user
    return {"owner": owner, "vcio": vcio, "engineer": engineer, "client_viewer": viewer}


@pytest.mark.parametrize("state", STATES)
def test_no_page_answers_a_server_error_in_any_state_for_any_role(state, client, client_co, engineer, people):
    build(state, client_co, engineer)
    urls = reachable_urls(client_co)
    assert urls
    errors = []
    html_answers = 0
    for role, user in people.items():
        client.force_login(user)
        for name, url in urls:
            for method, headers in (("get", {}), ("post", {}), ("post", {"HTTP_HX_REQUEST": "true"})):
                with transaction.atomic():
                    response = getattr(client, method)(url, **headers)
                    transaction.set_rollback(True)
                request = f"{role} {method.upper()} {url} ({name})"
                if response.status_code >= 500:
                    errors.append(f"{request} → {response.status_code}")
                if not is_sevencs_policy(response.headers.get("Content-Security-Policy")):
                    errors.append(f"{request}: policy {response.headers.get('Content-Security-Policy')!r}")
                if response["Content-Type"].startswith("text/html") and not response.streaming:
                    html_answers += 1
                    errors.extend(f"{request}: {found}" for found in _refused(response.content))
    assert errors == []
    assert html_answers > len(urls)  # pages were parsed, not skipped


_seen: dict[int, list[str]] = {}
# Every render masks the CSRF token afresh, so without this no two answers would ever be the same body.
_CSRF_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')


def _refused(body: bytes) -> list[str]:
    """What the policy would refuse in this HTML; the same body (a page a role sees unchanged, whatever its
    CSRF token) is parsed once."""
    key = hash(_CSRF_TOKEN.sub(rb"\1", body))
    if key not in _seen:
        _seen[key] = inline_code_in_html(body.decode(errors="replace"))
    return _seen[key]
