"""Human-readable CLI output: tables with a bar per score."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from sevenc.assessments.scoring import ScoreCard, display
from sevenc.catalogue.spec import FrameworkSpec

BAR_WIDTH = 24


def score_bar(value: float | None, width: int = BAR_WIDTH) -> Text:
    if value is None:
        return Text("not scored", style="dim")
    filled = round(value / 100 * width)
    colour = "red" if value < 40 else "yellow" if value < 70 else "green"
    return Text("█" * filled, style=colour) + Text("░" * (width - filled), style="dim")


def scorecard_table(card: ScoreCard, spec: FrameworkSpec, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Block", no_wrap=True)
    table.add_column("Score", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Answered", justify="right")
    for block in spec.blocks:
        result = card.blocks[block.code]
        table.add_row(
            f"{block.code} {block.name}",
            display(result.score),
            score_bar(result.score),
            f"{result.completeness:.0%}",
        )
    flag = " (provisional)" if card.provisional else ""
    table.add_section()
    table.add_row(
        "ITCQ", display(card.itcq) + flag, score_bar(card.itcq), f"{card.completeness:.0%}", style="bold"
    )
    return table


def catalogue_table(spec: FrameworkSpec) -> Table:
    table = Table(title=f"{spec.name} ({spec.code} {spec.version})", title_justify="left", show_lines=False)
    table.add_column("Code", no_wrap=True)
    table.add_column("Title")
    table.add_column("w", justify="right")
    for block in spec.blocks:
        table.add_section()
        table.add_row(block.code, Text(f"{block.name} — {block.question}", style="bold"), "")
        for area in block.areas:
            table.add_row(area.code, Text(area.title, style="italic"), "")
            for item in area.items:
                table.add_row(item.code, item.title, str(item.weight))
    return table
