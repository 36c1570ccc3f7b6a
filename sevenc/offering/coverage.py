"""The maturity of the MSP's offering: how much of a framework its services cover. No Django here.

An item is
- `in_house` if an offered in-house service serves it, else
- `partner` if an offered partner service serves it, else
- `planned` if a planned service serves it, else
- `none`.
Retired services count for nothing.

Coverage of an area, a block and the whole framework = 100 × Σ w(items in_house or partner) / Σ w(items),
and the in-house share = 100 × Σ w(items in_house) / Σ w(items), where w is the framework's default item
weight (never an assessment's override: the offering is the same for every client). Both are None when
Σ w = 0. Values are full floats; only displays round.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sevenc.catalogue.spec import FrameworkSpec, ItemSpec

IN_HOUSE = "in_house"
PARTNER = "partner"
PLANNED = "planned"
NONE = "none"
LEVELS = (IN_HOUSE, PARTNER, PLANNED, NONE)  # best first
COVERED = frozenset({IN_HOUSE, PARTNER})
UNCOVERED = frozenset({PLANNED, NONE})

_RANK = {IN_HOUSE: 3, PARTNER: 2, PLANNED: 1, NONE: 0}
_BY_RANK = {rank: level for level, rank in _RANK.items()}


class ServiceLike(Protocol):
    """What coverage needs of a service (`sevenc.offering.service_file.Service`, or any object alike)."""

    @property
    def status(self) -> str: ...
    @property
    def delivery(self) -> str: ...
    @property
    def items(self) -> Iterable[str]: ...


def service_level(service: ServiceLike) -> str | None:
    """What one service contributes to the items it serves; None for a retired service."""
    if service.status == "offered":
        return IN_HOUSE if service.delivery == "in_house" else PARTNER
    if service.status == "planned":
        return PLANNED
    return None


def item_coverage(spec: FrameworkSpec, services: Iterable[ServiceLike]) -> dict[str, str]:
    """Item code → in_house | partner | planned | none, every item of `spec` in framework order.

    Codes a service names that are not in `spec` are ignored (the service file refuses them).
    """
    best: dict[str, int] = {}
    for service in services:
        level = service_level(service)
        if level is None:
            continue
        rank = _RANK[level]
        for code in service.items:
            if best.get(code, 0) < rank:
                best[code] = rank
    return {code: _BY_RANK[best.get(code, 0)] for code in spec.item_index}


@dataclass(frozen=True)
class Share:
    covered: float | None  # percent of the weight served by an offered service (in-house or partner)
    in_house: float | None  # percent of the weight served by an offered in-house service

    def to_json(self) -> dict[str, float | None]:
        return {"covered": self.covered, "in_house": self.in_house}


def share(items: Iterable[ItemSpec], coverage: dict[str, str]) -> Share:
    total = covered = in_house = 0
    for item in items:
        total += item.weight
        level = coverage[item.code]
        if level in COVERED:
            covered += item.weight
            if level == IN_HOUSE:
                in_house += item.weight
    if total == 0:
        return Share(None, None)
    return Share(100.0 * covered / total, 100.0 * in_house / total)


@dataclass(frozen=True)
class CoverageReport:
    overall: Share
    blocks: dict[str, Share]  # block code → share, framework order
    areas: dict[str, Share]  # area code → share, framework order
    items: dict[str, str]  # item code → in_house | partner | planned | none, framework order

    def to_json(self) -> dict[str, Any]:
        """The shape of `sevenc services coverage --json` (docs/cli.md)."""
        return {
            "overall": self.overall.to_json(),
            "blocks": {code: s.to_json() for code, s in self.blocks.items()},
            "areas": {code: s.to_json() for code, s in self.areas.items()},
            "items": dict(self.items),
        }

    def counts(self, codes: Iterable[str] | None = None) -> dict[str, int]:
        """How many items (of `codes`, default all) are at each coverage level."""
        found = {level: 0 for level in LEVELS}
        for code in self.items if codes is None else codes:
            found[self.items[code]] += 1
        return found


def coverage(spec: FrameworkSpec, services: Iterable[ServiceLike]) -> CoverageReport:
    items = item_coverage(spec, services)
    return CoverageReport(
        overall=share(spec.items(), items),
        blocks={block.code: share(block.items(), items) for block in spec.blocks},
        areas={area.code: share(area.items, items) for area in spec.areas()},
        items=items,
    )
