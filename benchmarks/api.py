"""How fast the API reads one 139-item assessment with all its items and scores, against GET /api/v1/health
on the same server, from one run (issue 15).

Run: .venv/bin/python benchmarks/api.py [--requests 300] [--workers 1]

Target: the median of GET /api/v1/assessments/{id}/sheet (every item of the 7C framework with its level,
notes and version, and the area, block and ITCQ scores) ≤ 3 × the median of GET /api/v1/health (a database
round trip, no token). The script makes its own throw-away SQLite database (or uses SEVENC_DATABASE_URL when
set, e.g. PostgreSQL) with one MSP, one client and one completed assessment answering all 139 items with
notes, creates a vCIO's API token, starts `sevenc serve` (gunicorn) on a free port and times both requests
alternately (H S H S …), so a change in the machine's load weighs on both alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RATIO_LIMIT = 3.0


def populate() -> tuple[int, str]:
    """One completed 139-item assessment with notes; returns its id and a vCIO's token."""
    from sevenc.assessments.models import Assessment, Response
    from sevenc.assessments.services import complete_assessment
    from sevenc.catalogue.models import Item
    from sevenc.catalogue.services import get_framework
    from sevenc.clients.models import Client
    from sevenc.team.services import add_member
    from sevenc.tenancy.access import Caller
    from sevenc.tenancy.models import Msp, Role
    from sevenc.tokens.services import create_token

    framework = get_framework("7c")
    msp = Msp.objects.create(name="Benchmark MSP")
    vcio = add_member(msp=msp, username="bench-vcio", email="v@bench.example", role=Role.VCIO)
    client = Client.objects.create(msp=msp, name="Acme Dental Group", seats=42, vcio=vcio.user)
    assessment = Assessment.objects.create(
        client=client, framework=framework, title="2026 Q3", as_of=dt.date(2026, 9, 30)
    )
    rng = random.Random(15)
    rows = []
    for item in Item.objects.filter(framework=framework).order_by("position"):
        level = rng.randint(0, 4)
        rows.append(
            Response(
                assessment=assessment,
                item=item,
                level=level,
                status=f"{item.title}: level {level} in place today, checked on site.",
                evidence="Screenshot of the console and the last report." if level >= 2 else "",
                risk="A failure here would go unnoticed until it hurts the business." if level < 2 else "",
                solution="Assign an owner and add it to the monthly checklist." if level < 3 else "",
            )
        )
    Response.objects.bulk_create(rows)
    complete_assessment(actor=Caller.system(msp), assessment=assessment)
    return assessment.pk, create_token(actor=Caller.of_membership(vcio), name="benchmark")[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str, headers: dict[str, str]) -> tuple[float, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}: {body[:300]!r}")
    return elapsed, body


def wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit("the server stopped; see its output above")
        try:
            get(port, "/api/v1/health", {})
            return
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
    raise SystemExit("the server did not answer within 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="timed requests of each kind")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn worker processes")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sevenc-bench-api-"))
    os.environ["SEVENC_DATA_DIR"] = str(folder)
    os.environ.setdefault("SEVENC_DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ.setdefault("SEVENC_SECRET_KEY", secrets.token_urlsafe(50))  # serve refuses the development key
    from sevenc.cli.common import setup_django

    setup_django(migrate=True)
    assessment_id, token = populate()
    port = free_port()
    command = [str(Path(sys.executable).parent / "sevenc"), "serve", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(args.workers), "--no-migrate"]
    server = subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    try:
        wait_for(port, server)
        auth = {"Authorization": f"Bearer {token}"}
        sheet_path = f"/api/v1/assessments/{assessment_id}/sheet"
        _, body = get(port, sheet_path, auth)
        sheet = json.loads(body)
        items = sum(len(area["items"]) for block in sheet["blocks"] for area in block["areas"])
        for _ in range(30):  # warm up: imports, the framework's spec, connection set-up
            get(port, "/api/v1/health", {})
            get(port, sheet_path, auth)
        health: list[float] = []
        reads: list[float] = []
        for _ in range(args.requests):
            health.append(get(port, "/api/v1/health", {})[0])
            reads.append(get(port, sheet_path, auth)[0])
    finally:
        server.terminate()
        server.wait(timeout=30)

    def quantiles(values: list[float]) -> str:
        cut = statistics.quantiles(values, n=10)
        return f"median {1000 * statistics.median(values):.2f} ms, p90 {1000 * cut[-1]:.2f} ms"

    ratio = statistics.median(reads) / statistics.median(health)
    engine = os.environ["SEVENC_DATABASE_URL"].split(":", 1)[0]
    print(f"server: gunicorn, {args.workers} worker(s), {engine}; load average {os.getloadavg()[0]:.1f}")
    print(f"GET /api/v1/health: {quantiles(health)} ({args.requests} requests)")
    print(
        f"GET {sheet_path}: {quantiles(reads)} ({args.requests} requests; {items} items, "
        f"ITCQ {sheet['itcq']:.1f}, {len(body) // 1024} kB)"
    )
    print(f"sheet / health = {ratio:.2f} (limit {RATIO_LIMIT:g})")
    print(f"verdict: {'OK' if ratio <= RATIO_LIMIT else 'TOO SLOW'}  (data left in {folder})")


if __name__ == "__main__":
    main()
