import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from sevenc.web.tests.worlds import completed_assessment


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


# --- at scale: sorted, filtered and paged in SQL -----------------------------------------------------------


@pytest.fixture
def generated(db):
    from sevenc.generator.build import generate

    return generate(msp_name="Scale MSP", clients=55, quarters=2, seed=3, today=dt.date(2026, 11, 15))


def _names(body: str) -> list[str]:
    import re

    return re.findall(r"<strong>([^<]+)</strong></a><span class=\"sub\">", body)


def test_the_portfolio_shows_fifty_clients_and_htmx_appends_the_next_page(client, generated):
    from sevenc.clients.models import Client

    client.force_login(generated.msp.memberships.get(role="owner").user)
    first = client.get(reverse("portfolio"), {"sort": "itcq", "dir": "desc"}).content.decode()
    assert len(_names(first)) == 50
    assert "55 of 55 clients" in first and 'id="portfolio-more"' in first
    more = client.get(
        reverse("portfolio"),
        {"sort": "itcq", "dir": "desc", "page": "2"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="portfolio-more",
    ).content.decode()
    assert "<table" not in more and "portfolio-more" not in more  # rows only, no further page
    names = _names(first) + _names(more)
    assert sorted(names) == sorted(Client.objects.filter(msp=generated.msp).values_list("name", flat=True))
    itcqs = [
        Client.objects.get(msp=generated.msp, name=name.replace("&amp;", "&")).latest_score.itcq
        for name in names
    ]
    assert itcqs == sorted(itcqs, reverse=True)


def test_a_page_without_javascript_links_back_and_past_the_end_shows_the_last(client, generated):
    client.force_login(generated.msp.memberships.get(role="owner").user)
    body = client.get(reverse("portfolio"), {"page": "9"}).content.decode()
    assert len(_names(body)) == 5 and "showing 51–55" in body and "← Previous 50" in body


@pytest.mark.parametrize("code", ["CONT", "COST"])
def test_the_portfolio_sorts_by_a_block_in_sql_with_unscored_clients_last(client, generated, code):
    from sevenc.clients.models import Client

    unscored = Client.objects.create(msp=generated.msp, name="Aaa Unscored", vertical="legal")
    client.force_login(generated.msp.memberships.get(role="owner").user)
    for direction in ("", "desc"):
        body = client.get(reverse("portfolio"), {"sort": f"block:{code}", "dir": direction, "page": "2"})
        names = _names(body.content.decode())
        assert names[-1] == unscored.name
        scores = [
            Client.objects.get(msp=generated.msp, name=n.replace("&amp;", "&")).latest_score.block_scores[
                code
            ]
            for n in names[:-1]
        ]
        assert scores == sorted(scores, reverse=direction == "desc")


def test_the_summary_cards_count_every_client_not_just_the_page(client, generated):
    from sevenc.assessments.models import LatestScore

    scores = LatestScore.objects.filter(client__msp=generated.msp)
    client.force_login(generated.msp.memberships.get(role="owner").user)
    response = client.get(reverse("portfolio"))
    summary = response.context["summary"]
    assert summary["clients"] == 55
    assert summary["improving"] == scores.filter(change__gt=0).count()
    assert summary["declining"] == scores.filter(change__lt=0).count()
    average = sum(s.itcq for s in scores) / scores.count()
    assert summary["average_itcq"] == pytest.approx(average)


def test_the_overdue_column_counts_and_sorts_open_work_past_due(client, generated):
    from sevenc.execution.models import WorkItem

    today = dt.date.today()
    late = WorkItem.objects.filter(
        client__msp=generated.msp, status__in=["planned", "in_progress", "blocked"]
    )
    late.update(due=today - dt.timedelta(days=1), start=today - dt.timedelta(days=9))
    counts = Counter(late.values_list("client__name", flat=True))
    most = max(counts.values())
    first = min(name for name, n in counts.items() if n == most)  # ties by name
    client.force_login(generated.msp.memberships.get(role="owner").user)
    body = client.get(reverse("portfolio"), {"sort": "overdue", "dir": "desc"}).content.decode()
    assert _names(body)[0].replace("&amp;", "&") == first
    assert f">{most}</a>" in body


def test_the_portfolio_reads_the_same_number_of_queries_for_five_and_fifteen_clients(
    client, owner, client_co, django_assert_num_queries
):
    from sevenc.clients.models import Client

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("portfolio"), {"sort": "block:CONT"}).status_code == 200
        return len(queries)

    def grow(n: int) -> None:
        start = Client.objects.filter(msp=client_co.msp).count()
        for k in range(start, n):
            other = Client.objects.create(msp=client_co.msp, name=f"Client {k:02d}", vcio=owner)
            completed_assessment(other, "2026 Q3", {"CONT.1.1": k % 5}, dt.date(2026, 9, 30))

    client.force_login(owner)
    grow(5)
    small = count()
    grow(15)
    assert count() == small


def test_a_heatmap_row_is_painted_by_the_heat_classes_of_the_chart_bands():
    from sevenc.web.templatetags.sevenc_ui import heat_cells

    assert heat_cells([None, 81.3, 12.0]) == (
        '<td class="cell heat-none">—</td><td class="cell heat-80">81.3</td><td class="cell heat-0">12.0</td>'
    )


def test_the_ping_answers_ok_without_a_session_or_a_query(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("ping"))
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "sessionid" not in response.cookies
