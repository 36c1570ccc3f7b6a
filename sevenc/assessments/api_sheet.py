"""The API's read of one assessment with every item and score, in three queries: the assessment (with its
framework, client and people), its responses as plain values, and — once per framework per process — the
framework itself (`catalogue.services.stored_spec`)."""

from __future__ import annotations

from typing import Any

from sevenc.assessments.api_schemas import assessment_out
from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.models import Assessment
from sevenc.assessments.scoring import Answer, score
from sevenc.catalogue.services import stored_spec

VALUES = ("item__code", "level", "na", "status", "risk", "solution", "evidence", "version")


def _item(code: str, title: str, weight: int, row: tuple[Any, ...] | None) -> dict[str, Any]:
    if row is None:
        level, na, status, risk, solution, evidence, version = None, False, "", "", "", "", 0
    else:
        level, na, status, risk, solution, evidence, version = row
    return {
        "item": code,
        "title": title,
        "weight": weight,
        "level": level,
        "na": na,
        "status": status,
        "risk": risk,
        "solution": solution,
        "evidence": evidence,
        "version": version,
    }


def sheet_json(assessment: Assessment, caller: Any) -> dict[str, Any]:
    spec = stored_spec(assessment.framework)
    # Unordered (the rows are keyed by item): the default ordering would join up to the client's name.
    rows = {row[0]: row[1:] for row in assessment.responses.order_by().values_list(*VALUES)}
    weights = assessment.weights or {}
    card = score(
        scoring_items(spec, weights),
        {code: Answer(level=row[0], na=row[1]) for code, row in rows.items()},
        assessment.block_weights,
    )
    blocks = []
    for block in spec.blocks:
        result = card.blocks.get(block.code)
        blocks.append(
            {
                "code": block.code,
                "name": block.name,
                "score": result.score if result else None,
                "completeness": result.completeness if result else 0.0,
                "areas": [
                    {
                        "code": area.code,
                        "title": area.title,
                        "score": card.areas.get(area.code),
                        "items": [
                            _item(i.code, i.title, weights.get(i.code, i.weight), rows.get(i.code))
                            for i in area.items
                        ],
                    }
                    for area in block.areas
                ],
            }
        )
    return {
        "assessment": assessment_out(assessment, caller),
        "itcq": card.itcq,
        "completeness": card.completeness,
        "provisional": card.provisional,
        "blocks": blocks,
    }
