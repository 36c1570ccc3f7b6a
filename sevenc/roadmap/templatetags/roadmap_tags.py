"""`{% roadmap_card client %}`: the projected-ITCQ card for the client page (one include, no view change).

Usage in a template rendered for a signed-in caller:  {% load roadmap_tags %}{% roadmap_card client %}
"""

from __future__ import annotations

from typing import Any

from django import template

from sevenc.clients.models import Client
from sevenc.roadmap.presenters import budget_lines, projection_chart, roadmap_state

register = template.Library()


@register.inclusion_tag("roadmap/_client_card.html", takes_context=True)
def roadmap_card(context: dict[str, Any], client: Client) -> dict[str, Any]:
    caller = getattr(context.get("request"), "caller", None)
    run = roadmap_state(caller.scope, client).current if caller is not None else None
    return {
        "client": client,
        "run": run,
        "chart": projection_chart(run) if run is not None else None,
        "years": budget_lines(run, "years") if run is not None else [],
        "request": context.get("request"),
    }
