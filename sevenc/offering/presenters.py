"""What the offering pages, the client card and the QBR show: read once, computed by the pure modules.

`offering_state(scope)` gathers everything the MSP's offering pages need (spec, catalogue, coverage,
portfolio) in a fixed number of queries; `peer_view(...)` is the peer benchmark of one client as rows for a
template or a frozen QBR snapshot (no other client is ever named in it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sevenc.catalogue.spec import FrameworkSpec
from sevenc.charts import radar
from sevenc.clients.models import Client, Vertical
from sevenc.offering import models
from sevenc.offering.coverage import CoverageReport, coverage
from sevenc.offering.peers import COHORTS, MetricBenchmark, PeerIndex, size_band
from sevenc.offering.portfolio import Portfolio
from sevenc.offering.reading import PortfolioData, catalogue, offering_spec, read_portfolio
from sevenc.offering.service_file import Service
from sevenc.tenancy.scoping import Scope

COVERAGE_COLOURS = ("#1f4e79", "#2e8b57")  # covered, in-house
LEVEL_LABELS = {"in_house": "In-house", "partner": "Partner", "planned": "Planned", "none": "No service"}


@dataclass
class OfferingState:
    """The MSP's offering as the pages show it; the portfolio is read only when a page asks for it."""

    scope: Scope
    spec: FrameworkSpec
    services: list[tuple[models.Service, Service]]

    @cached_property
    def plain_services(self) -> list[Service]:
        return [data for _, data in self.services]

    @cached_property
    def coverage(self) -> CoverageReport:
        return coverage(self.spec, self.plain_services)

    @cached_property
    def data(self) -> PortfolioData:
        return read_portfolio(self.scope, self.spec)

    @cached_property
    def portfolio(self) -> Portfolio:
        return Portfolio(self.spec, self.data.standings)

    def service_rows(self) -> dict[str, models.Service]:
        return {row.name: row for row, _ in self.services}


def offering_state(scope: Scope) -> OfferingState:
    spec = offering_spec()
    return OfferingState(scope=scope, spec=spec, services=catalogue(scope, spec))


def coverage_radar(
    report: CoverageReport, spec: FrameworkSpec, *, width: int = 520, height: int = 420
) -> str:
    labels = [block.name for block in spec.blocks]
    series = {
        "Covered": [report.blocks[block.code].covered for block in spec.blocks],
        "In-house": [report.blocks[block.code].in_house for block in spec.blocks],
    }
    return radar(labels, series, colors=COVERAGE_COLOURS, width=width, height=height)


COHORT_TITLES = {"all": "All clients", "vertical": "Same vertical", "size": "Same size"}


def _cohort_label(kind: str, client: Client) -> str:
    if kind == "all":
        return ""
    if kind == "vertical":
        return dict(Vertical.choices).get(client.vertical, client.vertical)
    band = size_band(client.seats)
    return f"{band} seats" if band else "seat count unknown"


def _row(code: str, name: str, metric: MetricBenchmark) -> dict[str, Any]:
    cohorts = metric.to_json()["cohorts"]
    return {"code": code, "name": name, "value": metric.value, "cohorts": [cohorts[kind] for kind in COHORTS]}


def peer_view(client: Client, *, as_of: dt.date | None = None) -> dict[str, Any] | None:
    """The client's ITCQ and block scores against the MSP's portfolio, as plain JSON-ready data; None when
    the client has no completed 7C assessment (as of `as_of`). Read over the whole MSP on purpose: only
    counts and percentiles of the cohorts leave this function, never another client's name or score."""
    spec = offering_spec()
    data = read_portfolio(Scope(client.msp), spec, as_of=as_of, levels=False)
    blocks = [block.code for block in spec.blocks]
    index = PeerIndex(data.peers, blocks)
    if client.pk not in index.peers:
        return None
    benchmark = index.benchmark(client.pk)
    names = {block.code: block.name for block in spec.blocks}
    rows = [_row("itcq", "ITCQ", benchmark.itcq)]
    rows += [_row(b.metric, names[b.metric], b) for b in benchmark.blocks]
    return {
        "min_cohort": benchmark.min_cohort,
        "cohorts": [
            {"kind": kind, "title": COHORT_TITLES[kind], "label": _cohort_label(kind, client)}
            for kind in COHORTS
        ],
        "rows": rows,
    }
