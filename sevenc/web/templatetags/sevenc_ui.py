"""Template filters that show numbers the way docs/scoring.md defines them (one decimal, a dash for none)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from sevenc import charts
from sevenc.assessments.scoring import display

register = template.Library()


@register.filter
def score(value: float | None) -> str:
    """72.35 → "72.4"; None → "—"."""
    return display(value)


@register.filter
def delta(value: float | None) -> SafeString | str:
    """A change with its sign and direction: "+2.3" in green, "−1.0" in red, "—" for none."""
    if value is None:
        return "—"
    text = f"{abs(value):.1f}"
    if text == "0.0":
        return mark_safe('<span class="muted">±0.0</span>')  # a constant, nothing to escape
    if value > 0:
        return format_html('<span class="up" title="up">▲ +{}</span>', text)
    return format_html('<span class="down" title="down">▼ −{}</span>', text)


@register.filter
def level_delta(value: int | None) -> SafeString | str:
    if value is None:
        return "—"
    if value > 0:
        return format_html('<span class="delta-pos">+{}</span>', value)
    if value < 0:
        return format_html('<span class="delta-neg">−{}</span>', abs(value))
    return "0"


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


@register.filter
def heat_style(value: float | None) -> str:
    """Inline background/foreground for a heatmap cell."""
    return f"background:{charts.score_colour(value)};color:{charts.score_text_colour(value)}"


@register.filter
def level_style(level: int | None) -> str:
    """A level 0–4 on the same colour scale as scores (level 4 = 100)."""
    value = None if level is None else level * 25.0
    return heat_style(value)


@register.filter
def dom_id(code: str) -> str:
    """An item code as an HTML id usable in CSS selectors ("CONT.1.2" → "CONT-1-2")."""
    return code.replace(".", "-")


@register.filter
def answer(value: object) -> str:
    """An Answer (or Response) as people read it: "3", "N/A" or "—"."""
    if getattr(value, "na", False):
        return "N/A"
    level = getattr(value, "level", None)
    return "—" if level is None else str(level)


@register.simple_tag
def heat_legend() -> SafeString:
    parts = [
        format_html('<span style="--swatch:{}">{}+</span>', colour, f"{bound:.0f}")
        for bound, colour in reversed(charts.SCORE_BANDS)
    ]
    parts.append(format_html('<span style="--swatch:{}">no score</span>', charts.NO_SCORE_COLOUR))
    return format_html('<div class="legend" aria-label="Colour legend">{}</div>', SafeString("".join(parts)))


@register.filter
def person(user: object, empty: str = "—") -> str:
    """A user's full name, else their username; `empty` when there is no user."""
    if user is None or not hasattr(user, "get_username"):
        return empty
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]


@register.filter
def subtract(value: float | None, other: float | None) -> float | None:
    if value is None or other is None:
        return None
    return value - other


@register.filter
def svg_data_uri(svg: str) -> str:
    """An uploaded SVG as an <img> source: an image cannot run scripts that the SVG might carry."""
    return charts.data_uri(svg)
