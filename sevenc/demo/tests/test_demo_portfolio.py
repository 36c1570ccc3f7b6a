"""The demo portfolio is believable, deterministic and idempotent."""

import pytest

from sevenc.assessments.models import Assessment, Response
from sevenc.clients.models import Client
from sevenc.demo.seed import DEMO_MSP, build_demo
from sevenc.tenancy.models import Membership, Role


@pytest.fixture
def demo(db):
    return build_demo()


def test_the_demo_has_at_least_12_clients_of_different_sizes_and_verticals(demo):
    clients = Client.objects.filter(msp=demo)
    assert clients.count() >= 12
    assert len({c.vertical for c in clients}) >= 8
    seats = sorted(c.seats for c in clients)
    assert seats[0] <= 30 and seats[-1] >= 250


def test_each_client_has_four_completed_quarters_and_one_draft(demo):
    for client in Client.objects.filter(msp=demo):
        statuses = list(client.assessments.order_by("as_of").values_list("status", flat=True))
        assert statuses == ["completed"] * 4 + ["draft"], client
        completed = client.assessments.filter(status="completed")
        assert all(a.itcq is not None and a.completeness == 1.0 for a in completed)


def test_most_clients_improve_over_the_year_and_some_do_not(demo):
    changes = []
    for client in Client.objects.filter(msp=demo):
        itcqs = list(
            client.assessments.filter(status="completed").order_by("as_of").values_list("itcq", flat=True)
        )
        changes.append(itcqs[-1] - itcqs[0])
    assert sum(change > 0 for change in changes) >= len(changes) * 2 // 3
    assert any(change < 3 for change in changes)  # a stalled client, so the dashboard has something to flag


def test_the_demo_has_every_role_and_a_client_viewer_tied_to_one_client(demo):
    roles = set(Membership.objects.filter(msp=demo).values_list("role", flat=True))
    assert roles == set(Role.values)
    viewer = Membership.objects.get(msp=demo, role=Role.CLIENT_VIEWER)
    assert viewer.client is not None


def test_building_the_demo_again_changes_nothing(demo):
    counts = (Client.objects.count(), Assessment.objects.count(), Response.objects.count())
    itcqs = list(Assessment.objects.order_by("pk").values_list("itcq", flat=True))
    again = build_demo()
    assert again == demo
    assert (Client.objects.count(), Assessment.objects.count(), Response.objects.count()) == counts
    assert list(Assessment.objects.order_by("pk").values_list("itcq", flat=True)) == itcqs


def test_the_demo_is_deterministic(demo, django_db_blocker):
    first = list(
        Assessment.objects.order_by("client__name", "as_of").values_list("client__name", "title", "itcq")
    )
    Client.objects.filter(msp=demo).delete()
    build_demo()
    second = list(
        Assessment.objects.order_by("client__name", "as_of").values_list("client__name", "title", "itcq")
    )
    assert first == second
    assert demo.name == DEMO_MSP
