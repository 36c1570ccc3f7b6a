"""Every score colour carries its text at WCAG AA contrast: the heatmap, the level pills and the PDFs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sevenc import charts
from sevenc.charts.contrast import AA_TEXT, contrast_ratio, readable_text, relative_luminance

BAND_SCORES = [bound for bound, _ in charts.SCORE_BANDS]


@pytest.mark.parametrize("score", [*BAND_SCORES, None])
def test_each_band_text_on_its_background_reaches_aa_contrast(score):
    background, text = charts.score_colour(score), charts.score_text_colour(score)
    assert contrast_ratio(text, background) >= AA_TEXT, f"{text} on {background}"


@given(st.floats(min_value=0, max_value=100))
def test_any_score_is_readable_on_its_colour(score):
    assert contrast_ratio(charts.score_text_colour(score), charts.score_colour(score)) >= AA_TEXT


def test_contrast_runs_from_one_to_twenty_one():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#5fae6e", "#5fae6e") == pytest.approx(1.0)
    assert contrast_ratio("#ffffff", "#5fae6e") == pytest.approx(contrast_ratio("#5fae6e", "#ffffff"))


def test_the_old_white_on_mid_green_is_what_axe_flagged():
    assert contrast_ratio("#ffffff", "#5fae6e") == pytest.approx(2.70, abs=0.01)  # axe: 2.7
    assert readable_text("#5fae6e") == "#1b1f24"


def test_a_colour_must_be_six_digit_hex():
    with pytest.raises(ValueError, match="not a #rrggbb colour: 'navy'"):
        relative_luminance("navy")


def test_a_chart_drawn_again_is_the_same_drawing_under_a_new_chart_id():
    import re

    from sevenc.charts import radar, trend

    first = radar(["a", "b", "c"], {"Q3": [10, 20, None]}, colors=["#123456"])
    again = radar(["a", "b", "c"], {"Q3": [10, 20, None]}, colors=["#123456"])
    ids = [set(re.findall(r"chart-[0-9a-f-]{36}", svg)) for svg in (first, again)]
    assert len(ids[0]) == len(ids[1]) == 1 and ids[0] != ids[1]
    assert first.replace(ids[0].pop(), "X") == again.replace(ids[1].pop(), "X")
    assert radar(["a", "b", "c"], {"Q3": [10, 20, 30]}) != radar(["a", "b", "c"], {"Q3": [10, 20, None]})
    assert trend(["a"], {"x": [1]}, y_range=None) != trend(["a"], {"x": [1]})
