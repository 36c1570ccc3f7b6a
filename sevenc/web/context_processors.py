"""Values every page template may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sevenc.lib.money import DEFAULT_CURRENCY


def currency(request: HttpRequest) -> dict[str, Any]:
    """`currency`: the signed-in MSP's ISO 4217 code, for `{{ amount|money:currency }}`."""
    caller = getattr(request, "caller", None)
    return {"currency": caller.msp.currency if caller is not None else DEFAULT_CURRENCY}
