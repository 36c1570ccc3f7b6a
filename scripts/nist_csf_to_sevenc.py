"""Convert NIST's CSF 2.0 Core (CPRT JSON export) into sevenc's framework format.

Usage: python scripts/nist_csf_to_sevenc.py ../shared/data/nist-csf-2.0/cprt_CSF_2_0_0_04-24-2024.json \
           > sevenc/catalogue/data/nist-csf.yaml

Functions become blocks, categories areas, subcategories items (NIST's own codes, e.g. GV.OC-01), in
NIST's sort order; withdrawn identifiers (those with a "WR-<id>" withdraw reason) are dropped. The content
is a work of the US Government (NIST); sevenc does not imply NIST endorsement.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import yaml

SCALE = [
    {"level": 0, "name": "Not performed", "description": "The outcome is not achieved; nothing is in place."},
    {
        "level": 1,
        "name": "Partial",
        "description": "Ad hoc and reactive; little awareness of cybersecurity risk (CSF Tier 1).",
    },
    {
        "level": 2,
        "name": "Risk informed",
        "description": "Practices approved by management but not organisation-wide policy (CSF Tier 2).",
    },
    {
        "level": 3,
        "name": "Repeatable",
        "description": "Formally approved, expressed as policy and regularly updated (CSF Tier 3).",
    },
    {
        "level": 4,
        "name": "Adaptive",
        "description": "Continuously improved from lessons learned and predictive indicators (CSF Tier 4).",
    },
]


def convert(export: dict[str, Any]) -> dict[str, Any]:
    data = export["response"]["elements"]
    elements = data["elements"]
    withdrawn = {e["element_identifier"][3:] for e in elements if e["element_type"] == "withdraw_reason"}
    sort_key = {e["element_identifier"][2:]: e["title"] for e in elements if e["element_type"] == "sort"}
    by_type: dict[str, list[dict[str, Any]]] = {}
    for element in elements:
        if element["element_identifier"] not in withdrawn:
            by_type.setdefault(element["element_type"], []).append(element)
    children: dict[str, list[str]] = {}
    for rel in data["relationships"]:
        if rel["relationship_identifier"] == "projection":
            children.setdefault(rel["source_element_identifier"], []).append(rel["dest_element_identifier"])
    index = {e["element_identifier"]: e for kind in ("category", "subcategory") for e in by_type[kind]}

    def ordered(ids: list[str], kind: str) -> list[dict[str, Any]]:
        wanted = [index[i] for i in ids if i in index and index[i]["element_type"] == kind]
        return sorted(wanted, key=lambda e: sort_key[e["element_identifier"]])

    blocks = []
    for function in sorted(by_type["function"], key=lambda e: sort_key[e["element_identifier"]]):
        code = function["element_identifier"]
        areas = []
        for category in ordered(children.get(code, []), "category"):
            items = [
                {"code": sub["element_identifier"], "title": sub["text"].strip(), "weight": 1}
                for sub in ordered(children.get(category["element_identifier"], []), "subcategory")
            ]
            areas.append(
                {
                    "code": category["element_identifier"],
                    "title": category["title"].strip(),
                    "description": category["text"].strip(),
                    "items": items,
                }
            )
        blocks.append(
            {
                "code": code,
                "name": function["title"].strip().capitalize(),
                "question": function["text"].strip(),
                "areas": areas,
            }
        )
    return {
        "framework": "nist-csf",
        "version": "2.0",
        "name": "NIST Cybersecurity Framework 2.0 (Core)",
        "source": "NIST CSWP 29, CSF 2.0 Core (CPRT export 2024-04-24); a work of the US Government. "
        "Levels 1-4 follow the CSF implementation tiers. No NIST endorsement is implied.",
        "scale": SCALE,
        "blocks": blocks,
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        converted = convert(json.load(handle))
    yaml.safe_dump(converted, sys.stdout, sort_keys=False, allow_unicode=True, width=110)
