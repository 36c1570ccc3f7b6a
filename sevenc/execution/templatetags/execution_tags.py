"""Small filters for the execution pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_moves(moves: Any, pk: int) -> list[str]:
    """The statuses a work item may move to, from the view's {pk: [status, …]} (none when not given)."""
    return moves.get(pk, []) if isinstance(moves, dict) else []
