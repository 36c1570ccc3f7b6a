"""Query discipline: no list page reads more queries when it lists more rows (NetBox-style baselines).

Two generated MSPs (`sevenc generate`): a small one (4 clients × 2 quarters) and one three times its size
(12 clients × 6 quarters), each with a roadmap client (workshop, recommendations, an approved roadmap with
work, a matrix) and planned reviews (one, three). Every list page is requested in both as the same role; the
query counts must be equal, and the rows the page lists must really differ between the two (else the test
would prove nothing: `rows` counts them, None for a page of fixed size such as the 139 items).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.execution.models import WorkItem
from sevenc.generator.build import generate
from sevenc.generator.shapes import client_shapes
from sevenc.raci.models import Cell, Party
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.services import plan_review
from sevenc.roadmap.models import Recommendation
from sevenc.team.services import add_member
from sevenc.tenancy.models import Msp, Role
from tests.module_data import rows_restored


@dataclass
class World:
    msp: Msp
    owner: Any
    client: Client  # the roadmap client
    prefix: str

    @property
    def latest(self) -> Assessment:
        return self.client.assessments.order_by("-as_of").first()  # type: ignore[return-value]

    @property
    def work(self) -> Any:
        return WorkItem.objects.filter(client=self.client)


SIZES = {"small": (4, 2, 21, 1, 0), "large": (12, 6, 22, 3, 3)}  # clients, quarters, seed, reviews, members


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    made = {}
    with rows_restored(django_db_blocker), django_db_blocker.unblock():
        today = timezone.localdate()
        for size, (clients, quarters, seed, reviews, members) in SIZES.items():
            result = generate(
                msp_name=f"Queries {size}", clients=clients, quarters=quarters, seed=seed, today=today
            )
            first = client_shapes(seed, clients, vcios=2)[0].name  # always at the roadmap stage
            client = Client.objects.get(msp=result.msp, name=first)
            for n in range(reviews):
                plan_review(client=client, date=today + dt.timedelta(days=30 * n + 1), agenda=f"QBR {n + 1}")
            for n in range(members):
                add_member(
                    msp=result.msp,
                    username=f"{size}-extra-{n}",
                    email=f"x{n}@example.com",
                    role=Role.ENGINEER,
                )
            if size == "small":
                _trim(client)
            owner = get_user_model().objects.get(username=result.owner_username)
            made[size] = World(result.msp, owner, client, result.owner_username.rsplit("-", 1)[0])
        yield made
        for world in made.values():
            Msp.objects.filter(pk=world.msp.pk).delete()
        get_user_model().objects.filter(username__startswith="queries-").delete()
        get_user_model().objects.filter(username__contains="-extra-").delete()


def _trim(client: Client) -> None:
    """The small world's roadmap client keeps a third of its recommendations (and their work) and six of its
    parties (and their cells), so the large world's client surely lists more of each."""
    recs = list(Recommendation.objects.filter(client=client).order_by("pk").values_list("pk", flat=True))
    Recommendation.objects.filter(pk__in=recs[len(recs) // 3 :]).delete()
    parties = list(Party.objects.filter(client=client).order_by("position").values_list("pk", flat=True))
    Party.objects.filter(pk__in=parties[6:]).delete()


def _item(world: World) -> str:
    """A work item under way (the same state in both worlds, so the same form shows)."""
    item = world.work.filter(status="in_progress").order_by("pk").first()
    assert item is not None
    return reverse("work_item", args=[item.pk])


def _compare(world: World) -> str:
    first, second = world.client.assessments.order_by("-as_of")[:2]
    return reverse("assessment_compare", args=[world.client.pk]) + f"?a={second.pk}&b={first.pk}"


def _client(view: str) -> Callable[[World], str]:
    return lambda w: reverse(view, args=[w.client.pk])


# page → (URL, the rows it lists); rows None: a page of fixed size, checked for equal counts only. The MSP's
# owner asks: owners see every page.
PAGES: dict[str, tuple[Callable[[World], str], Callable[[World], int] | None]] = {
    "portfolio": (lambda w: reverse("portfolio"), lambda w: Client.objects.filter(msp=w.msp).count()),
    "client scorecard": (_client("client_detail"), lambda w: w.client.assessments.count()),
    "assessment compare": (_compare, lambda w: w.client.assessments.count()),
    "assessment": (lambda w: reverse("assessment_detail", args=[w.latest.pk]), None),
    "goals workshop": (_client("goals_workshop"), None),
    "recommendations": (
        _client("roadmap_recommendations"),
        lambda w: Recommendation.objects.filter(client=w.client).count(),
    ),
    "roadmap": (_client("roadmap_page"), lambda w: Recommendation.objects.filter(client=w.client).count()),
    "library": (lambda w: reverse("roadmap_library"), None),
    "client work (quarter)": (
        lambda w: reverse("client_execution", args=[w.client.pk]) + "?cadence=quarter",
        lambda w: w.work.count(),
    ),
    "my work (everyone's)": (
        lambda w: reverse("my_work") + "?owner=all",
        lambda w: WorkItem.objects.filter(client__msp=w.msp).count(),
    ),
    "work item": (_item, None),
    "responsibility grid": (
        _client("raci_matrix"),
        lambda w: Cell.objects.filter(party__client=w.client).count(),
    ),
    "parties": (_client("raci_parties"), lambda w: Party.objects.filter(client=w.client).count()),
    "responsibility areas": (lambda w: reverse("raci_areas"), None),
    "reviews": (_client("review_list"), lambda w: ReviewMeeting.objects.filter(client=w.client).count()),
    "service coverage": (lambda w: reverse("offering_coverage"), None),
    "services": (lambda w: reverse("offering_services"), None),
    "demand": (lambda w: reverse("offering_demand"), lambda w: Client.objects.filter(msp=w.msp).count()),
    "develop next": (
        lambda w: reverse("offering_develop_next"),
        lambda w: Client.objects.filter(msp=w.msp).count(),
    ),
    "upsell": (lambda w: reverse("offering_upsell"), lambda w: Client.objects.filter(msp=w.msp).count()),
    "team": (lambda w: reverse("team"), lambda w: w.msp.memberships.count()),
}


def _queries(client: Any, world: World, page: str) -> tuple[int, int]:
    url, _ = PAGES[page]
    client.force_login(world.owner)
    address = url(world)
    client.get(address)  # warm: per-process caches of frameworks and catalogues are not per-request work
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    return response.status_code, len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(PAGES))
def test_a_list_page_reads_as_many_queries_for_three_times_the_rows(client, worlds, page):
    _, rows = PAGES[page]
    small, large = worlds["small"], worlds["large"]
    if rows is not None:
        assert rows(large) > rows(small), f"{page}: the larger world must list more rows"
    status_small, count_small = _queries(client, small, page)
    status_large, count_large = _queries(client, large, page)
    assert (status_small, status_large) == (200, 200)
    assert count_large == count_small, (
        f"{page}: {count_small} queries for the small world, {count_large} for the large"
    )
