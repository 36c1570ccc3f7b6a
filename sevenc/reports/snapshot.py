"""Build the report's content as plain JSON-serialisable data, at the moment a review is held.

The report renders only from this dict, so a held review shows exactly what the client was shown,
whatever happens to assessments, targets or branding afterwards. `SNAPSHOT_VERSION` lets a later
template recognise (and keep rendering) older snapshots.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sevenc.assessments.models import Assessment
from sevenc.catalogue.services import framework_spec, get_framework
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.lib.svg import svg_logo_problem
from sevenc.offering.presenters import peer_view
from sevenc.raci.presenters import report_section
from sevenc.reports import narrative, plan_sections
from sevenc.reports.delivery import delivery_section
from sevenc.reports.findings import ItemState, gaps_towards_targets, top_gaps
from sevenc.reports.models import ReviewMeeting
from sevenc.tenancy.scoping import Scope, scoped

SNAPSHOT_VERSION = 1
REPORT_FRAMEWORK = "7c"
TOP_GAPS = 6  # one page of the report; the full list is in the assessment spreadsheet


def lines(text: str) -> list[str]:
    return [line.strip(" \t-•*") for line in text.splitlines() if line.strip(" \t-•*")]


def _item_states(assessment: Assessment, spec: FrameworkSpec) -> list[ItemState]:
    weights = assessment.weights or {}
    rows: dict[str, dict[str, Any]] = {
        r["item__code"]: dict(r)
        for r in assessment.responses.values("item__code", "level", "na", "status", "risk", "solution")
    }
    states = []
    for item in spec.items():
        row = rows.get(item.code, {})
        states.append(
            ItemState(
                code=item.code,
                title=item.title,
                block=item.block,
                area=item.area,
                weight=int(weights.get(item.code, item.weight)),
                level=row.get("level"),
                na=bool(row.get("na", False)),
                status=row.get("status", ""),
                risk=row.get("risk", ""),
                solution=row.get("solution", ""),
            )
        )
    return states


def _previous_levels(assessment: Assessment | None) -> dict[str, int | None]:
    if assessment is None:
        return {}
    return dict(assessment.responses.values_list("item__code", "level"))


def _assessment_ref(assessment: Assessment | None) -> dict[str, Any] | None:
    if assessment is None:
        return None
    return {
        "id": assessment.pk,
        "title": assessment.title,
        "as_of": assessment.as_of.isoformat(),
        "itcq": assessment.itcq,
        "completeness": assessment.completeness,
    }


def build_snapshot(review: ReviewMeeting, *, now: dt.datetime | None = None) -> dict[str, Any]:
    client = review.client
    msp = client.msp
    completed = list(
        scoped(Assessment, Scope(msp))
        .filter(client=client, status=Assessment.Status.COMPLETED, as_of__lte=review.date)
        .select_related("framework")
        .order_by("as_of", "pk")
    )
    # A QBR compares like with like: the 7C history when there is one, else the latest framework's.
    code = REPORT_FRAMEWORK if any(a.framework.code == REPORT_FRAMEWORK for a in completed) else None
    code = code or (completed[-1].framework.code if completed else REPORT_FRAMEWORK)
    completed = [a for a in completed if a.framework.code == code]
    latest = completed[-1] if completed else None
    previous = completed[-2] if len(completed) > 1 else None
    spec = framework_spec(latest.framework if latest else get_framework(REPORT_FRAMEWORK))
    items = _item_states(latest, spec) if latest else []
    previous_levels = _previous_levels(previous)
    plan = plan_sections.collect(client, spec, latest, review.date)
    targets: dict[str, float | None] = plan.get("targets") or {}

    blocks: list[dict[str, Any]] = []
    for block in spec.blocks:
        blocks.append(
            {
                "code": block.code,
                "name": block.name,
                "question": block.question,
                "current": (latest.block_scores or {}).get(block.code) if latest else None,
                "previous": (previous.block_scores or {}).get(block.code) if previous else None,
                "target": targets.get(block.code),
            }
        )
    block_scores = [narrative.BlockScore(b["code"], b["name"], b["current"], b["previous"]) for b in blocks]
    shortfall = {
        b["code"]: b["target"] - b["current"]
        for b in blocks
        if b["target"] is not None and b["current"] is not None
    }
    target_gaps: dict[str, tuple[int, float]] = plan.get("target_gaps") or {}
    if target_gaps:
        gaps = gaps_towards_targets(items, target_gaps, limit=TOP_GAPS)
    else:
        gaps = top_gaps(items, shortfall, limit=TOP_GAPS)
    names = {b.code: b.name for b in spec.blocks}
    level_names = {s.level: s.name for s in spec.scale}
    return {
        "version": SNAPSHOT_VERSION,
        "generated_at": (now or timezone.now()).isoformat(),
        "msp": {
            "name": msp.name,
            "currency": msp.currency,
            "brand_color": msp.brand,
            "accent_color": msp.accent,
            "logo_svg": msp.logo_svg if svg_logo_problem(msp.logo_svg) is None else "",
        },
        "client": {
            "name": client.name,
            "seats": client.seats,
            "vertical": client.get_vertical_display(),
            "contact": client.primary_contact_name,
        },
        "meeting": {
            "title": review.display_title,
            "date": review.date.isoformat(),
            "attendees": lines(review.attendees),
            "agenda": lines(review.agenda),
            "decisions": lines(review.decisions),
            "next_steps": lines(review.next_steps),
        },
        "framework": {"code": spec.code, "version": spec.version, "name": spec.name},
        "scale": [{"level": s.level, "name": s.name} for s in spec.scale],
        "assessment": _assessment_ref(latest),
        "previous_assessment": _assessment_ref(previous),
        "itcq": {
            "current": latest.itcq if latest else None,
            "previous": previous.itcq if previous else None,
            "target": plan.get("itcq_target"),
            "completeness": latest.completeness if latest else None,
        },
        "blocks": blocks,
        "trend": [{"title": a.title, "as_of": a.as_of.isoformat(), "itcq": a.itcq} for a in completed],
        "improvements": [p.to_json() for p in narrative.improvements(block_scores, items, previous_levels)],
        "risks": [p.to_json() for p in narrative.risks(gaps, block_scores)],
        "gaps": [
            {
                "code": g.code,
                "title": g.title,
                "block": names.get(g.block, g.block),
                "level": g.level,
                "level_name": level_names.get(g.level or 0, ""),
                "weight": g.weight,
                "status": g.status,
                "risk": g.risk,
                "solution": g.solution,
                "target_level": target_gaps[g.code][0] if g.code in target_gaps else None,
                "target_name": level_names.get(target_gaps[g.code][0], "") if g.code in target_gaps else "",
                "gain": target_gaps[g.code][1] if g.code in target_gaps else None,
            }
            for g in gaps
        ],
        "roadmap": plan.get("roadmap"),
        "frontier": plan.get("frontier"),
        "delivery": delivery_section(client, review.date),
        # Who does what (docs/raci.md): the matrix's findings and the parties' load as of holding the review.
        "responsibility": report_section(client),
        # The client against the portfolio's percentiles on the review's date (docs/offering.md); no names.
        "peers": peer_view(client, as_of=review.date),
    }
