"""Export rows: every list has a header and one row per entry; money stays exact; formulas are neutralised."""

from decimal import Decimal

from sevenc.lib.tabular import write_csv
from sevenc.offering.coverage import coverage
from sevenc.offering.portfolio import ClientStanding, Portfolio
from sevenc.offering.tables import catalogue_rows, coverage_rows, develop_next_rows, upsell_rows
from sevenc.offering.tests.helpers import TINY, service
from sevenc.offering.upsell import upsell_offers

SERVICES = [
    service("=HYPERLINK(1)", "A.1.1", model="per_seat_month", price="10"),
    service("Soon", "B.1.2", status="planned"),
]
CLIENTS = [ClientStanding("Acme", 10, levels={"A.1.1": 0, "B.1.2": 0})]


def test_the_catalogue_exports_one_row_per_service_with_an_exact_price():
    header, rows = catalogue_rows(SERVICES)
    assert header[0] == "Service" and len(rows) == 2
    assert rows[0][6] == Decimal("10") and rows[0][7] == "A.1.1"
    assert "'=HYPERLINK(1)" in write_csv(header, rows)


def test_coverage_exports_the_framework_blocks_areas_and_items_in_order():
    _, rows = coverage_rows(coverage(TINY, SERVICES), TINY)
    assert [r[1] for r in rows] == [
        "tiny",
        "A",
        "A.1",
        "A.1.1",
        "A.1.2",
        "A.2",
        "A.2.1",
        "B",
        "B.1",
        "B.1.1",
        "B.1.2",
        "Z",
        "Z.1",
        "Z.1.1",
    ]
    assert rows[1][3:5] == [100 * 2 / 3, 100 * 2 / 3]
    assert rows[3][5] == "in_house" and rows[10][5] == "planned"


def test_develop_next_and_upsell_export_one_row_per_entry():
    world = Portfolio(TINY, CLIENTS)
    report = coverage(TINY, SERVICES)
    _, rows = develop_next_rows(world.develop_next(report.items))
    assert rows[0] == ["B.1.2", "b12", "planned", 1, 10, 30, "Acme"]
    _, rows = upsell_rows(upsell_offers(world, SERVICES))
    assert rows == [["Acme", "=HYPERLINK(1)", "per_seat_month", Decimal("100"), None, "A.1.1"]]
