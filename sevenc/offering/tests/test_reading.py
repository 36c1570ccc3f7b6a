"""The glue between the database and the pure core: which assessment counts, which targets apply, seats,
weights and vCIOs, in a fixed number of queries (numbers worked out in conftest.py's docstring)."""

import datetime as dt
from dataclasses import replace

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sevenc.assessments.models import Assessment
from sevenc.catalogue.services import load_framework
from sevenc.clients.models import Client
from sevenc.offering.coverage import coverage
from sevenc.offering.portfolio import Portfolio
from sevenc.offering.reading import catalogue, offering_spec, read_portfolio
from sevenc.offering.tests.conftest import assessed
from sevenc.tenancy.scoping import Scope


def _standings(scope):
    spec = offering_spec()
    data = read_portfolio(scope, spec)
    return spec, data, {s.name: s for s in data.standings}


def test_the_latest_completed_7c_assessment_counts_not_older_drafts_or_other_frameworks(portfolio, scope):
    spec, data, standings = _standings(scope)
    assert sorted(standings) == ["Acme Dental", "Cedar Ridge", "Harbor Law"]
    assert data.unassessed == ["Delta Dental"]  # only a draft
    levels = dict(zip(spec.item_index, standings["Acme Dental"].levels, strict=True))
    assert {code: level for code, level in levels.items() if level is not None} == {
        "CONT.1.1": 1,
        "CONT.1.2": 3,
        "CONT.1.4": 2,
        "COST.1.1": 1,
    }  # CONT.2.1 is N/A: no level; the Q2 assessment's CTRL.1.1 and the Q4 draft's levels are not there
    harbor = dict(zip(spec.item_index, standings["Harbor Law"].levels, strict=True))
    assert harbor["CTRL.1.1"] == 0  # the 7C assessment, although a NIST CSF one is newer


def test_targets_come_from_the_latest_workshop_and_weights_seats_and_vcio_from_the_client(portfolio, scope):
    _, _, standings = _standings(scope)
    acme = standings["Acme Dental"]
    assert (acme.block_targets, acme.item_targets) == ({"CONT": 80}, {"COST.1.1": 2})  # not the July workshop
    assert (acme.seats, acme.vcio, acme.vertical, acme.weights) == (42, "vcio", "dental", {"COST.1.1": 2})
    harbor, cedar = standings["Harbor Law"], standings["Cedar Ridge"]
    assert (harbor.block_targets, harbor.item_targets, harbor.vcio) == ({}, {}, "")
    assert cedar.seats is None


def test_items_below_target_through_the_database(portfolio, scope):
    spec, data, _ = _standings(scope)
    world = Portfolio(spec, data.standings)
    below = {client.name: world.below_target(n) for n, client in enumerate(world.clients)}
    assert below == {
        "Acme Dental": ("CONT.1.1", "CONT.1.2", "CONT.1.4", "COST.1.1"),  # CONT 80 → 4, COST.1.1 → 2
        "Cedar Ridge": ("CONT.1.1",),  # level 3 everywhere; COST.1.1 at 4 is above
        "Harbor Law": ("CONT.1.2", "CONT.2.1", "CTRL.1.1", "COST.1.1"),  # framework order: CTRL before COST
    }


def test_as_of_counts_only_assessments_up_to_that_day(portfolio, scope):
    spec = offering_spec()
    data = read_portfolio(scope, spec, as_of=dt.date(2026, 7, 31))
    assert [s.name for s in data.standings] == ["Acme Dental"]  # its Q2 assessment; the others are Q3
    levels = dict(zip(spec.item_index, data.standings[0].levels, strict=True))
    assert (levels["CTRL.1.1"], levels["CONT.1.1"]) == (0, 0)


def test_peer_scores_are_the_scores_stored_when_the_assessment_was_completed(portfolio, scope):
    acme = portfolio["acme"].assessments.get(title="2026 Q3")
    type(acme).objects.filter(pk=acme.pk).update(
        itcq=12.5, block_scores={"CONT": 7.5}
    )  # not what rescoring gives
    data = read_portfolio(scope, offering_spec(), levels=False)
    peers = {p.key: p for p in data.peers}
    assert (peers[portfolio["acme"].pk].itcq, peers[portfolio["acme"].pk].blocks) == (12.5, {"CONT": 7.5})
    assert data.standings == []  # levels=False reads no levels and no targets


def test_the_catalogue_reads_plain_services_with_items_in_framework_order(catalogue, scope):
    rows = catalogue_of(scope)
    assert [data.name for _, data in rows] == [
        "Budget Tool",
        "DR Workshop",
        "DRaaS",
        "Managed Backup",
        "Old Fax",
    ]
    draas = dict((d.name, d) for _, d in rows)["DRaaS"]
    assert (draas.delivery, draas.partner, draas.items, str(draas.price)) == (
        "partner",
        "Vaultline",
        ("CONT.1.2", "CONT.1.4"),
        "1150.00",
    )


def catalogue_of(scope):
    return catalogue(scope, offering_spec())


def test_coverage_of_the_stored_catalogue(catalogue, scope):
    report = coverage(offering_spec(), [data for _, data in catalogue_of(scope)])
    levels = [report.items[c] for c in ("CONT.1.1", "CONT.1.4", "CONT.2.1", "COST.1.1", "COST.1.2")]
    assert levels == ["in_house", "partner", "in_house", "planned", "none"]  # Old Fax is retired
    assert report.overall.covered == 100 * 4 / 139 and report.overall.in_house == 100 * 3 / 139


def test_reading_the_portfolio_takes_the_same_queries_for_3_or_9_clients(portfolio, scope, msp):
    spec = offering_spec()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            read_portfolio(scope, spec)
        return len(captured.captured_queries)

    before = queries()
    for n in range(6):
        client = Client.objects.create(msp=msp, name=f"Extra {n}", seats=10 + n)
        assessed(client, {"CONT.1.1": n % 4, "COST.1.1": 1})
    assert queries() == before == 5


def test_an_msp_without_clients_reads_an_empty_portfolio(other_msp):
    data = read_portfolio(Scope(other_msp), offering_spec())
    assert (data.standings, data.peers, data.unassessed, data.clients) == ([], [], [], 0)


def test_a_fully_answered_assessment_reads_every_level_in_framework_order(client_co, scope):
    spec = offering_spec()
    levels = {code: n % 5 for n, code in enumerate(spec.item_index)}
    assessed(client_co, levels)
    (standing,) = read_portfolio(scope, spec).standings
    assert list(standing.levels) == [n % 5 for n in range(139)]


def test_an_assessment_of_an_older_7c_version_lines_up_by_item_code(client_co, scope):
    assessed(client_co, {"CONT.1.2": 1, "COST.4.4": 0})  # on today's 7C
    newer = replace(offering_spec(), version="9.9-test")
    load_framework(newer)  # now the newest 7C: its items have other ids
    spec = offering_spec()
    assert spec.version == "9.9-test"
    (standing,) = read_portfolio(scope, spec).standings
    levels = dict(zip(spec.item_index, standing.levels, strict=True))
    assert {code: level for code, level in levels.items() if level is not None} == {
        "CONT.1.2": 1,
        "COST.4.4": 0,
    }


def test_levels_read_from_the_stored_digits_equal_those_read_from_the_responses(portfolio, scope):
    spec = offering_spec()
    from_digits = {s.name: s.levels for s in read_portfolio(scope, spec).standings}
    Assessment.objects.update(level_digits="")  # as if never written: every client read from its responses
    with CaptureQueriesContext(connection) as captured:
        from_responses = {s.name: s.levels for s in read_portfolio(scope, spec).standings}
    assert from_digits == from_responses
    assert any("assessments_response" in q["sql"] for q in captured.captured_queries)


def test_levels_come_from_the_digits_without_reading_a_response(portfolio, scope):
    with CaptureQueriesContext(connection) as captured:
        read_portfolio(scope, offering_spec())
    assert not any("assessments_response" in q["sql"] for q in captured.captured_queries)


def test_digits_of_a_shorter_length_than_the_framework_are_not_trusted(client_co, scope):
    assessment = assessed(client_co, {"CONT.1.2": 1, "COST.4.4": 0})
    Assessment.objects.filter(pk=assessment.pk).update(level_digits="4" * 10)
    (standing,) = read_portfolio(scope, offering_spec()).standings
    assert [level for level in standing.levels if level is not None] == [1, 0]
