"""Template filters that show numbers the way docs/scoring.md defines them (one decimal, a dash for none)."""

from __future__ import annotations

import math
from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from sevenc import charts
from sevenc.assessments.scoring import display
from sevenc.lib.bounds import colour_or
from sevenc.lib.money import money
from sevenc.tenancy.models import ACCENT_DEFAULT, BRAND_DEFAULT

register = template.Library()


def real(value: object) -> float | None:
    """A template value as a number, or None for anything else. Templates resolve a missing attribute
    (`card.latest.itcq` of a client without assessments) to "", and a filter must show a dash for it, not
    fail the page: every numeric filter goes through here."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


@register.filter
def score(value: object) -> str:
    """72.35 → "72.4"; None (or anything that is not a number) → "—"."""
    return display(real(value))


@register.filter
def delta(value: object) -> SafeString | str:
    """A change with its sign and direction: "+2.3" in green, "−1.0" in red, "—" for none."""
    value = real(value)
    if value is None:
        return "—"
    text = f"{abs(value):.1f}"
    if text == "0.0":
        return mark_safe('<span class="muted">±0.0</span>')  # a constant, nothing to escape
    if value > 0:
        return format_html('<span class="up" title="up">▲ +{}</span>', text)
    return format_html('<span class="down" title="down">▼ −{}</span>', text)


@register.filter
def level_delta(value: object) -> SafeString | str:
    value = real(value)
    if value is None:
        return "—"
    if value > 0:
        return format_html('<span class="delta-pos">+{}</span>', int(value))
    if value < 0:
        return format_html('<span class="delta-neg">−{}</span>', int(abs(value)))
    return "0"


@register.filter
def percent(value: object) -> str:
    number = real(value)
    return "—" if number is None else f"{100 * number:.0f}%"


@register.filter
def heat_class(value: object) -> str:
    """The class that paints a heatmap cell in its score's colours (web/heat.css): `class="{{ x|heat_class }}"`.
    Pages carry no style attributes (the Content Security Policy refuses them)."""
    return charts.heat_class(real(value))


@register.filter
def heat_cells(values: list[object]) -> SafeString:
    """A heatmap row's cells in one go (`<td class="cell heat-65">72.4</td>` each, colours in web/heat.css):
    the portfolio writes 50 rows × 7 of them, and a filter is several times faster than a template loop."""
    return SafeString(
        "".join(f'<td class="cell {heat_class(value)}">{score(value)}</td>' for value in values)
    )


@register.filter
def level_class(level: object) -> str:
    """A level 0–4 on the same colour scale as scores (level 4 = 100)."""
    number = real(level)
    return charts.heat_class(None if number is None else number * 25.0)


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
        format_html('<span class="swatch-{}">{}+</span>', f"{bound:.0f}", f"{bound:.0f}")
        for bound, _ in reversed(charts.SCORE_BANDS)
    ]
    parts.append(mark_safe('<span class="swatch-none">no score</span>'))  # a constant
    return format_html('<div class="legend" aria-label="Colour legend">{}</div>', SafeString("".join(parts)))


@register.simple_tag
def bar(percent: object, kind: str = "bar", fill: str = "") -> SafeString:
    """A bar `percent` (0–100) full, e.g. `{% bar block.score %}` or `{% bar share "share-bar" %}`.

    Drawn as SVG so that its width is an attribute, not a style (the Content Security Policy refuses
    style attributes); `kind` is its CSS class (size, track colour), which also colours the fill unless
    `fill` gives a #rrggbb colour as an attribute (the PDF report, drawn without the page's stylesheet).
    """
    number = real(percent)
    if number is None and isinstance(percent, str):  # {% widthratio … as pct %} gives text
        try:
            number = real(float(percent))
        except ValueError:
            number = None
    width = max(0.0, min(100.0, number or 0.0))
    paint = format_html(' fill="{}"', colour_or(fill, "#1f4e79")) if fill else ""
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><rect width="{}%" height="100%"{}/></svg>',
        kind,
        f"{width:.4g}",
        paint,
    )


@register.filter
def chart_img(svg: object, alt: str) -> SafeString | str:
    """A chart from `sevenc.charts` as an `<img>` of its data URI: `{{ card.radar_svg|chart_img:"…" }}`.

    pygal's SVG carries its own `<style>`; inline in the page the Content Security Policy would refuse it,
    inside an image it stays the image's own. Nothing (an empty string) for no chart.
    """
    if not isinstance(svg, str) or not svg:
        return ""
    width, height = charts.size(svg) or ("", "")
    return format_html(
        '<img class="chart-img" src="{}" alt="{}" width="{}" height="{}">',
        charts.data_uri(svg),
        alt,
        width,
        height,
    )


@register.simple_tag
def theme_stylesheet(scope: str, brand: object, accent: object) -> SafeString:
    """`<link>` to the stylesheet that sets `--brand` and `--accent` (`scope` "page" for the whole page,
    "report" for a QBR's `.qbr`): the colours are in its address, so it is cached for good and the page
    needs no inline `<style>`."""
    url = reverse(
        "theme_css",
        kwargs={
            "scope": scope,
            "brand": colour_or(brand, BRAND_DEFAULT)[1:].lower(),
            "accent": colour_or(accent, ACCENT_DEFAULT)[1:].lower(),
        },
    )
    return format_html('<link rel="stylesheet" href="{}">', url)


@register.filter
def person(user: object, empty: str = "—") -> str:
    """A user's full name, else their username; `empty` when there is no user."""
    if user is None or not hasattr(user, "get_username"):
        return empty
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]


@register.filter
def subtract(value: object, other: object) -> float | None:
    first, second = real(value), real(other)
    if first is None or second is None:
        return None
    return first - second


@register.filter
def svg_data_uri(svg: str) -> str:
    """An uploaded SVG as an <img> source: an image cannot run scripts that the SVG might carry."""
    return charts.data_uri(svg)


@register.filter
def colour(value: object, default: str = "#1f4e79") -> str:
    """A colour for CSS: the value if it is a plain #RRGGBB, else `default` (stored data is never trusted)."""
    return colour_or(value, default)


@register.filter(name="money")
def money_filter(value: object, currency: str = "") -> str:
    """An amount with thousands separators, after the MSP's currency: `{{ cost|money:currency }}`."""
    return money(value, currency if isinstance(currency, str) else "")


@register.filter
def money_cents(value: object, currency: str = "") -> str:
    """`{{ price|money_cents:currency }}`: the same with cents (prices and revenue per month)."""
    return money(value, currency if isinstance(currency, str) else "", cents=True)
