"""Several app servers on one database: nothing a request depends on lives in one server's process.

Sessions and the cache are in the database (or a configured cache server), generated files under one storage
path. What stays in a process is read-only data keyed by its version (frameworks, the area catalogue,
templates), which two servers cannot disagree on: the allowlist below names each such cache and why. The
end-to-end proof (two `sevenc serve` processes on one PostgreSQL) is scripts/two_servers.py, run by CI.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

SEVENC = Path(__file__).resolve().parents[2]
# module → why its in-process cache is safe on several servers
ALLOWED_PROCESS_CACHES = {
    "sevenc/catalogue/services.py": "a stored framework's spec keyed by (id, code, version, loaded_at)",
    "sevenc/audit/recorder.py": "which models are tracked and their fields: from the code, at start-up",
    "sevenc/catalogue/crosswalk.py": "the shipped 7C → NIST CSF crosswalk file: part of the installed code",
    "sevenc/catalogue/spec.py": "the packaged framework files: part of the installed code",
    "sevenc/lib/money.py": "ISO 4217 currency data from pycountry: part of the installed code",
    "sevenc/raci/areas.py": "areas of a shipped catalogue by (code, version): a version never changes",
    "sevenc/raci/catalogue.py": "the shipped area catalogue file: part of the installed code",
    "sevenc/raci/templates.py": "the shipped matrix templates file: part of the installed code",
    "sevenc/reports/pdf.py": "fonts and stylesheet for WeasyPrint: part of the installed code",
    "sevenc/offering/reading.py": "a stored framework's items, keyed by every 7C version in the database",
    "sevenc/roadmap/optimiser/milp.py": "whether HiGHS printed its banner in this process: no data",
    "sevenc/assessments/item_form.py": "a level radio's HTML from its arguments alone: reads no data",
    "sevenc/charts/__init__.py": "a chart's SVG from its arguments alone: reads no data",
    "sevenc/config/memory.py": "whether this process froze its start-up heap: no data",
}


def test_sessions_and_the_cache_are_shared_through_the_database(db):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    cache.set("two-servers", "same answer", 30)  # the migration made the table
    assert cache.get("two-servers") == "same answer"


def _settings_with(**env: str) -> str:
    code = "from sevenc.config import settings as s; print(s.STORAGES['default']['OPTIONS']['location'], s.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def test_generated_files_go_under_the_storage_path_and_a_cache_server_can_be_named(tmp_path):
    assert _settings_with(SEVENC_STORAGE_DIR=str(tmp_path)).split()[0] == str(tmp_path)
    assert _settings_with(SEVENC_CACHE_URL="redis://127.0.0.1:6379/1").endswith("redis.RedisCache")
    assert "is not a redis:// address" in _settings_with(SEVENC_CACHE_URL="locmem://")


def _process_caches(path: Path) -> list[str]:
    """Module-level caches: functools.cache / lru_cache decorators and module-level dict or list names
    written to from functions (`global`, or `NAME[...] =` on a module-level container)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in ("cache", "lru_cache"):
                    found.append(f"@{name} {node.name}")
        if isinstance(node, ast.Global):
            found.append(f"global {', '.join(node.names)}")
    module_level = {
        t.id
        for n in tree.body
        if isinstance(n, ast.Assign | ast.AnnAssign)
        and isinstance(getattr(n, "value", None), ast.Dict | ast.List | ast.Call)
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
        if isinstance(t, ast.Name) and t.id.startswith("_")
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Subscript)
                    and isinstance(inner.ctx, ast.Store)
                    and isinstance(inner.value, ast.Name)
                    and inner.value.id in module_level
                ):
                    found.append(f"{inner.value.id}[...] = in {node.name}")
    return found


def test_no_module_keeps_state_in_its_process_beyond_the_allowed_read_only_caches():
    unexpected = {}
    for path in sorted(SEVENC.rglob("*.py")):
        relative = str(path.relative_to(SEVENC.parent))
        if "/tests/" in relative or "/migrations/" in relative:
            continue
        found = _process_caches(path)
        if found and relative not in ALLOWED_PROCESS_CACHES:
            unexpected[relative] = found
    assert not unexpected, f"in-process state two app servers could disagree on: {unexpected}"


def test_the_start_up_heap_is_frozen_once_per_process():
    import gc

    from sevenc.config.memory import freeze_startup_heap

    freeze_startup_heap()
    frozen = gc.get_freeze_count()
    made_later = [[n] for n in range(1000)]  # what a command makes after start-up: stays collectable
    freeze_startup_heap()
    assert made_later
    assert gc.get_freeze_count() == frozen
