"""`sevenc generate`: believable, deterministic data whose stored scores are the app's own, and exit 2 on
bad input. Small portfolios: the code paths are the same at 1,000 clients (benchmarks/generate.py)."""

import datetime as dt
import itertools
import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from sevenc.assessments.latest import refresh_latest_score, write_level_digits
from sevenc.assessments.models import Assessment, LatestScore, Response
from sevenc.assessments.services import score_assessment
from sevenc.cli.main import app
from sevenc.clients.models import Client
from sevenc.execution.models import WorkItem, WorkTask
from sevenc.execution.workflow import RECOMMENDATION_STATUS
from sevenc.generator.build import generate
from sevenc.generator.shapes import client_shapes, completed_quarters
from sevenc.goals.models import Workshop
from sevenc.offering.models import Service
from sevenc.raci.models import Cell, Matrix
from sevenc.raci.state import state_of
from sevenc.roadmap.models import Recommendation, RoadmapRun
from sevenc.tenancy.scoping import Scope

TODAY = dt.date(2026, 11, 15)
runner = CliRunner()


def _fingerprint(msp) -> list:  # type: ignore[no-untyped-def]
    """Everything that should not depend on ids or the MSP's name."""
    rows = []
    for client in Client.objects.filter(msp=msp).order_by("name"):
        assessments = client.assessments.order_by("as_of")
        levels = Counter(Response.objects.filter(assessment__client=client).values_list("level", flat=True))
        recs = Recommendation.objects.filter(client=client)
        rows.append(
            (
                client.name,
                client.seats,
                client.vertical,
                [(a.title, a.itcq, a.completeness) for a in assessments],
                sorted(levels.items(), key=str),
                sorted(recs.values_list("item__code", "status", "quarter")),
                Cell.objects.filter(party__client=client).count(),
            )
        )
    return rows


@pytest.fixture
def small(db):
    return generate(msp_name="Gen A", clients=6, quarters=3, seed=7, today=TODAY)


def test_the_same_seed_and_day_give_the_same_portfolio_and_another_seed_another(small):
    again = generate(msp_name="Gen B", clients=6, quarters=3, seed=7, today=TODAY)
    other = generate(msp_name="Gen C", clients=6, quarters=3, seed=8, today=TODAY)
    assert _fingerprint(small.msp) == _fingerprint(again.msp)
    assert _fingerprint(small.msp) != _fingerprint(other.msp)


def test_each_client_has_its_quarters_completed_and_scored_by_the_apps_own_scoring(small):
    quarters = [title for title, _ in completed_quarters(TODAY, 3)]
    assert quarters == ["2026 Q1", "2026 Q2", "2026 Q3"]
    assessments = Assessment.objects.filter(client__msp=small.msp)
    assert assessments.count() == 18 and set(assessments.values_list("status", flat=True)) == {"completed"}
    for assessment in assessments:
        card = score_assessment(assessment)
        assert assessment.itcq == card.itcq and assessment.completeness == card.completeness
        assert assessment.block_scores == {code: b.score for code, b in card.blocks.items()}
    digits = dict(assessments.values_list("pk", "level_digits"))
    write_level_digits(Scope(small.msp), list(digits))  # what a restore writes from the responses
    assert dict(assessments.values_list("pk", "level_digits")) == digits
    assert small.counts["responses"] == Response.objects.filter(assessment__client__msp=small.msp).count()


def test_the_latest_scores_written_in_bulk_are_what_the_completing_service_would_write(small):
    scope = Scope(small.msp)
    stored = {s.client_id: s for s in LatestScore.objects.filter(client__msp=small.msp)}
    assert len(stored) == 6
    for client_id, score in stored.items():
        fresh = refresh_latest_score(scope, client_id)
        assert fresh is not None
        assert (score.assessment_id, score.itcq, score.previous_itcq, score.change, score.block_scores) == (
            fresh.assessment_id,
            fresh.itcq,
            fresh.previous_itcq,
            fresh.change,
            fresh.block_scores,
        )


def test_scores_drift_from_quarter_to_quarter_rather_than_jump(db):
    result = generate(msp_name="Drift", clients=20, quarters=8, seed=2, today=TODAY)
    steps = []
    for client in Client.objects.filter(msp=result.msp):
        itcqs = list(client.assessments.order_by("as_of").values_list("itcq", flat=True))
        steps += [abs(b - a) for a, b in itertools.pairwise(itcqs)]
    assert max(steps) < 15 and sum(steps) / len(steps) < 6


def test_a_share_of_clients_has_a_workshop_and_an_approved_roadmap_under_way(small):
    shapes = client_shapes(7, 6, vcios=2)
    assert [s.stage for s in shapes[:3]] == ["roadmap", "workshop", "assessed"]
    roadmap = Client.objects.get(msp=small.msp, name=shapes[0].name)
    run = RoadmapRun.objects.get(client=roadmap)
    assert run.is_approved and run.projection and run.budget["quarters"]
    work = WorkItem.objects.filter(client=roadmap).select_related("recommendation")
    assert work and {w.run_id for w in work} == {run.pk}
    for item in work:
        assert item.recommendation.status == RECOMMENDATION_STATUS[item.status]
        assert run.schedule[str(item.recommendation_id)] == item.quarter == item.recommendation.quarter
        assert item.start <= item.due
    assert WorkTask.objects.filter(item__client=roadmap).count() == 4 * work.count()
    workshop_only = Client.objects.get(msp=small.msp, name=shapes[1].name)
    assert Workshop.objects.filter(client=workshop_only).exists()
    assert not RoadmapRun.objects.filter(client=workshop_only).exists()
    assert set(Recommendation.objects.filter(client=workshop_only).values_list("status", flat=True)) == {
        "proposed"
    }


def test_roadmap_clients_get_a_matrix_the_app_reads_and_the_msp_a_service_catalogue(small):
    matrix = Matrix.objects.filter(client__msp=small.msp).select_related("client").first()
    assert matrix is not None
    state = state_of(Scope(small.msp), matrix.client)
    assert state is not None and state.assignments and state.review is not None
    assert Service.objects.filter(msp=small.msp).count() > 20


def test_the_command_prints_what_it_made_as_json(db):
    result = runner.invoke(
        app,
        [
            "generate",
            "--msp",
            "Cli MSP",
            "--clients",
            "3",
            "--quarters",
            "2",
            "--today",
            "2026-11-15",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["msp"] == "Cli MSP" and data["counts"]["clients"] == 3 and data["counts"]["assessments"] == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--clients", "0"], "clients: must be between 1 and 5,000"),
        (["--clients", "3", "--quarters", "41"], "quarters: must be between 1 and 40"),
        (["--clients", "3", "--seed", "-1"], "seed: must be 0 or more"),
        (["--clients", "3", "--today", "soon"], "--today: 'soon' is not a date"),
        (["--clients", "many"], "Invalid value for '--clients'"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_creates_nothing(db, args, message):
    result = runner.invoke(app, ["generate", "--msp", "Bad", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert not Client.objects.exists()


def test_an_existing_msp_is_refused(small):
    result = runner.invoke(app, ["generate", "--msp", "Gen A", "--clients", "2"])
    assert result.exit_code == 2 and "exists already" in result.stderr
