"""What the audit trail costs: the demo build, bulk imports and single saves, timed in the tree this file is in.

Run: `python benchmarks/audit_overhead.py [--demo] [--imports N] [--saves N]` (one fresh SQLite database in a
temporary folder per run; migrations are not timed). To compare with a tree without the trail, export it
(`git archive <commit> | tar -x -C /tmp/base`), copy this file into its benchmarks/ and run both, alternating,
with the same interpreter: the figures then differ only by the code. Prints one JSON line: wall and CPU
seconds of each part, and how many audit events were written (0 where the tree has no trail).

- demo: `build_demo` for a fixed day (28 clients through the services: assessments, workshops, optimised
  and approved roadmaps, execution, matrices, reviews, the service catalogue);
- imports: N exchange documents of 139 answered items each, each into a new client (`import_document`:
  one `bulk_create` of the responses);
- saves: N single-item saves in the assessment workspace (`record_response`), the interactive path where
  every save also reads the stored row and writes an event.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DAY = dt.date(2026, 12, 2)


def _acting(label: str) -> contextlib.AbstractContextManager[object]:
    """As the command would act (a fresh actor per request or command); nothing where the tree has no trail."""
    try:
        from sevenc.audit.context import acting
    except ImportError:
        return contextlib.nullcontext()
    return acting(label=label)


def _timed(step: Callable[[], object]) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    return {"wall": round(time.perf_counter() - wall, 3), "cpu": round(time.process_time() - cpu, 3)}


def _setup(folder: str) -> None:
    os.environ["SEVENC_DATA_DIR"] = folder
    os.environ["SEVENC_DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sevenc.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def _doc(client: str):  # type: ignore[no-untyped-def]
    from sevenc.assessments.exchange import parse_document
    from sevenc.assessments.services import resolve_framework
    from sevenc.catalogue.spec import packaged_framework

    spec = packaged_framework("7c")
    responses = [
        {"item": code, "level": n % 5, "status": f"seen {code}"}
        for n, code in enumerate(i.code for i in spec.items())
    ]
    data = {
        "framework": "7c",
        "client": client,
        "as_of": "2026-09-30",
        "title": "2026 Q3",
        "responses": responses,
    }
    return parse_document(data, resolve_framework)[0]


def _imports(count: int) -> Callable[[], object]:
    from sevenc.assessments.services import import_document
    from sevenc.tenancy.models import Msp

    msp = Msp.objects.create(name="Bench imports")
    docs = [_doc(f"Import client {n}") for n in range(count)]

    def run() -> None:
        for doc in docs:
            with _acting("cli: sevenc import"):
                import_document(msp=msp, doc=doc)

    return run


def _saves(count: int) -> Callable[[], object]:
    from sevenc.assessments.services import create_assessment, record_response
    from sevenc.catalogue.spec import packaged_framework
    from sevenc.clients.models import Client
    from sevenc.tenancy.access import Caller
    from sevenc.tenancy.models import Msp

    msp = Msp.objects.create(name="Bench saves")
    client = Client.objects.create(msp=msp, name="Save client")
    assessment = create_assessment(client=client, title="2026 Q4", as_of=dt.date(2026, 12, 31))
    codes = [i.code for i in packaged_framework("7c").items()]
    actor = Caller.system(msp)

    def run() -> None:
        for n in range(count):
            with _acting("bench: one request"):  # the web's middleware: one actor per request
                record_response(
                    actor=actor, assessment=assessment, item_code=codes[n % len(codes)], level=n % 5
                )

    return run


def _events() -> int:
    from django.apps import apps

    if not apps.is_installed("sevenc.audit"):
        return 0
    return int(apps.get_model("audit", "Event").objects.count())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", action="store_true", help="time the demo build")
    parser.add_argument("--imports", type=int, default=20, help="exchange documents to import")
    parser.add_argument("--saves", type=int, default=400, help="single-item saves")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        _setup(folder)
        from sevenc.demo.seed import build_demo

        result: dict[str, object] = {"tree": str(ROOT)}
        if args.demo:
            with _acting("cli: sevenc demo"):
                result["demo"] = _timed(lambda: build_demo(today=DAY))
        if args.imports:
            result["imports"] = _timed(_imports(args.imports))
        if args.saves:
            result["saves"] = _timed(_saves(args.saves))
        result["events"] = _events()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
