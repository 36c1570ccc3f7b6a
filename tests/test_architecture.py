"""The architecture's rules, checked from the source (docs/architecture.md, "Import rules").

- The pure modules listed in PURE_MODULES import nothing from Django, directly or through another sevenc
  module they import.
- No package import cycle under sevenc/ (tests and migrations aside): the domain packages form a graph
  whose edges point one way only.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEVENC = ROOT / "sevenc"

# Computation that must stay plain data in, plain data out: testable without a database, reusable from the
# CLI, the web, the API and the reports. Add a new pure module here.
PURE_MODULES = [
    "sevenc.signin.backoff",
    "sevenc.audit.context",
    "sevenc.audit.values",
    "sevenc.lib.bounds",
    "sevenc.lib.errors",
    "sevenc.lib.files",
    "sevenc.lib.htmx",
    "sevenc.lib.tabular",
    "sevenc.lib.transitions",
    "sevenc.lib.validation",
    "sevenc.catalogue.spec",
    "sevenc.catalogue.crosswalk",
    "sevenc.assessments.scoring",
    "sevenc.assessments.level_digits",
    "sevenc.assessments.exchange",
    "sevenc.assessments.workflow",
    "sevenc.goals.gaps",
    "sevenc.roadmap.workflow",
    "sevenc.roadmap.diff",
    "sevenc.execution.scheduling",
    "sevenc.execution.agenda",
    "sevenc.execution.workflow",
    "sevenc.demo.dates",
    "sevenc.lib.svg",
    "sevenc.roadmap.optimiser.background_solve",
    "sevenc.roadmap.optimiser.greedy",
    "sevenc.roadmap.optimiser.improve",
    "sevenc.roadmap.optimiser.incumbent",
    "sevenc.roadmap.optimiser.milp",
    "sevenc.roadmap.optimiser.plan_input",
    "sevenc.roadmap.optimiser.planning",
    "sevenc.roadmap.optimiser.projection",
    "sevenc.roadmap.optimiser.quarters",
    "sevenc.roadmap.optimiser.schedule",
    "sevenc.roadmap.optimiser.solver",
    "sevenc.roadmap.optimiser.window_search",
    "sevenc.roadmap.optimiser.plan_entries",
    "sevenc.roadmap.optimiser.frontier",
    "sevenc.charts.contrast",
    "sevenc.raci.catalogue",
    "sevenc.raci.csv_layout",
    "sevenc.raci.matrix",
    "sevenc.raci.matrix_file",
    "sevenc.raci.parties",
    "sevenc.raci.templates",
    "sevenc.raci.validation",
    "sevenc.offering.coverage",
    "sevenc.offering.exports",
    "sevenc.offering.peers",
    "sevenc.offering.portfolio",
    "sevenc.offering.service_file",
    "sevenc.offering.tables",
    "sevenc.offering.upsell",
    "sevenc.reports.findings",
    "sevenc.reports.narrative",
    "sevenc.reports.presentation",
    "sevenc.generator.shapes",
    "sevenc.jobs.workflow",
]
FORBIDDEN = ("django", "ninja", "django_htmx")


def module_path(name: str) -> Path | None:
    base = ROOT / Path(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


@cache
def imports_of(name: str) -> frozenset[str]:
    """Every module `name` imports, at any depth of its source (function-level imports included)."""
    path = module_path(name)
    if path is None:
        return frozenset()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            found.update(
                f"{module}.{alias.name}" for alias in node.names if module_path(f"{module}.{alias.name}")
            )
    return frozenset(found)


def forbidden_chain(name: str) -> list[str] | None:
    """The import chain from `name` to Django, if there is one (depth-first over sevenc modules)."""
    seen: set[str] = set()

    def visit(module: str, chain: list[str]) -> list[str] | None:
        for imported in sorted(imports_of(module)):
            if imported.split(".")[0] in FORBIDDEN:
                return [*chain, imported]
            if imported.startswith("sevenc.") and imported not in seen:
                seen.add(imported)
                found = visit(imported, [*chain, imported])
                if found:
                    return found
        return None

    return visit(name, [name])


def test_every_listed_pure_module_exists():
    assert [name for name in PURE_MODULES if module_path(name) is None] == []


def test_pure_modules_import_nothing_from_django_even_indirectly():
    chains = {name: chain for name in PURE_MODULES if (chain := forbidden_chain(name))}
    assert chains == {}, "\n".join(" → ".join(chain) for chain in chains.values())


def _source_modules() -> list[str]:
    names = []
    for path in SEVENC.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def package_graph() -> dict[str, set[str]]:
    """sevenc.<package> → the other sevenc packages its source imports."""
    graph: dict[str, set[str]] = {}
    for module in _source_modules():
        parts = module.split(".")
        if len(parts) < 2:
            continue
        package = ".".join(parts[:2])
        edges = graph.setdefault(package, set())
        for imported in imports_of(module):
            target = imported.split(".")
            if target[0] == "sevenc" and len(target) > 1 and ".".join(target[:2]) != package:
                edges.add(".".join(target[:2]))
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


def test_there_is_no_package_import_cycle():
    cycle = find_cycle(package_graph())
    assert cycle is None, "package import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_nothing_imports_the_web_shell():
    importers = sorted(pkg for pkg, edges in package_graph().items() if "sevenc.web" in edges)
    assert importers == []


def test_no_source_file_is_over_400_lines():
    """Long files hide two modules in one; split by what changes together (data files aside)."""
    sources = [*ROOT.glob("sevenc/**/*.py"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("benchmarks/*.py")]
    sources += [*ROOT.glob("sevenc/**/*.html"), *ROOT.glob("sevenc/**/*.js"), *ROOT.glob("sevenc/**/*.css")]
    long = [
        f"{path.relative_to(ROOT)}: {count}"
        for path in sources
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert long == []
