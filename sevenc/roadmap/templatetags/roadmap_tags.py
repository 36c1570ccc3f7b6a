"""`{% roadmap_card client %}`: the projected-ITCQ card for the client page (one include, no view change).

Usage in a template rendered for a signed-in caller:  {% load roadmap_tags %}{% roadmap_card client %}
"""

from __future__ import annotations

from typing import Any

from django import template

from sevenc.charts import trend
from sevenc.clients.models import Client
from sevenc.roadmap.models import RoadmapRun
from sevenc.tenancy.scoping import scoped

register = template.Library()


@register.inclusion_tag("roadmap/_client_card.html", takes_context=True)
def roadmap_card(context: dict[str, Any], client: Client) -> dict[str, Any]:
    caller = getattr(context.get("request"), "caller", None)
    run = scoped(RoadmapRun, caller.scope).filter(client=client).first() if caller is not None else None
    chart = None
    if run is not None:
        labels = ["Today", *[point["quarter"] for point in run.projection]]
        chart = trend(labels, {"Projected ITCQ": [run.current_itcq, *[p["itcq"] for p in run.projection]]})
    years = [
        {"period": period, "total": one_time + recurring}
        for period, one_time, recurring in (run.budget.get("years", []) if run is not None else [])
    ]
    return {"client": client, "run": run, "chart": chart, "years": years, "request": context.get("request")}
