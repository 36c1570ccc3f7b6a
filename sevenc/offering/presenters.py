"""What the offering pages, the client card and the QBR show: read once, computed by the pure modules.

`offering_state(scope)` gathers everything the MSP's offering pages need (spec, catalogue, coverage,
portfolio) in a fixed number of queries; `peer_view(...)` is the peer benchmark of one client as rows for a
template or a frozen QBR snapshot (no other client is ever named in it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from sevenc.assessments.models import Assessment
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.charts import radar
from sevenc.clients.models import Client, Vertical
from sevenc.offering import models
from sevenc.offering.coverage import CoverageReport, coverage
from sevenc.offering.peers import COHORTS, MetricBenchmark, PeerIndex, size_band
from sevenc.offering.portfolio import Portfolio
from sevenc.offering.reading import (
    PortfolioData,
    catalogue,
    offering_spec,
    offering_versions,
    read_portfolio,
)
from sevenc.offering.service_file import Service
from sevenc.tenancy.scoping import Scope, scoped

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


PEER_CACHE_SECONDS = 24 * 3600


def peer_view(client: Client, *, as_of: dt.date | None = None) -> dict[str, Any] | None:
    """The client's ITCQ and block scores against the MSP's portfolio, as plain JSON-ready data; None when
    the client has no completed 7C assessment (as of `as_of`). Read over the whole MSP on purpose: only
    counts and percentiles of the cohorts leave this function, never another client's name or score.

    Kept in the shared cache under a mark of everything it depends on (`_portfolio_mark`): computing it
    reads every client's latest scores (≈ 60 ms at 1,000 clients, on every scorecard view), while the mark
    costs two aggregate queries; any change to the portfolio gives a new mark, so a stale view is never
    served."""
    key = f"sevenc:peers:{client.pk}:{as_of}:{_portfolio_mark(client)}"
    cached = cache.get(key)
    if cached is not None:  # stored as a 1-tuple: None (no completed assessment) is a result too
        return cast(dict[str, Any] | None, cached[0])
    view = _peer_view(client, as_of)
    cache.set(key, (view,), PEER_CACHE_SECONDS)
    return view


def _portfolio_mark(client: Client) -> str:
    """A digest that changes whenever the peer view of any client of this MSP could: a client added,
    removed or edited (seats, vertical: each edit bumps its version), an assessment completed or removed
    (completed assessments never change), a 7C version loaded. Adding and removing at once still moves the
    highest id or the latest completion time."""
    scope = Scope(client.msp)
    clients = scoped(Client, scope).aggregate(n=Count("pk"), edits=Sum("version"), top=Max("pk"))
    completed = scoped(Assessment, scope).filter(status=Assessment.Status.COMPLETED)
    done = completed.aggregate(n=Count("pk"), top=Max("pk"), at=Max("completed_at"))
    parts = (client.msp_id, sorted(clients.items()), sorted(done.items()), offering_versions())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _peer_view(client: Client, as_of: dt.date | None) -> dict[str, Any] | None:
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
