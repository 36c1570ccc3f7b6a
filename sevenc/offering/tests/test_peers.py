"""Peer benchmarks: the percentile method, the rank, the size bands and hidden small cohorts."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.offering.peers import (
    PeerIndex,
    PeerScores,
    peer_benchmark,
    percentile,
    percentile_rank,
    size_band,
)


def test_percentiles_interpolate_linearly_between_closest_ranks():
    five = [10, 20, 30, 40, 50]
    assert [percentile(five, p) for p in (0, 25, 50, 75, 100)] == [10, 20, 30, 40, 50]
    six = [10, 20, 30, 40, 50, 60]
    assert [percentile(six, p) for p in (25, 50, 75)] == [22.5, 35.0, 47.5]
    assert percentile([7.0], 75) == 7.0


def test_the_percentile_rank_counts_half_of_the_equal_values():
    values = [10, 20, 30, 30, 50]
    assert percentile_rank(values, 30) == 60.0  # (2 below + ½ × 2 equal) / 5
    assert percentile_rank(values, 10) == 10.0
    assert percentile_rank(values, 50) == 90.0
    assert percentile_rank([1, 2, 3, 4, 5], 3) == 50.0


@pytest.mark.parametrize(
    ("seats", "band"),
    [(1, "1–49"), (49, "1–49"), (50, "50–149"), (149, "50–149"), (150, "150+"), (None, None)],
)
def test_size_bands_are_1_to_49_50_to_149_and_150_up(seats, band):
    assert size_band(seats) == band


def peer(key, seats, vertical, itcq, cont=None):
    return PeerScores(key, seats, vertical, itcq, {"CONT": cont, "COMP": None})


# Six dental clients (ITCQ 10..60), three legal ones; sizes across the three bands.
PORTFOLIO = [
    peer("d1", 20, "dental", 10.0, 40.0),
    peer("d2", 30, "dental", 20.0, 40.0),
    peer("d3", 60, "dental", 30.0, 50.0),
    peer("d4", 80, "dental", 40.0, None),
    peer("d5", 120, "dental", 50.0, 70.0),
    peer("d6", 200, "dental", 60.0, 80.0),
    peer("l1", 40, "legal", 35.0, 10.0),
    peer("l2", 45, "legal", None, 20.0),
    peer("l3", None, "legal", 55.0, 30.0),
]
BLOCKS = ["CONT", "COMP"]


def test_a_client_sees_its_score_against_all_clients_its_vertical_and_its_size_band():
    result = PeerIndex(PORTFOLIO, BLOCKS).benchmark("d3")
    every, vertical, size = result.itcq.cohorts
    assert result.itcq.value == 30.0
    # All: 10 20 30 35 40 50 55 60 (l2 has no ITCQ) → n 8.
    assert (every.kind, every.shown, every.n) == ("all", True, 8)
    assert every.percentiles == (27.5, 37.5, 51.25)
    assert every.rank == 100 * 2.5 / 8
    assert (vertical.label, vertical.n, vertical.percentiles, vertical.rank) == (
        "dental",
        6,
        (22.5, 35.0, 47.5),
        100 * 2.5 / 6,
    )
    assert (size.label, size.shown, size.reason) == ("50–149", False, "fewer than 5 clients")  # d3 d4 d5


def test_a_cohort_below_five_clients_is_hidden_entirely():
    result = PeerIndex(PORTFOLIO, BLOCKS).benchmark("l1")
    vertical = result.itcq.cohorts[1]
    assert (vertical.shown, vertical.n, vertical.percentiles, vertical.rank) == (False, None, None, None)
    assert result.to_json()["itcq"]["cohorts"]["vertical"] == {
        "label": "legal",
        "shown": False,
        "reason": "fewer than 5 clients",
        "n": None,
        "p25": None,
        "p50": None,
        "p75": None,
        "rank": None,
    }
    size = result.itcq.cohorts[2]
    assert (size.label, size.shown, size.n) == ("1–49", False, None)  # d1 d2 l1 (l2 has no ITCQ)


def test_each_metric_counts_only_the_clients_scored_on_it_and_the_minimum_is_configurable():
    result = PeerIndex(PORTFOLIO, BLOCKS, min_cohort=3).benchmark("l1")
    cont = result.blocks[0]
    assert (cont.metric, cont.value) == ("CONT", 10.0)
    assert [c.n for c in cont.cohorts] == [8, 3, 4]  # d4 has no CONT score; legal 3; 1–49: d1 d2 l1 l2
    assert cont.cohorts[1].rank == 100 * 0.5 / 3
    comp = result.blocks[1]
    assert [c.shown for c in comp.cohorts] == [False, False, False]  # nobody has a COMP score


def test_a_client_without_a_seat_count_has_no_size_cohort_and_no_score_means_no_rank():
    result = PeerIndex(PORTFOLIO, BLOCKS).benchmark("l3")
    assert result.itcq.cohorts[2].reason == "seat count unknown"
    unscored = PeerIndex(PORTFOLIO, BLOCKS).benchmark("l2")
    assert unscored.itcq.value is None
    assert unscored.itcq.cohorts[0].shown and unscored.itcq.cohorts[0].rank is None


def test_the_subject_counts_once_whether_or_not_the_portfolio_lists_it():
    subject = peer("new", 25, "dental", 45.0)
    alone = peer_benchmark(subject, PORTFOLIO, BLOCKS)
    listed = peer_benchmark(subject, [*PORTFOLIO, subject], BLOCKS)
    assert alone == listed
    assert alone.itcq.cohorts[0].n == 9


def test_no_other_clients_key_or_name_ever_appears_in_a_benchmark():
    secret = [PeerScores(f"Secret Client {n}", 20, "dental", 10.0 * n, {"CONT": 5.0 * n}) for n in range(8)]
    text = json.dumps(PeerIndex(secret, ["CONT"]).benchmark("Secret Client 3").to_json())
    assert "Secret" not in text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 100), min_size=1, max_size=40), st.floats(0, 100))
def test_percentiles_are_ordered_within_the_range_and_ranks_are_percentages(values, value):
    ordered = sorted(values)
    p25, p50, p75 = (percentile(ordered, p) for p in (25, 50, 75))
    assert ordered[0] <= p25 <= p50 <= p75 <= ordered[-1]
    assert 0 <= percentile_rank(ordered, value) <= 100
    assert percentile_rank(ordered, ordered[0]) <= percentile_rank(ordered, ordered[-1])
