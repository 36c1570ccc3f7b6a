"""A small linter, as a test: tenant-owned models are read only through sevenc.tenancy.scoping.

The rule: read a tenant-owned model either with `scoped(Model, scope)` / `get_scoped(...)`, or through the
relation of an object that was itself reached through the scope (`assessment.responses.filter(...)`,
`client.assessments.all()`). Reading with `Model.objects…` or `Model._default_manager…` is how one MSP's
data leaks to another, so it is refused outside the few places listed below, whatever the line breaks
(the check walks the syntax tree). Creating rows (`create`, `bulk_create`, `get_or_create`,
`update_or_create`) is allowed: what they point at was scoped first.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent / "sevenc"
MANAGERS = {"objects", "_default_manager"}
CREATES = {"create", "bulk_create", "get_or_create", "update_or_create", "none"}  # none(): reads nothing
# Places that may read tenant-owned tables directly, each for a stated reason.
ALLOWED = {
    "tenancy/scoping.py",  # the scoping path itself
    "demo/seed.py",  # builds the demo tenant
    "feeds/lookup.py",  # finds a calendar feed by its secret, which is what defines whose it is
    "tokens/lookup.py",  # finds an API token by its secret, which is what defines who calls
    # Write audit events on the changed row's database (`Event.objects.using(db).bulk_create`), never read:
    "audit/recorder.py",
    "audit/services.py",
}


def tenant_models() -> list[type]:
    return [m for m in apps.get_models() if hasattr(m, "TENANT_PATH")]


def offenders_in(source: str, names: set[str]) -> list[tuple[int, str]]:
    """(line, text) of every `Name.objects.<read>` / `Name._default_manager.<read>` for a tenant model."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)):
            continue
        manager = node.value
        if (
            manager.attr in MANAGERS
            and isinstance(manager.value, ast.Name)
            and manager.value.id in names
            and node.attr not in CREATES
        ):
            found.append((node.lineno, f"{manager.value.id}.{manager.attr}.{node.attr}"))
    return found


def test_tenant_owned_models_are_only_read_through_the_scoping_path():
    names = {m.__name__ for m in tenant_models()}
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel or rel in ALLOWED:
            continue
        for line, text in offenders_in(path.read_text(encoding="utf-8"), names):
            offenders.append(f"{rel}:{line}: {text}")
    assert not offenders, "read tenant data through sevenc.tenancy.scoping.scoped():\n" + "\n".join(offenders)


def test_the_lint_sees_reads_across_line_breaks_and_through_the_default_manager():
    source = "x = (Client\n    .objects\n    .filter(pk=1))\ny = Client._default_manager.all()\nz = Client.objects.create()\n"
    assert offenders_in(source, {"Client"}) == [
        (1, "Client.objects.filter"),
        (4, "Client._default_manager.all"),
    ]


def test_every_tenant_owned_model_declares_both_paths():
    models = tenant_models()
    assert {m.__name__ for m in models} >= {"Client", "Assessment", "Response", "Membership"}
    for model in models:
        assert hasattr(model, "CLIENT_PATH"), model
