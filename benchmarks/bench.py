"""`make bench`: every benchmark under benchmarks/, on SQLite and PostgreSQL where it reads a database, with its
figures collected into one table in docs/benchmarks.md (between the `make bench` markers) together with the
machine they ran on (CPU, cores, load average before and after each).

Run: .venv/bin/python benchmarks/bench.py [--quick] [--only NAME ...] [--no-write]
The generated dataset (1,000 clients × 8 quarters, benchmarks/dataset.py) is made first on each database,
and its generation is timed when it is new. `--quick` runs smaller sizes (fewer cases, rounds and seconds)
and says so in the table. Each benchmark's whole output is echoed; the table keeps its verdict lines.
Exits 1 when a benchmark failed to run (a missed target is a figure, not a failure).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.support import PG_BASE, load, machine  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- make bench: start -->", "<!-- make bench: end -->"


@dataclass(frozen=True)
class Bench:
    name: str
    script: str
    args: tuple[str, ...] = ()
    quick: tuple[str, ...] | None = None  # the arguments of --quick instead of `args` (None: the same)
    keep: str = r"."  # which output lines are its figures (the last 3 that match)


BENCHES = [
    Bench(
        "generate, PostgreSQL",
        "dataset.py",
        ("--database-url", "postgres"),
        keep=r"^generate|already in|target",
    ),
    Bench("generate, SQLite", "dataset.py", ("--database-url", "sqlite"), keep=r"^generate|already in"),
    Bench(
        "portfolio page, PostgreSQL",
        "portfolio_page.py",
        ("--database-url", "postgres"),
        ("--database-url", "postgres", "--rounds", "5"),
        r"targets",
    ),
    Bench(
        "portfolio page, SQLite",
        "portfolio_page.py",
        ("--database-url", "sqlite"),
        ("--database-url", "sqlite", "--rounds", "5"),
        r"targets",
    ),
    Bench(
        "load, PostgreSQL",
        "load.py",
        ("--database-url", "postgres"),
        None,  # --quick keeps the 60 s of issue 16's load
        r"of the no-op|^  all|targets",
    ),
    Bench(
        "load, SQLite",
        "load.py",
        ("--database-url", "sqlite"),
        None,  # --quick keeps the 60 s of issue 16's load
        r"of the no-op|^  all|targets",
    ),
    Bench("scoring", "score.py", keep=r"scoring takes"),
    Bench("offering, pure", "offering.py", keep=r"^develop-next \+ upsell|^develop-next:"),
    Bench(
        "offering from the database",
        "portfolio.py",
        ("--database-url", f"{PG_BASE}sevenc_perf_offering"),
        ("--database-url", f"{PG_BASE}sevenc_perf_offering", "--rounds", "5"),
        r"sevenc / raw|target",
    ),
    Bench("roadmap optimiser", "plan.py", quick=("3",), keep=r"the target"),
    Bench("frontier", "frontier.py", quick=("1",), keep=r"worst frontier|the target"),
    Bench(
        "reports", "reports.py", quick=("--clients", "20", "--rounds", "1"), keep=r"workers / serial|verdict"
    ),
    Bench(
        "responsibility grid",
        "raci_grid.py",
        quick=("--rounds", "5"),
        keep=r"^matrix page, all|^cell save|targets",
    ),
]


def run(bench: Bench, quick: bool) -> tuple[str, list[str], float, int, str, str]:
    before = load()
    arguments = bench.quick if quick and bench.quick is not None else bench.args
    command = [str(PYTHON), "-u", str(ROOT / "benchmarks" / bench.script), *arguments]
    print(f"\n== {bench.name}: {' '.join(command[2:])}  ({before})", flush=True)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    assert process.stdout is not None
    for output in process.stdout:
        print(output, end="", flush=True)
        lines.append(output.rstrip())
    code = process.wait()
    figures = [line.strip() for line in lines if line.strip() and re.search(bench.keep, line)][-3:]
    if code != 0 and not figures:
        figures = [line.strip() for line in lines if line.strip()][-2:]
    return bench.name, figures, time.perf_counter() - started, code, before, load()


def table(results: list[tuple[str, list[str], float, int, str, str]], quick: bool) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    rows = [
        f"Last `make bench`{' --quick (smaller sizes)' if quick else ''}: {dt.date.today().isoformat()}, "
        f"{machine()} at the end. A shared machine: other engineers' work ran meanwhile, so read each "
        "figure against its own baseline, measured in the same run.",
        "",
        "| benchmark | figures (its verdict lines) | s | exit | load before → after |",
        "|---|---|---:|---:|---|",
    ]
    for name, figures, seconds, code, before, after in results:
        shown = "<br>".join(cell(f) for f in figures) or "—"
        rows.append(
            f"| {name} | {shown} | {seconds:.0f} | {code} | {before.removeprefix('load ')} → {after.removeprefix('load ')} |"
        )
    return "\n".join(rows)


def write(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in doc and END in doc:
        doc = doc[: doc.index(START)] + block + doc[doc.index(END) + len(END) :]
    else:
        head, _, rest = doc.partition("\n## ")
        doc = f"{head.rstrip()}\n\n## All benchmarks (`make bench`)\n\n{block}\n\n## {rest}"
    DOC.write_text(doc, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a first look")
    parser.add_argument("--only", action="append", default=[], help="benchmarks whose name contains this")
    parser.add_argument("--no-write", action="store_true", help=f"leave {DOC.relative_to(ROOT)} alone")
    args = parser.parse_args()
    chosen = [b for b in BENCHES if not args.only or any(o.lower() in b.name.lower() for o in args.only)]
    print(machine())
    results = [run(bench, args.quick) for bench in chosen]
    text = table(results, args.quick)
    print("\n" + text)
    if not args.no_write and not args.only:
        write(text)
        print(f"\nwritten to {DOC.relative_to(ROOT)}")
    sys.exit(1 if any(code != 0 and not figures for _, figures, _, code, _, _ in results) else 0)


if __name__ == "__main__":
    main()
