"""Is an uploaded logo a plain SVG image? No Django here.

The logo is shown as an `<img>` (so scripts in it never run) in the web app and drawn by WeasyPrint in the
PDF reports; it must still be an SVG document of bounded size without DTDs or entities (an entity bomb
would stall the PDF renderer), and parse as XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

MAX_LOGO_CHARACTERS = 100_000


def svg_logo_problem(text: str) -> str | None:
    """Why `text` cannot be the MSP's logo, or None when it can (an empty text means no logo)."""
    if not text.strip():
        return None
    if len(text) > MAX_LOGO_CHARACTERS:
        return f"at most {MAX_LOGO_CHARACTERS:,} characters (this has {len(text):,})"
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        return "must not contain a DOCTYPE or entities"
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return f"is not well-formed SVG ({exc})"
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        return "must be an <svg> document"
    return None
