"""What an audit event says about a change: masked, clipped, plain values and the before → after of each field.
No Django here.

A value in the trail is plain JSON (text, number, true/false, null, or a short list/object), already made
readable by the recorder (a choice's label, a related object's name, a date in ISO form). This module
decides what may be kept of it: a secret is never kept (only that it changed), a long text or a large
structure is clipped, so one event stays small whatever was saved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from sevenc.lib.validation import clipped

HIDDEN = "(hidden)"
MAX_TEXT = 500  # characters of one text value kept in the trail
MAX_JSON = 2000  # characters of one list/object value, as JSON, kept in the trail
# Field names that hold a credential or a key: their values never enter the trail, whatever the model.
SECRET_NAME = re.compile(r"password|secret|token|hash|otp|totp|(^|_)key($|_)|salt|credential", re.IGNORECASE)

Change = tuple[Any, Any]  # (before, after)


def is_secret(field: str) -> bool:
    return bool(SECRET_NAME.search(field))


def clip(value: Any) -> Any:
    """A value small enough for the trail: long texts end in "…", large lists/objects become a count."""
    if isinstance(value, str):
        return clipped(value, MAX_TEXT)
    if isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
        if len(text) > MAX_JSON:
            return f"({len(value)} entries)"
    return value


def kept(field: str, value: Any) -> Any:
    """What the trail keeps of `value` in `field`: nothing of a secret but whether it is set."""
    if is_secret(field):
        return None if value in (None, "") else HIDDEN
    return clip(value)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} of each field whose value differs (both already readable), masked."""
    found: dict[str, list[Any]] = {}
    for field in after:
        old, new = before.get(field), after[field]
        if old == new or (is_empty(old) and is_empty(new)):
            continue
        if is_secret(field):
            found[field] = [kept(field, old), HIDDEN if not is_empty(new) else None]
            if found[field][0] == found[field][1]:  # a secret replaced by another: say so, show neither
                found[field] = [HIDDEN, "(changed)"]
            continue
        found[field] = [clip(old), clip(new)]
    return found


def created(after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The values a new row starts with (its empty fields left out), as [None, value]."""
    return {field: [None, kept(field, value)] for field, value in after.items() if not is_empty(value)}


def deleted(before: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The values a deleted row had (its empty fields left out), as [value, None]."""
    return {field: [kept(field, value), None] for field, value in before.items() if not is_empty(value)}


def label(field: str) -> str:
    """A field name as people read it: "due_date" → "due date"."""
    return field.replace("_", " ")


def shown(value: Any) -> str:
    """One value as text for a page, a CSV cell or the terminal."""
    if value is None or value == "":
        return "—"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value) if value else "—"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def describe(changes: Mapping[str, Any]) -> str:
    """All changes of an event on one line: "seats: 40 → 45; name: Acme → Acme Ltd"."""
    return "; ".join(
        f"{label(field)}: {shown(pair[0])} → {shown(pair[1])}" for field, pair in changes.items()
    )
