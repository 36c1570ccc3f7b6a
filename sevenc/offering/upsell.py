"""Upsell: per client, the offered services that serve its items below target, with revenue. No Django here.

Over a `sevenc.offering.portfolio.Portfolio` (its clients' below-target flags, computed once):

- An **offer** is one offered service for one client with the client's items below target that the
  service serves (planned and retired services are never upsold).
- Its **revenue**: monthly = seats × price for `per_seat_month` (None when the seat count is unknown), the
  price for `flat_month`, None for `one_time`, whose price is the offer's `one_time` instead.
- **Order**: clients by name (case-blind, then exact), then in-house services before partner ones, then
  service name; an offer's items in framework order. `upsell_lines` / `upsell_json` flatten offers to one
  line per item in that order: a service serving several gaps repeats its revenue on each line, so sum
  revenue over offers or `upsell_totals`, never over lines.
- **Filter by vCIO**: `vcio` a username gives that vCIO's clients, `""` the clients without one, None all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple

from sevenc.offering.portfolio import Portfolio, name_order
from sevenc.offering.service_file import Service


class UpsellOffer(NamedTuple):
    """One offered service for one client, with the client's items below target that it serves."""

    client: str
    service: str
    price_model: str
    monthly_revenue: Decimal | None
    one_time: Decimal | None
    items: tuple[str, ...]  # framework order

    def lines(self) -> list[UpsellLine]:
        return [
            UpsellLine(self.client, item, self.service, self.price_model, self.monthly_revenue, self.one_time)
            for item in self.items
        ]


class UpsellLine(NamedTuple):
    client: str
    item: str
    service: str
    price_model: str
    monthly_revenue: Decimal | None
    one_time: Decimal | None

    def to_json(self) -> dict[str, Any]:
        return {
            "client": self.client,
            "item": self.item,
            "service": self.service,
            "price_model": self.price_model,
            "monthly_revenue": _money(self.monthly_revenue),
            "one_time": _money(self.one_time),
        }


class ClientUpsell(NamedTuple):
    client: str
    monthly_revenue: Decimal  # each monthly service once; per-seat services without a seat count add 0
    one_time: Decimal  # each one-time service once
    services: int
    items: int

    def to_json(self) -> dict[str, Any]:
        return {
            **self._asdict(),
            "monthly_revenue": float(self.monthly_revenue),
            "one_time": float(self.one_time),
        }


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def revenue(service: Service, seats: int | None) -> tuple[Decimal | None, Decimal | None]:
    """(monthly revenue, one-time price) of selling `service` to a client with `seats`."""
    if service.price_model == "one_time":
        return None, service.price
    if service.price_model == "flat_month":
        return service.price, None
    return (None if seats is None else seats * service.price), None


def service_order(service: Service) -> tuple[bool, str, str]:
    """In-house services before partner ones, then by name."""
    return (service.delivery != "in_house", *name_order(service.name))


_new = tuple.__new__


def _offered(portfolio: Portfolio, services: Iterable[Service]) -> list[_Offered]:
    offered = sorted((s for s in services if s.status == "offered"), key=service_order)
    result = []
    for service in offered:
        codes = tuple(code for code in service.items if code in portfolio.position)
        where = tuple(portfolio.position[code] for code in codes)
        spread = bytearray(len(portfolio.codes))
        for n in where:
            spread[n] = 1
        result.append(_Offered(service, codes, where, int.from_bytes(spread, "little")))
    return result


def upsell_offers(
    portfolio: Portfolio, services: Iterable[Service], *, vcio: str | None = None
) -> list[UpsellOffer]:
    """Per client (of one vCIO, or all) each offered service serving some of its items below target.

    Ordered by client name, then in-house before partner services, then service name.
    """
    offered = _offered(portfolio, services)
    offers: list[UpsellOffer] = []
    append = offers.append
    for k, client in enumerate(portfolio.clients):
        if vcio is not None and client.vcio != vcio:
            continue
        mask = portfolio.mask(k)
        flags = portfolio.flags(k)
        seats = client.seats
        for entry in offered:
            if mask & entry.mask:
                monthly, once = entry.fixed or ((None if seats is None else seats * entry.price), None)
                items = tuple(compress(entry.codes, entry.pick(flags)))
                # tuple.__new__ skips the NamedTuple's Python-level __new__: a third of this loop's time
                append(_new(UpsellOffer, (client.name, entry.name, entry.price_model, monthly, once, items)))
    return offers


def upsell(portfolio: Portfolio, services: Iterable[Service], *, vcio: str | None = None) -> list[UpsellLine]:
    """`upsell_offers` as one line per item: client, then service, then framework order."""
    return upsell_lines(upsell_offers(portfolio, services, vcio=vcio))


def upsell_totals(
    portfolio: Portfolio, services: Iterable[Service], *, vcio: str | None = None
) -> list[ClientUpsell]:
    """Per client with an upsell (of one vCIO, or all), in name order: each service's revenue once."""
    offered = _offered(portfolio, services)
    totals = []
    for k, client in enumerate(portfolio.clients):
        if vcio is not None and client.vcio != vcio:
            continue
        mask = portfolio.mask(k)
        monthly = once = Decimal(0)
        hits = 0
        union = 0
        for entry in offered:
            if mask & entry.mask:
                hits += 1
                union |= entry.mask
                per_month, one_time = entry.revenue(client.seats)
                if per_month is not None:
                    monthly += per_month
                if one_time is not None:
                    once += one_time
        if hits:
            totals.append(ClientUpsell(client.name, monthly, once, hits, (mask & union).bit_count()))
    return totals


class _Offered:
    """An offered service prepared for the upsell loops: its items as codes, a picker and one mask."""

    __slots__ = ("codes", "fixed", "mask", "name", "pick", "price", "price_model")

    def __init__(
        self, service: Service, codes: tuple[str, ...], positions: tuple[int, ...], mask: int
    ) -> None:
        self.name = service.name
        self.price_model = service.price_model
        self.price = service.price
        self.codes = codes  # the items it serves, framework order
        # The flags at `positions` as one tuple (one extra index keeps a single item a tuple too;
        # compress stops at the end of `codes`). A service serving nothing here never has a mask hit.
        self.pick: Callable[[list[bool]], tuple[bool, ...]] = (
            itemgetter(*positions, positions[0]) if positions else (lambda flags: ())
        )
        self.mask = mask  # byte i set for each served item i
        # Only a per-seat price depends on the client; the others are worked out once.
        self.fixed = None if service.price_model == "per_seat_month" else revenue(service, None)

    def revenue(self, seats: int | None) -> tuple[Decimal | None, Decimal | None]:
        if self.fixed is not None:
            return self.fixed
        return (None if seats is None else seats * self.price), None


def upsell_lines(offers: Iterable[UpsellOffer]) -> list[UpsellLine]:
    return [line for offer in offers for line in offer.lines()]


def upsell_json(offers: Iterable[UpsellOffer]) -> list[dict[str, Any]]:
    """The shape of `sevenc services upsell --json` (docs/cli.md): one entry per client, service and item."""
    return [
        {
            "client": offer.client,
            "item": item,
            "service": offer.service,
            "price_model": offer.price_model,
            "monthly_revenue": _money(offer.monthly_revenue),
            "one_time": _money(offer.one_time),
        }
        for offer in offers
        for item in offer.items
    ]


def upsell_totals_json(totals: Sequence[ClientUpsell]) -> list[dict[str, Any]]:
    return [total.to_json() for total in totals]
