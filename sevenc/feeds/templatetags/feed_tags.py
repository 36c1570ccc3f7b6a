"""`{% calendar_card %}`: the private-calendar card on My work (one include, no import from execution)."""

from __future__ import annotations

from typing import Any

from django import template

from sevenc.feeds.models import CalendarFeed
from sevenc.tenancy.scoping import scoped

register = template.Library()


@register.inclusion_tag("feeds/_calendar_card.html", takes_context=True)
def calendar_card(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    caller = getattr(request, "caller", None)
    feed = scoped(CalendarFeed, caller.scope).filter(user=caller.user).first() if caller is not None else None
    return {"feed": feed, "request": request, "csrf_token": context.get("csrf_token")}
