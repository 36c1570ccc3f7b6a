import base64

from django import template

register = template.Library()


@register.filter
def svg_data_uri(svg: str) -> str:
    # An <img> data URI never runs scripts inside the MSP's logo, in the browser or in WeasyPrint.
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@register.filter
def css_string(value: str) -> str:
    """Text safe inside a double-quoted CSS string (page headers): no quote, backslash or tag can escape."""
    escaped = []
    for char in str(value):
        if char in "\\\"<>&'" or ord(char) < 32:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return "".join(escaped)
