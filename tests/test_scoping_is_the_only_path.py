"""A small linter, as a test: tenant-owned models are read only through sevenc.tenancy.scoping.

The rule: read a tenant-owned model either with `scoped(Model, scope)` / `get_scoped(...)`, or through the
relation of an object that was itself reached through the scope (`assessment.responses.filter(...)`,
`client.assessments.all()`). Reading with `Model.objects.filter/get/all/...` is how one MSP's data leaks to
another, so it is refused outside the few places listed below. Creating rows (`Model.objects.create`,
`bulk_create`) is allowed: what they point at was scoped first.
"""

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent / "sevenc"
READS = r"\.objects\.(filter|get|all|exclude|first|last|values|values_list|select_related|prefetch_related|order_by|annotate|aggregate|count|exists|in_bulk|iterator|only|defer|select_for_update)\b"
# Places that may read tenant-owned tables directly, each for a stated reason.
ALLOWED = {
    "tenancy/scoping.py",  # the scoping path itself
    "demo/seed.py",  # builds the demo tenant
}


def tenant_models():
    return [m for m in apps.get_models() if hasattr(m, "TENANT_PATH")]


def test_tenant_owned_models_are_only_read_through_the_scoping_path():
    names = "|".join(m.__name__ for m in tenant_models())
    pattern = re.compile(rf"\b({names}){READS}")
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel or rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "read tenant data through sevenc.tenancy.scoping.scoped():\n" + "\n".join(offenders)


def test_every_tenant_owned_model_declares_both_paths():
    models = tenant_models()
    assert {m.__name__ for m in models} >= {"Client", "Assessment", "Response", "Membership"}
    for model in models:
        assert hasattr(model, "CLIENT_PATH"), model
