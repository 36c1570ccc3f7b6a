"""htmx helpers for views. No Django import: it only reads what django-htmx's middleware set."""

from __future__ import annotations

from typing import Any


def is_htmx(request: Any) -> bool:
    """An htmx request for a fragment (django-htmx's `request.htmx`; a boosted link wants a whole page)."""
    details: Any = getattr(request, "htmx", None)
    return bool(details) and not details.boosted
