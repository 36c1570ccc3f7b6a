import datetime as dt

import pytest
from django.urls import reverse

from sevenc.demo.seed import CLIENTS, DEMO_PASSWORD, build_demo
from sevenc.web.tests.worlds import completed_assessment

# Today 8: session, user, membership, framework, blocks, clients (with vCIOs), completed assessments, the
# vCIO filter's choices. Below the demo's 14 clients, so one query per client (N+1) cannot hide in it.
MAX_PORTFOLIO_QUERIES = 10


@pytest.fixture
def demo(db):
    return build_demo()


def test_the_demo_portfolio_renders_in_a_bounded_number_of_queries(
    client, demo, django_assert_max_num_queries
):
    assert client.login(username="owner", password=DEMO_PASSWORD)
    with django_assert_max_num_queries(MAX_PORTFOLIO_QUERIES):
        response = client.get(reverse("portfolio"))
    assert response.status_code == 200
    body = response.content.decode()
    assert all(spec.name.replace("&", "&amp;") in body for spec in CLIENTS)
    assert body.count('class="cell"') == 7 * len(CLIENTS)  # the heatmap: clients × 7 blocks


def test_the_portfolio_shows_latest_itcq_and_change_with_one_decimal(client, owner, client_co):
    completed_assessment(client_co, "2026 Q2", {"CONT.1.1": 2}, dt.date(2026, 6, 30))
    completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, dt.date(2026, 9, 30))
    client.force_login(owner)
    body = client.get(reverse("portfolio")).content.decode()
    assert ">75.0<" in body  # 3/4 of the only scored item
    assert "+25.0" in body
    assert "provisional" in body  # 1 of 139 items answered


def test_the_portfolio_filters_by_vertical_and_searches(client, owner, client_co, other_client):
    client.force_login(owner)
    body = client.get(reverse("portfolio"), {"vertical": "legal"}).content.decode()
    assert other_client.name in body and client_co.name not in body
    body = client.get(reverse("portfolio"), {"q": "acme"}).content.decode()
    assert client_co.name in body and other_client.name not in body


def test_the_portfolio_sorts_by_a_column_and_answers_htmx_with_the_table_only(
    client, owner, client_co, other_client
):
    client.force_login(owner)
    response = client.get(reverse("portfolio"), {"sort": "name", "dir": "desc"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert body.index(other_client.name) < body.index(client_co.name)


def test_the_portfolio_filters_by_vcio(client, owner, vcio, client_co, other_client):
    client_co.vcio = vcio
    client_co.save()
    client.force_login(owner)
    body = client.get(reverse("portfolio"), {"vcio": str(vcio.pk)}).content.decode()
    assert client_co.name in body and other_client.name not in body


def test_a_client_viewer_is_sent_to_their_own_scorecard(client, client_viewer, client_co):
    client.force_login(client_viewer)
    response = client.get(reverse("portfolio"))
    assert response.status_code == 302
    assert response.url == reverse("client_detail", args=[client_co.pk])
