"""`sevenc plan FILE`: optimise a quarterly roadmap from a plan-input file, without a database.

With `--frontier 0.5,1,1.5` it optimises once per budget factor instead (the budget → ITCQ frontier).
"""

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
from sevenc.lib.errors import DomainError
from sevenc.lib.money import currency_problem
from sevenc.roadmap.optimiser.frontier import parse_factors
from sevenc.roadmap.optimiser.plan_input import PlanInput, ProjectInput, RecommendationInput, parse_plan
from sevenc.roadmap.optimiser.planning import FrontierOutcome, PlanOutcome, plan, plan_frontier
from sevenc.roadmap.optimiser.projection import Spend, budget_by_quarter
from sevenc.roadmap.optimiser.solver import DEFAULT_REL_GAP, DEFAULT_TIME_LIMIT


def plan_command(
    file: Path = typer.Argument(..., help="Plan-input file (JSON), see docs/formats.md."),
    as_json: bool = typer.Option(False, "--json", help="Print the roadmap (or frontier) as JSON only."),
    frontier: str | None = typer.Option(
        None,
        "--frontier",
        help="Budget factors, e.g. 0.5,0.75,1,1.25,1.5: optimise once per factor scaling every quarter's "
        "one-time budget, and show what each budget buys.",
    ),
    catalogue: Path | None = typer.Option(
        None, "--catalogue", help="Framework file, for a framework not shipped."
    ),
    time_limit: float = typer.Option(
        DEFAULT_TIME_LIMIT, "--time-limit", min=0.1, help="Solver time limit (s), per frontier point."
    ),
    rel_gap: float = typer.Option(DEFAULT_REL_GAP, "--gap", min=0.0, max=1.0, help="Relative gap to prove."),
    processes: int | None = typer.Option(
        None, "--processes", min=1, help="Worker processes for --frontier (default: one per two cores)."
    ),
    currency: str | None = typer.Option(
        None, "--currency", help="ISO 4217 code the amounts are in (e.g. EUR), shown in the table headers."
    ),
) -> None:
    """Choose a quarter for each recommendation to raise the ITCQ soonest within budget and capacity."""
    with bad_input_exits_2(ExchangeError, FrameworkFormatError, DomainError):
        if currency is not None and (problem := currency_problem(currency)):
            raise DomainError(f"--currency: {problem}", field="currency")
        unit = f" (amounts in {currency})" if currency else ""
        factors = parse_factors(frontier) if frontier is not None else None
        plan_input = parse_plan(read_json_file(file), _packaged_resolver(catalogue))
        if factors is not None:
            points = plan_frontier(
                plan_input, factors, time_limit=time_limit, rel_gap=rel_gap, processes=processes
            )
        else:
            outcome = plan(plan_input, time_limit=time_limit, rel_gap=rel_gap)
    if factors is not None:
        if as_json:
            print_json(points.to_json())
        else:
            console.print(_frontier_table(plan_input, points, unit))
        return
    if as_json:
        print_json(outcome.to_json())
        return
    console.print(_schedule_table(plan_input, outcome, unit))
    console.print(_projection_table(outcome))
    result = outcome.result
    gap = "unknown" if result.gap is None else f"{result.gap:.2%}"
    greedy = "none" if result.greedy_objective is None else f"{result.greedy_objective:.1f}"
    console.print(
        f"objective {result.objective:.1f} (greedy {greedy}), proven gap {gap}, "
        f"solver status {result.status}, {result.seconds:.2f} s"
    )


def _schedule_table(plan_input: PlanInput, outcome: PlanOutcome, unit: str) -> Table:
    entries: dict[str, RecommendationInput | ProjectInput] = {
        rec.id: rec for rec in plan_input.recommendations
    }
    entries |= {project.id: project for project in plan_input.projects}
    spends = [
        Spend(outcome.labels.index(label) + 1, entries[rid].one_time_cost, entries[rid].monthly_cost)
        for rid, label in outcome.schedule.items()
        if label is not None
    ]
    table = Table(title=f"Roadmap — {plan_input.doc.client}{unit}", title_justify="left")
    table.add_column("Quarter", no_wrap=True)
    table.add_column("Recommendations and projects", ratio=1, min_width=16, overflow="fold")
    for column in ("ITCQ gain", "One-time / budget", "Recurring", "Hours / capacity"):
        table.add_column(column, justify="right", no_wrap=True)
    for limit, line in zip(plan_input.quarters, budget_by_quarter(outcome.labels, spends), strict=True):
        ids = [rid for rid, label in outcome.schedule.items() if label == limit.label]
        hours = sum(entries[rid].effort_hours for rid in ids)
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


def _frontier_table(plan_input: PlanInput, frontier: FrontierOutcome, unit: str) -> Table:
    horizon = frontier.labels[-1]
    table = Table(
        title=f"Budget → ITCQ frontier — {plan_input.doc.client}{unit} (ITCQ today {display(frontier.current_itcq)})",
        title_justify="left",
        caption=f"Budget: the one-time budgets of all quarters, each × factor (capacity and recurring "
        f"ceiling unchanged). ITCQ: projected at the end of {horizon}. Planned: recommendations and "
        "projects given a quarter. Objective: the area under the projected ITCQ curve.",
        caption_justify="left",
    )
    table.add_column("Factor", justify="right")
    table.add_column("Budget", justify="right")
    table.add_column("ITCQ", justify="right")
    table.add_column("Extra budget → ITCQ", justify="right")
    table.add_column("Planned", justify="right")
    table.add_column("Objective", justify="right")
    table.add_column("Gap", justify="right")
    table.add_column("Status")
    previous = None
    for point in frontier.points:
        itcq = point.itcq_at_horizon
        buys = "—"
        if previous is not None and previous.itcq_at_horizon is not None and itcq is not None:
            buys = (
                f"+{point.budget_total - previous.budget_total:,.0f} → {itcq - previous.itcq_at_horizon:+.1f}"
            )
        result = point.result
        table.add_row(
            f"{point.factor:g}",
            f"{point.budget_total:,.0f}",
            display(itcq),
            buys,
            str(sum(label is not None for label in point.schedule.values())),
            "—" if result is None else f"{result.objective:.1f}",
            "—" if result is None or result.gap is None else f"{result.gap:.2%}",
            point.status if not point.reason else f"{point.status}: {point.reason}",
        )
        previous = point
    return table
