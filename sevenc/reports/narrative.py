"""The executive summary in plain language: three improvements and three risks. Pure; no Django.

Executives read sentences, not tables, so each point names the area in business words, the numbers
behind it, and (for risks) what we recommend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sevenc.reports.findings import ItemState, level_changes

POINTS = 3
MEANINGFUL_RISE = 0.5  # block score points; smaller moves are noise from re-answering one item

# What each 7C block means to a CEO; other frameworks fall back to the block name.
BLOCK_TOPICS = {
    "CONT": "IT security and business continuity",
    "COMP": "how efficient and professional IT is",
    "CHRG": "how proactive and accountable IT is",
    "CONS": "how well IT supports the business strategy",
    "CTRL": "how measurable and governed IT is",
    "CLEAR": "how transparent IT is",
    "COST": "how well IT costs are controlled",
}
LEVEL_WORDS = {0: "missing", 1: "ad hoc", 2: "only partly in place", 3: "implemented", 4: "optimized"}


@dataclass(frozen=True)
class BlockScore:
    code: str
    name: str
    current: float | None
    previous: float | None


@dataclass(frozen=True)
class Point:
    headline: str
    detail: str

    def to_json(self) -> dict[str, str]:
        return {"headline": self.headline, "detail": self.detail}


def in_sentence(title: str) -> str:
    """A title inside a sentence: "Backup policy" → "backup policy", but "IT audits" keeps its acronym."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def first_upper(text: str) -> str:
    # str.capitalize() would lower-case the rest and turn "IT security" into "It security".
    return text[:1].upper() + text[1:]


def topic(block: BlockScore) -> str:
    return BLOCK_TOPICS.get(block.code, block.name)


def improvements(
    blocks: Sequence[BlockScore], items: Sequence[ItemState], previous_levels: Mapping[str, int | None]
) -> list[Point]:
    """The biggest rises since the previous assessment; without one, the strongest areas today."""
    rises = level_changes(items, previous_levels)
    moved = [
        b
        for b in blocks
        if b.current is not None and b.previous is not None and b.current - b.previous >= MEANINGFUL_RISE
    ]
    moved.sort(key=lambda b: -(b.current - b.previous))  # type: ignore[operator]
    points = []
    for block in moved[:POINTS]:
        headline = f"{block.name} up {block.current - block.previous:.1f} points to {block.current:.1f}"  # type: ignore[operator]
        detail = f"{first_upper(topic(block))} improved since the last review"
        best = next((item for item, _ in rises if item.block == block.code), None)
        if best is not None:
            detail += f"; notably {in_sentence(best.title)} is now {LEVEL_WORDS[best.level or 0]}"
        points.append(Point(headline, detail + "."))
    if points or any(b.previous is not None for b in blocks):
        return points
    strongest = sorted((b for b in blocks if b.current is not None), key=lambda b: -b.current)  # type: ignore[operator]
    return [
        Point(
            f"{b.name} is strongest at {b.current:.1f}",
            f"{first_upper(topic(b))} is a solid base to build on.",
        )
        for b in strongest[:POINTS]
    ]


def risks(gaps: Sequence[ItemState], blocks: Sequence[BlockScore]) -> list[Point]:
    """The three most important gaps, from different blocks where possible so one area does not hide others."""
    names = {b.code: b.name for b in blocks}
    chosen: list[ItemState] = []
    for gap in gaps:
        if len(chosen) < POINTS and all(g.block != gap.block for g in chosen):
            chosen.append(gap)
    for gap in gaps:
        if len(chosen) < POINTS and gap not in chosen:
            chosen.append(gap)
    points = []
    for gap in chosen:
        headline = f"{gap.title} is {LEVEL_WORDS[gap.level or 0]}"
        why = gap.risk or f"This weakens {names.get(gap.block, gap.block)}."
        detail = why if not gap.solution else f"{why} We recommend: {gap.solution}"
        points.append(Point(headline, detail))
    return points
