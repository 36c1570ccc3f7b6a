"""Small checks shared by the input formats (assessment exchange, plan input). No Django here."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any


def reject_unknown_fields(
    entry: Mapping[str, Any], allowed: Collection[str], where: str, error: type[Exception]
) -> None:
    """Refuse fields the format does not define: a typo ("levl") must not silently mean "unanswered"."""
    unknown = sorted(set(entry) - set(allowed))
    if unknown:
        raise error(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}")
