"""A completed assessment's levels as one short text: one character per item, in framework order.

Why it exists: the offering pages (develop-next, upsell, demand) need every client's latest levels, and at
1,000 clients that was 139,000 response rows read per page view (≈ 100 ms of a 150 ms budget on
PostgreSQL). A completed assessment is final, so its levels are written once, on completion, as text beside
its stored score (`Assessment.level_digits`) and read with the client's row.

'0'–'4' is the level; '-' is "not measured": unanswered and N/A count alike wherever levels are compared
(demand, gaps, upsell). The order is the framework's (blocks, then areas, then items, each by position),
which is `FrameworkSpec.item_index`'s order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sevenc.assessments.scoring import Answer

NOT_MEASURED = "-"
_DECODE: dict[str, int | None] = {str(level): level for level in range(10)} | {NOT_MEASURED: None}


def encode(levels: Iterable[int | None]) -> str:
    """Levels (None: not measured) → digits; a level outside 0–9 is a programming error, not data."""
    out = []
    for level in levels:
        if level is None:
            out.append(NOT_MEASURED)
        elif isinstance(level, int) and not isinstance(level, bool) and 0 <= level <= 9:
            out.append(str(level))
        else:
            raise ValueError(f"a level is a whole number 0–9, not {level!r}")
    return "".join(out)


def decode(digits: str) -> list[int | None]:
    """Digits → levels in framework order (None: not measured)."""
    try:
        return list(map(_DECODE.__getitem__, digits))
    except KeyError as exc:
        raise ValueError(f"not a level digit: {exc.args[0]!r}") from None


def from_answers(codes: Iterable[str], answers: Mapping[str, Answer]) -> str:
    """The digits of `answers` (item code → answer) over `codes` in framework order."""
    levels = []
    for code in codes:
        answer = answers.get(code)
        levels.append(None if answer is None or answer.na else answer.level)
    return encode(levels)
