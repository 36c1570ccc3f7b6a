"""Peer benchmarks: a client's ITCQ and block scores against the portfolio's percentiles. No Django here.

Three cohorts per client: all clients, the same vertical, the same size band (1–49, 50–149, 150+ seats;
none when the seat count is unknown). Each client counts with its latest completed assessment; a cohort of
one metric holds the clients that have a score for it, the client itself included.

- Percentiles p25, p50 and p75 interpolate linearly between the closest ranks (Hyndman & Fan type 7, the
  default of numpy and of spreadsheet PERCENTILE): for sorted values x[0..n-1], h = (n − 1) · p / 100,
  P = x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋+1] − x[⌊h⌋]).
- The client's percentile rank = 100 × (peers strictly below + ½ × peers equal, itself included) / n: the
  mid-rank definition, so a client alone at the median of an odd cohort ranks exactly 50.
- A cohort with fewer than `min_cohort` (default 5) clients is hidden — no size, no percentiles, no rank —
  so a client viewer can never read another client's score out of a tiny cohort. Minimum and maximum are
  never reported, for the same reason.
Nothing here returns another client's name or key: only counts and percentiles.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MIN_COHORT = 5
PERCENTILES = (25, 50, 75)
SIZE_BANDS = ((1, 49, "1–49"), (50, 149, "50–149"), (150, math.inf, "150+"))
COHORTS = ("all", "vertical", "size")


def size_band(seats: int | None) -> str | None:
    """The label of the size band of `seats`, or None when the seat count is unknown."""
    if seats is None:
        return None
    for low, high, label in SIZE_BANDS:
        if low <= seats <= high:
            return label
    return None


def percentile(ordered: Sequence[float], p: float) -> float:
    """The p-th percentile (0–100) of non-empty sorted values, linear between closest ranks (type 7)."""
    h = (len(ordered) - 1) * p / 100
    low = math.floor(h)
    if low + 1 >= len(ordered):
        return float(ordered[-1])
    below, above = ordered[low], ordered[low + 1]
    # min() because rounding could otherwise put the interpolation a hair above the upper neighbour
    return float(min(above, below + (h - low) * (above - below)))


def percentile_rank(ordered: Sequence[float], value: float) -> float:
    """100 × (values below `value` + ½ × values equal to it) / n, over non-empty sorted values."""
    below = bisect_left(ordered, value)
    equal = bisect_right(ordered, value) - below
    return 100.0 * (below + 0.5 * equal) / len(ordered)


@dataclass(frozen=True)
class PeerScores:
    key: Hashable  # who this is (a client id): only used to find the subject, never returned
    seats: int | None
    vertical: str
    itcq: float | None
    blocks: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Cohort:
    kind: str  # all | vertical | size
    label: str  # "all", the vertical's code, the size band's label; "" for an unknown size
    shown: bool
    reason: str = ""  # why it is hidden
    n: int | None = None
    percentiles: tuple[float, ...] | None = None  # at PERCENTILES
    rank: float | None = None  # the client's percentile rank; None when it has no score

    def to_json(self) -> dict[str, Any]:
        values = self.percentiles or (None,) * len(PERCENTILES)
        return {
            "label": self.label,
            "shown": self.shown,
            "reason": self.reason,
            "n": self.n,
            **{f"p{p}": value for p, value in zip(PERCENTILES, values, strict=True)},
            "rank": self.rank,
        }


@dataclass(frozen=True)
class MetricBenchmark:
    metric: str  # "itcq" or a block code
    value: float | None  # the client's own score
    cohorts: tuple[Cohort, ...]  # in COHORTS order

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "cohorts": {c.kind: c.to_json() for c in self.cohorts}}


@dataclass(frozen=True)
class PeerBenchmark:
    itcq: MetricBenchmark
    blocks: tuple[MetricBenchmark, ...]
    min_cohort: int

    def to_json(self) -> dict[str, Any]:
        return {
            "min_cohort": self.min_cohort,
            "itcq": self.itcq.to_json(),
            "blocks": {b.metric: b.to_json() for b in self.blocks},
        }


def _metric(peer: PeerScores, metric: str) -> float | None:
    return peer.itcq if metric == "itcq" else peer.blocks.get(metric)


class PeerIndex:
    """Sorted scores per cohort and metric, built once; `benchmark(key)` then costs a few bisections."""

    def __init__(
        self, peers: Iterable[PeerScores], blocks: Sequence[str], *, min_cohort: int = MIN_COHORT
    ) -> None:
        self.peers = {peer.key: peer for peer in peers}
        self.blocks = tuple(blocks)
        self.min_cohort = max(1, min_cohort)  # an empty cohort has no percentiles
        self._sorted: dict[tuple[str, str, str], list[float]] = {}
        for peer in self.peers.values():
            groups = [("all", "all"), ("vertical", peer.vertical)]
            band = size_band(peer.seats)
            if band is not None:
                groups.append(("size", band))
            for metric in ("itcq", *self.blocks):
                value = _metric(peer, metric)
                if value is not None:
                    for kind, label in groups:
                        self._sorted.setdefault((kind, label, metric), []).append(value)
        for values in self._sorted.values():
            values.sort()

    def _cohort(self, kind: str, label: str | None, metric: str, value: float | None) -> Cohort:
        if label is None:
            return Cohort(kind, "", shown=False, reason="seat count unknown")
        ordered = self._sorted.get((kind, label, metric), [])
        if len(ordered) < self.min_cohort:
            return Cohort(kind, label, shown=False, reason=f"fewer than {self.min_cohort} clients")
        return Cohort(
            kind,
            label,
            shown=True,
            n=len(ordered),
            percentiles=tuple(percentile(ordered, p) for p in PERCENTILES),
            rank=None if value is None else percentile_rank(ordered, value),
        )

    def _metric_benchmark(self, peer: PeerScores, metric: str) -> MetricBenchmark:
        value = _metric(peer, metric)
        labels = {"all": "all", "vertical": peer.vertical, "size": size_band(peer.seats)}
        return MetricBenchmark(
            metric, value, tuple(self._cohort(kind, labels[kind], metric, value) for kind in COHORTS)
        )

    def benchmark(self, key: Hashable) -> PeerBenchmark:
        """The benchmark of the peer with `key` (KeyError when it is not in the index)."""
        peer = self.peers[key]
        return PeerBenchmark(
            itcq=self._metric_benchmark(peer, "itcq"),
            blocks=tuple(self._metric_benchmark(peer, block) for block in self.blocks),
            min_cohort=self.min_cohort,
        )


def peer_benchmark(
    subject: PeerScores,
    portfolio: Iterable[PeerScores],
    blocks: Sequence[str],
    *,
    min_cohort: int = MIN_COHORT,
) -> PeerBenchmark:
    """`subject` against the portfolio (which may or may not list it already: it counts once)."""
    peers = [peer for peer in portfolio if peer.key != subject.key]
    peers.append(subject)
    return PeerIndex(peers, blocks, min_cohort=min_cohort).benchmark(subject.key)
