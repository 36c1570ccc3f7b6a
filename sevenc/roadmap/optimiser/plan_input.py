"""The plan-input format (docs/formats.md, "Plan input"): an assessment plus targets, recommendations,
projects and quarters. Parse and validate; every error names the entry. No Django here.
"""

from __future__ import annotations

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
from sevenc.lib.bounds import HOURS, MONEY
from sevenc.lib.validation import reject_unknown_fields
from sevenc.roadmap.optimiser.plan_entries import (
    PlanInputError,
    ProjectInput,
    RecommendationInput,
    amount,
    check_dependencies,
    check_ids,
    check_items_raised_once,
    check_pins,
    find_cycle,
    parse_projects,
    parse_recommendations,
)
from sevenc.roadmap.optimiser.schedule import QuarterLimit

__all__ = [
    "PlanInput",
    "PlanInputError",
    "ProjectInput",
    "RecommendationInput",
    "check_dependencies",
    "check_pins",
    "find_cycle",
    "parse_plan",
]

PLAN_FIELDS = ("targets", "recommendations", "projects", "quarters")
_QUARTER_KEYS = {"label", "budget", "capacity_hours", "recurring_ceiling"}
MAX_QUARTERS = 40


@dataclass(frozen=True)
class PlanInput:
    doc: AssessmentDoc
    spec: FrameworkSpec
    items: list[ScoringItem]
    block_targets: dict[str, float]
    item_targets: dict[str, int]
    recommendations: tuple[RecommendationInput, ...]
    quarters: tuple[QuarterLimit, ...]
    projects: tuple[ProjectInput, ...] = ()

    def quarter_number(self, label: str) -> int:
        return [q.label for q in self.quarters].index(label) + 1


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
    labels = [q.label for q in quarters]
    recommendations = parse_recommendations(data.get("recommendations", []), spec, labels)
    projects = parse_projects(data.get("projects", []), spec, labels)
    check_ids(recommendations, projects)
    doc_answers = doc.answers()
    raised: list[tuple[str, tuple[str, ...]]] = [
        (f"recommendations[{n}] (id {r.id!r})", (r.item,)) for n, r in enumerate(recommendations)
    ]
    raised += [(f"projects[{n}] (id {p.id!r})", p.items) for n, p in enumerate(projects)]
    for where, codes in raised:
        for code in codes:
            answer = doc_answers.get(code)
            if answer is None or answer.level is None:
                state = "is N/A" if answer is not None and answer.na else "has no level yet; assess it first"
                raise PlanInputError(f"{where}: item {code} {state}")
    check_items_raised_once(recommendations, projects)
    check_dependencies([*recommendations, *projects])
    check_pins([*recommendations, *projects], quarters)
    return PlanInput(doc, spec, items, block_targets, item_targets, recommendations, quarters, projects)


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
                budget=amount(MONEY, entry.get("budget"), where, "budget"),
                capacity_hours=amount(HOURS, entry.get("capacity_hours"), where, "capacity_hours"),
                recurring_ceiling=None
                if ceiling is None
                else amount(MONEY, ceiling, where, "recurring_ceiling"),
            )
        )
    return tuple(quarters)
