"""The responsibility-area catalogue shipped as data (`data/areas.yaml`): load and validate it. No Django here.

The catalogue is versioned like the 7C framework: (code, version) always means the same areas, and an area
code `RA-<BLOCK>-NNN` never changes meaning. Each area names the 7C items it serves; they must exist in the
framework the catalogue names, so the loader takes that framework's spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sevenc.catalogue.spec import FrameworkFormatError, FrameworkSpec, packaged_framework
from sevenc.lib.bounds import NAME, TITLE, Text
from sevenc.lib.errors import DomainError
from sevenc.lib.validation import reject_unknown_fields
from sevenc.raci.matrix import Area, RaciError

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "areas.yaml"
_HEADER = ("code", "version", "name", "framework", "source", "duties", "areas")
_AREA_FIELDS = ("code", "title", "block", "items", "critical", "duty")
_DUTY_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


class CatalogueError(RaciError):
    """A responsibility-area catalogue that cannot be used."""


@dataclass(frozen=True)
class AreaCatalogue:
    code: str
    version: str
    name: str
    framework: str
    source: str
    duties: dict[str, str]  # duty category → what it covers, in file order
    areas: tuple[Area, ...]

    def area(self, code: str) -> Area:
        for area in self.areas:
            if area.code == code:
                return area
        raise CatalogueError(f"unknown responsibility area {code!r} in {self.code} {self.version}")

    def to_json(self) -> dict[str, Any]:
        """The JSON of `sevenc raci catalogue --json` (docs/formats.md)."""
        return {
            "areas": [
                {
                    "code": a.code,
                    "title": a.title,
                    "block": a.block,
                    "items": list(a.items),
                    "critical": a.critical,
                }
                for a in self.areas
            ]
        }


def _text(entry: dict[str, Any], key: str, kind: Text, where: str, required: bool = True) -> str:
    try:
        return kind.clean(entry.get(key), field=f"{where}: {key}", required=required)
    except DomainError as exc:
        raise CatalogueError(str(exc)) from None


def _duties(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise CatalogueError("duties: must be a non-empty mapping of duty category → description")
    duties = {}
    for key, description in raw.items():
        if not isinstance(key, str) or not _DUTY_PATTERN.match(key):
            raise CatalogueError(f"duties: {key!r} must be lower-case letters, digits or '-'")
        duties[key] = _text({"description": description}, "description", TITLE, f"duties.{key}")
    return duties


def _area(entry: Any, n: int, spec: FrameworkSpec, duties: dict[str, str]) -> Area:
    where = f"areas[{n}]"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: must be a mapping")
    code = entry.get("code")
    if isinstance(code, str):
        where = f"areas[{n}] ({code})"
    reject_unknown_fields(entry, _AREA_FIELDS, where, CatalogueError)
    blocks = [b.code for b in spec.blocks]
    block = entry.get("block")
    if block not in blocks:
        raise CatalogueError(f"{where}: block {block!r} must be one of {', '.join(blocks)}")
    if not isinstance(code, str) or not re.fullmatch(rf"RA-{block}-\d{{3}}", code):
        raise CatalogueError(f"{where}: code {code!r} must be RA-{block}-NNN (three digits)")
    items = entry.get("items")
    if not isinstance(items, list) or not items:
        raise CatalogueError(f"{where}: items must be a non-empty list of {spec.code} item codes")
    for item in items:
        if not isinstance(item, str) or item not in spec.item_index:
            raise CatalogueError(f"{where}: unknown item {item!r} in {spec.code} {spec.version}")
    if len(set(items)) != len(items):
        raise CatalogueError(f"{where}: an item is listed twice")
    critical = entry.get("critical")
    if not isinstance(critical, bool):
        raise CatalogueError(f"{where}: critical must be true or false")
    duty = entry.get("duty")
    if duty not in duties:
        raise CatalogueError(f"{where}: duty {duty!r} is not one of the catalogue's duties")
    title = _text(entry, "title", TITLE, where)
    return Area(code, title, block, tuple(items), critical, duty)


def parse_catalogue(data: Any, framework: FrameworkSpec) -> AreaCatalogue:
    """Validate a catalogue document (decoded YAML/JSON) against the framework its items belong to."""
    if not isinstance(data, dict):
        raise CatalogueError("catalogue: must be a mapping at the top level")
    reject_unknown_fields(data, _HEADER, "catalogue", CatalogueError)
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise CatalogueError("catalogue: version must be text such as '1.0'")
    if data.get("framework") != framework.code:
        raise CatalogueError(
            f"catalogue: framework {data.get('framework')!r} is not the framework given ({framework.code})"
        )
    duties = _duties(data.get("duties"))
    raw_areas = data.get("areas")
    if not isinstance(raw_areas, list) or not raw_areas:
        raise CatalogueError("areas: must be a non-empty list")
    areas = tuple(_area(entry, n, framework, duties) for n, entry in enumerate(raw_areas))
    _check_unique(areas)
    unused = sorted(set(duties) - {a.duty for a in areas})
    if unused:
        raise CatalogueError(f"duties: {', '.join(unused)} used by no area")
    return AreaCatalogue(
        code=_text(data, "code", NAME, "catalogue"),
        version=version.strip(),
        name=_text(data, "name", NAME, "catalogue"),
        framework=framework.code,
        source=_text(data, "source", TITLE, "catalogue", required=False),
        duties=duties,
        areas=areas,
    )


def _check_unique(areas: tuple[Area, ...]) -> None:
    codes: dict[str, int] = {}
    titles: dict[str, str] = {}
    for n, area in enumerate(areas):
        if area.code in codes:
            raise CatalogueError(f"areas[{n}]: code {area.code} is also areas[{codes[area.code]}]")
        codes[area.code] = n
        key = area.title.casefold()
        if key in titles:
            raise CatalogueError(f"areas[{n}] ({area.code}): title {area.title!r} is also {titles[key]}'s")
        titles[key] = area.code


def load_catalogue_file(path: str | Path, framework: FrameworkSpec | None = None) -> AreaCatalogue:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot be read ({exc.strerror})") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: not valid YAML/JSON ({exc})") from exc
    if framework is None:
        name = data.get("framework") if isinstance(data, dict) else None
        try:
            framework = packaged_framework(str(name))
        except FrameworkFormatError as exc:
            raise CatalogueError(f"{path}: {exc}") from None
    return parse_catalogue(data, framework)


@cache
def load_catalogue() -> AreaCatalogue:
    """The shipped catalogue, validated against the shipped 7C framework (cached)."""
    return load_catalogue_file(CATALOGUE_FILE)
