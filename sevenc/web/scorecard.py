"""The client page read model: assessment history, radar and trend charts, and one assessment's sheet."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import Http404

from sevenc import charts
from sevenc.assessments.models import Assessment
from sevenc.assessments.sheets import Sheet, assessment_sheet
from sevenc.clients.models import Client
from sevenc.tenancy.scoping import Scope, scoped


@dataclass(frozen=True)
class Scorecard:
    client: Client
    completed: list[Assessment]  # oldest first
    open: list[Assessment]  # drafts and submitted, newest first (empty for client viewers)
    sheet: Sheet | None  # the assessment shown in the drill-down
    radar_svg: str
    trend_svg: str
    block_table: list[tuple[str, float | None, float | None]]  # name, latest, previous

    @property
    def latest(self) -> Assessment | None:
        return self.completed[-1] if self.completed else None

    @property
    def previous(self) -> Assessment | None:
        return self.completed[-2] if len(self.completed) > 1 else None

    @property
    def count(self) -> int:
        return len(self.completed) + len(self.open)

    @property
    def change(self) -> float | None:
        latest, previous = self.latest, self.previous
        if latest is None or previous is None or latest.itcq is None or previous.itcq is None:
            return None
        return latest.itcq - previous.itcq


def client_scorecard(
    scope: Scope, client: Client, *, show: int | None = None, targets: Mapping[str, float] | None = None
) -> Scorecard:
    """`show` picks the assessment for the drill-down (default: the latest completed one); `targets`
    (block code → target score, from the client's goals) adds a "Target" polygon to the radar."""
    assessments = list(
        scoped(Assessment, scope).filter(client=client).select_related("framework").order_by("as_of", "pk")
    )
    completed = [a for a in assessments if a.is_locked]
    visible = completed if scope.client_id is not None else assessments
    open_ = [a for a in reversed(assessments) if not a.is_locked] if scope.client_id is None else []
    shown = completed[-1] if completed else None
    if show is not None:
        shown = next((a for a in visible if a.pk == show), None)
        if shown is None:
            raise Http404("No such assessment for this client.")
    sheet = assessment_sheet(shown) if shown is not None else None
    labels = [block.name for block in sheet.blocks] if sheet else []
    codes = [block.code for block in sheet.blocks] if sheet else []
    series: dict[str, list[float | None]] = {}
    for assessment in reversed(completed[-2:]):
        series[assessment.title] = [assessment.block_scores.get(code) for code in codes]
    if shown is not None and not shown.is_locked and sheet is not None:
        series = {f"{shown.title} (in progress)": [b.score for b in sheet.blocks], **series}
    if targets:
        series["Target"] = [targets.get(code) for code in codes]
    radar_svg = charts.radar(labels, series) if labels and series else ""
    trend_svg = (
        charts.trend([a.title for a in completed], {"ITCQ": [a.itcq for a in completed]}, height=240)
        if completed
        else ""
    )
    latest = completed[-1].block_scores if completed else {}
    previous = completed[-2].block_scores if len(completed) > 1 else {}
    block_table = (
        [(block.name, latest.get(block.code), previous.get(block.code)) for block in sheet.blocks]
        if sheet
        else []
    )
    return Scorecard(
        client=client,
        completed=completed,
        open=open_,
        sheet=sheet,
        radar_svg=radar_svg,
        trend_svg=trend_svg,
        block_table=block_table,
    )
