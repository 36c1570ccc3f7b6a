"""`{% item_form item %}`: one assessment item's form (see `sevenc.assessments.item_form`);
`{% continuous_crosswalk code block %}`: the 7C Continuous → NIST CSF 2.0 crosswalk on that block."""

from __future__ import annotations

from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString

from sevenc.assessments.item_form import item_form as build
from sevenc.catalogue.crosswalk import continuous_crosswalk as continuous_crosswalk_data

register = template.Library()


@register.simple_tag(takes_context=True)
def item_form(context: dict[str, Any], item: Any, oob: bool = False) -> SafeString:
    return build(
        item=item,
        assessment_pk=context["assessment"].pk,
        rights=context["rights"],
        levels=context["levels"],
        note_fields=context["note_fields"],
        csrf_token=get_token(context["request"]),
        error=context.get("error", "") if oob else "",
        oob=oob,
    )


@register.inclusion_tag("assessments/_crosswalk.html")
def continuous_crosswalk(framework_code: str, block: Any) -> dict[str, Any]:
    """On a 7C assessment's Continuous block: which NIST CSF 2.0 categories each item serves, and per CSF
    function the mean level of the answered items that serve it."""
    walk = continuous_crosswalk_data()
    if framework_code != walk.framework or block.code != walk.block:
        return {"walk": None}
    levels = {item.code: item.level for area in block.areas for item in area.items if not item.na}
    functions = []
    for function, codes in walk.functions().items():
        answered = [levels[c] for c in codes if levels.get(c) is not None]
        mean = sum(answered) / len(answered) if answered else None
        functions.append({"name": function, "items": len(codes), "answered": len(answered), "mean": mean})
    rows = [{"row": row, "level": levels.get(row.item)} for row in walk.rows]
    return {"walk": walk, "functions": functions, "rows": rows}
