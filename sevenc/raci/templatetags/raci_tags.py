"""`{% raci_card client %}`: the responsibility summary on the client page (one include, no view change),
and `|raci_id`, a matrix code as an HTML id.

Usage in a template rendered for a signed-in caller:  {% load raci_tags %}{% raci_card client %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sevenc.clients.models import Client
from sevenc.raci.matrix import CELL_VALUES
from sevenc.raci.presenters import summary, template_name
from sevenc.raci.state import state_of

register = template.Library()
_PLAIN = frozenset(CELL_VALUES)  # what the database allows in a cell: nothing to escape


@register.filter
def raci_id(code: str) -> str:
    """An area or party code as an id usable in a CSS selector ("X.CCTV" → "X_CCTV")."""
    return str(code).replace(".", "_")


@register.filter
def raci_cells(cells: tuple[tuple[str, int], ...]) -> SafeString:
    """A grid row's cells, `<td data-v="version">letters</td>` each: 5,000 of them on a full matrix, so
    written here in one pass rather than by the template engine cell by cell."""
    return mark_safe(
        "".join(
            f'<td data-v="{version:d}">{letters if letters in _PLAIN else escape(letters)}</td>'
            for letters, version in cells
        )
    )


@register.inclusion_tag("raci/_client_card.html", takes_context=True)
def raci_card(context: dict[str, Any], client: Client) -> dict[str, Any]:
    request = context.get("request")
    caller = getattr(request, "caller", None)
    state = state_of(caller.scope, client) if caller is not None else None
    return {
        "client": client,
        "state": state,
        "summary": summary(state) if state is not None else None,
        "template_name": template_name(state.matrix.template) if state is not None else "",
        "request": request,
    }
