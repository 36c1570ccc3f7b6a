"""`sevenc reports build`: every client's latest held review; one failure is reported, not fatal."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.reports.batch import BUILT, FAILED, SKIPPED, build_all, jobs_for
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.services import plan_review
from sevenc.reports.tests.factories import hold
from sevenc.tenancy.models import Msp

runner = CliRunner()


def test_one_broken_report_does_not_stop_the_others(planned, other_client, client_co, tmp_path):
    hold(planned)
    broken = hold(plan_review(client=other_client, date=dt.date(2026, 10, 2)))
    # A snapshot that no template can render (e.g. damaged by hand in the database).
    ReviewMeeting.objects.filter(pk=broken.pk).update(snapshot={"version": 1})

    outcomes = build_all(jobs_for(Msp.objects.all()), tmp_path, workers=1)

    by_client = {o.job.client: o for o in outcomes}
    assert by_client["Acme Dental"].status == BUILT
    assert (tmp_path / "brightpath-it" / "acme-dental-qbr-2026-10-14.pdf").read_bytes().startswith(b"%PDF")
    assert by_client["Harbor Law"].status == FAILED
    assert "KeyError" in by_client["Harbor Law"].reason
    assert not list(tmp_path.rglob("*.part"))


def test_the_latest_held_review_is_built_and_clients_without_one_are_skipped(
    client_co, other_client, history, tmp_path
):
    older = hold(plan_review(client=client_co, date=dt.date(2026, 7, 10)))
    newer = hold(plan_review(client=client_co, date=dt.date(2026, 10, 10)))
    plan_review(client=client_co, date=dt.date(2027, 1, 10))  # planned, not held: not a report yet
    jobs = {job.client: job for job in jobs_for(Msp.objects.all())}
    assert jobs["Acme Dental"].review_id == newer.pk != older.pk
    assert jobs["Harbor Law"].review_id is None
    [outcome] = build_all([jobs["Harbor Law"]], tmp_path, workers=1)
    assert outcome.status == SKIPPED and outcome.reason == "no held review yet"


def test_the_command_needs_all_or_a_client_and_names_unknown_clients(client_co, tmp_path):
    result = runner.invoke(app, ["reports", "build", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--all or at least one --client" in result.output
    result = runner.invoke(app, ["reports", "build", "--client", "Nobody Inc", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Nobody Inc" in result.output
    result = runner.invoke(app, ["reports", "build", "--all", "--page-size", "A5", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "page size 'A5'" in result.output


def test_the_command_builds_and_summarises(planned, other_client, tmp_path):
    hold(planned)
    result = runner.invoke(app, ["reports", "build", "--all", "--workers", "1", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 built, 0 failed, 1 skipped" in result.output
    assert len(list(tmp_path.rglob("*.pdf"))) == 1


def test_the_command_exits_1_and_names_the_reason_when_a_report_fails(planned, other_client, tmp_path):
    hold(planned)
    broken = hold(plan_review(client=other_client, date=dt.date(2026, 10, 2)))
    ReviewMeeting.objects.filter(pk=broken.pk).update(snapshot={"version": 1})
    result = runner.invoke(app, ["reports", "build", "--all", "--workers", "1", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "Harbor Law" in result.output and "KeyError" in result.output
    assert "1 built, 1 failed, 0 skipped" in result.output
