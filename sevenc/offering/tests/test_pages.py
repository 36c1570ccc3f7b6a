"""The offering pages with exact numbers on the hand-made portfolio (conftest.py), in every state, for every
role, and with query counts that do not grow with the number of clients."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sevenc.clients.models import Client
from sevenc.offering.portfolio import ItemDemand
from sevenc.offering.tests.conftest import assessed

PAGES = [
    "offering_coverage",
    "offering_services",
    "offering_demand",
    "offering_develop_next",
    "offering_upsell",
]


def get(client, user, name, query=""):
    client.force_login(user)
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return response


def test_develop_next_ranks_the_uncovered_items_by_demand_with_the_clients_that_need_them(
    client, vcio, portfolio, catalogue
):
    rows = get(client, vcio, "offering_develop_next").context["rows"]
    assert rows[:2] == [
        # Acme 42 seats × weight 2 (its override) + Harbor 60 × 1; Cedar's COST.1.1 is at 4
        ItemDemand("COST.1.1", "IT Budget Planning", "planned", 2, 102, 144, ("Acme Dental", "Harbor Law")),
        ItemDemand(
            "CTRL.1.1",
            "IT Performance Management Framework Implementation",
            "none",
            1,
            60,
            60,
            ("Harbor Law",),
        ),
    ]
    assert len(rows) == 139 - 4  # every item but the four an offered service covers
    assert (rows[2].item, rows[2].demand, rows[2].coverage) == ("CONT.1.3", 0, "none")  # then framework order


def test_demand_lists_each_item_a_client_is_below_target_on_with_its_coverage(
    client, vcio, portfolio, catalogue
):
    rows = {row.item: row for row in get(client, vcio, "offering_demand").context["rows"]}
    assert sorted(rows) == ["CONT.1.1", "CONT.1.2", "CONT.1.4", "CONT.2.1", "COST.1.1", "CTRL.1.1"]
    assert rows["CONT.1.1"] == ItemDemand(
        "CONT.1.1",
        "Backup policy, regulation implementation",
        "in_house",
        2,
        42,
        42,
        ("Acme Dental", "Cedar Ridge"),
    )  # Cedar has no seat count: counted as a client, no seats, no demand
    assert (rows["CONT.1.2"].clients, rows["CONT.1.2"].seats, rows["CONT.1.2"].demand) == (2, 102, 102)


def test_upsell_per_client_with_revenue_each_service_once(client, vcio, portfolio, catalogue):
    context = get(client, vcio, "offering_upsell").context
    shown = {
        c["total"].client: [
            (o["offer"].service, o["offer"].items, o["offer"].monthly_revenue, o["offer"].one_time)
            for o in c["offers"]
        ]
        for c in context["clients"]
    }
    assert shown == {
        "Acme Dental": [
            ("Managed Backup", ("CONT.1.1", "CONT.1.2"), Decimal("525.00"), None),  # 42 × 12.50
            ("DRaaS", ("CONT.1.2", "CONT.1.4"), Decimal("1150.00"), None),  # partner services after in-house
        ],
        "Cedar Ridge": [("Managed Backup", ("CONT.1.1",), None, None)],  # seat count unknown
        "Harbor Law": [
            ("DR Workshop", ("CONT.2.1",), None, Decimal("4500.00")),
            ("Managed Backup", ("CONT.1.2",), Decimal("750.00"), None),
            ("DRaaS", ("CONT.1.2",), Decimal("1150.00"), None),
        ],
    }
    assert (context["monthly"], context["one_time"]) == (Decimal("3575.00"), Decimal("4500.00"))
    html = get(client, vcio, "offering_upsell").content.decode()
    assert "1,675.00 / month" in html and "3,575.00" in html  # Acme: 525 + 1,150; all: + Harbor's 1,900


@pytest.mark.parametrize(
    ("which", "expected"), [("mine", ["Acme Dental", "Cedar Ridge"]), ("none", ["Harbor Law"])]
)
def test_upsell_filters_by_vcio(client, vcio, portfolio, catalogue, which, expected):
    value = str(vcio.pk) if which == "mine" else "none"
    context = get(client, vcio, "offering_upsell", f"?vcio={value}").context
    assert [c["total"].client for c in context["clients"]] == expected


def test_the_coverage_page_shows_the_shares_and_the_radar(client, vcio, catalogue):
    response = get(client, vcio, "offering_coverage")
    assert response.context["report"].overall.covered == 100 * 4 / 139
    html = response.content.decode()
    assert (
        '<div class="value" data-testid="covered">2.9 %</div>' in html and 'class="chart-img"' in html
    )  # the radar
    assert "CONT.1.4" in html and "cov cov-partner" in html


def test_pages_in_every_state_of_an_msp_without_services_or_assessments(client, vcio, msp):
    Client.objects.create(msp=msp, name="Fresh Start", seats=12)
    coverage = get(client, vcio, "offering_coverage").content.decode()
    assert "No services yet" in coverage and "chart-img" not in coverage
    assert "No services yet: add one" in get(client, vcio, "offering_services").content.decode()
    rows = get(client, vcio, "offering_develop_next").context["rows"]
    assert len(rows) == 139 and {r.demand for r in rows} == {0}
    assert "No client is below target" in get(client, vcio, "offering_demand").content.decode()
    assert "Add offered services" in get(client, vcio, "offering_upsell").content.decode()
    assert "0 of 1 client counted" in get(client, vcio, "offering_upsell").content.decode()


def test_pages_with_services_but_no_completed_assessment(client, vcio, catalogue, msp):
    fresh = Client.objects.create(msp=msp, name="Fresh Start", seats=12)
    assessed(fresh, {"CONT.1.1": 0}, complete=False)  # a draft counts for nothing
    rows = get(client, vcio, "offering_develop_next").context["rows"]
    assert len(rows) == 135 and {r.demand for r in rows} == {0}
    upsell = get(client, vcio, "offering_upsell").content.decode()
    assert "No client has a completed assessment yet." in upsell
    assert "not yet assessed: Fresh Start" in upsell


def test_engineers_get_403_and_client_viewers_404(client, engineer, client_viewer):
    for user, status in ((engineer, 403), (client_viewer, 404)):
        client.force_login(user)
        assert [client.get(reverse(name)).status_code for name in PAGES] == [status] * len(PAGES)


def test_the_offering_pages_take_the_same_queries_for_3_or_9_clients(client, vcio, portfolio, catalogue, msp):
    client.force_login(vcio)

    def counts():
        found = []
        for name in ("offering_demand", "offering_develop_next", "offering_upsell"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse(name)).status_code == 200
            found.append(len(captured.captured_queries))
        return found

    before = counts()
    for n in range(6):
        extra = Client.objects.create(msp=msp, name=f"Extra {n}", seats=10 + n, vcio=vcio)
        assessed(extra, {"CONT.1.1": 0, "CONT.2.1": 1, "COST.1.1": n % 3})
    assert counts() == before
