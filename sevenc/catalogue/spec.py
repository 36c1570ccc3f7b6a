"""A framework as plain data: parsed and validated from its YAML/JSON file. No Django here.

The file format (docs/formats.md): framework code, version, name, a 0–4 maturity scale and blocks →
areas → items. Area and item codes may be omitted; they then follow the `BLOCK.n` / `BLOCK.n.m`
convention, 1-based in file order, which is how the 7C codes are defined.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from sevenc.lib.bounds import CODE, LONG_TEXT, NAME, TITLE, WEIGHT, Text
from sevenc.lib.errors import DomainError
from sevenc.lib.files import InputFileError, read_json, read_yaml
from sevenc.lib.validation import bounded_number, bounded_text, quoted

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_WEIGHT = int(WEIGHT.maximum)
SCALE_NAME = Text(60)  # the column of a scale level's name
SCALE_LEVELS = (0, 1, 2, 3, 4)
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")


class FrameworkFormatError(DomainError):
    """A framework file that cannot be used; the message names the offending entry."""


@dataclass(frozen=True)
class ScaleLevel:
    level: int
    name: str
    description: str


@dataclass(frozen=True)
class ItemSpec:
    code: str
    title: str
    weight: int
    area: str
    block: str


@dataclass(frozen=True)
class AreaSpec:
    code: str
    title: str
    description: str
    items: tuple[ItemSpec, ...]


@dataclass(frozen=True)
class BlockSpec:
    code: str
    name: str
    question: str
    description: str
    areas: tuple[AreaSpec, ...]

    def items(self) -> Iterator[ItemSpec]:
        for area in self.areas:
            yield from area.items


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    version: str
    name: str
    source: str
    scale: tuple[ScaleLevel, ...]
    blocks: tuple[BlockSpec, ...]

    def items(self) -> Iterator[ItemSpec]:
        for block in self.blocks:
            yield from block.items()

    def areas(self) -> Iterator[AreaSpec]:
        for block in self.blocks:
            yield from block.areas

    @cached_property
    def item_index(self) -> dict[str, ItemSpec]:
        return {item.code: item for item in self.items()}

    def to_json(self) -> dict[str, Any]:
        """The catalogue JSON format printed by `sevenc catalogue --json`."""
        return {
            "framework": self.code,
            "version": self.version,
            "scale": [{"level": s.level, "name": s.name, "description": s.description} for s in self.scale],
            "blocks": [
                {
                    "code": b.code,
                    "name": b.name,
                    "question": b.question,
                    "areas": [
                        {
                            "code": a.code,
                            "title": a.title,
                            "description": a.description,
                            "items": [
                                {"code": i.code, "title": i.title, "weight": i.weight} for i in a.items
                            ],
                        }
                        for a in b.areas
                    ],
                }
                for b in self.blocks
            ],
        }


def _text(entry: dict[str, Any], key: str, where: str, kind: Text, required: bool = True) -> str:
    value = entry.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)  # YAML reads `version: 1.0` as a number
    return bounded_text(kind, value, f"{where} {key}", FrameworkFormatError, required=required)


def _code(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        raise FrameworkFormatError(
            f"{where}: code {quoted(value)} must be 1–40 letters, digits, '.', '-' or '_'"
        )
    return value


def _weight(value: Any, where: str) -> int:
    return bounded_number(WEIGHT, value, f"{where} weight", FrameworkFormatError)  # type: ignore[no-any-return]


def _scale(raw: Any) -> tuple[ScaleLevel, ...]:
    if not isinstance(raw, list):
        raise FrameworkFormatError("scale: must be a list of levels 0–4")
    levels = []
    for n, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise FrameworkFormatError(f"scale[{n}]: must be a mapping")
        level = entry.get("level")
        if isinstance(level, bool) or not isinstance(level, int):
            raise FrameworkFormatError(f"scale[{n}]: 'level' must be a whole number")
        levels.append(
            ScaleLevel(
                level,
                _text(entry, "name", f"scale[{n}]", SCALE_NAME),
                _text(entry, "description", f"scale[{n}]", LONG_TEXT),
            )
        )
    if tuple(level.level for level in levels) != SCALE_LEVELS:
        raise FrameworkFormatError("scale: levels must be exactly 0, 1, 2, 3, 4 in order")
    return tuple(levels)


def _items(raw: Any, block: str, area: str, where: str) -> tuple[ItemSpec, ...]:
    if not isinstance(raw, list) or not raw:
        raise FrameworkFormatError(f"{where}: 'items' must be a non-empty list")
    items = []
    for m, entry in enumerate(raw, start=1):
        here = f"{where} item {m}"
        if isinstance(entry, str):
            entry = {"title": entry}
        if not isinstance(entry, dict):
            raise FrameworkFormatError(f"{here}: must be a title or a mapping")
        code = _code(entry.get("code", f"{area}.{m}"), here)
        items.append(
            ItemSpec(
                code, _text(entry, "title", here, TITLE), _weight(entry.get("weight", 1), here), area, block
            )
        )
    return tuple(items)


def _areas(raw: Any, block: str, where: str) -> tuple[AreaSpec, ...]:
    if not isinstance(raw, list) or not raw:
        raise FrameworkFormatError(f"{where}: 'areas' must be a non-empty list")
    areas = []
    for n, entry in enumerate(raw, start=1):
        here = f"{where} area {n}"
        if not isinstance(entry, dict):
            raise FrameworkFormatError(f"{here}: must be a mapping")
        code = _code(entry.get("code", f"{block}.{n}"), here)
        title = _text(entry, "title", here, TITLE)
        items = _items(entry.get("items"), block, code, f"{here} ({code})")
        areas.append(
            AreaSpec(code, title, _text(entry, "description", here, LONG_TEXT, required=False), items)
        )
    return tuple(areas)


def parse_framework(data: Any) -> FrameworkSpec:
    """Validate a framework document (already decoded from YAML/JSON) and return it as plain data."""
    if not isinstance(data, dict):
        raise FrameworkFormatError("framework file: must be a mapping at the top level")
    code = _code(data.get("framework"), "framework")
    version = _text(data, "version", "framework", CODE)
    raw_blocks = data.get("blocks")
    if not isinstance(raw_blocks, list) or not raw_blocks:
        raise FrameworkFormatError("blocks: must be a non-empty list")
    blocks = []
    for n, entry in enumerate(raw_blocks, start=1):
        here = f"block {n}"
        if not isinstance(entry, dict):
            raise FrameworkFormatError(f"{here}: must be a mapping")
        block_code = _code(entry.get("code"), here)
        blocks.append(
            BlockSpec(
                code=block_code,
                name=_text(entry, "name", here, NAME),
                question=_text(entry, "question", here, LONG_TEXT, required=False),
                description=_text(entry, "description", here, LONG_TEXT, required=False),
                areas=_areas(entry.get("areas"), block_code, f"{here} ({block_code})"),
            )
        )
    spec = FrameworkSpec(
        code=code,
        version=version,
        name=_text(data, "name", "framework", NAME),
        source=_text(data, "source", "framework", LONG_TEXT, required=False),
        scale=_scale(data.get("scale")),
        blocks=tuple(blocks),
    )
    _check_unique_codes(spec)
    return spec


def _check_unique_codes(spec: FrameworkSpec) -> None:
    seen: set[str] = set()
    codes = [b.code for b in spec.blocks] + [a.code for a in spec.areas()] + [i.code for i in spec.items()]
    for code in codes:
        if code in seen:
            raise FrameworkFormatError(f"code {code!r} is used twice")
        seen.add(code)


def load_framework_file(path: str | Path) -> FrameworkSpec:
    """A framework file through the one safe reader (sevenc.lib.files): `.json` as JSON, else YAML."""
    path = Path(path)
    try:
        data = read_json(path) if path.suffix.lower() == ".json" else read_yaml(path)
    except InputFileError as exc:
        raise FrameworkFormatError(str(exc)) from None
    return parse_framework(data)


@cache
def packaged_frameworks() -> dict[str, FrameworkSpec]:
    """The frameworks shipped in sevenc/catalogue/data, by code (one version each)."""
    specs = [load_framework_file(path) for path in sorted(DATA_DIR.glob("*.yaml"))]
    return {spec.code: spec for spec in specs}


def packaged_framework(code: str) -> FrameworkSpec:
    try:
        return packaged_frameworks()[code]
    except KeyError:
        known = ", ".join(sorted(packaged_frameworks()))
        raise FrameworkFormatError(f"unknown framework {code!r} (known: {known})") from None
