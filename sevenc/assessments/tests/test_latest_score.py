"""The denormalised latest score per client: kept by the completing service, backfilled by the migration."""

import datetime as dt
import importlib
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from sevenc.assessments.latest import Completed, latest_fields
from sevenc.assessments.models import LatestScore
from sevenc.web.tests.worlds import completed_assessment, draft_assessment

Q2, Q3, Q4 = dt.date(2026, 6, 30), dt.date(2026, 9, 30), dt.date(2026, 12, 31)


def _stored(client) -> tuple:  # type: ignore[no-untyped-def]
    score = LatestScore.objects.get(client=client)
    return (score.assessment_id, score.title, score.as_of, score.itcq, score.previous_itcq, score.change)


def test_a_client_without_a_completed_assessment_has_no_latest_score(client_co):
    draft_assessment(client_co)
    assert not LatestScore.objects.filter(client=client_co).exists()


def test_completing_an_assessment_stores_its_score_and_the_change_since_the_one_before(client_co):
    first = completed_assessment(client_co, "2026 Q2", {"CONT.1.1": 2}, Q2)
    assert _stored(client_co) == (first.pk, "2026 Q2", Q2, 50.0, None, None)
    second = completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, Q3)
    assert _stored(client_co) == (second.pk, "2026 Q3", Q3, 75.0, 50.0, 25.0)
    score = LatestScore.objects.get(client=client_co)
    assert score.block_scores == second.block_scores and score.completeness == second.completeness


def test_a_back_dated_completion_changes_the_previous_score_not_the_latest(client_co):
    latest = completed_assessment(client_co, "2026 Q4", {"CONT.1.1": 4}, Q4)
    completed_assessment(client_co, "2026 Q2", {"CONT.1.1": 1}, Q2)
    assert _stored(client_co) == (latest.pk, "2026 Q4", Q4, 100.0, 25.0, 75.0)
    completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 2}, Q3)  # between them: now the one before
    assert _stored(client_co) == (latest.pk, "2026 Q4", Q4, 100.0, 50.0, 50.0)


def test_latest_fields_take_the_last_by_day_then_by_id():
    same_day = [Completed(7, "b", Q3, 60.0, 1.0, {}), Completed(5, "a", Q3, 40.0, 1.0, {})]
    fields = latest_fields(same_day)
    assert fields is not None
    assert (fields["assessment_id"], fields["previous_itcq"], fields["change"]) == (7, 40.0, 20.0)
    assert latest_fields([]) is None
    unscored = latest_fields([Completed(1, "a", Q2, None, 0.0, {}), Completed(2, "b", Q3, 50.0, 1.0, {})])
    assert unscored is not None and unscored["change"] is None


def test_the_migration_backfills_what_the_service_keeps(client_co, other_client):
    completed_assessment(client_co, "2026 Q2", {"CONT.1.1": 2}, Q2)
    completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 3}, Q3)
    completed_assessment(other_client, "2026 Q3", {"COST.1.1": 1}, Q3)
    draft_assessment(other_client)
    kept = {c.pk: _stored(c) for c in (client_co, other_client)}
    LatestScore.objects.all().delete()
    migration = importlib.import_module("sevenc.assessments.migrations.0004_latest_score_per_client")
    migration.backfill(apps, SimpleNamespace(connection=connection))
    assert {c.pk: _stored(c) for c in (client_co, other_client)} == kept


def test_deleting_the_client_takes_its_latest_score_with_it(client_co):
    completed_assessment(client_co, "2026 Q3", {"CONT.1.1": 2}, Q3)
    client_co.delete()
    assert not LatestScore.objects.exists()
