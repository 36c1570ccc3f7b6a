"""Every text colour the stylesheets declare reads at WCAG AA contrast (≥ 4.5:1) on what it sits on.

axe checks the pages the browser tests show; this checks the colours no demo page happens to show (a badge
of a rare status, an error message, the report's level tags) straight from the CSS, with the default brand
colours. Values that are not plain #rrggbb (inherit, transparent, rgba) are left to axe.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sevenc.charts.contrast import AA_TEXT, contrast_ratio

ROOT = Path(__file__).resolve().parents[2]
SHEETS = [ROOT / "web/static/web/sevenc.css", ROOT / "reports/static/reports/report.css"]
PAGE_SURFACES = ("#ffffff", "#f4f6f8")  # cards and tables; the page and zebra rows (--soft, --zebra)


def _rules(path: Path) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.DOTALL)
    return [
        (
            " ".join(selector.split()),
            {k.strip(): v.strip() for k, v in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body)},
        )
        for selector, body in re.findall(r"([^{}@]+)\{([^{}]*)\}", css)
    ]


RULES = [(path.name, selector, decls) for path in SHEETS for selector, decls in _rules(path)]


def _variables(sheet: str) -> dict[str, str]:
    """Custom properties as the sheet sees them: its own, over sevenc.css's (the default brand colours)."""
    found: dict[str, str] = {}
    for name in ("sevenc.css", sheet):
        for rule_sheet, selector, decls in RULES:
            if rule_sheet == name and selector in (":root", ".qbr"):
                found.update((k, v) for k, v in decls.items() if k.startswith("--"))
    return found


def _hex(sheet: str, value: str | None) -> str | None:
    if value is None:
        return None
    variables = _variables(sheet)
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), m.group(0)), value).lower()
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(2 * c for c in value[1:])
    return value if re.fullmatch(r"#[0-9a-f]{6}", value) else None


def _background(sheet: str, decls: dict[str, str]) -> str | None:
    return _hex(sheet, decls.get("background-color") or decls.get("background"))


PAIRS = [
    pytest.param(text, background, id=f"{sheet} {selector}")
    for sheet, selector, decls in RULES
    if (text := _hex(sheet, decls.get("color"))) and (background := _background(sheet, decls))
]
ON_PAGE = [
    pytest.param(text, surface, id=f"{sheet} {selector} on {surface}")
    for sheet, selector, decls in RULES
    if (text := _hex(sheet, decls.get("color")))
    and text != "#ffffff"
    and not any(k.startswith("background") for k in decls)
    for surface in PAGE_SURFACES
]
LEVEL_TAGS = [
    pytest.param(background, id=selector)
    for sheet, selector, decls in RULES
    if re.fullmatch(r"\.qbr \.level-\d", selector) and (background := _background(sheet, decls))
]


def test_the_stylesheets_are_parsed():
    assert len(PAIRS) >= 15 and len(ON_PAGE) >= 60 and len(LEVEL_TAGS) == 3


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_a_rule_that_sets_text_and_background_pairs_them_readably(text, background):
    assert contrast_ratio(text, background) >= AA_TEXT


@pytest.mark.parametrize(("text", "surface"), ON_PAGE)
def test_text_colours_read_on_the_page_surfaces(text, surface):
    assert contrast_ratio(text, surface) >= AA_TEXT


@pytest.mark.parametrize("background", LEVEL_TAGS)
def test_the_reports_level_tags_carry_white_text_readably(background):
    text = _hex("report.css", next(d for _, s, d in RULES if s == ".qbr .level").get("color"))
    assert text == "#ffffff" and contrast_ratio(text, background) >= AA_TEXT
