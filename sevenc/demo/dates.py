"""The demo's calendar, anchored to the day it is built: the same day always gives the same demo, and a
demo built today has this quarter's work due, late and done. No Django here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def quarter_end(day: dt.date) -> dt.date:
    """The last day of the calendar quarter containing `day`."""
    month = ((day.month - 1) // 3 + 1) * 3
    return dt.date(day.year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def quarter_title(day: dt.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class DemoCalendar:
    today: dt.date
    completed: tuple[tuple[str, dt.date], ...]  # the four last finished quarters (title, as of), oldest first
    draft: tuple[str, dt.date]  # the quarter under way

    @property
    def workshop_day(self) -> dt.date:
        """The goals workshop met ten days after the second-to-last quarter closed, so a quarter and more of
        its roadmap has run by today."""
        return self.completed[-2][1] + dt.timedelta(days=10)

    @property
    def review_days(self) -> tuple[dt.date, dt.date]:
        """Two held QBRs: two weeks after each of the last two quarters closed (never later than yesterday)."""
        first = self.completed[-2][1] + dt.timedelta(days=14)
        second = min(self.completed[-1][1] + dt.timedelta(days=14), self.today - dt.timedelta(days=1))
        return first, max(second, first + dt.timedelta(days=1))

    def next_review(self, index: int) -> dt.date:
        """The coming QBRs, one client a week from next week."""
        return self.today + dt.timedelta(days=7 * (index % 10 + 1))


def demo_calendar(today: dt.date) -> DemoCalendar:
    current_end = quarter_end(today)
    ends: list[dt.date] = []
    day = today.replace(day=1)
    while len(ends) < 4:
        day = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # step back a month
        end = quarter_end(day)
        if end < current_end and end not in ends:
            ends.append(end)
    ends.sort()
    return DemoCalendar(
        today=today,
        completed=tuple((quarter_title(end), end) for end in ends),
        draft=(quarter_title(today), current_end),
    )
