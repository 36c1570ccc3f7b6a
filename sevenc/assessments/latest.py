"""Each client's latest completed score (`LatestScore`), kept in step with its completed assessments.

`refresh_latest_score` runs inside the transaction that completes an assessment, under a lock on the
client's row, so two completions of one client's assessments at once cannot leave a stale row behind.
`latest_fields` is the one definition of what the row holds, shared with bulk writers (`sevenc generate`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sevenc.assessments.models import Assessment, LatestScore
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
