"""API: the frameworks loaded on this server (global and read-only: a (code, version) never changes)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router

from sevenc.catalogue.models import Framework
from sevenc.catalogue.services import framework_spec
from sevenc.lib.api import Code, Out, Page, PageQuery, PathId, answers, caller_of, page

router = Router(tags=["frameworks"])


class FrameworkOut(Out):
    id: int
    code: str
    version: str
    name: str
    source: str
    loaded_at: dt.datetime


class FrameworkItemOut(Out):
    code: str
    title: str
    weight: int


class FrameworkAreaOut(Out):
    code: str
    title: str
    description: str
    items: list[FrameworkItemOut]


class FrameworkBlockOut(Out):
    code: str
    name: str
    question: str
    description: str
    areas: list[FrameworkAreaOut]


class FrameworkLevelOut(Out):
    level: int
    name: str
    description: str


class FrameworkDetailOut(FrameworkOut):
    scale: list[FrameworkLevelOut]
    blocks: list[FrameworkBlockOut]


class FrameworkQuery(PageQuery):
    code: Code | None = None
    order: Literal["code", "-loaded_at"] = "code"


def framework_out(framework: Framework) -> dict[str, Any]:
    return {
        "id": framework.pk,
        "code": framework.code,
        "version": framework.version,
        "name": framework.name,
        "source": framework.source,
        "loaded_at": framework.loaded_at,
    }


@router.get("/frameworks", response=answers(Page[FrameworkOut]))
def list_frameworks(request: HttpRequest, query: Query[FrameworkQuery]) -> dict[str, Any]:
    """Every framework an assessment can be started on (7C, NIST CSF 2.0, and any loaded one)."""
    caller_of(request)
    rows = Framework.objects.all()
    if query.code:
        rows = rows.filter(code=query.code)
    order = ("code", "version") if query.order == "code" else ("-loaded_at",)
    return page(rows, query, framework_out, order=order)


@router.get("/frameworks/{framework_id}", response=answers(FrameworkDetailOut))
def get_framework(request: HttpRequest, framework_id: PathId) -> dict[str, Any]:
    """One framework with its maturity scale and its blocks → areas → items."""
    caller_of(request)
    framework = Framework.objects.filter(pk=framework_id).first()
    if framework is None:
        raise Http404("No such framework.")
    spec = framework_spec(framework)
    return {
        **framework_out(framework),
        "scale": [{"level": s.level, "name": s.name, "description": s.description} for s in spec.scale],
        "blocks": [
            {
                "code": b.code,
                "name": b.name,
                "question": b.question,
                "description": b.description,
                "areas": [
                    {
                        "code": a.code,
                        "title": a.title,
                        "description": a.description,
                        "items": [{"code": i.code, "title": i.title, "weight": i.weight} for i in a.items],
                    }
                    for a in b.areas
                ],
            }
            for b in spec.blocks
        ],
    }
