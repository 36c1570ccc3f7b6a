"""Quarters of a client's fiscal year. No Django here.

A fiscal year is named after the calendar year it ends in (a year starting in July 2026 is FY2027), the
usual convention; a fiscal year that starts in January is simply the calendar year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_HORIZON = 8


@dataclass(frozen=True)
class FiscalQuarter:
    fiscal_year: int
    number: int  # 1–4 within the fiscal year
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return f"FY{self.fiscal_year} Q{self.number}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def quarter_of(day: dt.date, fiscal_start_month: int) -> FiscalQuarter:
    """The fiscal quarter containing `day`."""
    offset = (day.month - fiscal_start_month) % 12
    fy_start_year, _ = _add_months(day.year, day.month, -offset)
    first_month = _add_months(fy_start_year, fiscal_start_month, (offset // 3) * 3)
    next_first = _add_months(*first_month, 3)
    end = dt.date(next_first[0], next_first[1], 1) - dt.timedelta(days=1)
    fiscal_year = fy_start_year + (1 if fiscal_start_month != 1 else 0)
    return FiscalQuarter(fiscal_year, offset // 3 + 1, dt.date(first_month[0], first_month[1], 1), end)


def upcoming_quarters(
    after: dt.date, fiscal_start_month: int, count: int = DEFAULT_HORIZON
) -> list[FiscalQuarter]:
    """`count` consecutive fiscal quarters, starting with the one after the quarter containing `after`."""
    quarters = []
    day = quarter_of(after, fiscal_start_month).end + dt.timedelta(days=1)
    for _ in range(count):
        quarter = quarter_of(day, fiscal_start_month)
        quarters.append(quarter)
        day = quarter.end + dt.timedelta(days=1)
    return quarters
