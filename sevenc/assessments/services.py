"""Everything that changes assessments. Keyword-only, one transaction each; completed ones are refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from sevenc.assessments.exchange import (
    NOTE_FIELDS,
    AssessmentDoc,
    ExchangeError,
    ResponseDoc,
    scoring_items,
    validate_block_weights,
    validate_weights,
)
from sevenc.assessments.models import Assessment, AssessmentLocked, Response
from sevenc.assessments.scoring import Answer, ScoreCard, score
from sevenc.catalogue.models import Framework, Item
from sevenc.catalogue.services import framework_spec, get_framework
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.clients.models import Client
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped


class AssessmentError(ValueError):
    """A change to an assessment that cannot be made; the message says why."""


def resolve_framework(code: str, version: str | None) -> FrameworkSpec:
    return framework_spec(get_framework(code, version))


def answers_of(assessment: Assessment) -> dict[str, Answer]:
    rows = assessment.responses.values_list("item__code", "level", "na")
    return {code: Answer(level=level, na=na) for code, level, na in rows}


def score_assessment(assessment: Assessment, spec: FrameworkSpec | None = None) -> ScoreCard:
    spec = spec or framework_spec(assessment.framework)
    return score(scoring_items(spec, assessment.weights), answers_of(assessment), assessment.block_weights)


def _guard(assessment: Assessment) -> None:
    if assessment.is_locked:
        raise AssessmentLocked(assessment)


def create_assessment(
    *,
    client: Client,
    title: str,
    as_of: dt.date,
    framework: Framework | None = None,
    prefill_from: Assessment | None = None,
    weights: dict[str, int] | None = None,
    block_weights: dict[str, float] | None = None,
    assigned_engineer: User | None = None,
) -> Assessment:
    """A new draft. Weights start from the previous assessment when pre-filling, else the framework's."""
    title = title.strip()
    if not title:
        raise AssessmentError("title: required")
    if prefill_from is not None and prefill_from.client_id != client.pk:
        raise AssessmentError("prefill_from: must be an assessment of the same client")
    framework = framework or (prefill_from.framework if prefill_from else get_framework("7c"))
    with transaction.atomic():
        if client.assessments.filter(title=title).exists():
            raise AssessmentError(f"title: {client} already has an assessment called {title!r}")
        assessment = Assessment.objects.create(
            client=client,
            framework=framework,
            title=title,
            as_of=as_of,
            weights=weights if weights is not None else dict(prefill_from.weights if prefill_from else {}),
            block_weights=block_weights
            if block_weights is not None
            else dict(prefill_from.block_weights if prefill_from else {}),
            assigned_engineer=assigned_engineer,
        )
        if prefill_from is not None and prefill_from.framework_id == framework.pk:
            Response.objects.bulk_create(
                Response(
                    assessment=assessment,
                    item_id=r.item_id,
                    level=r.level,
                    na=r.na,
                    **{key: getattr(r, key) for key in NOTE_FIELDS},
                )
                for r in prefill_from.responses.all()
            )
        return assessment


def record_response(
    *,
    assessment: Assessment,
    item_code: str,
    level: int | None = None,
    na: bool = False,
    notes: dict[str, str] | None = None,
    by: User | None = None,
) -> Response:
    """Set one item's level (or N/A, or unanswered with level None) and, when given, its notes."""
    _guard(assessment)
    if na and level is not None:
        raise AssessmentError(f"{item_code}: give a level or N/A, not both")
    if level is not None and (isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 4):
        raise AssessmentError(f"{item_code}: level {level!r} must be a whole number from 0 to 4")
    unknown = set(notes or {}) - set(NOTE_FIELDS)
    if unknown:
        raise AssessmentError(f"{item_code}: unknown note field(s) {', '.join(sorted(unknown))}")
    item = Item.objects.filter(framework_id=assessment.framework_id, code=item_code).first()
    if item is None:
        raise AssessmentError(f"{item_code!r} is not an item of {assessment.framework.code}")
    with transaction.atomic():
        response, _ = assessment.responses.select_for_update().get_or_create(assessment=assessment, item=item)
        response.assessment = assessment
        response.level = level
        response.na = na
        for key, value in (notes or {}).items():
            setattr(response, key, value.strip())
        response.updated_by = by  # type: ignore[assignment]
        response.save()
        return response


def set_weights(
    *,
    assessment: Assessment,
    weights: dict[str, int] | None = None,
    block_weights: dict[str, float] | None = None,
) -> Assessment:
    _guard(assessment)
    spec = framework_spec(assessment.framework)
    try:
        weights = validate_weights(weights, spec) if weights is not None else None
        block_weights = validate_block_weights(block_weights, spec) if block_weights is not None else None
    except ExchangeError as exc:
        raise AssessmentError(str(exc)) from None
    with transaction.atomic():
        if weights is not None:
            assessment.weights = {**assessment.weights, **weights}
        if block_weights is not None:
            assessment.block_weights = {**assessment.block_weights, **block_weights}  # type: ignore[dict-item]
        assessment.save(update_fields=["weights", "block_weights"])
    return assessment


def submit_assessment(*, assessment: Assessment) -> Assessment:
    """The engineer's phase is done; the vCIO reviews next."""
    _guard(assessment)
    with transaction.atomic():
        assessment.status = Assessment.Status.SUBMITTED
        assessment.save(update_fields=["status"])
    return assessment


def complete_assessment(*, assessment: Assessment, by: User | None = None) -> Assessment:
    """Lock the assessment and store its score; from now on it is history."""
    _guard(assessment)
    card = score_assessment(assessment)
    with transaction.atomic():
        assessment.status = Assessment.Status.COMPLETED
        assessment.itcq = card.itcq
        assessment.completeness = card.completeness
        assessment.block_scores = {code: result.score for code, result in card.blocks.items()}
        assessment.completed_at = timezone.now()
        assessment.completed_by = by  # type: ignore[assignment]
        assessment._completing = True  # type: ignore[attr-defined]
        try:
            assessment.save()
        finally:
            del assessment._completing  # type: ignore[attr-defined]
    return assessment


def import_document(*, msp: Msp, doc: AssessmentDoc) -> Assessment:
    """Store an exchange document for `msp`, creating the client when needed.

    A draft with the same client and title is replaced; a completed one is refused (history is locked).
    """
    framework = get_framework(doc.framework, doc.version)
    with transaction.atomic():
        client, _ = Client.objects.get_or_create(msp=msp, name=doc.client)
        existing = scoped(Assessment, Scope(msp)).filter(client=client, title=doc.title).first()
        if existing is not None:
            if existing.is_locked:
                raise ExchangeError(f"title: {doc.client} already has a completed assessment {doc.title!r}")
            existing.delete()
        assessment = Assessment.objects.create(
            client=client,
            framework=framework,
            title=doc.title,
            as_of=doc.as_of,
            weights=doc.weights,
            block_weights=doc.block_weights,
            status=Assessment.Status.SUBMITTED if doc.status == "submitted" else Assessment.Status.DRAFT,
        )
        item_ids = dict(Item.objects.filter(framework=framework).values_list("code", "pk"))
        Response.objects.bulk_create(
            Response(assessment=assessment, item_id=item_ids[r.item], level=r.level, na=r.na, **r.notes)
            for r in doc.responses
        )
        if doc.status == "completed":
            complete_assessment(assessment=assessment)
        return assessment


def import_for_msp(*, msp_name: str, doc: AssessmentDoc) -> Assessment:
    """Import into the MSP called `msp_name`, creating it when new; all of it or none of it."""
    from sevenc.tenancy.services import get_or_create_msp

    with transaction.atomic():
        msp, _ = get_or_create_msp(name=msp_name)
        return import_document(msp=msp, doc=doc)


def export_document(assessment: Assessment) -> AssessmentDoc:
    rows = assessment.responses.select_related("item").order_by("item__position")
    responses: list[ResponseDoc] = []
    for r in rows:
        notes = {key: getattr(r, key) for key in NOTE_FIELDS}
        if r.level is None and not r.na and not any(notes.values()):
            continue  # an untouched row says nothing the format needs
        responses.append(ResponseDoc(item=r.item.code, level=r.level, na=r.na, notes=notes))
    return AssessmentDoc(
        framework=assessment.framework.code,
        version=assessment.framework.version,
        client=assessment.client.name,
        as_of=assessment.as_of,
        title=assessment.title,
        status=assessment.status,
        weights=dict(assessment.weights),
        block_weights=dict(assessment.block_weights),
        responses=tuple(responses),
    )


def export_json(assessment: Assessment) -> dict[str, Any]:
    return export_document(assessment).to_json()
