"""What is derived from completed assessments and stored: each client's latest completed score
(`LatestScore`), kept in step with its completed assessments, and each one's level digits.

`refresh_latest_score` runs inside the transaction that completes an assessment, under a lock on the
client's row, so two completions of one client's assessments at once cannot leave a stale row behind.
`latest_fields` is the one definition of what the row holds, shared with bulk writers (`sevenc generate`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sevenc.assessments.level_digits import encode
from sevenc.assessments.models import Assessment, LatestScore, Response
from sevenc.catalogue.services import stored_spec
from sevenc.clients.models import Client
from sevenc.tenancy.scoping import Scope, scoped


@dataclass(frozen=True)
class Completed:
    """What the portfolio needs of one completed assessment."""

    pk: int
    title: str
    as_of: dt.date
    itcq: float | None
    completeness: float | None
    block_scores: Mapping[str, Any]


def latest_fields(history: Sequence[Completed]) -> dict[str, Any] | None:
    """The LatestScore fields for a client's completed assessments (any order); None when there is none."""
    if not history:
        return None
    ordered = sorted(history, key=lambda a: (a.as_of, a.pk))
    latest = ordered[-1]
    previous = ordered[-2].itcq if len(ordered) > 1 else None
    return {
        "assessment_id": latest.pk,
        "title": latest.title,
        "as_of": latest.as_of,
        "itcq": latest.itcq,
        "completeness": latest.completeness,
        "block_scores": dict(latest.block_scores),
        "previous_itcq": previous,
        "change": None if latest.itcq is None or previous is None else latest.itcq - previous,
    }


def _last_two(scope: Scope, client_id: int) -> list[Completed]:
    rows = (
        scoped(Assessment, scope)
        .filter(client_id=client_id, status=Assessment.Status.COMPLETED)
        .order_by("-as_of", "-pk")
        .values_list("pk", "title", "as_of", "itcq", "completeness", "block_scores")[:2]
    )
    return [Completed(*row) for row in rows]


def refresh_latest_score(scope: Scope, client_id: int) -> LatestScore | None:
    """Write the client's LatestScore from its completed assessments as stored now (call inside the
    transaction that completed one). Locks the client's row first: completions of one client queue."""
    scoped(Client, scope).select_for_update(of=("self",)).filter(pk=client_id).only("pk").first()
    fields = latest_fields(_last_two(scope, client_id))
    if fields is None:
        scoped(LatestScore, scope).filter(client_id=client_id).delete()
        return None
    score, _ = LatestScore.objects.update_or_create(client_id=client_id, defaults=fields)
    return score


def write_level_digits(scope: Scope, assessment_ids: Iterable[int]) -> None:
    """Store `Assessment.level_digits` of these completed assessments from their responses as stored now
    (for writers that create completed assessments in bulk, e.g. a restore; completion writes its own), in
    the order completion uses: its framework spec's."""
    wanted = scoped(Assessment, scope).filter(pk__in=list(assessment_ids), status=Assessment.Status.COMPLETED)
    assessments = list(wanted.select_related("framework").only("pk", "framework"))
    if not assessments:
        return
    levels: dict[int, dict[str, int | None]] = {a.pk: {} for a in assessments}
    responses = scoped(Response, scope).filter(assessment_id__in=list(levels))
    for assessment_id, code, level in responses.values_list("assessment_id", "item__code", "level"):
        levels[assessment_id][code] = level  # N/A stores no level: "not measured", like unanswered
    for assessment in assessments:
        codes = stored_spec(assessment.framework).item_index
        assessment.level_digits = encode(levels[assessment.pk].get(code) for code in codes)
    scoped(Assessment, scope).bulk_update(assessments, ["level_digits"], batch_size=500)
