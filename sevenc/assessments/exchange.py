"""The assessment exchange format (docs/formats.md): parse and validate, then write back. No Django here.

Validation is strict because an imported assessment becomes a client's record: every problem names the
entry (`responses[3] (item 'CONT.9.1')`) and nothing is stored unless the whole document is valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sevenc.assessments.scoring import Answer, ScoringItem
from sevenc.catalogue.spec import FrameworkFormatError, FrameworkSpec
from sevenc.lib.bounds import CODE, LEVEL, NAME, NOTE, PERCENT, WEIGHT
from sevenc.lib.errors import DomainError
from sevenc.lib.files import InputFileError, read_json
from sevenc.lib.validation import bounded_number, bounded_text, quoted, reject_unknown_fields

NOTE_FIELDS = ("status", "risk", "solution", "evidence")
STATUSES = ("draft", "submitted", "completed")
_TOP_LEVEL = {
    "framework",
    "version",
    "client",
    "as_of",
    "title",
    "status",
    "weights",
    "block_weights",
    "responses",
}
_RESPONSE_KEYS = {"item", "level", "na", *NOTE_FIELDS}


class ExchangeError(DomainError):
    """An exchange document that cannot be used; the message names the offending entry."""


@dataclass(frozen=True)
class ResponseDoc:
    item: str
    level: int | None = None
    na: bool = False
    notes: dict[str, str] = field(default_factory=dict)

    def answer(self) -> Answer:
        return Answer(level=self.level, na=self.na)


@dataclass(frozen=True)
class AssessmentDoc:
    framework: str
    version: str
    client: str
    as_of: dt.date
    title: str
    status: str = "draft"
    weights: dict[str, int] = field(default_factory=dict)
    block_weights: dict[str, float] = field(default_factory=dict)
    responses: tuple[ResponseDoc, ...] = ()

    def answers(self) -> dict[str, Answer]:
        return {r.item: r.answer() for r in self.responses}

    def to_json(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "version": self.version,
            "client": self.client,
            "as_of": self.as_of.isoformat(),
            "title": self.title,
            "status": self.status,
            "weights": dict(self.weights),
            "block_weights": dict(self.block_weights),
            "responses": [_response_json(r) for r in self.responses],
        }


def _response_json(response: ResponseDoc) -> dict[str, Any]:
    entry: dict[str, Any] = {"item": response.item}
    if response.na:
        entry["na"] = True
    elif response.level is not None:
        entry["level"] = response.level
    entry.update({key: value for key, value in response.notes.items() if value})
    return entry


def scoring_items(spec: FrameworkSpec, weights: dict[str, int] | None = None) -> list[ScoringItem]:
    """The framework's items with their effective weight (per-assessment override, else the default)."""
    weights = weights or {}
    return [ScoringItem(i.code, i.area, i.block, weights.get(i.code, i.weight)) for i in spec.items()]


FrameworkResolver = Callable[[str, str | None], FrameworkSpec]


def read_json_file(path: str | Path) -> Any:
    """A JSON file through the one safe reader (sevenc.lib.files): size, UTF-8, depth, NaN, duplicate keys."""
    try:
        return read_json(path)
    except InputFileError as exc:
        raise ExchangeError(str(exc)) from None


def parse_document(data: Any, resolve: FrameworkResolver) -> tuple[AssessmentDoc, FrameworkSpec]:
    """Validate a decoded exchange document; `resolve(code, version)` finds its framework."""
    if not isinstance(data, dict):
        raise ExchangeError("document: must be a JSON object")
    reject_unknown_fields(data, _TOP_LEVEL, "document", ExchangeError)
    framework = bounded_text(CODE, data.get("framework"), "framework", ExchangeError, required=True)
    version = data.get("version")
    if version is not None and not isinstance(version, str):
        raise ExchangeError('version: must be text such as "1.0"')
    version = None if version is None else bounded_text(CODE, version, "version", ExchangeError)
    try:
        spec = resolve(framework, version)
    except FrameworkFormatError as exc:
        raise ExchangeError(f"framework: {exc}") from exc
    status = data.get("status", "draft")
    if status not in STATUSES:
        raise ExchangeError(f"status: {quoted(status)} must be one of {', '.join(STATUSES)}")
    doc = AssessmentDoc(
        framework=spec.code,
        version=spec.version,
        client=bounded_text(NAME, data.get("client"), "client", ExchangeError, required=True),
        as_of=_date(data.get("as_of")),
        title=bounded_text(NAME, data.get("title"), "title", ExchangeError, required=True),
        status=status,
        weights=validate_weights(data.get("weights", {}), spec),
        block_weights=validate_block_weights(data.get("block_weights", {}), spec),
        responses=_responses(data.get("responses", []), spec),
    )
    return doc, spec


def _date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise ExchangeError("as_of: required, as a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ExchangeError(f"as_of: {quoted(value)} is not a date YYYY-MM-DD") from None


def validate_weights(raw: Any, spec: FrameworkSpec) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise ExchangeError("weights: must be an object of item code → weight")
    items = spec.item_index
    weights = {}
    for code, weight in raw.items():
        where = f"weights[{quoted(code)}]"
        if code not in items:
            raise ExchangeError(f"{where}: unknown item code in {spec.code} {spec.version}")
        weights[code] = bounded_number(WEIGHT, weight, where, ExchangeError)
    return weights


def validate_block_weights(raw: Any, spec: FrameworkSpec) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise ExchangeError("block_weights: must be an object of block code → weight")
    blocks = {b.code for b in spec.blocks}
    weights = {}
    for code, weight in raw.items():
        where = f"block_weights[{quoted(code)}]"
        if code not in blocks:
            raise ExchangeError(f"{where}: unknown block code (known: {', '.join(sorted(blocks))})")
        weights[code] = bounded_number(PERCENT, weight, where, ExchangeError)
    return weights


def _responses(raw: Any, spec: FrameworkSpec) -> tuple[ResponseDoc, ...]:
    if not isinstance(raw, list):
        raise ExchangeError("responses: must be a list")
    items = spec.item_index
    seen: dict[str, int] = {}
    parsed = []
    for n, entry in enumerate(raw):
        where = f"responses[{n}]"
        if not isinstance(entry, dict):
            raise ExchangeError(f"{where}: must be an object")
        code = entry.get("item")
        if not isinstance(code, str):
            raise ExchangeError(f"{where}: 'item' is required and must be an item code")
        where = f"{where} (item {quoted(code)})"
        if code not in items:
            raise ExchangeError(f"{where}: unknown item code in {spec.code} {spec.version}")
        if code in seen:
            raise ExchangeError(f"{where}: item listed twice (first at responses[{seen[code]}])")
        seen[code] = n
        reject_unknown_fields(entry, _RESPONSE_KEYS, where, ExchangeError)
        parsed.append(_response(entry, code, where))
    # Framework order keeps exports stable whatever order the file listed them in.
    order = {code: n for n, code in enumerate(items)}
    return tuple(sorted(parsed, key=lambda r: order[r.item]))


def _response(entry: dict[str, Any], code: str, where: str) -> ResponseDoc:
    na = entry.get("na", False)
    if not isinstance(na, bool):
        raise ExchangeError(f"{where}: 'na' must be true or false")
    level = entry.get("level")
    if na and level is not None:
        raise ExchangeError(f'{where}: has both a level and "na": true; give one')
    if level is not None:
        level = bounded_number(LEVEL, level, f"{where} level", ExchangeError)
    notes = {key: bounded_text(NOTE, entry.get(key), f"{where} {key}", ExchangeError) for key in NOTE_FIELDS}
    if level is None and not na and not any(notes.values()):
        raise ExchangeError(f'{where}: needs a level 0–4, "na": true or a note')
    return ResponseDoc(item=code, level=level, na=na, notes=notes)
