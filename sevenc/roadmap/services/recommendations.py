"""Recommendations: proposed from the gaps, edited by the vCIO, moved along their workflow, and once done
proposing their target level to the next assessment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from sevenc.assessments.models import Assessment
from sevenc.assessments.services import answers_of, record_response
from sevenc.catalogue.models import Item
from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.goals.services import gap_analysis
from sevenc.lib.bounds import HOURS, LEVEL, MONEY
from sevenc.lib.errors import Conflict
from sevenc.lib.fields import clean_text
from sevenc.roadmap.models import (
    DeliveredBy,
    Initiative,
    Priority,
    QuarterPlan,
    Recommendation,
    RecommendationTemplate,
)
from sevenc.roadmap.optimiser.plan_input import find_cycle
from sevenc.roadmap.services.common import RoadmapError, locked
from sevenc.roadmap.workflow import APPROVED, DONE, RECOMMENDATION_MOVES
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped

TEXT_FIELDS = ("title", "description", "partner_name")
EDITABLE = (*TEXT_FIELDS, "delivered_by", "priority", "pin_quarter", "excluded")


def propose_recommendations(*, workshop: Workshop) -> list[Recommendation]:
    """One recommendation per gap that has none yet, pre-filled from the MSP library (or the item)."""
    analysis = gap_analysis(workshop)
    client = workshop.client
    have = set(workshop.recommendations.values_list("item__code", flat=True))
    wanted = [gap for gap in analysis.gaps if gap.item not in have]
    items = {i.code: i for i in Item.objects.filter(framework_id=workshop.baseline.framework_id)}
    library = {
        t.item_id: t
        for t in scoped(RecommendationTemplate, Scope(client.msp)).filter(
            item__code__in=[g.item for g in wanted]
        )
    }
    solutions = dict(workshop.baseline.responses.values_list("item__code", "solution"))
    with transaction.atomic():
        created = []
        for gap in wanted:
            item = items[gap.item]
            template = library.get(item.pk)
            description = (template.description if template else "") or solutions.get(gap.item, "")
            created.append(
                Recommendation.objects.create(
                    client=client,
                    workshop=workshop,
                    item=item,
                    title=(template.title if template else item.title)[
                        : Recommendation._meta.get_field("title").max_length
                    ],
                    description=description,
                    one_time_cost=template.one_time_cost if template else 0,
                    monthly_cost=template.monthly_cost if template else 0,
                    effort_hours=template.effort_hours if template else 0,
                    delivered_by=template.delivered_by if template else DeliveredBy.MSP,
                    partner_name=template.partner_name if template else "",
                    priority=Priority.HIGH if gap.gain >= 1 else Priority.MEDIUM,
                    target_level=gap.target_level,
                )
            )
    return created


def add_recommendation(
    *,
    workshop: Workshop,
    item_code: str,
    title: str,
    target_level: Any,
    description: str = "",
    one_time_cost: Any = 0,
    monthly_cost: Any = 0,
    effort_hours: Any = 0,
    delivered_by: str = DeliveredBy.MSP,
    partner_name: str = "",
    priority: int = Priority.MEDIUM,
) -> Recommendation:
    """One recommendation for one item on the workshop's list (the offering's upsell adds them so).

    Refused when the workshop has a recommendation for the item already: a workshop has one per item."""
    fields = {
        "title": clean_text(Recommendation, "title", title, required=True),
        "description": clean_text(Recommendation, "description", description),
        "partner_name": clean_text(Recommendation, "partner_name", partner_name),
        "one_time_cost": MONEY.parse(one_time_cost, field="one_time_cost"),
        "monthly_cost": MONEY.parse(monthly_cost, field="monthly_cost"),
        "effort_hours": HOURS.parse(effort_hours, field="effort_hours"),
        "target_level": LEVEL.parse(target_level, field="target_level"),
    }
    if delivered_by not in DeliveredBy.values:
        raise RoadmapError(f"{delivered_by!r} is not a known party", field="delivered_by")
    if priority not in Priority.values:
        raise RoadmapError(f"{priority!r} must be one of {Priority.values}", field="priority")
    item = Item.objects.filter(framework_id=workshop.baseline.framework_id, code=item_code).first()
    if item is None:
        raise RoadmapError(f"{item_code[:40]!r} is not an item of the workshop's framework", field="item")
    with transaction.atomic():
        current = scoped(Workshop, Scope(workshop.client.msp)).select_for_update().get(pk=workshop.pk)
        existing = current.recommendations.filter(item=item).first()
        if existing is not None:
            raise RoadmapError(
                f"{current.client.name} already has a recommendation for {item.code}: {existing.title!r}",
                field="item",
            )
        return Recommendation.objects.create(
            client=current.client,
            workshop=current,
            item=item,
            delivered_by=delivered_by,
            priority=priority,
            **fields,
        )


def _changes(recommendation: Recommendation, changes: dict[str, Any]) -> dict[str, Any]:
    """The edited fields, checked: texts within their bounds, choices known, the pin a planned quarter."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise RoadmapError(f"unknown field(s) {', '.join(sorted(unknown))}")
    for name in TEXT_FIELDS:
        if name in changes:
            changes[name] = clean_text(Recommendation, name, changes[name], required=name == "title")
    if "delivered_by" in changes and changes["delivered_by"] not in DeliveredBy.values:
        raise RoadmapError(f"{changes['delivered_by']!r} is not a known party", field="delivered_by")
    if "priority" in changes and changes["priority"] not in Priority.values:
        raise RoadmapError(f"{changes['priority']!r} must be one of {Priority.values}", field="priority")
    if "excluded" in changes and not isinstance(changes["excluded"], bool):
        raise RoadmapError("must be true or false", field="excluded")
    pin = changes.get("pin_quarter")
    if (
        pin
        and not scoped(QuarterPlan, Scope(recommendation.client.msp))
        .filter(client_id=recommendation.client_id, label=pin)
        .exists()
    ):
        raise RoadmapError(f"{pin!r} is not one of the client's planned quarters", field="pin_quarter")
    return changes


def update_recommendation(
    *,
    recommendation: Recommendation,
    depends_on: Sequence[Recommendation] | None = None,
    one_time_cost: Any = None,
    monthly_cost: Any = None,
    effort_hours: Any = None,
    initiative_theme: str | None = None,
    expected_version: int | None = None,
    **changes: Any,
) -> Recommendation:
    """Change the given fields; costs within MONEY / HOURS, prerequisites without a cycle.
    `initiative_theme` files it under that theme (created when new); "" takes it out of any initiative.
    `expected_version` is the version the editor read: a save against a newer one is refused."""
    changes = _changes(recommendation, dict(changes))
    for name, kind, value in (
        ("one_time_cost", MONEY, one_time_cost),
        ("monthly_cost", MONEY, monthly_cost),
        ("effort_hours", HOURS, effort_hours),
    ):
        if value is not None:
            changes[name] = kind.parse(value, field=name)
    theme = None if initiative_theme is None else clean_text(Initiative, "theme", initiative_theme)
    if depends_on is not None:
        _check_prerequisites(recommendation, depends_on)
    with transaction.atomic():
        current = locked(Recommendation, recommendation, Scope(recommendation.client.msp))
        if expected_version is not None and current.version != expected_version:
            raise Conflict(
                f"{current.title!r} was changed by someone else while you edited it; your change was not "
                "saved — reopen it to see theirs",
                field="version",
            )
        if current.status == DONE:
            raise RoadmapError("a done recommendation is final", field="status")
        if theme is not None:
            changes["initiative"] = (
                current.client.initiatives.get_or_create(theme=theme)[0] if theme else None
            )
        for name, value in changes.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
        if depends_on is not None:
            current.depends_on.set(depends_on)
    return current


def _check_prerequisites(recommendation: Recommendation, depends_on: Sequence[Recommendation]) -> None:
    for dep in depends_on:
        if dep.workshop_id != recommendation.workshop_id:
            raise RoadmapError(f"{dep.title!r} belongs to another workshop", field="depends_on")
        if dep.pk == recommendation.pk:
            raise RoadmapError("a recommendation cannot depend on itself", field="depends_on")
    graph: dict[str, list[str]] = {}
    for rec_pk, dep_pk in Recommendation.depends_on.through.objects.filter(  # type: ignore[attr-defined]
        from_recommendation__workshop_id=recommendation.workshop_id
    ).values_list("from_recommendation_id", "to_recommendation_id"):
        graph.setdefault(str(rec_pk), []).append(str(dep_pk))
    graph[str(recommendation.pk)] = [str(dep.pk) for dep in depends_on]
    cycle = find_cycle(graph)
    if cycle:
        titles = dict(recommendation.workshop.recommendations.values_list("pk", "title"))
        raise RoadmapError(
            "dependency cycle " + " → ".join(titles[int(pk)] for pk in cycle), field="depends_on"
        )


def set_status(
    *, actor: Caller, recommendation: Recommendation, status: str, expected_version: int | None = None
) -> Recommendation:
    """Move a recommendation along its workflow, as the transition table allows the actor's role
    (against `expected_version` when given: a move on a changed recommendation is refused)."""
    with transaction.atomic():
        current = locked(Recommendation, recommendation, actor.scope)
        if expected_version is not None and current.version != expected_version:
            raise Conflict(
                f"{current.title!r} was changed by someone else (now {current.get_status_display()}); "
                "read it again before moving it",
                field="version",
            )
        RECOMMENDATION_MOVES.check(role=actor.role, source=current.status, target=str(status))
        current.status = status
        if status == APPROVED:
            current.approved_by, current.approved_at = actor.user, timezone.now()
        if status == DONE:
            current.completed_at = timezone.now()
        current.version += 1
        current.save()
    return current


def proposed_levels(*, client: Client) -> dict[str, tuple[int, str]]:
    """Item code → (level, title) for every done recommendation, and for the items of every done project
    (each at its workshop's target level): what the next assessment should start from, still to be
    reviewed by the engineer and vCIO."""
    proposed: dict[str, tuple[int, str]] = {}
    projects = client.projects.filter(status=DONE).select_related("workshop").prefetch_related("items")
    for project in projects.order_by("completed_at"):
        targets = gap_analysis(project.workshop).targets
        for item in project.items.all():
            if item.code in targets:
                proposed[item.code] = (targets[item.code], project.title)
    done = client.recommendations.filter(status=DONE).select_related("item").order_by("completed_at")
    proposed.update({rec.item.code: (rec.target_level, rec.title) for rec in done})
    return proposed


def prefill_from_done_recommendations(*, actor: Caller, assessment: Assessment) -> int:
    """Pre-fill a draft with the target levels of completed recommendations; returns how many changed."""
    if assessment.is_locked:
        raise RoadmapError("completed assessments are final", field="assessment")
    current = answers_of(assessment)
    changed = 0
    with transaction.atomic():
        for code, (level, title) in proposed_levels(client=assessment.client).items():
            answer = current.get(code)
            if answer is not None and (answer.na or (answer.level is not None and answer.level >= level)):
                continue
            note = f"Proposed from the completed recommendation {title!r}: review before submitting."
            record_response(
                actor=actor,
                assessment=assessment,
                item_code=code,
                level=level,
                notes={"evidence": note[:1000]},
            )
            changed += 1
    return changed
