"""Amounts as people read them, in the MSP's currency (ISO 4217), with thousands separators. No Django here."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache
from typing import Any

DEFAULT_CURRENCY = "USD"


@cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes (from pycountry's copy of the standard)."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def currency_problem(code: Any) -> str | None:
    if not isinstance(code, str) or code not in currency_codes():
        return f"{str(code)[:10]!r} is not an ISO 4217 currency code (e.g. USD, EUR, GBP, CAD, AUD)"
    return None


def money(value: Any, currency: str = "", *, cents: bool = False) -> str:
    """12500 → "USD 12,500" (or "12,500" without a currency); "—" for anything that is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "—"
    number = float(value)
    if not math.isfinite(number):
        return "—"
    text = f"{number:,.2f}" if cents else f"{number:,.0f}"
    return f"{currency} {text}" if currency else text
