"""The demo portfolio is believable, dated from the day it is built, deterministic for that day and
idempotent — and every execution page has something on it on the first visit, the offering is alive and
the portfolio page reads it in a bounded number of queries. One demo build serves the whole module (it
takes seconds of solving; `make test` keeps a module on one worker), so every check of the built demo lives
here."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sevenc.assessments.models import Assessment, Response
from sevenc.clients.models import Client
from sevenc.demo.clients import USERS
from sevenc.demo.dates import demo_calendar
from sevenc.demo.seed import CLIENTS, DEMO_MSP, DEMO_PASSWORD, build_demo
from sevenc.execution.models import WorkItem
from sevenc.execution.queries import worklist
from sevenc.offering.demo import seed_offering
from sevenc.offering.models import Service
from sevenc.offering.presenters import offering_state
from sevenc.offering.upsell import upsell_totals
from sevenc.reports.models import ReviewMeeting
from sevenc.roadmap.models import RecommendationTemplate, RoadmapRun
from sevenc.tenancy.models import Membership, Msp, Role
from sevenc.tenancy.scoping import Scope
from tests.module_data import rows_restored

DAY = dt.date(2026, 12, 2)  # a Wednesday in a quarter's last month
# Today 8: session, user, membership, framework, blocks, clients (with vCIOs), completed assessments, the
# vCIO filter's choices. Below the demo's 14 clients, so one query per client (N+1) cannot hide in it.
MAX_PORTFOLIO_QUERIES = 10


def _drop_demo() -> None:
    Msp.objects.filter(name=DEMO_MSP).delete()
    get_user_model().objects.filter(username__in=[u[0] for u in USERS] + ["client"]).delete()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Built once for the module (it takes seconds), dropped afterwards so other modules start clean."""
    with django_db_blocker.unblock():
        _drop_demo()
    with rows_restored(django_db_blocker):
        with django_db_blocker.unblock():
            msp = build_demo(today=DAY)
        yield msp
        with django_db_blocker.unblock():
            _drop_demo()


def test_the_demo_has_at_least_12_clients_of_different_sizes_and_verticals(demo, db):
    clients = Client.objects.filter(msp=demo)
    assert clients.count() >= 12
    assert len({c.vertical for c in clients}) >= 8
    seats = sorted(c.seats for c in clients)
    assert seats[0] <= 30 and seats[-1] >= 250


def test_four_completed_quarters_end_with_the_last_finished_one_and_the_current_one_is_a_draft(demo, db):
    calendar = demo_calendar(DAY)
    for client in Client.objects.filter(msp=demo):
        rows = list(client.assessments.order_by("as_of").values_list("title", "as_of", "status"))
        assert [r[2] for r in rows] == ["completed"] * 4 + ["draft"], client
        assert [(r[0], r[1]) for r in rows] == [*calendar.completed, calendar.draft]
        assert rows[-2][1] == dt.date(2026, 9, 30) and rows[-1][0] == "2026 Q4"


def test_most_clients_improve_over_the_year_and_some_do_not(demo, db):
    changes = []
    for client in Client.objects.filter(msp=demo):
        itcqs = list(
            client.assessments.filter(status="completed").order_by("as_of").values_list("itcq", flat=True)
        )
        changes.append(itcqs[-1] - itcqs[0])
    assert sum(change > 0 for change in changes) >= len(changes) * 2 // 3
    assert any(change < 3 for change in changes)


def test_most_clients_have_an_approved_roadmap_whose_work_is_under_way(demo, db):
    approved = RoadmapRun.objects.filter(client__msp=demo, approved_at__isnull=False)
    assert approved.values("client").distinct().count() >= 10
    statuses = Counter(WorkItem.objects.filter(client__msp=demo).values_list("status", flat=True))
    assert {"done", "in_progress", "blocked", "planned"} <= set(statuses)
    overdue = WorkItem.objects.filter(
        client__msp=demo, due__lt=DAY, status__in=["planned", "in_progress", "blocked"]
    )
    assert overdue.exists()
    assert not WorkItem.objects.filter(client__msp=demo, status="done", completed_at__date__gt=DAY).exists()


def test_a_vcio_has_work_due_this_week_across_several_clients(demo, db):
    vcio = get_user_model().objects.get(username="vcio")
    work = worklist(Scope(demo), today=DAY, owner_id=vcio.pk)
    assert work.this_week
    everyone = worklist(Scope(demo), today=DAY)
    assert len({item.client_id for item in everyone.this_week + everyone.overdue}) >= 3


def test_each_client_held_two_reviews_and_has_the_next_planned(demo, db):
    for client in Client.objects.filter(msp=demo):
        held = list(client.reviews.filter(status="held").order_by("date").values_list("date", flat=True))
        assert held == list(demo_calendar(DAY).review_days)
        assert client.reviews.filter(status="planned", date__gt=DAY).exists()
    snapshot = (
        ReviewMeeting.objects.filter(client__msp=demo, status="held").order_by("-date").first().snapshot
    )
    assert snapshot["delivery"]["delivered"]  # the last QBR shows work delivered since the one before


def test_the_demo_has_every_role_and_a_client_viewer_tied_to_one_client(demo, db):
    roles = set(Membership.objects.filter(msp=demo).values_list("role", flat=True))
    assert roles == set(Role.values)
    viewer = Membership.objects.get(msp=demo, role=Role.CLIENT_VIEWER)
    assert viewer.client is not None
    assert all(m.user.email for m in Membership.objects.filter(msp=demo).select_related("user"))


def test_the_demo_portfolio_renders_in_a_bounded_number_of_queries(
    demo, db, client, django_assert_max_num_queries
):
    assert client.login(username="owner", password=DEMO_PASSWORD)
    with django_assert_max_num_queries(MAX_PORTFOLIO_QUERIES):
        response = client.get(reverse("portfolio"))
    assert response.status_code == 200
    body = response.content.decode()
    assert all(spec.name.replace("&", "&amp;") in body for spec in CLIENTS)
    assert body.count('<td class="cell heat-') == 7 * len(CLIENTS)  # the heatmap: clients × 7 blocks


def test_the_demo_msp_has_a_living_offering(demo, db):
    """The starter catalogue, a develop-next list with demand, upsell with revenue, library entries linked
    to services; seeding again changes nothing."""
    services = Service.objects.filter(msp=demo)
    assert services.count() == 28
    assert services.filter(delivery="partner", status="offered").count() >= 3
    assert services.filter(status="planned").count() == 4 and services.filter(status="retired").count() == 1
    state = offering_state(Scope(demo))
    assert round(state.coverage.overall.covered, 1) == 69.1  # docs/offering.md
    develop = state.portfolio.develop_next(state.coverage.items)
    assert develop[0].demand > 0 and len(develop[0].client_names) >= 5
    totals = upsell_totals(state.portfolio, state.plain_services)
    assert len(totals) == 14 and all(t.monthly_revenue > 0 for t in totals)
    linked = RecommendationTemplate.objects.filter(msp=demo, service__isnull=False)
    assert linked.count() == 96 + 16  # every item an offered or planned service serves
    assert linked.get(item__code="CONT.1.1").service.name == "Managed Backup"

    before = list(services.order_by("pk").values_list("pk", "version"))
    seed_offering(demo)
    assert list(services.order_by("pk").values_list("pk", "version")) == before


def test_building_the_demo_again_changes_nothing(demo, db):
    counts = (
        Client.objects.count(),
        Assessment.objects.count(),
        Response.objects.count(),
        WorkItem.objects.count(),
    )
    itcqs = list(Assessment.objects.order_by("pk").values_list("itcq", flat=True))
    assert build_demo(today=DAY) == demo
    assert (
        Client.objects.count(),
        Assessment.objects.count(),
        Response.objects.count(),
        WorkItem.objects.count(),
    ) == counts
    assert list(Assessment.objects.order_by("pk").values_list("itcq", flat=True)) == itcqs


def test_the_same_day_gives_the_same_scores_and_another_day_other_dates(demo, db):
    first = list(
        Assessment.objects.order_by("client__name", "as_of").values_list("client__name", "title", "itcq")
    )
    _drop_demo()
    build_demo(today=DAY)
    second = list(
        Assessment.objects.order_by("client__name", "as_of").values_list("client__name", "title", "itcq")
    )
    assert first == second
    _drop_demo()
    build_demo(today=DAY + dt.timedelta(days=92))
    later = set(Assessment.objects.values_list("title", flat=True))
    assert "2027 Q1" in later and "2025 Q4" not in later


def test_the_first_client_shows_what_more_budget_buys_in_its_roadmap_and_its_last_qbr(demo, db):
    from sevenc.demo.clients import CLIENTS
    from sevenc.roadmap.projects import Frontier

    acme = Client.objects.get(msp=demo, name=CLIENTS[0].name)
    frontier = Frontier.objects.get(client=acme)
    assert [p["factor"] for p in frontier.points] == [0.5, 0.75, 1.0, 1.25, 1.5]
    horizon = [p["itcq_at_horizon"] for p in frontier.points]
    assert horizon == sorted(horizon) and horizon[0] < horizon[-1]
    last_review = acme.reviews.filter(status="held").order_by("-date").first()
    assert last_review.snapshot["frontier"]["points"]
