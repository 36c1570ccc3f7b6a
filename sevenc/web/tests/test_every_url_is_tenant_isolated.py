"""Walk every URL pattern of the URL conf: another MSP's user and another client's viewer get 404.

A new URL is covered automatically. When it takes a parameter the walk does not know yet, the test fails
and names it: add a sample for it (see `sevenc/web/tests/url_walk.py`), and the URL is then probed like
all the others.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import resolve

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.team.services import add_member
from sevenc.tenancy.models import Membership, Role
from sevenc.web.tests.url_walk import World, urls
from sevenc.web.tests.worlds import completed_assessment, draft_assessment
from tests.fixtures import PASSWORD


@pytest.fixture
def world(msp, client_co, vcio, engineer) -> World:
    completed = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    draft = draft_assessment(client_co, engineer=engineer)
    return World(client_co, completed, draft, Membership.objects.get(user=vcio))


@pytest.fixture
def viewer_of_other_client(msp, other_client):
    return add_member(
        msp=msp,
        username="harbor-viewer",
        email="v@harbor.example",
        role=Role.CLIENT_VIEWER,
        password=PASSWORD,
        client=other_client,
    ).user


def _probe(django_client, user, world: World) -> list[str]:  # type: ignore[no-untyped-def]
    django_client.force_login(user)
    leaks = []
    for name, url, has_object in urls(world):
        for method in ("get", "post"):
            response = getattr(django_client, method)(url, HTTP_HX_REQUEST="true" if method == "post" else "")
            body = response.content.decode(errors="replace")
            # 405 (a GET on a POST-only view, a POST on a read-only one) is decided by the method alone,
            # before any object is looked up: it says nothing about the object, so it is no leak either.
            expected = (404, 405)
            if has_object and response.status_code not in expected:
                leaks.append(f"{method.upper()} {url} ({name}) → {response.status_code}, expected 404")
            elif not has_object and world.client.name in body:
                leaks.append(f"{method.upper()} {url} ({name}) shows {world.client.name!r}")
    return leaks


def test_every_url_answers_404_to_a_user_of_another_msp(client, world, outsider):
    assert _probe(client, outsider, world) == []


def test_every_url_answers_404_to_the_viewer_of_another_client(client, world, viewer_of_other_client):
    assert _probe(client, viewer_of_other_client, world) == []


def test_the_walk_covers_the_workspaceurls(world):
    names = {name for name, _, _ in urls(world)}
    assert {
        "portfolio",
        "client_detail",
        "assessment_detail",
        "assessment_item",
        "assessment_complete",
    } <= names


def test_nothing_changed_after_the_probes(client, world, outsider):
    _probe(client, outsider, world)
    world.draft.refresh_from_db()
    assert world.draft.status == Assessment.Status.DRAFT
    assert Client.objects.filter(pk=world.client.pk).exists()


WORKSPACE = ("sevenc.web", "sevenc.clients", "sevenc.assessments", "sevenc.team")


def test_the_probe_reaches_every_workspace_page_as_the_victims_owner(client, world, owner):
    """The control: the workspace's URLs do exist for the MSP's own owner, so the 404s above mean
    isolation. (Other domains' pages may 404 on an empty sample, e.g. a review without a roadmap.)"""
    client.force_login(owner)
    ours = [
        url
        for _, url, has_object in urls(world)
        if has_object and resolve(url).func.__module__.startswith(WORKSPACE)
    ]
    assert len(ours) >= 8
    assert [url for url in ours if client.get(url).status_code == 404] == []
