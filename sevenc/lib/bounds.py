"""One bounded type per kind of number, and one bound per kind of text. No Django here.

Every path that brings a number or a text into sevenc — web forms, services, file formats, the API and the
database (model validators and check constraints built from the same objects in `sevenc.lib.fields`) —
checks it against the definition here, so a value one path refuses cannot be stored through another.

Numbers are refused unless they are real numbers: booleans (JSON `true` is not 1), text ("12" in JSON),
NaN and Infinity never pass. Each error names the field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sevenc.lib.errors import DomainError


def _shown(value: Decimal | int | float) -> str:
    """A bound as people read it: thousands separators, no trailing ".0"; a number past any bound in
    scientific notation, so a 300-digit value in a file does not become a 400-character message."""
    number = Decimal(str(value))
    if abs(number) >= 10**15:
        return f"{number:.3E}"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"


def _number(value: Any, field: str) -> Decimal:
    """Any real number as a Decimal (exactly as written for floats), else a DomainError naming `field`."""
    if isinstance(value, bool):
        raise DomainError(f"{str(value).lower()} is not a number", field=field)
    if isinstance(value, str):
        raise DomainError(f"{value[:40]!r} is text; give a number", field=field)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DomainError(f"{value!r} is not a finite number", field=field)
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise DomainError(f"{value} is not a finite number", field=field)
        return value
    raise DomainError("must be a number", field=field)


@dataclass(frozen=True)
class Number:
    """A kind of number: its range and how many decimals it keeps.

    `places` 0 is a whole number (parsed to int), n > 0 a fixed-point amount (Decimal, stored in a
    DecimalField of `max_digits`), None a real number (float).
    """

    name: str
    minimum: Decimal
    maximum: Decimal
    places: int | None
    max_digits: int | None = None

    def parse(self, value: Any, *, field: str) -> Any:
        number = _number(value, field)
        if self.places == 0 and number != number.to_integral_value():
            raise DomainError(f"{_shown(number)} must be a whole number", field=field)
        if self.places and number.as_tuple().exponent < -self.places:  # type: ignore[operator]
            raise DomainError(f"{number} has more than {self.places} decimal(s)", field=field)
        if not self.minimum <= number <= self.maximum:
            raise DomainError(
                f"{_shown(number)} is out of range: give a number from {_shown(self.minimum)} "
                f"to {_shown(self.maximum)}",
                field=field,
            )
        if self.places == 0:
            return int(number)
        if self.places is None:
            return float(number)
        return number.quantize(Decimal(1).scaleb(-self.places))

    def parse_optional(self, value: Any, *, field: str) -> Any:
        return None if value is None else self.parse(value, field=field)

    def contains(self, value: Any) -> bool:
        try:
            self.parse(value, field="value")
        except DomainError:
            return False
        return True


def _fixed(name: str, max_digits: int, places: int) -> Number:
    """A non-negative fixed-point amount filling a DecimalField(max_digits, places): 9…9.99 at most."""
    largest = Decimal(10) ** (max_digits - places) - Decimal(1).scaleb(-places)
    return Number(name, Decimal(0), largest, places, max_digits)


MONEY = _fixed("money", 12, 2)  # one-time and monthly costs, budgets, prices: up to 9,999,999,999.99
HOURS = _fixed("hours", 8, 1)  # effort and capacity: up to 9,999,999.9 hours
LEVEL = Number("level", Decimal(0), Decimal(4), 0)  # the 0–4 maturity scale
WEIGHT = Number("weight", Decimal(0), Decimal(5), 0)  # an item's weight
PERCENT = Number("percent", Decimal(0), Decimal(100), None)  # block targets, block weights, coverage
SEATS = Number("seats", Decimal(1), Decimal(100_000), 0)  # a client's users
QUARTERS = Number("quarters", Decimal(1), Decimal(40), 0)  # a roadmap's horizon


@dataclass(frozen=True)
class Text:
    """A kind of text: at most `max_length` characters, stripped, never a NUL (PostgreSQL refuses it)."""

    max_length: int

    def clean(self, value: Any, *, field: str, required: bool = False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise DomainError("must be text", field=field)
        value = value.strip()
        if required and not value:
            raise DomainError("required", field=field)
        if len(value) > self.max_length:
            raise DomainError(
                f"at most {self.max_length:,} characters (this has {len(value):,})", field=field
            )
        if "\x00" in value:
            raise DomainError("must not contain NUL characters", field=field)
        return value


NAME = Text(200)  # names of clients, people, parties, services; titles of assessments and reviews
TITLE = Text(300)  # recommendation and project titles, item titles
CODE = Text(40)  # codes of framework items, areas, parties
NOTE = Text(5_000)  # an assessment item's notes (status, risk, solution, evidence)
LONG_TEXT = Text(20_000)  # descriptions, minutes, workshop notes: well under Excel's 32,767 per cell
EMAIL = Text(254)


HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")  # brand colours go into CSS and spreadsheets: nothing else


def colour_or(value: Any, default: str) -> str:
    """A stored colour if it is a plain #RRGGBB, else `default`: what is shown never trusts what is stored."""
    return value if isinstance(value, str) and HEX_COLOUR.match(value) else default
