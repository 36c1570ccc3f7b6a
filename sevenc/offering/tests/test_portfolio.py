"""Portfolio demand, develop-next and upsell on a hand-made portfolio, number by number."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.lib.errors import DomainError
from sevenc.offering.coverage import item_coverage
from sevenc.offering.portfolio import ClientStanding, Portfolio, develop_next_json, target_levels
from sevenc.offering.tests.helpers import TINY, service
from sevenc.offering.upsell import (
    UpsellOffer,
    upsell,
    upsell_json,
    upsell_offers,
    upsell_totals,
    upsell_totals_json,
)

# TINY weights: A.1.1 2, A.1.2 1, A.2.1 0, B.1.1 1, B.1.2 3, Z.1.1 0.
ACME = ClientStanding(
    "Acme", 10, "dental", "ana", levels={"A.1.1": 2, "A.1.2": 3, "A.2.1": 1, "B.1.1": 0, "B.1.2": 4}
)
BOLT = ClientStanding(  # targets A → ceil(80/25) = 4, B → ceil(50/25) = 2, B.1.2 explicitly 4
    "bolt",
    20,
    "legal",
    "ben",
    levels={"A.1.1": 3, "A.1.2": 4, "B.1.1": 1, "B.1.2": 3},
    block_targets={"A": 80, "B": 50},
    item_targets={"B.1.2": 4},
)
COBALT = ClientStanding(  # no seat count, no vCIO; A → 1, B has no goal → 3
    "Cobalt",
    None,
    "legal",
    "",
    levels={"A.1.1": 0, "A.1.2": 1, "B.1.1": 2, "B.1.2": 2},
    block_targets={"A": 25},
)
SERVICES = [
    service("Project", "A.1.1", "B.1.1", model="one_time", price="4000"),
    service("Partner", "B.1.1", delivery="partner", model="flat_month", price="250"),
    service("Own", "A.1.1", model="per_seat_month", price="10.00"),
    service("Soon", "B.1.2", status="planned"),
    service("Old", "A.1.2", status="retired"),
]
COVERAGE = item_coverage(TINY, SERVICES)


def portfolio(*clients):
    return Portfolio(TINY, clients or (COBALT, BOLT, ACME))


def test_the_target_is_the_item_target_else_the_block_target_level_else_3():
    assert target_levels(TINY, {"A": 80, "B": 50}, {"B.1.2": 4, "A.1.2": 0}) == {
        "A.1.1": 4,
        "A.1.2": 0,
        "A.2.1": 4,
        "B.1.1": 2,
        "B.1.2": 4,
        "Z.1.1": 3,
    }
    assert target_levels(TINY, {"A": 75.0000000001, "B": 0}, {})["A.1.1"] == 3
    assert target_levels(TINY, {"A": 75.0000000001, "B": 0}, {})["B.1.1"] == 0


def test_below_target_ignores_unmeasured_items_and_reaching_the_target():
    world = portfolio()
    names = [c.name for c in world.clients]
    assert names == ["Acme", "bolt", "Cobalt"]  # case-blind name order
    assert world.below_target(0) == ("A.1.1", "A.2.1", "B.1.1")
    assert world.below_target(1) == ("A.1.1", "B.1.1", "B.1.2")
    assert world.below_target(2) == ("A.1.1", "B.1.1", "B.1.2")


def test_levels_may_come_as_one_list_in_framework_order_with_none_where_not_measured():
    aligned = [
        ClientStanding(**{**c.__dict__, "levels": [c.levels.get(code) for code in TINY.item_index]})
        for c in (ACME, BOLT, COBALT)
    ]
    assert Portfolio(TINY, aligned).demand(COVERAGE) == portfolio().demand(COVERAGE)
    assert upsell_offers(Portfolio(TINY, aligned), SERVICES) == upsell_offers(portfolio(), SERVICES)


def test_a_level_list_of_the_wrong_length_is_refused_naming_the_client():
    short = ClientStanding("Short Co", 10, levels=[1, 2, 3])
    with pytest.raises(DomainError, match=r"clients\['Short Co'\].levels: 3 levels for 6 items"):
        Portfolio(TINY, [short]).demand(COVERAGE)


def test_demand_is_seats_times_weight_over_the_clients_below_target():
    rows = {row.item: row for row in portfolio().demand(COVERAGE)}
    assert list(rows) == list(TINY.item_index)
    a11 = rows["A.1.1"]
    assert (a11.coverage, a11.clients, a11.seats, a11.demand) == ("in_house", 3, 30, 60)
    assert a11.client_names == ("Acme", "bolt", "Cobalt")
    assert (rows["A.2.1"].clients, rows["A.2.1"].seats, rows["A.2.1"].demand) == (1, 10, 0)  # weight 0
    assert (rows["B.1.1"].coverage, rows["B.1.1"].demand) == ("in_house", 30)  # Project is in-house
    b12 = rows["B.1.2"]
    assert (b12.coverage, b12.clients, b12.seats, b12.demand) == ("planned", 2, 20, 60)  # Cobalt: no seats
    assert (rows["A.1.2"].clients, rows["A.1.2"].demand, rows["A.1.2"].coverage) == (0, 0, "none")


def test_an_assessments_weight_override_counts_for_that_client_only():
    heavy = ClientStanding(**{**BOLT.__dict__, "weights": {"B.1.2": 5, "A.1.2": 0}})
    rows = {row.item: row for row in portfolio(ACME, heavy, COBALT).demand(COVERAGE)}
    assert rows["B.1.2"].demand == 5 * 20  # Cobalt has no seats; bolt weighs it 5
    assert rows["A.1.1"].demand == 60


def test_develop_next_lists_every_uncovered_item_highest_demand_first():
    rows = portfolio().develop_next(COVERAGE)
    # B.1.2 demand 60; then demand 0: A.2.1 (1 client) before A.1.2 and Z.1.1 (0 clients, framework order).
    assert [r.item for r in rows] == ["B.1.2", "A.2.1", "A.1.2", "Z.1.1"]
    assert develop_next_json(rows)[0] == {
        "item": "B.1.2",
        "title": "b12",
        "coverage": "planned",
        "clients": 2,
        "seats": 20,
        "demand": 60,
        "client_names": ["bolt", "Cobalt"],
    }


def test_develop_next_ties_go_to_none_then_more_clients_then_more_seats_then_framework_order():
    # B.1.1 planned, the rest none. A.1.1 (w2): one client of 10 → demand 20; B.1.1 (w1): two of 10 → 20.
    ten = dict(seats=10, levels={"A.1.1": 0})
    coverage = item_coverage(TINY, [service("soon", "B.1.1", status="planned")])
    clients = [
        ClientStanding("x", **ten),
        ClientStanding("y", 10, levels={"B.1.1": 0}),
        ClientStanding("z", 10, levels={"B.1.1": 0}),
    ]
    rows = Portfolio(TINY, clients).develop_next(coverage)
    assert [(r.item, r.demand) for r in rows[:2]] == [("A.1.1", 20), ("B.1.1", 20)]  # none before planned
    more_clients = [ClientStanding("x", 10, levels={"A.1.1": 0}), *clients[1:]]
    rows = Portfolio(TINY, more_clients).develop_next(item_coverage(TINY, []))
    assert [(r.item, r.clients) for r in rows[:2]] == [("B.1.1", 2), ("A.1.1", 1)]  # both none: more clients
    seats = [ClientStanding("x", 10, levels={"A.1.1": 0}), ClientStanding("y", 20, levels={"B.1.1": 0})]
    rows = Portfolio(TINY, seats).develop_next(item_coverage(TINY, []))
    assert [(r.item, r.demand, r.seats) for r in rows[:2]] == [("B.1.1", 20, 20), ("A.1.1", 20, 10)]
    same = [ClientStanding("x", 10, levels={"A.1.1": 0, "A.1.2": 0, "B.1.1": 1})]
    rows = Portfolio(TINY, same).develop_next(item_coverage(TINY, []))
    assert [(r.item, r.demand) for r in rows[:3]] == [("A.1.1", 20), ("A.1.2", 10), ("B.1.1", 10)]


def test_an_upsell_offer_is_one_service_for_one_client_with_the_gaps_it_serves():
    offers = upsell_offers(portfolio(), SERVICES, vcio="ana")
    # In-house services first (Own, Project), then partner ones (Partner).
    assert offers == [
        UpsellOffer("Acme", "Own", "per_seat_month", Decimal("100.00"), None, ("A.1.1",)),
        UpsellOffer("Acme", "Project", "one_time", None, Decimal("4000"), ("A.1.1", "B.1.1")),
        UpsellOffer("Acme", "Partner", "flat_month", Decimal("250"), None, ("B.1.1",)),
    ]


def test_upsell_prices_each_line_by_the_services_price_model():
    lines = upsell(portfolio(), SERVICES)
    assert [tuple(line) for line in lines] == [
        ("Acme", "A.1.1", "Own", "per_seat_month", Decimal("100.00"), None),
        ("Acme", "A.1.1", "Project", "one_time", None, Decimal("4000")),
        ("Acme", "B.1.1", "Project", "one_time", None, Decimal("4000")),
        ("Acme", "B.1.1", "Partner", "flat_month", Decimal("250"), None),
        ("bolt", "A.1.1", "Own", "per_seat_month", Decimal("200.00"), None),
        ("bolt", "A.1.1", "Project", "one_time", None, Decimal("4000")),
        ("bolt", "B.1.1", "Project", "one_time", None, Decimal("4000")),
        ("bolt", "B.1.1", "Partner", "flat_month", Decimal("250"), None),
        ("Cobalt", "A.1.1", "Own", "per_seat_month", None, None),  # seat count unknown
        ("Cobalt", "A.1.1", "Project", "one_time", None, Decimal("4000")),
        ("Cobalt", "B.1.1", "Project", "one_time", None, Decimal("4000")),
        ("Cobalt", "B.1.1", "Partner", "flat_month", Decimal("250"), None),
    ]
    assert upsell_json(upsell_offers(portfolio(), SERVICES)) == [line.to_json() for line in lines]
    assert upsell_json(upsell_offers(portfolio(), SERVICES))[0] == {
        "client": "Acme",
        "item": "A.1.1",
        "service": "Own",
        "price_model": "per_seat_month",
        "monthly_revenue": 100.0,
        "one_time": None,
    }


def test_planned_and_retired_services_are_never_upsold():
    lines = upsell(portfolio(), SERVICES)
    assert {line.service for line in lines} == {"Own", "Project", "Partner"}
    assert "B.1.2" not in {line.item for line in lines}  # below target for bolt and Cobalt, only planned


@pytest.mark.parametrize(
    ("vcio", "clients"), [("ana", {"Acme"}), ("ben", {"bolt"}), ("", {"Cobalt"}), ("zed", set())]
)
def test_upsell_can_be_filtered_by_vcio_and_unassigned_clients_are_the_empty_username(vcio, clients):
    assert {line.client for line in upsell(portfolio(), SERVICES, vcio=vcio)} == clients
    assert {total.client for total in upsell_totals(portfolio(), SERVICES, vcio=vcio)} == clients


def test_upsell_totals_count_each_service_once_per_client():
    totals = upsell_totals(portfolio(), SERVICES)
    assert [tuple(t) for t in totals] == [
        ("Acme", Decimal("350.00"), Decimal("4000"), 3, 2),
        ("bolt", Decimal("450.00"), Decimal("4000"), 3, 2),
        ("Cobalt", Decimal("250"), Decimal("4000"), 3, 2),
    ]
    assert upsell_totals_json(totals)[0] == {
        "client": "Acme",
        "monthly_revenue": 350.0,
        "one_time": 4000.0,
        "services": 3,
        "items": 2,
    }


def test_an_empty_portfolio_has_no_demand_and_no_upsell():
    world = Portfolio(TINY, [])
    assert all(row.demand == 0 and row.client_names == () for row in world.demand(COVERAGE))
    assert upsell(world, SERVICES) == []
    assert upsell_totals(world, SERVICES) == []


# --- the same numbers from a deliberately plain restatement of docs/offering.md ------------------------

ITEMS = list(TINY.items())
clients_strategy = st.lists(
    st.builds(
        lambda n, seats, levels, blocks, items, weights: ClientStanding(
            f"c{n}", seats, levels=levels, block_targets=blocks, item_targets=items, weights=weights
        ),
        st.integers(0, 10**6),
        st.one_of(st.none(), st.integers(1, 300)),
        st.dictionaries(st.sampled_from([i.code for i in ITEMS]), st.integers(0, 4)),
        st.dictionaries(st.sampled_from(["A", "B", "Z"]), st.integers(0, 100)),
        st.dictionaries(st.sampled_from([i.code for i in ITEMS]), st.integers(0, 4)),
        st.dictionaries(st.sampled_from([i.code for i in ITEMS]), st.integers(0, 5)),
    ),
    max_size=6,
    unique_by=lambda c: c.name,
)


def plain_demand(clients):
    demand = {}
    for item in ITEMS:
        total = 0
        for client in clients:
            if item.code in client.item_targets:
                target = client.item_targets[item.code]
            elif item.block in client.block_targets:
                target = -(-client.block_targets[item.block] // 25)  # ceil
            else:
                target = 3
            level = client.levels.get(item.code)
            if level is not None and level < target:
                total += (client.seats or 0) * client.weights.get(item.code, item.weight)
        demand[item.code] = total
    return demand


@settings(max_examples=300, deadline=None)
@given(clients_strategy)
def test_demand_matches_a_plain_restatement_of_the_formula(clients):
    rows = Portfolio(TINY, clients).demand(COVERAGE)
    assert {row.item: row.demand for row in rows} == plain_demand(clients)
    aligned = [
        ClientStanding(**{**c.__dict__, "levels": [c.levels.get(i.code) for i in ITEMS]}) for c in clients
    ]
    assert Portfolio(TINY, aligned).demand(COVERAGE) == rows
    for row in rows:
        assert row.clients == len(row.client_names)
        assert list(row.client_names) == sorted(row.client_names, key=lambda n: (n.casefold(), n))


services_strategy = st.lists(
    st.builds(
        lambda n, items, delivery, status, model, cents: service(
            f"s{n}", *items, delivery=delivery, status=status, model=model, price=str(cents / 100)
        ),
        st.integers(0, 10**6),
        st.lists(st.sampled_from([i.code for i in ITEMS]), unique=True),
        st.sampled_from(["in_house", "partner"]),
        st.sampled_from(["offered", "planned", "retired"]),
        st.sampled_from(["per_seat_month", "flat_month", "one_time"]),
        st.integers(0, 10**6),
    ),
    max_size=5,
    unique_by=lambda s: s.name,
)


@settings(max_examples=200, deadline=None)
@given(clients_strategy, services_strategy)
def test_upsell_totals_agree_with_the_offers_and_every_line_is_a_gap_an_offered_service_serves(
    clients, services
):
    world = Portfolio(TINY, clients)
    offers = upsell_offers(world, services)
    expected = {
        (client.name, code, s.name)
        for k, client in enumerate(world.clients)
        for code in world.below_target(k)
        for s in services
        if s.status == "offered" and code in s.items
    }
    assert {(line.client, line.item, line.service) for line in upsell(world, services)} == expected
    assert len(upsell(world, services)) == len(expected)
    totals = {t.client: t for t in upsell_totals(world, services)}
    assert set(totals) == {o.client for o in offers}
    for name, total in totals.items():
        mine = [o for o in offers if o.client == name]
        assert total.monthly_revenue == sum((o.monthly_revenue or 0 for o in mine), Decimal(0))
        assert total.one_time == sum((o.one_time or 0 for o in mine), Decimal(0))
        assert (total.services, total.items) == (len(mine), len({i for o in mine for i in o.items}))
