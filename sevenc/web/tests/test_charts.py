import re

import pytest

from sevenc import charts

BLOCKS = ["Continuous", "Competent", "Charged", "Conscious", "Controlled", "Clear", "Cost effective"]


@pytest.mark.parametrize(
    "svg",
    [
        charts.radar(BLOCKS, {"2026 Q3": [55, 60, 42, 30, None, 35, 50], "2026 Q2": [50] * 7}),
        charts.trend(["Q1", "Q2", "Q3"], {"ITCQ": [30.04, None, 45.0]}),
        charts.bars(BLOCKS, {"delta": [1, -2, 3, 0, 5, None, 7]}, y_range=None),
    ],
)
def test_charts_are_self_contained_inline_svg(svg):
    assert svg.startswith("<svg")
    assert "<script" not in svg and "<?xml" not in svg
    assert not re.search(r'(?:href|src)="(?:https?:)?//', svg)


def test_values_are_drawn_with_one_decimal():
    assert "30.0" in charts.trend(["Q1", "Q2"], {"ITCQ": [30.04, 45.0]})


def test_a_series_must_match_its_labels():
    with pytest.raises(ValueError, match="has 2 values for 3 labels"):
        charts.radar(["a", "b", "c"], {"x": [1, 2]})


@pytest.mark.parametrize(
    ("score", "colour"), [(None, charts.NO_SCORE_COLOUR), (0, "#d9534f"), (80, "#1a7f4b")]
)
def test_score_colours_follow_the_bands(score, colour):
    assert charts.score_colour(score) == colour


def test_data_uri_wraps_the_svg():
    assert charts.data_uri("<svg/>").startswith("data:image/svg+xml;base64,")
