"""Small checks shared by the input formats (assessment exchange, plan input, framework files). No Django here."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from sevenc.lib.bounds import Number, Text
from sevenc.lib.errors import DomainError

SHOWN_CHARACTERS = 40
SHOWN_FIELDS = 5


def clipped(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, ending in "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(value: Any, limit: int = SHOWN_CHARACTERS) -> str:
    """A value as an error message shows it: repr, cut to `limit` characters, so a 10 MB string in a file
    does not become a 10 MB message."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[:limit] + "…")
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def reject_unknown_fields(
    entry: Mapping[str, Any], allowed: Collection[str], where: str, error: type[Exception]
) -> None:
    """Refuse fields the format does not define: a typo ("levl") must not silently mean "unanswered"."""
    unknown = sorted(set(entry) - set(allowed), key=str)
    if unknown:
        shown = ", ".join(quoted(key) for key in unknown[:SHOWN_FIELDS])
        more = f" and {len(unknown) - SHOWN_FIELDS:,} more" if len(unknown) > SHOWN_FIELDS else ""
        raise error(f"{where}: unknown field(s) {shown}{more}")


def bounded_number(kind: Number, value: Any, field: str, error: Callable[[str], Exception]) -> Any:
    """`kind.parse(value)`, its DomainError re-raised as the format's `error` with the services' message."""
    try:
        return kind.parse(value, field=field)
    except DomainError as exc:
        raise error(str(exc)) from None


def bounded_text(
    kind: Text, value: Any, field: str, error: Callable[[str], Exception], *, required: bool = False
) -> str:
    """`kind.clean(value)`, its DomainError re-raised as the format's `error` with the services' message."""
    try:
        return kind.clean(value, field=field, required=required)
    except DomainError as exc:
        raise error(str(exc)) from None
