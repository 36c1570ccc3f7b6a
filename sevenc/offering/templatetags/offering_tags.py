"""Offering cards on other domains' pages, with no import from them (docs/architecture.md):

- `{% peer_card client %}`: the client's scores against the portfolio's percentiles (client page);
- `{% library_service entry %}`: which catalogue service delivers a library entry, and a form to change it
  (the recommendation library page). The MSP's services are read once per page, however many entries.
"""

from __future__ import annotations

from typing import Any

from django import template

from sevenc.clients.models import Client
from sevenc.offering.models import Service
from sevenc.offering.presenters import peer_view
from sevenc.tenancy.scoping import scoped

register = template.Library()


@register.inclusion_tag("offering/_peer_card.html", takes_context=True)
def peer_card(context: dict[str, Any], client: Client) -> dict[str, Any]:
    return {"client": client, "peers": peer_view(client), "request": context.get("request")}


@register.inclusion_tag("offering/_library_service.html", takes_context=True)
def library_service(context: template.Context, entry: Any) -> dict[str, Any]:
    request = context.get("request")
    caller = getattr(request, "caller", None)
    cache = context.render_context
    if "offering_services" not in cache:
        cache["offering_services"] = list(scoped(Service, caller.scope)) if caller is not None else []
    services = cache["offering_services"]
    return {
        "entry": entry,
        "services": services,
        "current": next((s for s in services if s.pk == entry.service_id), None),
        "can_manage": caller is not None and caller.can_manage,
        "csrf_token": context.get("csrf_token"),
    }
