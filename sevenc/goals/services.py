"""Everything that changes a goals workshop. Keyword-only, one transaction each; errors name the field.

Targets are saved against the workshop's version: of two vCIOs editing the targets at once, the second is
told the first saved meanwhile instead of silently replacing their targets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.models import Assessment
from sevenc.assessments.scoring import ScoringItem
from sevenc.assessments.services import answers_of
from sevenc.audit.services import record
from sevenc.catalogue.models import Block, Item
from sevenc.catalogue.services import framework_spec
from sevenc.clients.models import Client
from sevenc.goals.gaps import BENEFIT_CHOICES, GapAnalysis, analyse, validate_targets
from sevenc.goals.models import BlockTarget, Goal, ItemTarget, Workshop
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.fields import clean_text
from sevenc.tenancy.scoping import Scope, scoped


class GoalError(DomainError):
    """A workshop change that cannot be made; the message names the field and the problem."""


def start_workshop(
    *, client: Client, baseline: Assessment, held_on: dt.date, target_date: dt.date | None = None
) -> Workshop:
    """A goal-setting workshop on a completed assessment. Each year's strategy retreat starts a new one on
    a later assessment, from the previous one's targets; earlier workshops stay as history."""
    if baseline.client_id != client.pk:
        raise GoalError("must be an assessment of the same client", field="baseline")
    if not baseline.is_locked:
        raise GoalError(
            "complete the assessment first; targets are set against a final record", field="baseline"
        )
    if target_date is not None and target_date <= held_on:
        raise GoalError("must be after the workshop", field="target_date")
    with transaction.atomic():
        previous = latest_workshop(Scope(client.msp), client)
        if previous is not None and baseline.as_of <= previous.baseline.as_of:
            raise GoalError(
                f"the current workshop already starts from {previous.baseline.title}; the next one needs a "
                "later completed assessment",
                field="baseline",
            )
        workshop = Workshop.objects.create(
            client=client, baseline=baseline, held_on=held_on, target_date=target_date
        )
        if previous is not None:  # the next cycle starts from last year's targets, to be raised or kept
            blocks = list(previous.block_targets.select_related("block"))
            items = list(previous.item_targets.select_related("item"))
            BlockTarget.objects.bulk_create(
                BlockTarget(workshop=workshop, block_id=t.block_id, score=t.score) for t in blocks
            )
            ItemTarget.objects.bulk_create(
                ItemTarget(workshop=workshop, item_id=t.item_id, level=t.level) for t in items
            )
            _record_targets(workshop, {}, _targets(blocks, items))
        return workshop


def _targets(blocks: Iterable[BlockTarget], items: Iterable[ItemTarget]) -> dict[str, float | int]:
    """{"target CONT": 55.0, "target CONT.1.2": 3}: a workshop's targets as the audit trail names them."""
    found: dict[str, float | int] = {f"target {t.block.code}": t.score for t in blocks}
    found.update({f"target {t.item.code}": t.level for t in items})
    return found


def _record_targets(workshop: Workshop, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Targets are replaced in bulk (no model signal): one event on the workshop says what moved."""
    record(workshop, "changed", {key: (before.get(key), after.get(key)) for key in {*before, *after}})


def _items(workshop: Workshop) -> list[ScoringItem]:
    spec = framework_spec(workshop.baseline.framework)
    return scoring_items(spec, workshop.baseline.weights)


def _locked(workshop: Workshop) -> Workshop:
    return scoped(Workshop, Scope(workshop.client.msp)).select_for_update(of=("self",)).get(pk=workshop.pk)


def set_targets(
    *,
    workshop: Workshop,
    block_targets: Mapping[str, Any],
    item_targets: Mapping[str, Any] | None = None,
    target_date: dt.date | None = None,
    expected_version: int | None = None,
) -> Workshop:
    """Replace the block targets; set (level) or clear (None) the given item targets."""
    item_targets = dict(item_targets or {})
    blocks_parsed, levels = validate_targets(
        _items(workshop), block_targets, {k: v for k, v in item_targets.items() if v is not None}
    )
    framework_id = workshop.baseline.framework_id
    blocks = dict(Block.objects.filter(framework_id=framework_id).values_list("code", "pk"))
    items = dict(Item.objects.filter(framework_id=framework_id).values_list("code", "pk"))
    unknown = sorted(code for code in item_targets if code not in items)  # a cleared one is checked too
    if unknown:
        raise GoalError(f"unknown item code(s) {', '.join(unknown[:5])}", field="item_targets")
    with transaction.atomic():
        current = _locked(workshop)
        if expected_version is not None and current.version != expected_version:
            raise Conflict(
                "someone saved these targets while you edited them; your change was not saved — "
                "the page now shows their targets",
                field="version",
            )
        if target_date is not None and target_date <= current.held_on:
            raise GoalError("must be after the workshop", field="target_date")
        touched = current.item_targets.filter(item__code__in=list(item_targets)).select_related("item")
        before = _targets(current.block_targets.select_related("block"), touched)
        current.block_targets.all().delete()
        BlockTarget.objects.bulk_create(
            BlockTarget(workshop=current, block_id=blocks[code], score=value)
            for code, value in blocks_parsed.items()
        )
        for code in item_targets:
            current.item_targets.filter(item_id=items[code]).delete()
            if code in levels:
                ItemTarget.objects.create(workshop=current, item_id=items[code], level=levels[code])
        after = {f"target {code}": value for code, value in blocks_parsed.items()}
        after.update({f"target {code}": level for code, level in levels.items() if code in item_targets})
        _record_targets(current, before, after)
        if target_date is not None:
            current.target_date = target_date
        current.version += 1
        current.save(update_fields=["target_date", "version"])
    return current


def add_goal(
    *,
    workshop: Workshop,
    text: str,
    benefit_group: str,
    owner: str = "",
    due_date: dt.date | None = None,
    block_codes: Iterable[str] = (),
    item_codes: Iterable[str] = (),
) -> Goal:
    text = clean_text(Goal, "text", text, required=True)
    owner = clean_text(Goal, "owner", owner)
    if benefit_group not in dict(BENEFIT_CHOICES):
        raise GoalError(
            f"{benefit_group!r} is not one of {', '.join(dict(BENEFIT_CHOICES))}", field="benefit_group"
        )
    framework_id = workshop.baseline.framework_id
    block_codes, item_codes = set(block_codes), set(item_codes)
    blocks = list(Block.objects.filter(framework_id=framework_id, code__in=block_codes))
    items = list(Item.objects.filter(framework_id=framework_id, code__in=item_codes))
    unknown = (block_codes - {b.code for b in blocks}) | (item_codes - {i.code for i in items})
    if unknown:
        raise GoalError(f"unknown block or item code(s) {', '.join(sorted(unknown))}", field="items")
    with transaction.atomic():
        goal = Goal.objects.create(
            workshop=workshop, text=text, benefit_group=benefit_group, owner=owner, due_date=due_date
        )
        goal.blocks.set(blocks)
        goal.items.set(items)
    return goal


def delete_goal(*, goal: Goal) -> None:
    with transaction.atomic():
        goal.delete()


def latest_workshop(scope: Scope, client: Client) -> Workshop | None:
    """The client's most recent goal-setting workshop: its targets are the client's current targets."""
    return scoped(Workshop, scope).filter(client=client).select_related("baseline").first()


def current_block_targets(scope: Scope, client: Client) -> dict[str, float]:
    """Block code → target score from the latest workshop (empty before the first workshop)."""
    workshop = latest_workshop(scope, client)
    return targets_of(workshop)[0] if workshop is not None else {}


def targets_of(workshop: Workshop) -> tuple[dict[str, float], dict[str, int]]:
    blocks = dict(workshop.block_targets.values_list("block__code", "score"))
    items = dict(workshop.item_targets.values_list("item__code", "level"))
    return blocks, items


def gap_analysis(workshop: Workshop) -> GapAnalysis:
    """Gaps of the workshop's baseline against its targets (read-only)."""
    block_targets, item_targets = targets_of(workshop)
    baseline = workshop.baseline
    return analyse(
        _items(workshop), answers_of(baseline), baseline.block_weights, block_targets, item_targets
    )
