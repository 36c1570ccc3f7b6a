"""Read two assessments of one client and compare them with the pure `sevenc.assessments.compare`."""

from __future__ import annotations

from dataclasses import dataclass

from sevenc import charts
from sevenc.assessments.compare import Comparison, ItemRef, compare
from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.scoring import Answer
from sevenc.assessments.sheets import card_from_responses
from sevenc.catalogue.services import framework_spec


@dataclass(frozen=True)
class ComparisonPage:
    before: Assessment
    after: Assessment
    result: Comparison
    block_names: dict[str, str]
    chart_svg: str


def _scores(assessment: Assessment, spec, responses) -> tuple[float | None, dict[str, float | None]]:  # type: ignore[no-untyped-def]
    if assessment.is_locked:  # a locked assessment's stored score is its record
        return assessment.itcq, dict(assessment.block_scores)
    card = card_from_responses(assessment, spec, responses)
    return card.itcq, {code: block.score for code, block in card.blocks.items()}


def comparison_page(first: Assessment, second: Assessment) -> ComparisonPage:
    before, after = sorted((first, second), key=lambda a: (a.as_of, a.pk))
    spec = framework_spec(after.framework)
    responses: dict[int, dict[str, Response]] = {}
    for assessment in (before, after):
        rows = assessment.responses.select_related("item").only("assessment_id", "level", "na", "item__code")
        responses[assessment.pk] = {row.item.code: row for row in rows}
    itcq_before, blocks_before = _scores(before, framework_spec(before.framework), responses[before.pk])
    itcq_after, blocks_after = _scores(after, spec, responses[after.pk])
    result = compare(
        [ItemRef(i.code, i.title, i.block) for i in spec.items()],
        {code: Answer(r.level, r.na) for code, r in responses[before.pk].items()},
        {code: Answer(r.level, r.na) for code, r in responses[after.pk].items()},
        blocks=[b.code for b in spec.blocks],
        blocks_before=blocks_before,
        blocks_after=blocks_after,
        itcq_before=itcq_before,
        itcq_after=itcq_after,
    )
    names = {b.code: b.name for b in spec.blocks}
    chart_svg = charts.bars(
        [names[b.code] for b in result.blocks],
        {before.title: [b.before for b in result.blocks], after.title: [b.after for b in result.blocks]},
        height=300,
        colors=("#9aa5b1", "#1f4e79"),  # older in grey, newer in the strong colour, as on the radar
    )
    return ComparisonPage(before=before, after=after, result=result, block_names=names, chart_svg=chart_svg)
