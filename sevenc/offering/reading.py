"""The offering's inputs read from the database as the pure modules' plain data, in a fixed number of queries.

- `offering_spec()`: the framework the offering maps onto (the newest stored 7C).
- `catalogue(scope, spec)`: the MSP's services as (row, `service_file.Service`) pairs, by name.
- `read_portfolio(scope, spec)`: every client of the MSP as a `portfolio.ClientStanding` (its latest
  completed 7C assessment's levels and weights, the targets of its latest goals workshop) and as
  `peers.PeerScores` (the scores stored when that assessment was completed).

"Latest completed" is the completed 7C assessment with the latest `as_of` (then the highest id), like the
portfolio page; assessments of another framework do not count (their items are not 7C's). With `as_of`,
only assessments up to that date count (a QBR held on that day). The targets are those of the latest
workshop (latest `held_on`, then id), whichever assessment it was held against.

However many clients there are, `read_portfolio` makes five queries: the clients, each with its latest
assessment's id (or its stored scores); the latest workshops; the latest assessments' weights and level
digits (`Assessment.level_digits`, written on completion: one short text per client instead of 139
response rows); the block targets; the item targets. Only an assessment of an older 7C version (or one
without digits) is read from its responses, as one pair of arrays (item ids, levels) per assessment on
PostgreSQL (`array_agg`) and as ordered rows grouped in Python elsewhere (SQLite). Which item id sits where
in the framework is read with the framework (`offering_spec`) and kept: a stored framework never changes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import FloatField, OuterRef, QuerySet, Subquery, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Lower

from sevenc.assessments.level_digits import decode
from sevenc.assessments.models import Assessment, Response
from sevenc.catalogue.models import Framework, Item
from sevenc.catalogue.services import get_framework, stored_spec
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.clients.models import Client
from sevenc.goals.models import BlockTarget, ItemTarget, Workshop
from sevenc.offering import models
from sevenc.offering.peers import PeerScores
from sevenc.offering.portfolio import ClientStanding
from sevenc.offering.service_file import Service
from sevenc.tenancy.scoping import Scope, scoped

OFFERING_FRAMEWORK = "7c"


@dataclass(frozen=True)
class _Stored:
    """The newest 7C as a spec, and where each stored 7C item id (of any version) sits in it."""

    spec: FrameworkSpec
    position: dict[int, int]  # item id → index in framework order
    expected: list[int | None]  # the spec's own item ids in framework order
    frameworks: tuple[int, ...]  # the ids of every stored 7C version
    current: int  # the id of the version the spec was read from: its assessments' digits fit the spec


def offering_spec() -> FrameworkSpec:
    """The framework every MSP's offering maps onto: the newest stored 7C. One query: a stored framework
    never changes (a changed one is a new version), so what was read of it is kept."""
    return _stored().spec


def _stored() -> _Stored:
    frameworks = list(
        Framework.objects.filter(code=OFFERING_FRAMEWORK)
        .order_by("-loaded_at", "-pk")
        .values_list("pk", "version", "loaded_at")
    )
    if not frameworks:
        get_framework(OFFERING_FRAMEWORK)  # raises the usual "not loaded" error
    key = tuple(frameworks)
    stored = _CACHE.get(key)
    if stored is None:
        if len(_CACHE) > 16:  # a test suite loads frameworks again and again; keep a handful
            _CACHE.clear()
        framework = get_framework(OFFERING_FRAMEWORK)
        spec = stored_spec(framework)  # the same spec object the pages and the API hold
        order = {code: n for n, code in enumerate(spec.item_index)}
        position: dict[int, int] = {}
        current: dict[int, int] = {}
        rows = Item.objects.filter(framework__code=spec.code).values_list("pk", "code", "framework__version")
        for pk, code, version in rows:
            if code in order:
                position[pk] = order[code]
                if version == spec.version:
                    current[order[code]] = pk
        expected = [current.get(n) for n in range(len(order))]
        stored = _CACHE[key] = _Stored(
            spec, position, expected, tuple(pk for pk, _, _ in frameworks), framework.pk
        )
    return stored


def offering_versions() -> tuple[int, ...]:
    """The ids of every stored 7C version (newest first): what a cached offering figure depends on."""
    return _stored().frameworks


def _stored_for(spec: FrameworkSpec) -> _Stored:
    """What `offering_spec()` read a moment ago with `spec`; another spec (a test's) costs a query."""
    return next((entry for entry in _CACHE.values() if entry.spec is spec), None) or _stored()


_CACHE: dict[tuple[Any, ...], _Stored] = {}


def plain(row: models.Service, codes: Iterable[str]) -> Service:
    return Service(
        name=row.name,
        description=row.description,
        delivery=row.delivery,
        partner=row.partner,
        status=row.status,
        price_model=row.price_model,
        price=row.price,
        items=tuple(codes),
    )


def catalogue(scope: Scope, spec: FrameworkSpec) -> list[tuple[models.Service, Service]]:
    """The MSP's services by name (case-blind), each with its plain data; two queries."""
    rows = list(scoped(models.Service, scope).order_by(Lower("name"), "name"))
    served: dict[int, set[str]] = {row.pk: set() for row in rows}
    for pk, code in (
        scoped(models.Service, scope).filter(items__isnull=False).values_list("pk", "items__code")
    ):
        served[pk].add(code)
    order = spec.item_index  # framework order: exports and upsell lines stay stable
    return [(row, plain(row, _in_order(order, served[row.pk]))) for row in rows]


def _in_order(order: Iterable[str], codes: set[str]) -> list[str]:
    return [code for code in order if code in codes]


@dataclass(frozen=True)
class PortfolioData:
    """Every client of the MSP, in name order, as the pure modules take it."""

    spec: FrameworkSpec
    standings: list[ClientStanding]  # only clients with a completed 7C assessment
    peers: list[PeerScores]  # the same clients; key = client id
    client_ids: dict[str, int]  # client name → id, every client (names are unique per MSP)
    unassessed: list[str] = field(default_factory=list)  # clients without a completed 7C assessment
    workshops: dict[int, int] = field(default_factory=dict)  # client id → its latest workshop's id

    @property
    def clients(self) -> int:
        return len(self.client_ids)


def _latest(scope: Scope, frameworks: tuple[int, ...], as_of: dt.date | None) -> QuerySet[Assessment]:
    """A client's (OuterRef "pk") completed 7C assessments (`frameworks`: 7C's versions), latest first."""
    latest = scoped(Assessment, scope).filter(
        client=OuterRef("pk"), status=Assessment.Status.COMPLETED, framework_id__in=frameworks
    )
    if as_of is not None:
        latest = latest.filter(as_of__lte=as_of)
    return latest.order_by("-as_of", "-pk")


def _latest_workshops(scope: Scope) -> dict[int, int]:
    """Client id → its latest workshop's id (latest `held_on`, then id). One pass over the MSP's workshops
    (a few per client): a per-client subquery made PostgreSQL scan the small table once per client."""
    latest: dict[int, int] = {}
    ordered = scoped(Workshop, scope).order_by("held_on", "pk").values_list("client_id", "pk")
    for client_id, workshop_id in ordered:
        latest[client_id] = workshop_id  # in date order: the last one wins
    return latest


def _among(ids: list[int]) -> Any:
    """`ids` as the right side of `__in`: one array parameter on PostgreSQL (1,000 bound parameters cost
    more to prepare than the query takes), the plain list elsewhere."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids


def read_portfolio(
    scope: Scope, spec: FrameworkSpec, *, as_of: dt.date | None = None, levels: bool = True
) -> PortfolioData:
    """The clients of `scope`: with `levels`, as standings (levels, weights and targets: what demand,
    develop-next and upsell need); without, as peer scores (the scores stored on completion).

    Give the MSP's whole scope (`Scope(msp)`) for portfolio figures: the peer benchmark shown to a client
    viewer is computed over every client of the MSP, and only counts and percentiles leave it."""
    stored = _stored_for(spec)
    latest = _latest(scope, stored.frameworks, as_of)
    annotations: dict[str, Subquery] = {"latest": Subquery(latest.values("pk")[:1])}
    if not levels:
        # The stored scores ride along in the same query (one indexed lookup per client), as JSON text.
        annotations["latest_itcq"] = Subquery(latest.values("itcq")[:1], output_field=FloatField())
        annotations["latest_block_scores"] = Subquery(
            latest.values("block_scores")[:1], output_field=TextField()
        )
    clients = list(
        scoped(Client, scope)
        .annotate(**annotations)
        .order_by(Lower("name"), "name")
        .values("pk", "name", "seats", "vertical", "vcio__username", *annotations)
    )
    assessed = [c for c in clients if c["latest"] is not None]
    data = PortfolioData(
        spec=spec,
        standings=[],
        peers=[],
        client_ids={c["name"]: c["pk"] for c in clients},
        unassessed=[c["name"] for c in clients if c["latest"] is None],
    )
    if not levels:
        data.peers.extend(
            PeerScores(
                key=c["pk"],
                seats=c["seats"],
                vertical=c["vertical"],
                itcq=c["latest_itcq"],
                blocks=dict(_json(c["latest_block_scores"]) or {}),
            )
            for c in assessed
        )
        return data
    known = {c["pk"] for c in clients}
    data.workshops.update((k, v) for k, v in _latest_workshops(scope).items() if k in known)
    # The latest assessments' weights (as JSON text: most are "{}", which needs no decoding) and levels.
    latest_rows = (
        scoped(Assessment, scope)
        .filter(pk__in=_among([c["latest"] for c in assessed]))
        .annotate(weights_text=Cast("weights", TextField()))
        .values_list("pk", "weights_text", "level_digits", "framework_id")
    )
    found = {pk: (weights, digits, framework) for pk, weights, digits, framework in latest_rows}
    weights = {pk: weights for pk, (weights, _, _) in found.items()}
    measured = _measured(scope, spec, found)
    block_targets, item_targets = _targets(scope, set(data.workshops.values()))
    unmeasured: list[int | None] = [None] * len(spec.item_index)
    for c in assessed:
        workshop = data.workshops.get(c["pk"], 0)  # ids start at 1: 0 is "no workshop", with no targets
        data.standings.append(
            ClientStanding(
                name=c["name"],
                seats=c["seats"],
                vertical=c["vertical"],
                vcio=c["vcio__username"] or "",
                levels=measured.get(c["latest"], unmeasured),
                block_targets=block_targets.get(workshop, {}),
                item_targets=item_targets.get(workshop, {}),
                weights={code: int(w) for code, w in (_json(weights[c["latest"]]) or {}).items()},
            )
        )
    return data


def _json(value: str | None) -> Any:
    """A JSON column read as text through a subquery."""
    return None if value is None or value == "{}" else json.loads(value)


def _measured(
    scope: Scope, spec: FrameworkSpec, latest: dict[int, tuple[str, str, int]]
) -> dict[int, list[int | None]]:
    """Assessment id → levels in framework order, for `latest` (id → (weights, level digits, framework
    id)): from the digits stored on completion when the assessment is of the spec's own version; from its
    responses otherwise (an older 7C version, or digits never written), which `_levels` maps by item."""
    stored = _stored_for(spec)
    size = len(stored.expected)
    measured: dict[int, list[int | None]] = {}
    unread = []
    for pk, (_, digits, framework) in latest.items():
        if digits and framework == stored.current and len(digits) == size:
            measured[pk] = decode(digits)
        else:
            unread.append(pk)
    if unread:
        measured.update(_levels(scope, spec, unread))
    return measured


def _levels(scope: Scope, spec: FrameworkSpec, assessment_ids: list[int]) -> dict[int, list[int | None]]:
    """Assessment id → every item's level in framework order, None where unanswered or N/A."""
    stored = _stored_for(spec)
    index, expected, size = stored.position, stored.expected, len(stored.expected)
    # Item ids of every stored 7C version line up by code, so an assessment of an older version counts; an
    # item the spec does not have goes to one spare slot past the end, cut off afterwards.
    at = index.get
    result: dict[int, list[int | None]] = {}
    # N/A responses store no level (a database constraint), so a None level is "not measured" either way.
    for assessment_id, item_ids, levels in _level_arrays(scope, assessment_ids):
        if item_ids == expected:  # every item answered, in framework order: use the levels as they are
            result[assessment_id] = levels
            continue
        row: list[int | None] = [None] * (size + 1)
        for item_id, level in zip(item_ids, levels, strict=True):  # a plain loop beat map/deque chains here
            row[at(item_id, size)] = level
        del row[size]
        result[assessment_id] = row
    return result


def _level_arrays(scope: Scope, assessment_ids: list[int]) -> Iterable[tuple[int, list[int], list[Any]]]:
    """(assessment id, item ids, levels) per assessment; the i-th level is the i-th item's."""
    responses = scoped(Response, scope)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import ArrayAgg  # needs psycopg: PostgreSQL only

        # One row per assessment: its item ids and levels as two arrays aggregated from
        # the same rows, so they pair up whatever their order. No ORDER BY inside the aggregates: sorting
        # 139 rows twice per assessment tripled the query's time; the rows come in index order, which
        # `_levels` checks.
        rows = (
            responses.filter(assessment_id__in=_among(assessment_ids))
            .order_by()
            .values("assessment_id")
            .annotate(ids=ArrayAgg("item_id"), levels=ArrayAgg("level"))
            .values_list("assessment_id", "ids", "levels")
        )
        yield from rows
        return
    current: int | None = None
    ids: list[int] = []
    levels: list[Any] = []
    ordered = responses.filter(assessment_id__in=assessment_ids).order_by(
        "assessment_id", "item__position", "item_id"
    )
    for assessment_id, item_id, level in ordered.values_list("assessment_id", "item_id", "level"):
        if assessment_id != current:
            if current is not None:
                yield current, ids, levels
            current, ids, levels = assessment_id, [], []
        ids.append(item_id)
        levels.append(level)
    if current is not None:
        yield current, ids, levels


def _targets(
    scope: Scope, workshop_ids: set[int]
) -> tuple[dict[int, dict[str, float]], dict[int, dict[str, int]]]:
    """Block and item targets of the given workshops. Read for every workshop of the MSP and sorted out
    here: a client holds a workshop or two a year, fewer rows than a list of ids would be parameters."""
    blocks: dict[int, dict[str, float]] = {}
    items: dict[int, dict[str, int]] = {}
    if not workshop_ids:
        return blocks, items
    for workshop_id, code, score in scoped(BlockTarget, scope).values_list(
        "workshop_id", "block__code", "score"
    ):
        if workshop_id in workshop_ids:
            blocks.setdefault(workshop_id, {})[code] = score
    for workshop_id, code, level in scoped(ItemTarget, scope).values_list(
        "workshop_id", "item__code", "level"
    ):
        if workshop_id in workshop_ids:
            items.setdefault(workshop_id, {})[code] = level
    return blocks, items
