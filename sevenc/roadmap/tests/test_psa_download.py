"""The PSA export from the web app: the client's approved roadmap (and on request its open proposals), and
every client's in one file, in the documented columns; MSP staff only."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from sevenc.roadmap.models import Recommendation
from sevenc.roadmap.psa import PSA_COLUMNS
from sevenc.web.tests.states import build
from tests.fixtures import PASSWORD


@pytest.fixture
def approved(client_co, engineer):  # type: ignore[no-untyped-def]
    return build("approved_roadmap", client_co, engineer)


def _rows(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_client_download_lists_the_approved_work_in_the_documented_columns(client, approved, engineer):
    client.login(username="engineer", password=PASSWORD)
    rows = _rows(client.get(reverse("roadmap_psa_csv", args=[approved.pk])))
    assert tuple(rows[0]) == PSA_COLUMNS
    agreed = Recommendation.objects.filter(client=approved, status="approved").exclude(quarter="")
    titles = {row[1] for row in rows[1:]}
    assert titles >= {rec.title for rec in agreed}
    assert all(row[0] == approved.name and row[3] for row in rows[1:])
    assert (
        'filename="acme-dental-psa.csv"'
        in client.get(reverse("roadmap_psa_csv", args=[approved.pk]))["Content-Disposition"]
    )


def test_open_proposals_come_only_when_asked(client, approved, vcio):
    client.login(username="vcio", password=PASSWORD)
    plain = _rows(client.get(reverse("roadmap_psa_csv", args=[approved.pk])))
    wider = _rows(client.get(reverse("roadmap_psa_csv", args=[approved.pk]) + "?proposed=1"))
    assert len(wider) >= len(plain)
    assert {row[9] for row in plain[1:]} <= {"approved", "in_progress", "done"}


def test_the_portfolio_download_covers_every_client(client, approved, other_client, vcio):
    client.login(username="vcio", password=PASSWORD)
    rows = _rows(client.get(reverse("portfolio_psa_csv")))
    assert {row[0] for row in rows[1:]} == {approved.name}  # the other client has no roadmap yet
    assert reverse("portfolio_psa_csv") in client.get(reverse("portfolio")).content.decode()


def test_a_client_viewer_gets_404(client, approved, client_viewer):
    client.login(username="viewer", password=PASSWORD)
    assert client.get(reverse("roadmap_psa_csv", args=[approved.pk])).status_code == 404
    assert client.get(reverse("portfolio_psa_csv")).status_code == 404
