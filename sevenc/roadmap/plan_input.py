"""The plan-input format (docs/formats.md, "Plan input"): an assessment plus targets, recommendations and
quarters. Parse and validate; every error names the entry. No Django here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sevenc.assessments.exchange import (
    AssessmentDoc,
    ExchangeError,
    FrameworkResolver,
    parse_document,
    scoring_items,
)
from sevenc.assessments.scoring import ScoringItem
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.goals.gaps import TargetError, validate_targets
from sevenc.lib.validation import reject_unknown_fields
from sevenc.roadmap.schedule import MONTHS_PER_QUARTER, QuarterLimit, within

PLAN_FIELDS = ("targets", "recommendations", "quarters")
_REC_KEYS = {
    "id",
    "item",
    "title",
    "one_time_cost",
    "monthly_cost",
    "effort_hours",
    "depends_on",
    "pin_quarter",
    "exclude",
}
_QUARTER_KEYS = {"label", "budget", "capacity_hours", "recurring_ceiling"}
MAX_QUARTERS = 40


class PlanInputError(ValueError):
    """A plan input that cannot be used; the message names the offending entry."""


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
class PlanInput:
    doc: AssessmentDoc
    spec: FrameworkSpec
    items: list[ScoringItem]
    block_targets: dict[str, float]
    item_targets: dict[str, int]
    recommendations: tuple[RecommendationInput, ...]
    quarters: tuple[QuarterLimit, ...]

    def quarter_number(self, label: str) -> int:
        return [q.label for q in self.quarters].index(label) + 1


def amount(value: Any, where: str, name: str) -> float:
    """A non-negative, finite number (money or hours)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PlanInputError(f"{where}: {name} {value!r} must be a number")
    if value < 0:
        raise PlanInputError(f"{where}: {name} {value!r} must not be negative")
    return float(value)


def parse_plan(data: Any, resolve: FrameworkResolver) -> PlanInput:
    if not isinstance(data, dict):
        raise PlanInputError("document: must be a JSON object")
    assessment = {key: value for key, value in data.items() if key not in PLAN_FIELDS}
    try:
        doc, spec = parse_document(assessment, resolve)
    except ExchangeError as exc:
        raise PlanInputError(str(exc)) from None
    items = scoring_items(spec, doc.weights)
    block_targets, item_targets = _targets(data.get("targets", {}), items)
    quarters = _quarters(data.get("quarters"))
    recommendations = _recommendations(data.get("recommendations", []), spec, quarters)
    doc_answers = doc.answers()
    for n, rec in enumerate(recommendations):
        answer = doc_answers.get(rec.item)
        if answer is None or answer.level is None:
            state = "is N/A" if answer is not None and answer.na else "has no level yet; assess it first"
            raise PlanInputError(f"recommendations[{n}] (id {rec.id!r}): item {rec.item} {state}")
    check_dependencies(recommendations)
    check_pins(recommendations, quarters)
    return PlanInput(doc, spec, items, block_targets, item_targets, recommendations, quarters)


def _targets(raw: Any, items: list[ScoringItem]) -> tuple[dict[str, float], dict[str, int]]:
    if not isinstance(raw, dict) or set(raw) - {"blocks", "items"}:
        raise PlanInputError('targets: must be an object with "blocks" and/or "items"')
    blocks, explicit = raw.get("blocks", {}), raw.get("items", {})
    if not isinstance(blocks, dict) or not isinstance(explicit, dict):
        raise PlanInputError("targets: blocks and items must be objects of code → target")
    try:
        validate_targets(items, blocks, explicit)
    except TargetError as exc:
        raise PlanInputError(str(exc)) from None
    return {k: float(v) for k, v in blocks.items()}, dict(explicit)


def _quarters(raw: Any) -> tuple[QuarterLimit, ...]:
    if not isinstance(raw, list) or not raw:
        raise PlanInputError("quarters: required, a non-empty list")
    if len(raw) > MAX_QUARTERS:
        raise PlanInputError(f"quarters: at most {MAX_QUARTERS}")
    quarters: list[QuarterLimit] = []
    for n, entry in enumerate(raw):
        where = f"quarters[{n}]"
        if not isinstance(entry, dict):
            raise PlanInputError(f"{where}: must be an object")
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            raise PlanInputError(f"{where}: 'label' is required text")
        where = f"{where} ({label!r})"
        if label in [q.label for q in quarters]:
            raise PlanInputError(f"{where}: label used twice")
        reject_unknown_fields(entry, _QUARTER_KEYS, where, PlanInputError)
        ceiling = entry.get("recurring_ceiling")
        quarters.append(
            QuarterLimit(
                label=label,
                budget=amount(entry.get("budget"), where, "budget"),
                capacity_hours=amount(entry.get("capacity_hours"), where, "capacity_hours"),
                recurring_ceiling=None if ceiling is None else amount(ceiling, where, "recurring_ceiling"),
            )
        )
    return tuple(quarters)


def _recommendations(
    raw: Any, spec: FrameworkSpec, quarters: Sequence[QuarterLimit]
) -> tuple[RecommendationInput, ...]:
    if not isinstance(raw, list):
        raise PlanInputError("recommendations: must be a list")
    known_items = spec.item_index
    labels = [q.label for q in quarters]
    ids: dict[str, int] = {}
    by_item: dict[str, str] = {}
    recs: list[RecommendationInput] = []
    for n, entry in enumerate(raw):
        where = f"recommendations[{n}]"
        if not isinstance(entry, dict):
            raise PlanInputError(f"{where}: must be an object")
        rec_id = entry.get("id")
        if not isinstance(rec_id, str) or not rec_id.strip():
            raise PlanInputError(f"{where}: 'id' is required text")
        where = f"{where} (id {rec_id!r})"
        if rec_id in ids:
            raise PlanInputError(f"{where}: id used twice (first at recommendations[{ids[rec_id]}])")
        ids[rec_id] = n
        reject_unknown_fields(entry, _REC_KEYS, where, PlanInputError)
        item = entry.get("item")
        if item not in known_items:
            raise PlanInputError(f"{where}: unknown item {item!r} in {spec.code} {spec.version}")
        if item in by_item:
            raise PlanInputError(
                f"{where}: item {item} already has recommendation {by_item[item]!r}; one per item"
            )
        by_item[item] = rec_id
        depends_on = entry.get("depends_on", [])
        if not isinstance(depends_on, list) or not all(isinstance(d, str) for d in depends_on):
            raise PlanInputError(f"{where}: depends_on must be a list of recommendation ids")
        pin = entry.get("pin_quarter")
        if pin is not None and pin not in labels:
            raise PlanInputError(f"{where}: pin_quarter {pin!r} is not one of the quarters")
        exclude = entry.get("exclude", False)
        if not isinstance(exclude, bool):
            raise PlanInputError(f"{where}: exclude must be true or false")
        if exclude and pin is not None:
            raise PlanInputError(f"{where}: is both excluded and pinned to {pin!r}; choose one")
        title = entry.get("title", "")
        recs.append(
            RecommendationInput(
                id=rec_id,
                item=item,
                title=title if isinstance(title, str) else str(title),
                one_time_cost=amount(entry.get("one_time_cost", 0), where, "one_time_cost"),
                monthly_cost=amount(entry.get("monthly_cost", 0), where, "monthly_cost"),
                effort_hours=amount(entry.get("effort_hours", 0), where, "effort_hours"),
                depends_on=tuple(dict.fromkeys(depends_on)),
                pin_quarter=pin,
                exclude=exclude,
            )
        )
    for n, rec in enumerate(recs):
        for dep in rec.depends_on:
            if dep not in ids:
                raise PlanInputError(f"recommendations[{n}] (id {rec.id!r}): depends on unknown id {dep!r}")
    return tuple(recs)


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


def check_dependencies(recs: Sequence[RecommendationInput]) -> None:
    cycle = find_cycle({rec.id: rec.depends_on for rec in recs})
    if cycle:
        raise PlanInputError(f"recommendations: dependency cycle {' → '.join(cycle)}")


def check_pins(recommendations: Sequence[RecommendationInput], quarters: Sequence[QuarterLimit]) -> None:
    """Pins that cannot be honoured whatever else is scheduled: name the constraint and the quarter."""
    by_id = {rec.id: rec for rec in recommendations}
    number = {quarter.label: n for n, quarter in enumerate(quarters, start=1)}
    pinned = [rec for rec in recommendations if rec.pin_quarter is not None]
    for rec in pinned:
        pin = number[rec.pin_quarter]  # type: ignore[index]
        for dep_id in rec.depends_on:
            dep = by_id[dep_id]
            if dep.exclude:
                raise PlanInputError(
                    f"{rec.id} is pinned to {rec.pin_quarter} but its prerequisite {dep.id} is excluded"
                )
            if dep.pin_quarter is not None and number[dep.pin_quarter] >= pin:
                raise PlanInputError(
                    f"{rec.id} is pinned to {rec.pin_quarter}, not after its prerequisite {dep.id} ({dep.pin_quarter})"
                )
    running_monthly = 0.0
    for quarter in quarters:
        here = [rec for rec in pinned if rec.pin_quarter == quarter.label]
        names = ", ".join(rec.id for rec in here)
        one_time = sum(rec.one_time_cost for rec in here)
        if not within(one_time, quarter.budget):
            raise PlanInputError(
                f"pins exceed the one-time budget of {quarter.label}: {one_time:g} > {quarter.budget:g} ({names})"
            )
        hours = sum(rec.effort_hours for rec in here)
        if not within(hours, quarter.capacity_hours):
            raise PlanInputError(
                f"pins exceed the capacity of {quarter.label}: {hours:g} h > {quarter.capacity_hours:g} h ({names})"
            )
        running_monthly += sum(rec.monthly_cost for rec in here)
        recurring = MONTHS_PER_QUARTER * running_monthly
        if quarter.recurring_ceiling is not None and not within(recurring, quarter.recurring_ceiling):
            raise PlanInputError(
                f"pins exceed the recurring ceiling of {quarter.label}: {recurring:g} > "
                f"{quarter.recurring_ceiling:g} (pinned up to and including {quarter.label})"
            )
