"""The demo MSP's starter catalogue: valid, believable, and with a real profile of covered and open areas."""

import random

from sevenc.catalogue.spec import packaged_framework
from sevenc.offering.coverage import coverage
from sevenc.offering.portfolio import ClientStanding, Portfolio
from sevenc.offering.service_file import parse_services, starter_catalogue
from sevenc.offering.upsell import upsell

SPEC = packaged_framework("7c")


def test_the_starter_catalogue_loads_and_round_trips():
    catalogue = starter_catalogue()
    assert catalogue.framework == "7c"
    assert 20 <= len(catalogue.services) <= 30
    assert parse_services(catalogue.to_json()) == catalogue


def test_it_mixes_price_models_partners_and_statuses_like_a_real_msp():
    services = starter_catalogue().services
    assert {s.price_model for s in services} == {"per_seat_month", "flat_month", "one_time"}
    assert {s.status for s in services} == {"offered", "planned", "retired"}
    assert len({s.partner for s in services if s.delivery == "partner"}) >= 2
    assert all(s.description and s.items for s in services)
    per_seat = [s.price for s in services if s.price_model == "per_seat_month" and s.status == "offered"]
    assert min(per_seat) >= 2 and max(per_seat) <= 150  # dollars per seat and month


def test_its_coverage_has_well_covered_blocks_and_real_holes():
    report = coverage(SPEC, starter_catalogue().services)
    covered = {code: share.covered for code, share in report.blocks.items()}
    assert max(covered.values()) >= 80
    assert min(covered.values()) < 40
    assert set(report.items.values()) == {"in_house", "partner", "planned", "none"}
    assert 50 < report.overall.covered < 90


def test_develop_next_has_something_to_say_for_a_typical_portfolio():
    rng = random.Random(7)
    codes = list(SPEC.item_index)
    clients = [
        ClientStanding(
            f"Client {n}", rng.randint(20, 300), levels={c: rng.choice([0, 1, 2, 2, 3, 3, 4]) for c in codes}
        )
        for n in range(30)
    ]
    report = coverage(SPEC, starter_catalogue().services)
    rows = Portfolio(SPEC, clients).develop_next(report.items)
    assert rows[0].demand > 0
    assert {row.coverage for row in rows} == {"none", "planned"}
    lines = upsell(Portfolio(SPEC, clients), starter_catalogue().services)
    assert any(line.monthly_revenue for line in lines)
