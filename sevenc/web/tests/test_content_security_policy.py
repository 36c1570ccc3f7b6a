"""The Content Security Policy: what it allows, that every response carries it, and that nothing sevenc
writes for a browser needs more (no inline scripts, `on…=` handlers, `style` attributes or `<style>`).

The every-page walk (test_every_page_in_every_state.py) checks the rendered pages of every state; the
browser tests (tests/browser/csp.py) fail on any breach the browser itself reports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from sevenc.lib.csp import DIRECTIVES, FORBIDDEN_SOURCES, is_sevencs_policy, parse_header
from sevenc.web.tests.inline_code import inline_code_in_html, inline_code_in_template

SEVENC = Path(__file__).resolve().parents[2]
# Templates no browser ever gets, and why they may keep inline styles.
NOT_SERVED = {
    # WeasyPrint renders the QBR's PDF from it on the server; its <style> carries the page size, the running
    # headers (@page) and the MSP's colours, which WeasyPrint reads only from the document itself.
    "reports/report_document.html",
}


def _templates() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(SEVENC.glob("*/templates/**/*.html")):
        parts = path.relative_to(SEVENC).parts
        found.append(("/".join(parts[parts.index("templates") + 1 :]), path))
    return found


def _html_building_modules() -> list[Path]:
    """Python modules that write HTML themselves (format_html / mark_safe), tests aside."""
    return [
        path
        for path in sorted(SEVENC.rglob("*.py"))
        if "tests" not in path.parts
        and ("format_html" in path.read_text() or "mark_safe" in path.read_text())
    ]


def test_the_policy_is_self_only_with_no_inline_code_and_no_framing():
    assert DIRECTIVES == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    assert not {source for sources in DIRECTIVES.values() for source in sources} & set(FORBIDDEN_SOURCES)
    assert settings.CONTENT_SECURITY_POLICY == {"DIRECTIVES": DIRECTIVES}


def test_the_policy_middleware_runs_before_whitenoise_so_static_files_carry_it_too():
    middleware = settings.MIDDLEWARE
    assert middleware.index("csp.middleware.CSPMiddleware") < middleware.index(
        "whitenoise.middleware.WhiteNoiseMiddleware"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/", "/static/web/sevenc.css", "/no-such-page/"])
def test_every_answer_carries_the_policy(client, path):
    assert is_sevencs_policy(client.get(path).headers.get("Content-Security-Policy"))


def test_a_policy_header_is_read_whatever_its_order():
    assert parse_header("img-src data: 'self' ;default-src 'self'") == {
        "img-src": frozenset({"data:", "'self'"}),
        "default-src": frozenset({"'self'"}),
    }
    assert not is_sevencs_policy("default-src 'self'")
    assert not is_sevencs_policy(None)


@pytest.mark.parametrize(("name", "path"), _templates(), ids=lambda value: str(value))
def test_no_template_served_to_browsers_has_inline_scripts_styles_or_handlers(name, path):
    if name in NOT_SERVED:
        pytest.skip("rendered to PDF on the server, never served")
    assert inline_code_in_template(path.read_text(encoding="utf-8")) == []


def test_the_templates_kept_out_of_the_rule_exist_and_are_not_served_by_a_view():
    names = {name for name, _ in _templates()}
    assert names >= NOT_SERVED
    for path in SEVENC.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for name in NOT_SERVED:
            if name in path.read_text():
                assert path == SEVENC / "reports" / "pdf.py", f"{path} uses {name}: only the PDF may"


@pytest.mark.parametrize("path", _html_building_modules(), ids=lambda p: p.relative_to(SEVENC).as_posix())
def test_html_written_in_python_has_no_inline_scripts_styles_or_handlers(path):
    """Strings of modules that build HTML with format_html/mark_safe (docstrings aside)."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = [
        f"line {node.lineno}: {problem}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        for problem in inline_code_in_template(node.value)
    ]
    assert found == []


def test_the_scanners_find_each_kind_of_inline_code():
    page = (
        '<p style="color:red">a</p><script>alert(1)</script><style>p{}</style>'
        '<form onsubmit="return confirm()"><a href="javascript:x()">b</a><div hx-on:click="x">c</div></form>'
        '<script src="/static/web/sevenc.js"></script><script type="application/json">{}</script>'
    )
    assert len(inline_code_in_html(page)) == 6
    assert len(inline_code_in_template(page)) == 6
    template = '<option value="{{ v }}"{% if a > b %} selected{% endif %} style="x">'
    assert [line.split(":")[1].strip() for line in inline_code_in_template(template)] == ["style attribute"]
    assert inline_code_in_template('{# <style> in a comment #}<form action="/x" method="post">') == []


@pytest.mark.django_db
def test_the_theme_stylesheet_sets_the_colours_of_its_address_and_is_kept_for_good(client):
    url = reverse("theme_css", kwargs={"scope": "report", "brand": "12ab34", "accent": "e07a1f"})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    assert response.content.decode() == ".qbr { --brand: #12ab34; --accent: #e07a1f; }\n"
    assert "immutable" in response["Cache-Control"]
    assert client.get("/theme/page/12ab34-e07a1f.css").content.decode().startswith(":root {")
    for bad in (
        "/theme/page/12AB34-e07a1f.css",
        "/theme/page/12ab3-e07a1f.css",
        "/theme/x/12ab34-e07a1f.css",
    ):
        assert client.get(bad).status_code == 404
