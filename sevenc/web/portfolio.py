"""The portfolio read model: each client with its latest completed ITCQ, trend and block heatmap.

A fixed number of queries however many clients there are: clients, their completed assessments and
the framework's blocks are each read once, then filtered and sorted in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sevenc.assessments.models import Assessment
from sevenc.assessments.scoring import PROVISIONAL_BELOW
from sevenc.catalogue.models import Block
from sevenc.catalogue.services import get_framework
from sevenc.catalogue.spec import FrameworkFormatError
from sevenc.clients.models import Client
from sevenc.tenancy.scoping import Scope, scoped


@dataclass(frozen=True)
class PortfolioRow:
    client: Client
    latest: Assessment | None
    previous: Assessment | None
    blocks: list[float | None] = field(default_factory=list)  # in heatmap column order

    @property
    def itcq(self) -> float | None:
        return self.latest.itcq if self.latest else None

    @property
    def change(self) -> float | None:
        if self.latest is None or self.previous is None or None in (self.latest.itcq, self.previous.itcq):
            return None
        return self.latest.itcq - self.previous.itcq  # type: ignore[operator]

    @property
    def completeness(self) -> float | None:
        return self.latest.completeness if self.latest else None

    @property
    def provisional(self) -> bool:
        return self.completeness is not None and self.completeness < PROVISIONAL_BELOW

    @property
    def vcio_name(self) -> str:
        vcio = self.client.vcio
        return (vcio.get_full_name() or vcio.get_username()) if vcio else ""


@dataclass(frozen=True)
class Filters:
    q: str = ""
    vertical: str = ""
    vcio: str = ""  # a user id, "none" for unassigned, "" for all
    sort: str = "name"
    descending: bool = False


def _text_key(value: str) -> tuple[bool, str]:
    return (not value, value.lower())


# Sort key per column; rows without a value always go last, whatever the direction.
SORT_KEYS: dict[str, Callable[[PortfolioRow], Any]] = {
    "name": lambda r: r.client.name.lower(),
    "seats": lambda r: r.client.seats,
    "vertical": lambda r: r.client.get_vertical_display().lower(),
    "itcq": lambda r: r.itcq,
    "change": lambda r: r.change,
    "completeness": lambda r: r.completeness,
    "vcio": lambda r: r.vcio_name.lower() or None,
    "as_of": lambda r: r.latest.as_of if r.latest else None,
    "next_review": lambda r: r.client.next_review_date,
}


def heatmap_blocks() -> list[Block]:
    """The 7C blocks, in order: the heatmap's columns."""
    try:
        framework = get_framework("7c")
    except FrameworkFormatError:
        return []
    return list(Block.objects.filter(framework=framework).order_by("position"))


def portfolio_rows(scope: Scope, blocks: list[Block] | None = None) -> list[PortfolioRow]:
    blocks = blocks if blocks is not None else heatmap_blocks()
    clients = list(scoped(Client, scope).select_related("vcio"))
    completed = (
        scoped(Assessment, scope)
        .filter(status=Assessment.Status.COMPLETED)
        .order_by("client_id", "as_of", "pk")
        .defer("weights", "block_weights")
    )
    by_client: dict[int, list[Assessment]] = {}
    for assessment in completed:
        by_client.setdefault(assessment.client_id, []).append(assessment)
    rows = []
    for client in clients:
        history = by_client.get(client.pk, [])
        latest = history[-1] if history else None
        scores = latest.block_scores if latest else {}
        rows.append(
            PortfolioRow(
                client=client,
                latest=latest,
                previous=history[-2] if len(history) > 1 else None,
                blocks=[scores.get(block.code) for block in blocks],
            )
        )
    return rows


def sort_key(sort: str, block_codes: list[str]) -> Callable[[PortfolioRow], Any]:
    """The key for a column name, or for "block:CODE" (a heatmap column); unknown names sort by name."""
    if sort.startswith("block:") and sort[6:] in block_codes:
        index = block_codes.index(sort[6:])
        return lambda r: r.blocks[index] if index < len(r.blocks) else None
    return SORT_KEYS.get(sort, SORT_KEYS["name"])


def apply_filters(
    rows: list[PortfolioRow], filters: Filters, block_codes: list[str] | None = None
) -> list[PortfolioRow]:
    q = filters.q.strip().lower()
    if q:
        rows = [
            r
            for r in rows
            if q in r.client.name.lower()
            or q in r.client.primary_contact_name.lower()
            or q in r.client.get_vertical_display().lower()
        ]
    if filters.vertical:
        rows = [r for r in rows if r.client.vertical == filters.vertical]
    if filters.vcio == "none":
        rows = [r for r in rows if r.client.vcio_id is None]
    elif filters.vcio:
        rows = [r for r in rows if str(r.client.vcio_id) == filters.vcio]
    key = sort_key(filters.sort, block_codes or [])
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=key, reverse=filters.descending)
    missing.sort(key=SORT_KEYS["name"])
    return present + missing


def portfolio_summary(rows: list[PortfolioRow], today: dt.date) -> dict[str, Any]:
    scored = [r.itcq for r in rows if r.itcq is not None]
    return {
        "clients": len(rows),
        "average_itcq": sum(scored) / len(scored) if scored else None,
        "improving": sum(1 for r in rows if (r.change or 0) > 0),
        "declining": sum(1 for r in rows if (r.change or 0) < 0),
        "reviews_due": sum(
            1
            for r in rows
            if r.client.next_review_date and r.client.next_review_date <= today + dt.timedelta(30)
        ),
    }
