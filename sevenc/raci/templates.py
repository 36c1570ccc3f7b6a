"""Matrix templates ("fully managed", "co-managed", "internal IT with MSP backup") as data. No Django here.

A template gives, per duty category of the area catalogue, the letters each standard party holds
(`data/templates.yaml`). Applying it to a client's parties and areas gives each area the letters of its duty
for the parties the client has: a party the client lacks (no ERP vendor, no internal admin) leaves its
letters out, and the validator reports the gap that follows; an area without a duty category (an MSP's own
area, say) starts empty. Every duty has exactly one A and at least one R, so on the standard parties a
template never produces a finding of its own making.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sevenc.raci.matrix import Area, Party, RaciError, normalise_letters
from sevenc.raci.parties import STANDARD_CODES

TEMPLATES_FILE = Path(__file__).resolve().parent / "data" / "templates.yaml"


class TemplateError(RaciError):
    """A template that cannot be used or applied."""


@dataclass(frozen=True)
class Template:
    code: str
    name: str
    description: str
    duties: Mapping[str, Mapping[str, str]]  # duty → standard party code → letters

    def apply(self, parties: Iterable[Party], areas: Iterable[Area]) -> dict[str, dict[str, str]]:
        """area code → party code → letters, for the given parties (in their order) and areas."""
        codes = [p.code for p in parties]
        matrix: dict[str, dict[str, str]] = {}
        for area in areas:
            if not area.duty:
                continue  # an MSP's own area without a duty category starts empty, assigned by hand
            if area.duty not in self.duties:
                duty = repr(area.duty) if area.duty else "no duty"
                raise TemplateError(
                    f"{area.code}: the {self.name!r} template has no letters for {duty}; give the area "
                    f"one of {', '.join(self.duties)}"
                )
            letters = self.duties[area.duty]
            row = {code: letters[code] for code in codes if code in letters}
            if row:
                matrix[area.code] = row
        return matrix


def _duty(template: str, duty: str, raw: Any) -> dict[str, str]:
    where = f"{template}.duties.{duty}"
    if not isinstance(raw, dict) or not raw:
        raise TemplateError(f"{where}: must map party codes to letters")
    cells = {}
    for party, letters in raw.items():
        if party not in STANDARD_CODES:
            raise TemplateError(f"{where}: {party!r} is not a standard party code")
        try:
            cells[party] = normalise_letters(letters, field=f"{where}.{party}")
        except RaciError as exc:
            raise TemplateError(exc.message, field=exc.field) from None
    accountable = [p for p, letters in cells.items() if "A" in letters]
    if len(accountable) != 1:
        raise TemplateError(f"{where}: needs exactly one A (has {len(accountable)})")
    if not any("R" in letters for letters in cells.values()):
        raise TemplateError(f"{where}: needs at least one R")
    return cells


def parse_templates(data: Any) -> dict[str, Template]:
    if not isinstance(data, dict) or not data:
        raise TemplateError("templates: must be a mapping of template code → template")
    templates = {}
    for code, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("duties"), dict):
            raise TemplateError(f"{code}: needs a name, a description and duties")
        duties = {duty: _duty(code, duty, raw) for duty, raw in entry["duties"].items()}
        templates[code] = Template(
            code, str(entry.get("name", code)), str(entry.get("description", "")), duties
        )
    return templates


@cache
def load_templates() -> dict[str, Template]:
    """The shipped templates by code, in file order (cached)."""
    return parse_templates(yaml.safe_load(TEMPLATES_FILE.read_text(encoding="utf-8")))


def template(code: str) -> Template:
    templates = load_templates()
    if code not in templates:
        raise TemplateError(f"unknown template {code!r}: give one of {', '.join(templates)}")
    return templates[code]


def apply_template(code: str, parties: Iterable[Party], areas: Iterable[Area]) -> dict[str, dict[str, str]]:
    """The starting matrix (area code → party code → letters) of a shipped template."""
    return template(code).apply(parties, areas)
