import re
from pathlib import Path

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
    ("score", "colour"), [(None, charts.NO_SCORE_COLOUR), (0, "#c43d38"), (80, "#1a7f4b")]
)
def test_score_colours_follow_the_bands(score, colour):
    assert charts.score_colour(score) == colour


def test_data_uri_wraps_the_svg():
    assert charts.data_uri("<svg/>").startswith("data:image/svg+xml;base64,")


def test_the_same_chart_as_an_image_is_the_same_bytes_with_its_styles_still_scoped_to_it():
    import base64

    labels, series = ["A", "B", "C"], {"Now": [1.0, 2.0, 3.0]}
    first, second = charts.radar(labels, series), charts.radar(labels, series)
    assert first != second  # inline, each copy has an id of its own
    uri = charts.data_uri(first)
    assert uri == charts.data_uri(second)
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert f'id="{charts.IMAGE_CHART_ID}"' in svg and f"#{charts.IMAGE_CHART_ID} " in svg
    assert set(charts.CHART_ID.findall(svg)) == {charts.IMAGE_CHART_ID}  # every reference, not only the id


HEAT_CSS = Path(__file__).resolve().parents[1] / "static" / "web" / "heat.css"


def test_the_heat_stylesheet_is_the_one_the_bands_give():
    # Regenerate after changing SCORE_BANDS:
    #   python -c "from sevenc import charts; print(charts.heat_stylesheet(), end='')" > sevenc/web/static/web/heat.css
    assert HEAT_CSS.read_text(encoding="utf-8") == charts.heat_stylesheet()


@pytest.mark.parametrize(
    ("score", "name"),
    [(None, "heat-none"), (-3, "heat-0"), (19.99, "heat-0"), (20, "heat-20"), (100, "heat-80")],
)
def test_each_score_gets_its_bands_class(score, name):
    assert charts.heat_class(score) == name
    assert (
        f".{name} {{ background: {charts.score_colour(score)}; color: {charts.score_text_colour(score)}; }}"
        in (charts.heat_stylesheet())
    )


def test_a_chart_declares_its_size_for_its_img():
    assert charts.size(charts.radar(BLOCKS, {"x": [1] * 7}, width=300, height=200)) == (300, 200)
    assert charts.size("<svg/>") is None
