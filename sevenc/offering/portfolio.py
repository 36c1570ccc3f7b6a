"""Portfolio demand and what to develop next: the offering against every client's gaps. No Django here.

Input per client (`ClientStanding`): name, seats, vertical, vCIO username, the levels of its latest completed
assessment and the targets of its latest goals workshop.

- **Target** of an item: the workshop's item target, else ceil(block target / 25)
  (`sevenc.goals.gaps.level_for_block_target`), else level 3 when no goal is set for it.
- **Below target**: a measured level < the target. Unanswered and N/A items are never below target (as in
  the gap analysis: they are "assess first" or out of scope).
- **Demand** of an item = Σ over the clients below target of seats × the item's weight in that client's
  assessment (its override, else the framework default). A client without a seat count is counted in
  `clients` but adds nothing to `seats` or `demand`.
- **Develop next**: the items whose coverage is `none` or `planned`, every one of them (zero demand too),
  ordered by demand (highest first), then `none` before `planned`, then more clients, then more seats,
  then framework order.
Client names are ordered case-blind, then exactly (`name_order`), in every list. Upsell is in
`sevenc.offering.upsell`, over the same `Portfolio`. The loops over clients × items are C-level iterator
chains (`map`, `compress`, `zip`); docs/offering.md has the measured times.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import contains
from typing import Any, NamedTuple

from sevenc.catalogue.spec import FrameworkSpec
from sevenc.goals.gaps import level_for_block_target
from sevenc.lib.errors import DomainError
from sevenc.offering.coverage import NONE, UNCOVERED

DEFAULT_TARGET_LEVEL = 3
# The levels below each target level: `level in _BELOW[target]` is False for None (not measured) too.
_BELOW = tuple(frozenset(range(target)) for target in range(5))


@dataclass(frozen=True)
class ClientStanding:
    name: str
    seats: int | None
    vertical: str = ""
    vcio: str = ""  # the vCIO's username, "" when the client has none
    # item code → level of the measured items; or, faster, every item's level in framework order with None
    # where not measured (unanswered or N/A), as `array_agg(level ORDER BY position)` gives it
    levels: Mapping[str, int] | Sequence[int | None] = field(default_factory=dict)
    block_targets: Mapping[str, float] = field(default_factory=dict)  # block code → target score 0–100
    item_targets: Mapping[str, int] = field(default_factory=dict)  # item code → target level 0–4
    weights: Mapping[str, int] = field(default_factory=dict)  # the assessment's item weight overrides


def name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def clients_of(clients: Iterable[ClientStanding], vcio: str | None) -> list[ClientStanding]:
    """The clients of one vCIO (`vcio` a username), those without one (`""`), or all (`None`)."""
    return [c for c in clients if vcio is None or c.vcio == vcio]


def target_levels(
    spec: FrameworkSpec, block_targets: Mapping[str, float], item_targets: Mapping[str, int]
) -> dict[str, int]:
    """Target level per item: the item target, else ceil(block target / 25), else 3."""
    by_block = {code: level_for_block_target(score) for code, score in block_targets.items()}
    return {
        item.code: item_targets.get(item.code, by_block.get(item.block, DEFAULT_TARGET_LEVEL))
        for item in spec.items()
    }


class ItemDemand(NamedTuple):
    item: str
    title: str
    coverage: str
    clients: int
    seats: int
    demand: int
    client_names: tuple[str, ...]  # name order

    def to_json(self) -> dict[str, Any]:
        return {**self._asdict(), "client_names": list(self.client_names)}


class Portfolio:
    """Every client's below-target flags, computed once per client and shared by demand and upsell.

    A client's flags are a list of booleans in framework order (True: measured and below target). All
    loops over clients × items are C-level iterator chains: `map` and `compress` per client, `zip(*flags)`
    to turn the rows into one column per item.
    """

    def __init__(self, spec: FrameworkSpec, clients: Iterable[ClientStanding]) -> None:
        self.spec = spec
        self.items = tuple(spec.items())
        self.codes = tuple(item.code for item in self.items)
        self.position = {code: n for n, code in enumerate(self.codes)}
        self.clients = tuple(sorted(clients, key=lambda c: name_order(c.name)))
        # Items come block by block (FrameworkSpec.items), so a block's target level fills one run:
        # block code → target level → that run of "levels below target" sets.
        self._runs = {
            block.code: [(_BELOW[level],) * sum(1 for _ in block.items()) for level in range(len(_BELOW))]
            for block in spec.blocks
        }
        self._targets: dict[tuple[Any, ...], tuple[frozenset[int], ...]] = {}
        self._flags: dict[int, list[bool]] = {}
        self._masks: dict[int, int] = {}

    def _target_vector(self, client: ClientStanding) -> tuple[frozenset[int], ...]:
        """Per item, in framework order, the set of levels below the client's target."""
        # Clients without a workshop share one vector (all 3); others are cached by their target set.
        key = (tuple(sorted(client.block_targets.items())), tuple(sorted(client.item_targets.items())))
        vector = self._targets.get(key)
        if vector is None:
            by_block = {code: level_for_block_target(score) for code, score in client.block_targets.items()}
            runs = (self._runs[block][by_block.get(block, DEFAULT_TARGET_LEVEL)] for block in self._runs)
            vector = tuple(chain.from_iterable(runs))
            if client.item_targets:
                changed = list(vector)
                for code, level in client.item_targets.items():
                    if code in self.position:
                        changed[self.position[code]] = _BELOW[level]
                vector = tuple(changed)
            self._targets[key] = vector
        return vector

    def flags(self, index: int) -> list[bool]:
        """Client `index`'s items in framework order: True where the measured level is below target."""
        flags = self._flags.get(index)
        if flags is None:
            client = self.clients[index]
            levels: Iterable[int | None]
            if isinstance(client.levels, Mapping):
                levels = map(client.levels.get, self.codes)
            elif len(client.levels) == len(self.codes):
                levels = client.levels
            else:
                raise DomainError(
                    f"{len(client.levels)} levels for {len(self.codes)} items: give one per item, in order",
                    field=f"clients[{client.name!r}].levels",
                )
            flags = self._flags[index] = list(map(contains, self._target_vector(client), levels))
        return flags

    def below_target(self, index: int) -> tuple[str, ...]:
        """The codes of client `index`'s items below target, in framework order."""
        return tuple(compress(self.codes, self.flags(index)))

    def demand(self, coverage: Mapping[str, str], *, only: Iterable[str] | None = None) -> list[ItemDemand]:
        """Demand per item (of `only`, default all) in framework order, with its coverage level."""
        wanted = set(self.codes if only is None else only)
        rows = [self.flags(k) for k in range(len(self.clients))]
        columns = zip(*rows, strict=True) if rows else repeat((), len(self.codes))
        seats = [c.seats or 0 for c in self.clients]
        names = [c.name for c in self.clients]
        extra = self._override_extra(rows)
        result = []
        for item, column in zip(self.items, columns, strict=False):
            if item.code not in wanted:
                continue
            seats_below = sum(compress(seats, column))
            client_names = tuple(compress(names, column))
            result.append(
                ItemDemand(
                    item=item.code,
                    title=item.title,
                    coverage=coverage.get(item.code, NONE),
                    clients=len(client_names),
                    seats=seats_below,
                    demand=item.weight * seats_below + extra.get(item.code, 0),
                    client_names=client_names,
                )
            )
        return result

    def _override_extra(self, rows: Sequence[list[bool]]) -> dict[str, int]:
        """Per item, Σ seats × (override − default weight) over the clients below target that override it."""
        extra: dict[str, int] = {}
        for client, flags in zip(self.clients, rows, strict=True):
            if not (client.weights and client.seats):
                continue
            for code, weight in client.weights.items():
                n = self.position.get(code)
                if n is not None and flags[n]:
                    extra[code] = extra.get(code, 0) + client.seats * (weight - self.items[n].weight)
        return extra

    def develop_next(self, coverage: Mapping[str, str]) -> list[ItemDemand]:
        """Items covered `none` or `planned`, highest demand first (ties: module docstring)."""
        uncovered = [code for code in self.codes if coverage.get(code, NONE) in UNCOVERED]
        rows = self.demand(coverage, only=uncovered)
        rows.sort(key=lambda r: (-r.demand, r.coverage != NONE, -r.clients, -r.seats, self.position[r.item]))
        return rows

    def mask(self, index: int) -> int:
        """Client `index`'s flags as one integer, byte i set for item i: an AND tests a whole service."""
        mask = self._masks.get(index)
        if mask is None:
            mask = self._masks[index] = int.from_bytes(bytes(self.flags(index)), "little")
        return mask


def develop_next_json(rows: Sequence[ItemDemand]) -> list[dict[str, Any]]:
    """The shape of `sevenc services develop-next --json` (docs/cli.md); also portfolio demand rows."""
    return [row.to_json() for row in rows]
