"""Peer benchmarks through the Django layer: the client page's card and the QBR's frozen section, from the
scores stored on each client's latest completed assessment; no other client named, small cohorts hidden."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.clients.services import update_client
from sevenc.offering.presenters import peer_view
from sevenc.offering.tests.conftest import assessed
from sevenc.reports.services import hold_review, plan_review
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope

# ITCQ stored on each client's latest completed assessment: 10, 20, … 60; the subject (Acme) scores 30.
PEERS = [
    ("Birch Dental", 10, 20, "dental"),
    ("Cove Legal", 20, 30, "legal"),
    ("Acme Dental", 30, 42, "dental"),
    ("Dune Legal", 40, 44, "legal"),
    ("Elm Legal", 50, 48, "legal"),
    ("Fjord Legal", 60, 200, "legal"),
]


def _store(client, itcq):
    assessment = assessed(client, {"CONT.1.1": 2})
    # The stored score is what counts (never rescored): set it to a round number.
    Assessment.objects.filter(pk=assessment.pk).update(itcq=itcq, block_scores={"CONT": itcq + 1})


@pytest.fixture
def peers(msp, client_co):
    clients = {}
    for name, itcq, seats, vertical in PEERS:
        if name == "Acme Dental":
            client = client_co  # the fixture's Acme Dental, 42 seats, dental, with its client viewer
        else:
            client = Client.objects.create(msp=msp, name=name, seats=seats, vertical=vertical)
        _store(client, itcq)
        clients[name] = client
    return clients


def test_the_client_is_placed_among_all_clients_and_small_cohorts_are_hidden(peers, client_co):
    view = peer_view(client_co)
    itcq = view["rows"][0]
    assert (itcq["name"], itcq["value"]) == ("ITCQ", 30)
    everyone, vertical, size = itcq["cohorts"]
    assert everyone == {
        "label": "all",
        "shown": True,
        "reason": "",
        "n": 6,
        "p25": 22.5,
        "p50": 35.0,
        "p75": 47.5,
        "rank": 100 * 2.5 / 6,  # two below, itself counted half
    }
    assert (vertical["shown"], vertical["n"], vertical["reason"]) == (False, None, "fewer than 5 clients")
    assert (size["shown"], size["n"], size["label"]) == (True, 5, "1–49")  # Fjord's 200 seats are 150+
    assert [c["label"] for c in view["cohorts"]] == ["", "Dental", "1–49 seats"]
    cont = view["rows"][1]
    assert (cont["name"], cont["value"], cont["cohorts"][0]["p50"]) == ("Continuous", 31, 36.0)
    assert view["rows"][2]["cohorts"][0]["reason"] == "fewer than 5 clients"  # no Competent scores stored


def test_a_client_viewer_sees_the_card_without_any_other_clients_name(
    client, client_viewer, peers, client_co
):
    client.force_login(client_viewer)
    html = client.get(reverse("client_detail", args=[client_co.pk])).content.decode()
    assert "Peer benchmark" in html and "median 35.0" in html and "percentile rank 42" in html
    for name, *_ in PEERS:
        if name != client_co.name:
            assert name not in html


def test_a_client_without_a_completed_assessment_has_no_benchmark_yet(client, vcio, peers, msp):
    fresh = Client.objects.create(msp=msp, name="Fresh Start")
    client.force_login(vcio)
    html = client.get(reverse("client_detail", args=[fresh.pk])).content.decode()
    assert "The benchmark appears once Fresh Start has a completed assessment." in html
    assert peer_view(fresh) is None


def test_the_client_page_takes_the_same_queries_however_many_peers(client, vcio, peers, msp, client_co):
    client.force_login(vcio)

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("client_detail", args=[client_co.pk]))
        return len(captured.captured_queries)

    before = count()
    for n in range(6):
        _store(Client.objects.create(msp=msp, name=f"Extra {n}", seats=30), 45 + n)
    assert count() == before


def test_the_qbr_freezes_the_benchmark_on_the_review_date(peers, client_co, msp):
    late = Client.objects.create(msp=msp, name="Late Legal", seats=30, vertical="legal")
    assessed(late, {"CONT.1.1": 4}, as_of=dt.date(2026, 12, 1))  # after the review: not a peer yet
    review = plan_review(client=client_co, date=dt.date(2026, 10, 15))
    held = hold_review(actor=Caller.system(msp), review=review)
    frozen = held.snapshot["peers"]
    assert frozen["rows"][0]["cohorts"][0]["n"] == 6 and frozen["rows"][0]["cohorts"][0]["p50"] == 35.0
    Assessment.objects.filter(client=peers["Fjord Legal"]).update(itcq=0)  # later changes do not reach it
    held.refresh_from_db()
    assert held.snapshot["peers"] == frozen


def test_the_qbr_shows_the_section_to_the_client(client, client_viewer, peers, client_co, msp):
    review = hold_review(
        actor=Caller.system(msp), review=plan_review(client=client_co, date=dt.date(2026, 10, 15))
    )
    client.force_login(client_viewer)
    html = client.get(reverse("review_detail", args=[review.pk])).content.decode()
    assert "Compared with peers" in html and "median 35.0 (22.5–47.5), rank 42" in html
    assert "Fjord Legal" not in html and "Birch Dental" not in html


def test_a_second_view_comes_from_the_cache_without_reading_the_portfolio(peers, client_co):
    first = peer_view(client_co)
    with CaptureQueriesContext(connection) as captured:
        assert peer_view(client_co) == first
    assert not any("assessments_response" in q["sql"] for q in captured.captured_queries)
    assert len(captured.captured_queries) <= 4  # the portfolio's mark (two aggregates), the cache


def test_a_completion_elsewhere_in_the_portfolio_changes_the_cached_view(peers, client_co, msp):
    assert peer_view(client_co)["rows"][0]["cohorts"][0]["n"] == 6
    _store(Client.objects.create(msp=msp, name="Gale Dental", seats=30, vertical="dental"), 70)
    assert peer_view(client_co)["rows"][0]["cohorts"][0]["n"] == 7


def test_editing_a_clients_seats_changes_the_cached_view(peers, client_co):
    assert peer_view(client_co)["rows"][0]["cohorts"][2]["n"] == 5
    fjord = peers["Fjord Legal"]
    update_client(
        scope=Scope(fjord.msp),
        client=fjord,
        name=fjord.name,
        seats=25,
        vertical=fjord.vertical,
        fiscal_year_start_month=fjord.fiscal_year_start_month,
    )
    assert peer_view(client_co)["rows"][0]["cohorts"][2]["n"] == 6  # Fjord joins the 1–49 band
