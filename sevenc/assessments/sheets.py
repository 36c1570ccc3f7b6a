"""One assessment laid out block → area → item with its answers and live scores (the client page's
drill-down and the assessment workspace share it). Five queries: the framework (four) and the responses.
"""

from __future__ import annotations

from dataclasses import dataclass

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.scoring import Answer, ScoreCard, score
from sevenc.catalogue.services import stored_spec
from sevenc.catalogue.spec import FrameworkSpec


@dataclass(frozen=True)
class ItemRow:
    code: str
    title: str
    weight: int
    response: Response | None

    @property
    def level(self) -> int | None:
        return self.response.level if self.response else None

    @property
    def na(self) -> bool:
        return bool(self.response and self.response.na)

    @property
    def answered(self) -> bool:
        return self.na or self.level is not None


@dataclass(frozen=True)
class AreaRows:
    code: str
    title: str
    score: float | None
    items: list[ItemRow]


@dataclass(frozen=True)
class BlockRows:
    code: str
    name: str
    question: str
    score: float | None
    completeness: float
    areas: list[AreaRows]

    @property
    def total(self) -> int:
        return sum(len(area.items) for area in self.areas)

    @property
    def answered(self) -> int:
        return sum(1 for area in self.areas for item in area.items if item.answered)


@dataclass(frozen=True)
class Sheet:
    assessment: Assessment
    spec: FrameworkSpec
    card: ScoreCard
    blocks: list[BlockRows]

    @property
    def answered(self) -> int:
        return sum(block.answered for block in self.blocks)

    @property
    def total(self) -> int:
        return sum(block.total for block in self.blocks)


def card_from_responses(
    assessment: Assessment, spec: FrameworkSpec, responses: dict[str, Response]
) -> ScoreCard:
    answers = {code: Answer(level=r.level, na=r.na) for code, r in responses.items()}
    return score(scoring_items(spec, assessment.weights), answers, assessment.block_weights)


def assessment_sheet(assessment: Assessment) -> Sheet:
    spec = stored_spec(assessment.framework)
    responses = {
        r.item.code: r
        for r in assessment.responses.select_related("item").only(
            "level", "na", "status", "risk", "solution", "evidence", "version", "item__code", "assessment_id"
        )
    }
    card = card_from_responses(assessment, spec, responses)
    weights = assessment.weights or {}
    blocks = []
    for block in spec.blocks:
        areas = [
            AreaRows(
                code=area.code,
                title=area.title,
                score=card.areas.get(area.code),
                items=[
                    ItemRow(
                        item.code, item.title, weights.get(item.code, item.weight), responses.get(item.code)
                    )
                    for item in area.items
                ],
            )
            for area in block.areas
        ]
        result = card.blocks.get(block.code)
        blocks.append(
            BlockRows(
                code=block.code,
                name=block.name,
                question=block.question,
                score=result.score if result else None,
                completeness=result.completeness if result else 0.0,
                areas=areas,
            )
        )
    return Sheet(assessment=assessment, spec=spec, card=card, blocks=blocks)
