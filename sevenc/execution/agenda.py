"""The agenda of a weekly, monthly or quarterly execution meeting, generated from the client's work.
No Django here: plain rows in, lines out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    title: str
    owner: str
    due: dt.date
    status: str  # planned, in_progress, blocked, done, deferred


def agenda(
    *,
    cadence: str,
    overdue: Sequence[Line],
    blocked: Sequence[Line],
    due: Sequence[Line],
    done: Sequence[Line],
    upcoming: Sequence[Line] = (),
) -> list[str]:
    """Agenda items, most urgent first: what is late, what is stuck, what is due, what got done, and (for a
    quarterly meeting) what comes next — each naming its owner and date."""
    period = {"week": "this week", "month": "this month", "quarter": "this quarter"}.get(cadence, "now")

    def items(lines: Sequence[Line], verb: str) -> list[str]:
        return [f"{line.title} — {line.owner or 'no owner'}, {verb} {line.due:%b %-d}" for line in lines]

    out = []
    if overdue:
        out.append(f"Overdue ({len(overdue)}): agree a new date or unblock")
        out += [f"  {text}" for text in items(overdue, "was due")]
    if blocked:
        out.append(f"Blocked ({len(blocked)}): what is in the way, who removes it")
        out += [f"  {text}" for text in items(blocked, "due")]
    if due:
        out.append(f"Due {period} ({len(due)}): on track?")
        out += [f"  {text}" for text in items(due, "due")]
    if done:
        out.append(f"Done {period} ({len(done)}): confirm and close")
        out += [f"  {text}" for text in items(done, "was due")]
    if upcoming and cadence == "quarter":
        out.append(f"Next quarter ({len(upcoming)}): owners and budget confirmed?")
        out += [f"  {text}" for text in items(upcoming, "due")]
    if not out:
        out.append(f"Nothing due, late or blocked {period}: review the roadmap and the next assessment")
    return out
