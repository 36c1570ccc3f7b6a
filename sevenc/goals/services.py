"""Everything that changes a goals workshop. Keyword-only, one transaction each; errors name the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.models import Assessment
from sevenc.assessments.services import answers_of
from sevenc.catalogue.models import Block, Item
from sevenc.catalogue.services import framework_spec
from sevenc.clients.models import Client
from sevenc.goals.gaps import BENEFIT_CHOICES, GapAnalysis, TargetError, analyse, validate_targets
from sevenc.goals.models import BlockTarget, Goal, ItemTarget, Workshop
from sevenc.tenancy.scoping import Scope, scoped


class GoalError(ValueError):
    """A workshop change that cannot be made; the message names the field and the problem."""


def start_workshop(
    *, client: Client, baseline: Assessment, held_on: dt.date, target_date: dt.date | None = None
) -> Workshop:
    if baseline.client_id != client.pk:
        raise GoalError("baseline: must be an assessment of the same client")
    if not baseline.is_locked:
        raise GoalError("baseline: complete the assessment first; targets are set against a locked record")
    if target_date is not None and target_date <= held_on:
        raise GoalError("target_date: must be after the workshop")
    with transaction.atomic():
        return Workshop.objects.create(
            client=client, baseline=baseline, held_on=held_on, target_date=target_date
        )


def _items(workshop: Workshop) -> list:  # type: ignore[type-arg]
    spec = framework_spec(workshop.baseline.framework)
    return scoring_items(spec, workshop.baseline.weights)


def set_targets(
    *,
    workshop: Workshop,
    block_targets: Mapping[str, float],
    item_targets: Mapping[str, int | None] | None = None,
    target_date: dt.date | None = None,
) -> Workshop:
    """Replace the block targets; set (level) or clear (None) the given item targets."""
    item_targets = dict(item_targets or {})
    try:
        validate_targets(
            _items(workshop), block_targets, {k: v for k, v in item_targets.items() if v is not None}
        )
    except TargetError as exc:
        raise GoalError(str(exc)) from None
    framework_id = workshop.baseline.framework_id
    blocks = dict(Block.objects.filter(framework_id=framework_id).values_list("code", "pk"))
    items = dict(Item.objects.filter(framework_id=framework_id).values_list("code", "pk"))
    with transaction.atomic():
        workshop.block_targets.all().delete()
        BlockTarget.objects.bulk_create(
            BlockTarget(workshop=workshop, block_id=blocks[code], score=float(value))
            for code, value in block_targets.items()
        )
        for code, level in item_targets.items():
            workshop.item_targets.filter(item_id=items[code]).delete()
            if level is not None:
                ItemTarget.objects.create(workshop=workshop, item_id=items[code], level=level)
        if target_date is not None:
            workshop.target_date = target_date
            workshop.save(update_fields=["target_date"])
    return workshop


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
    text = text.strip()
    if not text:
        raise GoalError("text: required")
    if benefit_group not in dict(BENEFIT_CHOICES):
        raise GoalError(f"benefit_group: {benefit_group!r} is not one of {', '.join(dict(BENEFIT_CHOICES))}")
    framework_id = workshop.baseline.framework_id
    block_codes, item_codes = set(block_codes), set(item_codes)
    blocks = list(Block.objects.filter(framework_id=framework_id, code__in=block_codes))
    items = list(Item.objects.filter(framework_id=framework_id, code__in=item_codes))
    unknown = (block_codes - {b.code for b in blocks}) | (item_codes - {i.code for i in items})
    if unknown:
        raise GoalError(f"links: unknown block or item code(s) {', '.join(sorted(unknown))}")
    with transaction.atomic():
        goal = Goal.objects.create(
            workshop=workshop, text=text, benefit_group=benefit_group, owner=owner.strip(), due_date=due_date
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
