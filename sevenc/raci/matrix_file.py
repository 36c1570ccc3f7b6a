"""The matrix file `sevenc-raci` version 1 (docs/formats.md): parse, validate and write. No Django here.

The file is self-contained: it carries its parties, its areas and the letters, so the validator needs no
database. Parsing is all-or-nothing; the first entry at fault is named (`parties[2] (code 'ISP')`,
`assignments["RA-CONT-001"]["XYZ"]`) in a RaciFileError.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any

from sevenc.lib.bounds import NAME, TITLE, Text
from sevenc.lib.errors import DomainError
from sevenc.lib.files import InputFileError, load_json, read_json
from sevenc.lib.validation import reject_unknown_fields
from sevenc.raci.matrix import (
    BLOCKS,
    KINDS,
    Area,
    Matrix,
    Party,
    RaciError,
    check_code,
    normalise_letters,
    ordered_assignments,
)

FORMAT = "sevenc-raci"
VERSION = 1
MAX_PARTIES = 200
MAX_AREAS = 5_000
_TOP = ("format", "version", "client", "parties", "areas", "assignments")
_PARTY = ("code", "name", "kind", "ceo", "contract", "contact", "renewal")
_AREA = ("code", "title", "block", "items", "critical", "duty")


class RaciFileError(RaciError):
    """A matrix file that cannot be used; the message names the entry at fault."""


def _rethrown(error: DomainError) -> RaciFileError:
    return RaciFileError(error.message, field=error.field)


def _text(entry: dict[str, Any], key: str, kind: Text, where: str, required: bool = False) -> str:
    try:
        return kind.clean(entry.get(key), field=f"{where}: {key}", required=required)
    except DomainError as exc:
        raise _rethrown(exc) from None


def _code(value: Any, where: str) -> str:
    try:
        return check_code(value, field=where)
    except DomainError as exc:
        raise _rethrown(exc) from None


def _list(data: dict[str, Any], key: str, limit: int) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise RaciFileError(f"{key}: must be a list")
    if len(value) > limit:
        raise RaciFileError(f"{key}: at most {limit:,} entries (this has {len(value):,})")
    return value


def _unique(codes: list[str], what: str) -> None:
    seen: dict[str, int] = {}
    for n, code in enumerate(codes):
        key = code.casefold()  # "msp" and "MSP" would be one column in a spreadsheet
        if key in seen:
            raise RaciFileError(f"{what}[{n}] (code {code!r}): the same code as {what}[{seen[key]}]")
        seen[key] = n


def _party(entry: Any, n: int) -> Party:
    where = f"parties[{n}]"
    if not isinstance(entry, dict):
        raise RaciFileError(f"{where}: must be an object")
    code = _code(entry.get("code"), f"{where}: code")
    where = f"parties[{n}] (code {code!r})"
    reject_unknown_fields(entry, _PARTY, where, RaciFileError)
    kind = entry.get("kind")
    if kind not in KINDS:
        raise RaciFileError(f"{where}: kind {kind!r} must be one of {', '.join(KINDS)}")
    ceo = entry.get("ceo", False)
    if not isinstance(ceo, bool):
        raise RaciFileError(f"{where}: ceo must be true or false")
    renewal = entry.get("renewal")
    if renewal is not None:
        try:
            renewal = date.fromisoformat(renewal) if isinstance(renewal, str) else None
        except ValueError:
            renewal = None
        if renewal is None:
            raise RaciFileError(
                f"{where}: renewal {entry.get('renewal')!r} must be a date YYYY-MM-DD or null"
            )
    return Party(
        code=code,
        name=_text(entry, "name", NAME, where, required=True),
        kind=kind,
        ceo=ceo,
        contract=_text(entry, "contract", NAME, where),
        contact=_text(entry, "contact", NAME, where),
        renewal=renewal,
    )


def _parties(data: dict[str, Any]) -> tuple[Party, ...]:
    parties = tuple(_party(entry, n) for n, entry in enumerate(_list(data, "parties", MAX_PARTIES)))
    _unique([p.code for p in parties], "parties")
    ceos = [n for n, p in enumerate(parties) if p.ceo]
    if not ceos:
        raise RaciFileError('parties: no party is the CEO; mark exactly one with "ceo": true')
    if len(ceos) > 1:
        raise RaciFileError(f"parties: {len(ceos)} parties are the CEO (parties{ceos}); exactly one may be")
    if parties[ceos[0]].kind != "internal":
        raise RaciFileError(f"parties[{ceos[0]}] (code {parties[ceos[0]].code!r}): the CEO must be internal")
    return parties


def _area(entry: Any, n: int, known_items: Collection[str] | None) -> Area:
    where = f"areas[{n}]"
    if not isinstance(entry, dict):
        raise RaciFileError(f"{where}: must be an object")
    code = _code(entry.get("code"), f"{where}: code")
    where = f"areas[{n}] (code {code!r})"
    reject_unknown_fields(entry, _AREA, where, RaciFileError)
    items = entry.get("items", [])
    if not isinstance(items, list):
        raise RaciFileError(f"{where}: items must be a list of framework item codes")
    items = [_code(item, f"{where}: items[{m}]") for m, item in enumerate(items)]
    if known_items is not None:
        for item in items:
            if item not in known_items:
                raise RaciFileError(f"{where}: unknown item {item!r}")
    critical = entry.get("critical", False)
    if not isinstance(critical, bool):
        raise RaciFileError(f"{where}: critical must be true or false")
    block = entry.get("block")
    if block is None and items:
        block = items[0].split(".")[0]  # an area without a block belongs to its first item's block
    if block not in BLOCKS:
        shown = "missing" if block is None else repr(block)
        raise RaciFileError(f"{where}: block {shown} must be one of {', '.join(BLOCKS)}")
    duty = entry.get("duty", "")
    if not isinstance(duty, str) or len(duty) > 40:
        raise RaciFileError(f"{where}: duty must be text of at most 40 characters")
    return Area(code, _text(entry, "title", TITLE, where, required=True), block, tuple(items), critical, duty)


def _assignments(raw: Any, parties: tuple[Party, ...], areas: tuple[Area, ...]) -> dict[str, dict[str, str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise RaciFileError("assignments: must be an object of area code → {party code: letters}")
    area_codes = {a.code for a in areas}
    party_codes = {p.code for p in parties}
    result: dict[str, dict[str, str]] = {}
    for area, cells in raw.items():
        where = f"assignments[{json.dumps(area, ensure_ascii=False)}]"
        if area not in area_codes:
            raise RaciFileError(f'{where}: unknown area (not in "areas")')
        if not isinstance(cells, dict):
            raise RaciFileError(f'{where}: must be an object of party code → letters such as "RA"')
        for party, letters in cells.items():
            here = f"{where}[{json.dumps(party, ensure_ascii=False)}]"
            if party not in party_codes:
                raise RaciFileError(f'{here}: unknown party (not in "parties")')
            try:
                normal = normalise_letters(letters, field=here)
            except DomainError as exc:
                raise _rethrown(exc) from None
            if normal:
                result.setdefault(area, {})[party] = normal
    return ordered_assignments(result, areas, parties)


def parse_matrix_file(data: Any, *, known_items: Collection[str] | None = None) -> Matrix:
    """Validate a decoded matrix file; `known_items`, when given, are the item codes areas may name."""
    if not isinstance(data, dict):
        raise RaciFileError("matrix file: must be a JSON object")
    reject_unknown_fields(data, _TOP, "matrix file", RaciFileError)
    if data.get("format") != FORMAT:
        raise RaciFileError(f'format: {data.get("format")!r} is not "{FORMAT}"')
    version = data.get("version")
    if isinstance(version, bool) or version != VERSION:
        raise RaciFileError(f"version: {version!r} is not supported (this sevenc reads version {VERSION})")
    client = _text(data, "client", NAME, "matrix file", required=True)
    parties = _parties(data)
    areas = tuple(_area(entry, n, known_items) for n, entry in enumerate(_list(data, "areas", MAX_AREAS)))
    _unique([a.code for a in areas], "areas")
    return Matrix(client, parties, areas, _assignments(data.get("assignments"), parties, areas))


def parse_matrix_text(text: str | bytes, *, known_items: Collection[str] | None = None) -> Matrix:
    """A matrix file's text or bytes (an upload, say) through the one safe reader (sevenc.lib.files)."""
    try:
        data = load_json(text, source="matrix file")
    except InputFileError as exc:
        raise RaciFileError(exc.problem) from None
    return parse_matrix_file(data, known_items=known_items)


def read_matrix_file(path: str | Path, *, known_items: Collection[str] | None = None) -> Matrix:
    """A matrix file on disk: size, UTF-8, nesting, NaN and duplicate keys checked by sevenc.lib.files."""
    try:
        data = read_json(path)
    except InputFileError as exc:
        raise RaciFileError(str(exc)) from None
    try:
        return parse_matrix_file(data, known_items=known_items)
    except RaciFileError as exc:
        raise RaciFileError(f"{path}: {exc}") from None


def matrix_document(matrix: Matrix) -> dict[str, Any]:
    """The matrix as the JSON object of the file: parties, areas and the non-empty cells, in order."""
    parties = []
    for p in matrix.parties:
        party: dict[str, Any] = {"code": p.code, "name": p.name, "kind": p.kind}
        if p.ceo:
            party["ceo"] = True
        party["contract"] = p.contract
        if p.contact:
            party["contact"] = p.contact
        if p.renewal:
            party["renewal"] = p.renewal.isoformat()
        parties.append(party)
    areas = []
    for a in matrix.areas:
        area: dict[str, Any] = {"code": a.code, "title": a.title, "block": a.block, "items": list(a.items)}
        area["critical"] = a.critical
        if a.duty:
            area["duty"] = a.duty
        areas.append(area)
    return {
        "format": FORMAT,
        "version": VERSION,
        "client": matrix.client,
        "parties": parties,
        "areas": areas,
        "assignments": ordered_assignments(matrix.assignments, matrix.areas, matrix.parties),
    }


def write_matrix_file(matrix: Matrix) -> str:
    """The file's text: one line per party, area and assignment row, so that diffs stay readable."""
    doc = matrix_document(matrix)

    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["{"]
    for key in ("format", "version", "client"):
        out.append(f"  {line(key)}: {line(doc[key])},")
    for key in ("parties", "areas"):
        rows = [f"    {line(entry)}" for entry in doc[key]]
        out.append(f'  "{key}": [' + ("\n" + ",\n".join(rows) + "\n  ]," if rows else "],"))
    rows = [f"    {line(code)}: {line(cells)}" for code, cells in doc["assignments"].items()]
    out.append('  "assignments": {' + ("\n" + ",\n".join(rows) + "\n  }" if rows else "}"))
    out.append("}")
    return "\n".join(out) + "\n"
