"""Everything that changes assessments. Keyword-only, one transaction each.

Each change locks the assessment row first (`select_for_update`) and checks the state it finds there, so a
response can never be written after completion, and of two people completing at once the second is told
it is already completed. `actor` is who acts (a signed-in member, or the system for the CLI); the
assessment's transition table (`workflow.MOVES`) and field rights (`workflow.rights`) decide what they
may do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

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
from sevenc.assessments.latest import refresh_latest_score
from sevenc.assessments.level_digits import from_answers
from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.scoring import Answer, ScoreCard, score
from sevenc.assessments.workflow import COMPLETED, DRAFT, MOVES, SUBMITTED, Rights, rights
from sevenc.audit.services import record
from sevenc.catalogue.models import Framework, Item
from sevenc.catalogue.services import framework_spec, get_framework
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.clients.models import Client
from sevenc.lib.bounds import LEVEL
from sevenc.lib.errors import Conflict, DomainError, NotAllowed
from sevenc.lib.fields import clean_text
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership, Msp, Role
from sevenc.tenancy.scoping import Scope, scoped


class AssessmentError(DomainError):
    """A change to an assessment that cannot be made; the message says why."""


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()  # record_response: leave the level as it is


def resolve_framework(code: str, version: str | None) -> FrameworkSpec:
    return framework_spec(get_framework(code, version))


def answers_of(assessment: Assessment) -> dict[str, Answer]:
    rows = assessment.responses.values_list("item__code", "level", "na")
    return {code: Answer(level=level, na=na) for code, level, na in rows}


def score_assessment(
    assessment: Assessment, spec: FrameworkSpec | None = None, answers: dict[str, Answer] | None = None
) -> ScoreCard:
    spec = spec or framework_spec(assessment.framework)
    answers = answers_of(assessment) if answers is None else answers
    return score(scoring_items(spec, assessment.weights), answers, assessment.block_weights)


def rights_of(actor: Caller, assessment: Assessment) -> Rights:
    user_id = getattr(actor.user, "pk", None)
    assigned = user_id is not None and assessment.assigned_engineer_id == user_id
    return rights(role=actor.role, status=assessment.status, assigned_to_caller=assigned)


def _lock(actor: Caller, assessment: Assessment) -> Assessment:
    """The assessment's row, locked for this transaction, as stored now (never the caller's copy)."""
    return scoped(Assessment, actor.scope).select_for_update(of=("self",)).get(pk=assessment.pk)


def _refuse_if_final(current: Assessment) -> None:
    if current.status == COMPLETED:
        raise current.final_error()


def _check_engineer(client: Client, engineer: Any) -> None:
    if engineer is None:
        return
    members = scoped(Membership, Scope(client.msp)).filter(user_id=engineer.pk, role=Role.ENGINEER)
    if not members.exists():
        raise AssessmentError("must be an engineer of this MSP", field="assigned_engineer")


def create_assessment(
    *,
    client: Client,
    title: str,
    as_of: dt.date,
    framework: Framework | None = None,
    prefill_from: Assessment | None = None,
    weights: dict[str, int] | None = None,
    block_weights: dict[str, float] | None = None,
    assigned_engineer: Any = None,
) -> Assessment:
    """A new draft. Weights start from the previous assessment when pre-filling, else the framework's."""
    title = clean_text(Assessment, "title", title, required=True)
    if prefill_from is not None and prefill_from.client_id != client.pk:
        raise AssessmentError("must be an assessment of the same client", field="prefill_from")
    _check_engineer(client, assigned_engineer)
    if prefill_from is not None:  # as stored now: the caller's copy may predate its latest weights
        prefill_from = scoped(Assessment, Scope(client.msp)).get(pk=prefill_from.pk)
    framework = framework or (prefill_from.framework if prefill_from else get_framework("7c"))
    spec = framework_spec(framework)
    try:
        weights = validate_weights(weights, spec) if weights is not None else None
        block_weights = validate_block_weights(block_weights, spec) if block_weights is not None else None
    except ExchangeError as exc:
        raise AssessmentError(str(exc)) from None
    with transaction.atomic():
        if client.assessments.filter(title=title).exists():
            raise AssessmentError(f"{client} already has an assessment called {title!r}", field="title")
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
            copied = Response.objects.bulk_create(
                Response(
                    assessment=assessment,
                    item_id=r.item_id,
                    level=r.level,
                    na=r.na,
                    **{key: getattr(r, key) for key in NOTE_FIELDS},
                )
                for r in prefill_from.responses.all()
            )
            # A bulk insert sends no model signal: the trail says where the answers came from.
            record(
                assessment,
                "changed",
                {"responses": (None, f"{len(copied)} copied from {prefill_from.title}")},
            )
        return assessment


def _check_answer(item_code: str, level: Any, na: bool) -> tuple[int | None, bool]:
    if not isinstance(na, bool):
        raise AssessmentError("N/A must be true or false", field="level")
    if na and level is not None:
        raise AssessmentError(f"{item_code}: give a level or N/A, not both", field="level")
    return (None if level is None else LEVEL.parse(level, field="level")), na


def _describe(response: Response, fields: list[str]) -> str:
    """What the other person saved, for the fields this save wanted to change."""
    parts = []
    for name in fields:
        if name == "level":
            parts.append(
                "N/A"
                if response.na
                else f"level {'unanswered' if response.level is None else response.level}"
            )
        else:
            value = getattr(response, name) or "(empty)"
            parts.append(f"{name}: {value[:120]!r}" if value != "(empty)" else f"{name}: (empty)")
    return "; ".join(parts)


def record_response(
    *,
    actor: Caller,
    assessment: Assessment,
    item_code: str,
    level: Any = UNCHANGED,
    na: bool = False,
    notes: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
) -> Response:
    """Change one item: its answer (a level 0–4, N/A with `na=True`, or unanswered with `level=None`;
    left alone when `level` is UNCHANGED and `na` False) and the given note fields only.

    `expected_version` is the response's version the caller read; a save against a newer one is refused
    with a Conflict that shows the other person's value, and nothing is written."""
    answer_given = na or level is not UNCHANGED
    if answer_given:
        level, na = _check_answer(item_code, None if level is UNCHANGED else level, na)
    notes = dict(notes or {})
    unknown = set(notes) - set(NOTE_FIELDS)
    if unknown:
        raise AssessmentError(f"{item_code}: unknown note field(s) {', '.join(sorted(unknown))}")
    cleaned = {key: clean_text(Response, key, value) for key, value in notes.items()}
    item = Item.objects.filter(framework_id=assessment.framework_id, code=item_code).first()
    if item is None:
        raise AssessmentError(f"{item_code!r} is not an item of {assessment.framework.code}")
    with transaction.atomic():
        current = _lock(actor, assessment)
        _refuse_if_final(current)
        allowed = rights_of(actor, current)
        if answer_given and not allowed.edit_levels:
            raise NotAllowed("you may not change levels of this assessment", field="level")
        refused = sorted(set(cleaned) - set(allowed.notes))
        if refused:
            raise NotAllowed(f"you may not write {', '.join(refused)} here", field=refused[0])
        response, _ = current.responses.select_for_update(of=("self",)).get_or_create(
            assessment=current, item=item
        )
        if expected_version is not None and response.version != expected_version:
            changed = (["level"] if answer_given else []) + sorted(cleaned)
            who = response.updated_by
            name = (who.get_full_name() or who.get_username()) if who else "someone"
            raise Conflict(
                f"{item_code} was changed by {name} while you edited it ({_describe(response, changed)}); "
                "your change was not saved — the item now shows their version, make your change again",
                field="version",
            )
        if answer_given:
            response.level, response.na = level, na
        for key, value in cleaned.items():
            setattr(response, key, value)
        response.updated_by = actor.user
        response.version += 1
        response.assessment = current
        response.save()
        return response


def set_weights(
    *,
    actor: Caller,
    assessment: Assessment,
    weights: dict[str, int] | None = None,
    block_weights: dict[str, float] | None = None,
) -> Assessment:
    spec = framework_spec(assessment.framework)
    try:
        weights = validate_weights(weights, spec) if weights is not None else None
        block_weights = validate_block_weights(block_weights, spec) if block_weights is not None else None
    except ExchangeError as exc:
        raise AssessmentError(str(exc)) from None
    with transaction.atomic():
        current = _lock(actor, assessment)
        _refuse_if_final(current)
        if not rights_of(actor, current).edit_levels:
            raise NotAllowed("you may not change this assessment's weights", field="weights")
        if weights is not None:
            current.weights = {**current.weights, **weights}
        if block_weights is not None:
            current.block_weights = {**current.block_weights, **block_weights}
        current.save(update_fields=["weights", "block_weights"])
    return current


def _move(actor: Caller, assessment: Assessment, target: str) -> Assessment:
    current = _lock(actor, assessment)
    if current.status == COMPLETED:
        when = (
            timezone.localtime(current.completed_at).strftime("%b %-d, %Y %H:%M")
            if current.completed_at
            else ""
        )
        raise Conflict(f"{current.title} is already completed{f' ({when})' if when else ''}", field="status")
    MOVES.check(role=actor.role, source=current.status, target=target)
    if target == SUBMITTED and not rights_of(actor, current).submit:
        raise NotAllowed("only the assigned engineer, a vCIO or an owner may submit it", field="status")
    return current


def submit_assessment(*, actor: Caller, assessment: Assessment) -> Assessment:
    """The engineer's phase is done; the vCIO reviews next."""
    with transaction.atomic():
        current = _move(actor, assessment, SUBMITTED)
        current.status = SUBMITTED
        current.save(update_fields=["status"])
    return current


def reopen_assessment(*, actor: Caller, assessment: Assessment) -> Assessment:
    """A vCIO hands a submitted assessment back to the engineer (a draft again)."""
    with transaction.atomic():
        current = _move(actor, assessment, DRAFT)
        current.status = DRAFT
        current.save(update_fields=["status"])
    return current


def complete_assessment(*, actor: Caller, assessment: Assessment) -> Assessment:
    """Make the assessment final and store the score of its responses as they are under the lock."""
    with transaction.atomic():
        current = _move(actor, assessment, COMPLETED)
        spec, answers = framework_spec(current.framework), answers_of(current)
        card = score_assessment(current, spec, answers)
        current.level_digits = from_answers(spec.item_index, answers)
        current.status = COMPLETED
        current.itcq = card.itcq
        current.completeness = card.completeness
        current.block_scores = {code: result.score for code, result in card.blocks.items()}
        current.completed_at = timezone.now()
        current.completed_by = actor.user
        current.save()
        refresh_latest_score(actor.scope, current.client_id)
    return current


def import_document(*, msp: Msp, doc: AssessmentDoc) -> Assessment:
    """Store an exchange document for `msp`, creating the client when needed.

    A draft with the same client and title is replaced; a completed one is refused (history is final).
    """
    framework = get_framework(doc.framework, doc.version)
    actor = Caller.system(msp)
    with transaction.atomic():
        client, _ = Client.objects.get_or_create(msp=msp, name=doc.client)
        existing = (
            scoped(Assessment, actor.scope)
            .select_for_update(of=("self",))
            .filter(client=client, title=doc.title)
            .first()
        )
        if existing is not None:
            if existing.is_locked:
                raise AssessmentError(
                    f"{doc.client} already has a completed assessment {doc.title!r}", field="title"
                )
            existing.delete()
        assessment = Assessment.objects.create(
            client=client,
            framework=framework,
            title=doc.title,
            as_of=doc.as_of,
            weights=doc.weights,
            block_weights=doc.block_weights,
            status=SUBMITTED if doc.status == "submitted" else DRAFT,
        )
        item_ids = dict(Item.objects.filter(framework=framework).values_list("code", "pk"))
        imported = Response.objects.bulk_create(
            Response(assessment=assessment, item_id=item_ids[r.item], level=r.level, na=r.na, **r.notes)
            for r in doc.responses
        )
        # A bulk insert sends no model signal: the trail says how many answers the file brought.
        record(
            assessment, "changed", {"responses": (None, f"{len(imported)} imported from an exchange file")}
        )
        if doc.status == "completed":
            assessment = complete_assessment(actor=actor, assessment=assessment)
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
