"""The offering's lists as spreadsheet rows (header + rows) for the CSV and XLSX exports. No Django here.

Write them through `sevenc.lib.tabular` (`write_csv`, `append_row`), which neutralises formulas in text.
Money is a Decimal (exact) and percentages full floats; an empty value is None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sevenc.catalogue.spec import FrameworkSpec
from sevenc.offering.coverage import CoverageReport
from sevenc.offering.portfolio import ItemDemand
from sevenc.offering.service_file import Service
from sevenc.offering.upsell import UpsellOffer

Table = tuple[list[str], list[list[Any]]]


def catalogue_rows(services: Iterable[Service]) -> Table:
    header = ["Service", "Description", "Delivery", "Partner", "Status", "Price model", "Price", "Items"]
    rows = [
        [s.name, s.description, s.delivery, s.partner, s.status, s.price_model, s.price, " ".join(s.items)]
        for s in services
    ]
    return header, rows


def coverage_rows(report: CoverageReport, spec: FrameworkSpec) -> Table:
    """Block, area and item rows in framework order; items carry their level, blocks and areas the shares."""
    header = ["Level", "Code", "Title", "Covered %", "In-house %", "Coverage"]
    rows: list[list[Any]] = [
        ["framework", spec.code, spec.name, report.overall.covered, report.overall.in_house, None]
    ]
    for block in spec.blocks:
        share = report.blocks[block.code]
        rows.append(["block", block.code, block.name, share.covered, share.in_house, None])
        for area in block.areas:
            share = report.areas[area.code]
            rows.append(["area", area.code, area.title, share.covered, share.in_house, None])
            rows.extend(["item", i.code, i.title, None, None, report.items[i.code]] for i in area.items)
    return header, rows


def develop_next_rows(rows: Iterable[ItemDemand]) -> Table:
    header = ["Item", "Title", "Coverage", "Clients", "Seats", "Demand", "Client names"]
    return header, [
        [r.item, r.title, r.coverage, r.clients, r.seats, r.demand, ", ".join(r.client_names)] for r in rows
    ]


def upsell_rows(offers: Iterable[UpsellOffer]) -> Table:
    """One row per offer (a service's revenue appears once, with the items it serves)."""
    header = ["Client", "Service", "Price model", "Monthly revenue", "One-time", "Items below target"]
    return header, [
        [o.client, o.service, o.price_model, o.monthly_revenue, o.one_time, " ".join(o.items)] for o in offers
    ]
