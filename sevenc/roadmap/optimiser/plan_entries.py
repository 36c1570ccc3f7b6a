"""What a plan schedules: recommendations (one per gap item) and projects (anything else with a cost). No
Django here.

Both are entries with an id, one-time and monthly cost, effort hours, prerequisites (`depends_on`, ids of
either kind), an optional pinned quarter and an "excluded" flag. A recommendation raises one item to its
target level; a project raises any number of items (a hardware refresh may raise none: it still uses
budget, hours and the recurring ceiling, and gains nothing). Gains are never counted twice: an item may be
raised by only one entry that is not excluded, else the plan is refused naming both entries.
Every error names the entry (`projects[1] (id 'erp-upgrade')`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sevenc.catalogue.spec import FrameworkSpec
from sevenc.lib.bounds import HOURS, MONEY, NAME, TITLE, Number
from sevenc.lib.errors import DomainError
from sevenc.lib.validation import quoted, reject_unknown_fields
from sevenc.roadmap.optimiser.schedule import MONTHS_PER_QUARTER, QuarterLimit, within

_COMMON_KEYS = {
    "id",
    "title",
    "one_time_cost",
    "monthly_cost",
    "effort_hours",
    "depends_on",
    "pin_quarter",
    "exclude",
}
_REC_KEYS = _COMMON_KEYS | {"item"}
_PROJECT_KEYS = _COMMON_KEYS | {"items"}


class PlanInputError(DomainError):
    """A plan input that cannot be used; the message names the offending entry."""


class Entry(Protocol):
    """What the dependency and pin checks read from a recommendation or a project."""

    @property
    def id(self) -> str: ...
    @property
    def one_time_cost(self) -> float: ...
    @property
    def monthly_cost(self) -> float: ...
    @property
    def effort_hours(self) -> float: ...
    @property
    def depends_on(self) -> tuple[str, ...]: ...
    @property
    def pin_quarter(self) -> str | None: ...
    @property
    def exclude(self) -> bool: ...


@dataclass(frozen=True)
class RecommendationInput:
    id: str
    item: str
    title: str
    one_time_cost: float
    monthly_cost: float
    effort_hours: float
    depends_on: tuple[str, ...]
    pin_quarter: str | None
    exclude: bool


@dataclass(frozen=True)
class ProjectInput:
    """Work beyond the gaps (hardware refresh, office move, ERP upgrade …)."""

    id: str
    title: str
    one_time_cost: float
    monthly_cost: float
    effort_hours: float
    depends_on: tuple[str, ...] = ()
    pin_quarter: str | None = None
    exclude: bool = False
    items: tuple[str, ...] = ()  # items it raises to their target level; may be empty


def amount(kind: Number, value: Any, where: str, name: str) -> float:
    """A MONEY or HOURS amount (sevenc.lib.bounds: no booleans, text, NaN or negatives) as a float."""
    try:
        return float(kind.parse(value, field=f"{where}: {name}"))
    except DomainError as exc:
        raise PlanInputError(str(exc)) from None


def parse_recommendations(
    raw: Any, spec: FrameworkSpec, labels: Sequence[str]
) -> tuple[RecommendationInput, ...]:
    if not isinstance(raw, list):
        raise PlanInputError("recommendations: must be a list")
    by_item: dict[str, str] = {}
    recs: list[RecommendationInput] = []
    for n, entry in enumerate(raw):
        where, common = _common(entry, f"recommendations[{n}]", _REC_KEYS, labels)
        item = entry.get("item")
        if not isinstance(item, str) or item not in spec.item_index:  # a list or an object is no code
            raise PlanInputError(f"{where}: unknown item {quoted(item)} in {spec.code} {spec.version}")
        if item in by_item:
            raise PlanInputError(
                f"{where}: item {item} already has recommendation {by_item[item]!r}; one per item"
            )
        by_item[item] = common["id"]
        recs.append(RecommendationInput(item=item, **common))
    return tuple(recs)


def parse_projects(raw: Any, spec: FrameworkSpec, labels: Sequence[str]) -> tuple[ProjectInput, ...]:
    if not isinstance(raw, list):
        raise PlanInputError("projects: must be a list")
    projects: list[ProjectInput] = []
    for n, entry in enumerate(raw):
        where, common = _common(entry, f"projects[{n}]", _PROJECT_KEYS, labels)
        items = entry.get("items", [])
        if not isinstance(items, list) or not all(isinstance(code, str) for code in items):
            raise PlanInputError(f"{where}: items must be a list of item codes")
        for code in items:
            if code not in spec.item_index:
                raise PlanInputError(f"{where}: unknown item {quoted(code)} in {spec.code} {spec.version}")
        if len(set(items)) != len(items):
            twice = next(code for code in items if items.count(code) > 1)
            raise PlanInputError(f"{where}: item {twice} is listed twice")
        projects.append(ProjectInput(items=tuple(items), **common))
    return tuple(projects)


def _common(entry: Any, where: str, keys: set[str], labels: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """The fields recommendations and projects share, checked; and `where` naming the entry by its id."""
    if not isinstance(entry, dict):
        raise PlanInputError(f"{where}: must be an object")
    entry_id = entry.get("id")
    if not isinstance(entry_id, str) or not entry_id.strip():
        raise PlanInputError(f"{where}: 'id' is required text")
    entry_id = _text(NAME, entry_id, where, "id")
    where = f"{where} (id {entry_id!r})"
    reject_unknown_fields(entry, keys, where, PlanInputError)
    depends_on = entry.get("depends_on", [])
    if not isinstance(depends_on, list) or not all(isinstance(d, str) for d in depends_on):
        raise PlanInputError(f"{where}: depends_on must be a list of recommendation or project ids")
    if entry_id in depends_on:
        raise PlanInputError(f"{where}: depends on itself")
    pin = entry.get("pin_quarter")
    if pin is not None and pin not in labels:
        raise PlanInputError(f"{where}: pin_quarter {pin!r} is not one of the quarters")
    exclude = entry.get("exclude", False)
    if not isinstance(exclude, bool):
        raise PlanInputError(f"{where}: exclude must be true or false")
    if exclude and pin is not None:
        raise PlanInputError(f"{where}: is both excluded and pinned to {pin!r}; choose one")
    return where, {
        "id": entry_id,
        "title": _text(TITLE, entry.get("title", ""), where, "title"),
        "one_time_cost": amount(MONEY, entry.get("one_time_cost", 0), where, "one_time_cost"),
        "monthly_cost": amount(MONEY, entry.get("monthly_cost", 0), where, "monthly_cost"),
        "effort_hours": amount(HOURS, entry.get("effort_hours", 0), where, "effort_hours"),
        "depends_on": tuple(dict.fromkeys(depends_on)),
        "pin_quarter": pin,
        "exclude": exclude,
    }


def _text(kind: Any, value: Any, where: str, name: str) -> str:
    try:
        return str(kind.clean(value, field=f"{where}: {name}"))
    except DomainError as exc:
        raise PlanInputError(str(exc)) from None


def check_ids(recs: Sequence[RecommendationInput], projects: Sequence[ProjectInput]) -> None:
    """Ids are unique across both kinds, and every prerequisite names one of them."""
    first: dict[str, str] = {}
    kinds: tuple[tuple[str, Sequence[Entry]], ...] = (("recommendations", recs), ("projects", projects))
    for kind, entries in kinds:
        for n, entry in enumerate(entries):
            where = f"{kind}[{n}] (id {entry.id!r})"
            if entry.id in first:
                raise PlanInputError(f"{where}: id used twice (first at {first[entry.id]})")
            first[entry.id] = f"{kind}[{n}]"
    for kind, entries in kinds:
        for n, entry in enumerate(entries):
            for dep in entry.depends_on:
                if dep not in first:
                    raise PlanInputError(f"{kind}[{n}] (id {entry.id!r}): depends on unknown id {dep!r}")


def check_items_raised_once(recs: Sequence[RecommendationInput], projects: Sequence[ProjectInput]) -> None:
    """An item's gain counts once: refuse two entries that are not excluded raising the same item."""
    raised_by: dict[str, str] = {}
    raising: list[tuple[str, tuple[str, ...], bool]] = [
        (f"recommendation {r.id!r}", (r.item,), r.exclude) for r in recs
    ]
    raising += [(f"project {p.id!r}", p.items, p.exclude) for p in projects]
    for name, items, excluded in raising:
        if excluded:
            continue
        for item in items:
            if item in raised_by:
                raise PlanInputError(
                    f"item {item} is raised by both {raised_by[item]} and {name}; its gain would count "
                    "twice: exclude one, or take the item out of the project"
                )
            raised_by[item] = name


def find_cycle(depends_on: Mapping[str, Sequence[str]]) -> list[str] | None:
    """A dependency cycle as ids, first id repeated at the end; None when there is none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in depends_on:
        if state.get(root):
            continue
        path: list[str] = [root]
        stack = [iter(depends_on.get(root, ()))]
        state[root] = 1
        while stack:
            dep = next(stack[-1], None)
            if dep is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            elif not state.get(dep):
                state[dep] = 1
                path.append(dep)
                stack.append(iter(depends_on.get(dep, ())))
    return None


def check_dependencies(entries: Sequence[Entry]) -> None:
    cycle = find_cycle({entry.id: entry.depends_on for entry in entries})
    if cycle:
        raise PlanInputError(f"dependency cycle {' → '.join(cycle)}")


def check_pins(entries: Sequence[Entry], quarters: Sequence[QuarterLimit]) -> None:
    """Pins that cannot be honoured whatever else is scheduled: name the constraint and the quarter."""
    by_id = {entry.id: entry for entry in entries}
    number = {quarter.label: n for n, quarter in enumerate(quarters, start=1)}
    pinned = [entry for entry in entries if entry.pin_quarter is not None]
    for entry in pinned:
        pin = number[entry.pin_quarter]  # type: ignore[index]
        for dep_id in entry.depends_on:
            dep = by_id[dep_id]
            if dep.exclude:
                raise PlanInputError(
                    f"{entry.id} is pinned to {entry.pin_quarter} but its prerequisite {dep.id} is excluded"
                )
            if dep.pin_quarter is not None and number[dep.pin_quarter] >= pin:
                raise PlanInputError(
                    f"{entry.id} is pinned to {entry.pin_quarter}, not after its prerequisite {dep.id} "
                    f"({dep.pin_quarter})"
                )
    running_monthly = 0.0
    for quarter in quarters:
        here = [entry for entry in pinned if entry.pin_quarter == quarter.label]
        names = ", ".join(entry.id for entry in here)
        one_time = sum(entry.one_time_cost for entry in here)
        if not within(one_time, quarter.budget):
            raise PlanInputError(
                f"pins exceed the one-time budget of {quarter.label}: {one_time:g} > {quarter.budget:g} ({names})"
            )
        hours = sum(entry.effort_hours for entry in here)
        if not within(hours, quarter.capacity_hours):
            raise PlanInputError(
                f"pins exceed the capacity of {quarter.label}: {hours:g} h > {quarter.capacity_hours:g} h ({names})"
            )
        running_monthly += sum(entry.monthly_cost for entry in here)
        recurring = MONTHS_PER_QUARTER * running_monthly
        if quarter.recurring_ceiling is not None and not within(recurring, quarter.recurring_ceiling):
            raise PlanInputError(
                f"pins exceed the recurring ceiling of {quarter.label}: {recurring:g} > "
                f"{quarter.recurring_ceiling:g} (pinned up to and including {quarter.label})"
            )
