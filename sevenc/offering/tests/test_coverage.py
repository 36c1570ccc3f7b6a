"""Coverage of the offering: the precedence rule and the weighted shares, exactly."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sevenc.offering.coverage import coverage, item_coverage
from sevenc.offering.tests.helpers import TINY, service

# TINY weights: A.1.1 2, A.1.2 1, A.2.1 0, B.1.1 1, B.1.2 3, Z.1.1 0.
CODES = list(TINY.item_index)


def test_an_offered_in_house_service_beats_partner_which_beats_planned():
    services = [
        service("plan", "A.1.1", "A.1.2", "B.1.1", status="planned"),
        service("partner", "A.1.1", "A.1.2", delivery="partner"),
        service("own", "A.1.1"),
    ]
    assert item_coverage(TINY, services) == {
        "A.1.1": "in_house",
        "A.1.2": "partner",
        "A.2.1": "none",
        "B.1.1": "planned",
        "B.1.2": "none",
        "Z.1.1": "none",
    }


def test_the_order_of_services_does_not_change_an_items_coverage():
    services = [service("own", "A.1.1"), service("partner", "A.1.1", delivery="partner")]
    assert item_coverage(TINY, services) == item_coverage(TINY, services[::-1])


def test_retired_services_count_for_nothing_even_in_house():
    services = [service("old", "A.1.1", "B.1.2", status="retired"), service("p", "B.1.2", status="planned")]
    found = item_coverage(TINY, services)
    assert (found["A.1.1"], found["B.1.2"]) == ("none", "planned")


def test_a_planned_in_house_service_does_not_cover_an_item():
    report = coverage(TINY, [service("soon", "B.1.2", status="planned")])
    assert report.items["B.1.2"] == "planned"
    assert report.blocks["B"].covered == 0.0


def test_shares_are_weighted_by_the_framework_default_weights():
    # A: in_house A.1.1 (w2), partner A.1.2 (w1), A.2.1 w0 → covered 3/3, in-house 2/3.
    # B: partner B.1.1 (w1), planned B.1.2 (w3) → covered 1/4, in-house 0.
    services = [
        service("own", "A.1.1"),
        service("partner", "A.1.2", "B.1.1", delivery="partner"),
        service("plan", "B.1.2", status="planned"),
    ]
    report = coverage(TINY, services)
    assert report.blocks["A"].covered == 100.0
    assert report.blocks["A"].in_house == 100.0 * 2 / 3
    assert report.blocks["B"].covered == 25.0
    assert report.blocks["B"].in_house == 0.0
    assert report.areas["A.1"].in_house == 100.0 * 2 / 3
    assert report.overall.covered == 100.0 * 4 / 7
    assert report.overall.in_house == 100.0 * 2 / 7


def test_an_area_or_block_whose_weights_sum_to_zero_has_no_coverage():
    report = coverage(TINY, [service("all", *CODES)])
    assert (report.areas["A.2"].covered, report.areas["A.2"].in_house) == (None, None)
    assert (report.blocks["Z"].covered, report.blocks["Z"].in_house) == (None, None)
    assert report.overall.covered == 100.0
    json = report.to_json()
    assert json["blocks"]["Z"] == {"covered": None, "in_house": None}


def test_no_services_means_every_item_none_and_zero_coverage():
    report = coverage(TINY, [])
    assert set(report.items.values()) == {"none"}
    assert report.overall.covered == 0.0
    assert report.counts() == {"in_house": 0, "partner": 0, "planned": 0, "none": 6}


def test_the_json_lists_every_block_area_and_item_in_framework_order():
    json = coverage(TINY, [service("own", "B.1.2")]).to_json()
    assert list(json) == ["overall", "blocks", "areas", "items"]
    assert list(json["blocks"]) == ["A", "B", "Z"]
    assert list(json["areas"]) == ["A.1", "A.2", "B.1", "Z.1"]
    assert list(json["items"]) == CODES
    assert json["overall"] == {"covered": 300 / 7, "in_house": 300 / 7}


services_strategy = st.lists(
    st.builds(
        lambda n, items, delivery, status: service(f"s{n}", *items, delivery=delivery, status=status),
        st.integers(0, 999),
        st.lists(st.sampled_from(CODES), unique=True),
        st.sampled_from(["in_house", "partner"]),
        st.sampled_from(["offered", "planned", "retired"]),
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(services_strategy)
def test_coverage_is_a_percentage_and_in_house_never_exceeds_covered(services):
    report = coverage(TINY, services)
    for share in [report.overall, *report.blocks.values(), *report.areas.values()]:
        if share.covered is None:
            assert share.in_house is None
            continue
        assert 0.0 <= share.in_house <= share.covered <= 100.0


@settings(max_examples=200, deadline=None)
@given(services_strategy)
def test_dropping_retired_services_changes_nothing_and_adding_an_offer_never_lowers_coverage(services):
    report = coverage(TINY, services)
    assert coverage(TINY, [s for s in services if s.status != "retired"]) == report
    more = coverage(TINY, [*services, service("extra", "B.1.2", delivery="partner")])
    assert more.overall.covered >= report.overall.covered
    assert more.overall.in_house == report.overall.in_house
