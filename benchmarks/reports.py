"""How fast QBR PDFs build: one client's PDF, and a batch serial vs 2 worker processes (issue 5).

Run: .venv/bin/python benchmarks/reports.py [--clients 200] [--workers 2] [--rounds 2]

Targets: one client's PDF in ≤ 1.5 s; the batch with 2 workers in ≤ 0.6 × the serial time, both measured
in this run. The script makes its own throw-away SQLite database (SEVENC_DATABASE_URL / SEVENC_DATA_DIR
point into a temporary folder) with one MSP and N clients, each with two completed 139-item assessments
(levels drawn around a per-client maturity, with notes) and a held review, so every PDF differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SINGLE_LIMIT = 1.5
BATCH_RATIO_LIMIT = 0.6
BLOCKS = ("CONT", "COMP", "CHRG", "CONS", "CTRL", "CLEAR", "COST")


def populate(clients: int) -> None:
    from sevenc.assessments.models import Assessment, Response
    from sevenc.assessments.services import complete_assessment
    from sevenc.catalogue.models import Item
    from sevenc.catalogue.services import get_framework
    from sevenc.clients.models import Client
    from sevenc.reports.services import hold_review, plan_review
    from sevenc.tenancy.access import Caller
    from sevenc.tenancy.models import Msp

    framework = get_framework("7c")
    items = list(Item.objects.filter(framework=framework).order_by("position"))
    msp = Msp.objects.create(name="Benchmark MSP")
    for n in range(clients):
        rng = random.Random(n)
        client = Client.objects.create(msp=msp, name=f"Client {n:03d}", seats=rng.randint(20, 300))
        maturity = {block: rng.uniform(0.6, 2.8) for block in BLOCKS}
        for quarter, (title, as_of) in enumerate(
            (("2026 Q2", dt.date(2026, 6, 30)), ("2026 Q3", dt.date(2026, 9, 30)))
        ):
            assessment = Assessment.objects.create(
                client=client, framework=framework, title=title, as_of=as_of
            )
            rows = []
            for item in items:
                base = maturity[item.code.split(".")[0]] + 0.3 * quarter
                level = max(0, min(4, round(rng.gauss(base, 0.8))))
                rows.append(
                    Response(
                        assessment=assessment,
                        item=item,
                        level=level,
                        status=f"{item.title}: level {level} in place today.",
                        risk="A failure here would go unnoticed until it hurts the business."
                        if level < 2
                        else "",
                        solution="Assign an owner and add it to the monthly checklist." if level < 3 else "",
                    )
                )
            Response.objects.bulk_create(rows)
            complete_assessment(actor=Caller.system(client.msp), assessment=assessment)
        review = plan_review(
            client=client,
            date=dt.date(2026, 10, 14),
            attendees="CEO\nOffice manager\nvCIO",
            agenda="Q3 results\nRisks\nBudget",
            decisions="Approve the offsite backup project",
            next_steps="vCIO sends the proposal by 31 October",
        )
        hold_review(actor=Caller.system(client.msp), review=review)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="serial + parallel runs each (alternating)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sevenc-bench-reports-"))
    os.environ["SEVENC_DATA_DIR"] = str(folder)
    os.environ["SEVENC_DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    from sevenc.cli.common import setup_django

    setup_django(migrate=True)
    from sevenc.reports.batch import BUILT, build_all, jobs_for
    from sevenc.reports.models import ReviewMeeting
    from sevenc.reports.pdf import render_pdf
    from sevenc.tenancy.models import Msp

    started = time.perf_counter()
    populate(args.clients)
    print(
        f"data: {args.clients} clients with 2 completed assessments and a held review each "
        f"({time.perf_counter() - started:.1f} s to create)"
    )

    snapshot: dict[str, Any] = ReviewMeeting.objects.order_by("pk")[0].snapshot or {}
    started = time.perf_counter()
    pdf = render_pdf(snapshot)
    first = time.perf_counter() - started  # includes loading WeasyPrint's fonts: what a fresh process pays
    warm = []
    for _ in range(5):
        started = time.perf_counter()
        render_pdf(snapshot)
        warm.append(time.perf_counter() - started)
    single = statistics.median(warm)
    print(
        f"one PDF ({len(pdf) // 1024} kB): first in process {first:.2f} s, then median {single:.2f} s "
        f"→ {single / SINGLE_LIMIT:.2f} × the {SINGLE_LIMIT} s limit (first: {first / SINGLE_LIMIT:.2f} ×)"
    )

    jobs = jobs_for(Msp.objects.all())
    # Serial and parallel alternate S P P S …: the machine is shared, and a load change during the run
    # then weighs on both modes alike instead of on whichever happened to run second.
    order = [1, args.workers, args.workers, 1] * (args.rounds // 2) + [1, args.workers] * (args.rounds % 2)
    totals = {1: 0.0, args.workers: 0.0}
    for run, workers in enumerate(order):
        out = folder / f"out-{run}"
        started = time.perf_counter()
        outcomes = build_all(jobs, out, workers=workers)
        elapsed = time.perf_counter() - started
        totals[workers] += elapsed
        built = sum(outcome.status == BUILT for outcome in outcomes)
        # The 1-minute load average shows how much of the 2 cores other work on the machine took meanwhile.
        print(
            f"batch run {run + 1}, {workers} worker(s): {built}/{len(jobs)} built in {elapsed:.1f} s "
            f"({elapsed / len(jobs):.2f} s per PDF; load average {os.getloadavg()[0]:.1f})"
        )
    ratio = totals[args.workers] / totals[1]
    print(
        f"{args.workers} workers / serial = {ratio:.2f} (limit {BATCH_RATIO_LIMIT}), over {args.rounds} round(s); "
        f"one PDF = {single / SINGLE_LIMIT:.2f} × limit"
    )
    print(
        f"verdict: single {'OK' if single <= SINGLE_LIMIT else 'TOO SLOW'}, "
        f"batch {'OK' if ratio <= BATCH_RATIO_LIMIT else 'TOO SLOW'}  (data left in {folder})"
    )


if __name__ == "__main__":
    main()
