"""The crosswalk from the 7C Continuous block to the NIST CSF 2.0 categories ("the level of NIST Cyber
Security", in the seed's words): which CSF 2.0 outcomes each Continuous item serves. Read from
`data/crosswalks/7c-cont-nist-csf.yaml` through the one safe reader and checked against both shipped
frameworks. No Django here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sevenc.catalogue.spec import DATA_DIR, FrameworkFormatError, packaged_framework
from sevenc.lib.files import read_yaml

CROSSWALK_FILE = DATA_DIR / "crosswalks" / "7c-cont-nist-csf.yaml"


@dataclass(frozen=True)
class Category:
    code: str  # "PR.DS"
    title: str  # "Data Security"
    function: str  # "Protect"


@dataclass(frozen=True)
class CrosswalkRow:
    item: str
    title: str
    categories: tuple[Category, ...]


@dataclass(frozen=True)
class Crosswalk:
    framework: str  # the 7C side
    block: str
    target: str  # "NIST Cybersecurity Framework 2.0 (Core) 2.0"
    rows: tuple[CrosswalkRow, ...]

    def functions(self) -> dict[str, list[str]]:
        """CSF function → the 7C items serving it (in framework order)."""
        served: dict[str, list[str]] = {}
        for row in self.rows:
            for function in dict.fromkeys(c.function for c in row.categories):
                served.setdefault(function, []).append(row.item)
        return served


@cache
def continuous_crosswalk() -> Crosswalk:
    data = read_yaml(CROSSWALK_FILE)
    source, target = data["from"], data["to"]
    seven = packaged_framework(source["framework"])
    csf = packaged_framework(target["framework"])
    categories = {
        area.code: Category(area.code, area.title, block.name) for block in csf.blocks for area in block.areas
    }
    block = next(b for b in seven.blocks if b.code == source["block"])
    items = {item.code: item.title for area in block.areas for item in area.items}
    mapped = data["items"]
    if set(mapped) != set(items):
        raise FrameworkFormatError(f"{CROSSWALK_FILE.name}: must map exactly the items of {block.code}")
    rows = []
    for code, title in items.items():
        unknown = [c for c in mapped[code] if c not in categories]
        if unknown:
            raise FrameworkFormatError(f"{CROSSWALK_FILE.name}: {code}: unknown CSF categories {unknown}")
        rows.append(CrosswalkRow(code, title, tuple(categories[c] for c in mapped[code])))
    return Crosswalk(seven.code, block.code, f"{csf.name} {csf.version}", tuple(rows))
