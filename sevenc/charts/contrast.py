"""WCAG 2 contrast between two sRGB colours, and the readable text colour on a background.

No Django here. Formulas from WCAG 2.1 ("relative luminance", "contrast ratio"); AA asks 4.5:1 for
normal text and 3:1 for large text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

AA_TEXT = 4.5
DARK_TEXT = "#1b1f24"  # the pages' ink (--ink in sevenc.css)
LIGHT_TEXT = "#ffffff"
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """0.0 for black to 1.0 for white; `colour` is "#rrggbb"."""
    if not _HEX.fullmatch(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (_channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """From 1.0 (same luminance) to 21.0 (black on white); symmetric."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text(background: str, candidates: Sequence[str] = (DARK_TEXT, LIGHT_TEXT)) -> str:
    """The candidate text colour with the highest contrast on `background` (the first one on a tie)."""
    return max(candidates, key=lambda text: contrast_ratio(text, background))
