"""Every role × every transition of every stateful record, through the services (the one place that
enforces it): a move happens exactly when its record's transition table lists it for that role.

Each case runs in a savepoint that is rolled back, from a record put into the source state directly.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import transaction

from sevenc.assessments.models import Assessment
from sevenc.assessments.services import (
    complete_assessment,
    create_assessment,
    reopen_assessment,
    submit_assessment,
)
from sevenc.assessments.workflow import MOVES as ASSESSMENT_MOVES
from sevenc.lib.errors import DomainError
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.services import MOVES as REVIEW_MOVES
from sevenc.reports.services import hold_review, plan_review
from sevenc.roadmap.models import Recommendation, RoadmapRun
from sevenc.roadmap.services import (
    approve_roadmap,
    optimise_roadmap,
    plan_quarters,
    propose_recommendations,
    set_status,
)
from sevenc.roadmap.workflow import RECOMMENDATION_MOVES, RUN_MOVES
from sevenc.tenancy.access import Caller

ROLES = ("owner", "vcio", "engineer", "client_viewer", "system")


@pytest.fixture
def actors(msp, owner, vcio, engineer, client_viewer):
    people = {"owner": owner, "vcio": vcio, "engineer": engineer, "client_viewer": client_viewer}
    found = {role: Caller.of_membership(user.membership) for role, user in people.items()}
    found["system"] = Caller.system(msp)
    return found


def _outcome(change, **kwargs) -> bool:  # type: ignore[no-untyped-def]
    """Did `change(**kwargs)` go through? Rolled back either way."""
    with transaction.atomic():
        try:
            change(**kwargs)
        except DomainError:
            moved = False
        else:
            moved = True
        transaction.set_rollback(True)
    return moved


def test_recommendation_moves_by_role(actors, workshop, client_co):
    rec = propose_recommendations(workshop=workshop)[0]
    states = [s.value for s in Recommendation.Status]
    wrong = []
    for source, target, role in itertools.product(states, states, ROLES):
        Recommendation.objects.filter(pk=rec.pk).update(status=source)
        moved = _outcome(set_status, actor=actors[role], recommendation=rec, status=target)
        if moved != RECOMMENDATION_MOVES.permits(role=role, source=source, target=target):
            wrong.append(f"{role}: {source} → {target} {'moved' if moved else 'refused'}")
    assert wrong == []
    # The defect this table closed: an engineer could approve through the status form.
    assert not RECOMMENDATION_MOVES.permits(role="engineer", source="proposed", target="approved")
    assert RECOMMENDATION_MOVES.permits(role="client_viewer", source="proposed", target="approved")


def test_assessment_moves_by_role_and_assignment(actors, client_co, engineer):
    moves = {"submitted": submit_assessment, "draft": reopen_assessment, "completed": complete_assessment}
    wrong = []
    for assigned in (True, False):
        assessment = create_assessment(
            client=client_co,
            title=f"Q4 {assigned}",
            as_of=dt.date(2026, 12, 31),
            assigned_engineer=engineer if assigned else None,
        )
        for source, target, role in itertools.product(("draft", "submitted", "completed"), moves, ROLES):
            Assessment.objects.filter(pk=assessment.pk).update(status=source)
            moved = _outcome(moves[target], actor=actors[role], assessment=assessment)
            allowed = ASSESSMENT_MOVES.permits(role=role, source=source, target=target)
            if role == "engineer" and target == "submitted":
                allowed = allowed and assigned and source == "draft"
            if moved != allowed:
                wrong.append(
                    f"{role} (assigned {assigned}): {source} → {target} {'moved' if moved else 'refused'}"
                )
    assert wrong == []


def test_roadmap_approval_by_role(actors, workshop, client_co):
    propose_recommendations(workshop=workshop)
    plan_quarters(client=client_co, after=dt.date(2026, 10, 5), budget=5000, capacity_hours=40, horizon=4)
    run = optimise_roadmap(actor=actors["system"], workshop=workshop, time_limit=2, on=dt.date(2026, 10, 5))
    wrong = []
    for approved, role in itertools.product((False, True), ROLES):
        RoadmapRun.objects.filter(pk=run.pk).update(
            approved_at=dt.datetime(2026, 10, 6, tzinfo=dt.UTC) if approved else None
        )
        moved = _outcome(approve_roadmap, actor=actors[role], run=run, on=dt.date(2026, 10, 6))
        source = "approved" if approved else "proposed"
        if moved != RUN_MOVES.permits(role=role, source=source, target="approved"):
            wrong.append(f"{role}: {source} → approved {'moved' if moved else 'refused'}")
    assert wrong == []


def test_holding_a_review_by_role(actors, client_co):
    review = plan_review(client=client_co, date=dt.date(2026, 10, 14))
    wrong = []
    for held, role in itertools.product((False, True), ROLES):
        status = "held" if held else "planned"
        ReviewMeeting.objects.filter(pk=review.pk).update(
            status=status,
            snapshot={} if held else None,
            held_at=dt.datetime(2026, 10, 14, tzinfo=dt.UTC) if held else None,
        )
        moved = _outcome(hold_review, actor=actors[role], review=review)
        if moved != REVIEW_MOVES.permits(role=role, source=status, target="held"):
            wrong.append(f"{role}: {status} → held {'moved' if moved else 'refused'}")
    assert wrong == []
