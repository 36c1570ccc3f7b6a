"""`sevenc plan FILE`: optimise a quarterly roadmap from a plan-input file, without a database."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from sevenc.assessments.exchange import ExchangeError, read_json_file
from sevenc.assessments.scoring import display
from sevenc.catalogue.spec import FrameworkFormatError
from sevenc.cli.assessments import _packaged_resolver
from sevenc.cli.common import bad_input_exits_2, console, print_json
from sevenc.cli.render import score_bar
from sevenc.roadmap.optimiser import DEFAULT_REL_GAP, DEFAULT_TIME_LIMIT
from sevenc.roadmap.plan_input import PlanInput, PlanInputError, parse_plan
from sevenc.roadmap.planning import PlanOutcome, plan
from sevenc.roadmap.projection import Spend, budget_by_quarter
from sevenc.roadmap.schedule import InfeasiblePlan


def plan_command(
    file: Path = typer.Argument(..., help="Plan-input file (JSON), see docs/formats.md."),
    as_json: bool = typer.Option(False, "--json", help="Print the roadmap as JSON only."),
    catalogue: Path | None = typer.Option(
        None, "--catalogue", help="Framework file, for a framework not shipped."
    ),
    time_limit: float = typer.Option(
        DEFAULT_TIME_LIMIT, "--time-limit", min=0.1, help="Solver time limit (s)."
    ),
    rel_gap: float = typer.Option(DEFAULT_REL_GAP, "--gap", min=0.0, max=1.0, help="Relative gap to prove."),
) -> None:
    """Choose a quarter for each recommendation to raise the ITCQ soonest within budget and capacity."""
    with bad_input_exits_2(ExchangeError, FrameworkFormatError, PlanInputError, InfeasiblePlan):
        plan_input = parse_plan(read_json_file(file), _packaged_resolver(catalogue))
        outcome = plan(plan_input, time_limit=time_limit, rel_gap=rel_gap)
    if as_json:
        print_json(outcome.to_json())
        return
    console.print(_schedule_table(plan_input, outcome))
    console.print(_projection_table(outcome))
    result = outcome.result
    gap = "unknown" if result.gap is None else f"{result.gap:.2%}"
    greedy = "none" if result.greedy_objective is None else f"{result.greedy_objective:.1f}"
    console.print(
        f"objective {result.objective:.1f} (greedy {greedy}), proven gap {gap}, "
        f"solver status {result.status}, {result.seconds:.2f} s"
    )


def _schedule_table(plan_input: PlanInput, outcome: PlanOutcome) -> Table:
    recs = {rec.id: rec for rec in plan_input.recommendations}
    spends = [
        Spend(outcome.labels.index(label) + 1, recs[rid].one_time_cost, recs[rid].monthly_cost)
        for rid, label in outcome.schedule.items()
        if label is not None
    ]
    table = Table(title=f"Roadmap — {plan_input.doc.client}", title_justify="left")
    table.add_column("Quarter", no_wrap=True)
    table.add_column("Recommendations", ratio=1, overflow="fold")
    for column in ("ITCQ gain", "One-time / budget", "Recurring", "Hours / capacity"):
        table.add_column(column, justify="right", no_wrap=True)
    for limit, line in zip(plan_input.quarters, budget_by_quarter(outcome.labels, spends), strict=True):
        ids = [rid for rid, label in outcome.schedule.items() if label == limit.label]
        hours = sum(recs[rid].effort_hours for rid in ids)
        table.add_row(
            limit.label,
            ", ".join(ids) or "—",
            f"{sum(outcome.gains[rid] for rid in ids):.2f}",
            f"{line.one_time:,.0f} / {limit.budget:,.0f}",
            f"{line.recurring:,.0f}",
            f"{hours:g} / {limit.capacity_hours:g}",
        )
    waiting = [rid for rid, label in outcome.schedule.items() if label is None]
    table.add_section()
    table.add_row("unscheduled", ", ".join(waiting) or "—", "", "", "", "")
    return table


def _projection_table(outcome: PlanOutcome) -> Table:
    table = Table(title="Projected ITCQ at each quarter-end", title_justify="left")
    table.add_column("Quarter")
    table.add_column("ITCQ", justify="right")
    table.add_column("", no_wrap=True)
    table.add_row("today", display(outcome.current_itcq), score_bar(outcome.current_itcq))
    for point in outcome.projection:
        table.add_row(point.quarter, display(point.itcq), score_bar(point.itcq))
    return table
