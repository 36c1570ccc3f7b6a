"""Loopback load on the production server (`sevenc serve`, gunicorn) against its no-op view (issues 16 and 17).

Run: .venv/bin/python benchmarks/load.py [--database-url postgres|sqlite|URL] [--seconds 60]
     [--connections 32] [--phase-seconds 10] [--workers 2] [--url NAME=PATH ...]
(the dataset, 1,000 clients × 8 quarters, comes from benchmarks/dataset.py: generated on first use)

One `sevenc serve` on the dataset's database, then, each phase at `--connections` concurrent connections
(threads + http.client, loopback only, one signed-in session):
1. the no-op view (`/-/ping`: no session, no query, no template): the baseline of the same run;
1b. the signed-in shell (`/settings/security/`: session, user, tenancy, base template, one small query): the
   floor of any page behind the sign-in, printed so a page's own cost can be told from the sign-in path's;
2. the client scorecard alone, then the assessment page alone: requests/s as a share of the no-op's
   (issue 17 target: ≥ 50 %);
3. `--seconds` of mixed load (issue 16 item 7): the portfolio, client scorecards, assessment pages (and any
   `--url`, e.g. `--url health=/api/v1/health`) with item saves mixed in (one request in ten, on a draft
   per connection): 0 errors and no "database is locked" in the server's log, p50/p99 per page.
The load generator shares the 2 cores with the server, so the no-op's requests/s is a floor, not a ceiling:
the ratios are conservative. Every figure is printed with the machine's load average.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dataset import database_url, ensure  # noqa: E402
from benchmarks.support import PING, HttpSession, machine, serving  # noqa: E402

SAVE_SHARE = 0.1
RATIO_TARGET = 0.5
# Pages of the mixed load: name → how to pick a path (extend with --url NAME=PATH).
PAGES = ("portfolio", "client scorecard", "assessment page")
# The lightest signed-in page: the session, the user, the tenancy's navigation and the base template, with one
# small query of its own (the user's 2FA devices). No real page can be served faster than this through the
# sign-in path, so it shows how much of a page's cost is the page's own.
SHELL = "/settings/security/"


@dataclass
class Tally:
    """Latencies (ms) per kind of request, and every failure, across the threads of one phase."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(ms)
            if error:
                self.errors.append(error)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())


@dataclass
class Targets:
    """The paths the load picks from: the dataset's clients, their latest assessments, drafts to save into."""

    clients: list[str]
    assessments: list[str]
    drafts: list[str]
    items: list[str]
    extra: dict[str, str]

    def path(self, kind: str, rng: random.Random) -> str:
        if kind == "portfolio":
            return rng.choice(["/", "/?sort=itcq&dir=desc", "/?sort=block:CONT", "/?q=dental"])
        if kind == "client scorecard":
            return rng.choice(self.clients)
        if kind == "assessment page":
            return rng.choice(self.assessments)
        if kind == "no-op":
            return PING
        if kind == "signed-in shell":
            return SHELL
        return self.extra[kind]


def discover(session: HttpSession, connections: int) -> Targets:
    """Clients and assessments from the portfolio's first page, and one fresh draft per connection."""
    portfolio = session.get("/")
    clients = sorted(set(re.findall(r'href="(/clients/\d+/)"', portfolio.text)))
    if not clients:
        raise RuntimeError(f"the portfolio shows no client ({portfolio.status})")
    assessments: list[str] = []
    for path in clients[:20]:
        assessments += re.findall(r'href="(/assessments/\d+/)"', session.get(path).text)[:1]
    drafts, items = [], []
    run = time.strftime("%Y%m%d-%H%M%S")  # titles are unique per client: a new set of drafts each run
    for n in range(connections):
        client = clients[n % len(clients)]
        made = session.post(
            f"{client}assessments/new/",
            {"title": f"Load test {run} draft {n}", "as_of": "2026-12-31", "prefill": "on"},
        )
        if made.status != 302:
            raise RuntimeError(f"creating a draft for {client} answered {made.status}")
        drafts.append(made.headers["location"])
    items = sorted(set(re.findall(r"/items/([A-Z]+\.\d+\.\d+)/", session.get(drafts[0]).text)))
    return Targets(clients, sorted(set(assessments)), drafts, items, {})


def _worker(
    n: int,
    host: str,
    cookies: dict[str, str],
    kinds: list[str],
    targets: Targets,
    saves: float,
    until: float,
    tally: Tally,
) -> None:
    rng = random.Random(n)
    session = HttpSession(host, timeout=30)
    session.cookies = dict(cookies)
    while time.monotonic() < until:
        save = rng.random() < saves
        kind = "item save" if save else rng.choice(kinds)
        started = time.perf_counter()
        error = None
        try:
            if save:
                code = rng.choice(targets.items)
                reply = session.post(
                    f"{targets.drafts[n % len(targets.drafts)]}items/{code}/",
                    {"status": f"load {n} {rng.random():.6f}", "changed": "status"},
                    headers={"HX-Request": "true"},
                )
            else:
                path = targets.path(kind, rng)
                reply = session.get(path)
            if reply.status != 200:
                error = f"{kind}: {reply.status}"
        except OSError as exc:
            error = f"{kind}: {exc!r}"
        tally.add(kind, (time.perf_counter() - started) * 1000, error)
    session.close()


def run_phase(
    host: str,
    cookies: dict[str, str],
    kinds: list[str],
    targets: Targets,
    seconds: float,
    connections: int,
    saves: float = 0.0,
) -> tuple[Tally, float]:
    tally = Tally()
    until = time.monotonic() + seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=_worker, args=(n, host, cookies, kinds, targets, saves, until, tally))
        for n in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def line(kind: str, values: list[float], seconds: float) -> str:
    return (
        f"  {kind:<18} {len(values) / seconds:>8.1f} req/s  p50 {statistics.median(values):>7.1f} ms"
        f"  p99 {percentile(values, 0.99):>7.1f} ms  ({len(values):,} requests)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres", help='a URL, "postgres" or "sqlite"')
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0, help="mixed load duration")
    parser.add_argument("--phase-seconds", type=float, default=10.0, help="each single-page phase")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of `sevenc serve`")
    parser.add_argument("--url", action="append", default=[], help="NAME=PATH added to the mixed load")
    args = parser.parse_args()
    extra = dict(entry.split("=", 1) for entry in args.url)
    url = database_url(args.database_url)
    data = ensure(url, args.clients, args.quarters)
    with serving(url, workers=args.workers) as (server,):
        session = HttpSession(server.host)
        session.sign_in(data.owner, data.password)
        targets = discover(session, args.connections)
        targets.extra = extra
        cookies = dict(session.cookies)
        print(
            f"{data.vendor}: {data.msp}, `sevenc serve` with {args.workers} workers, {args.connections} connections"
        )
        print(f"  before: {machine()}")
        rates: dict[str, float] = {}
        for kind in ("no-op", "signed-in shell", *PAGES[1:]):
            tally, elapsed = run_phase(
                server.host, cookies, [kind], targets, args.phase_seconds, args.connections
            )
            rates[kind] = tally.count / elapsed
            share = f"  {rates[kind] / rates['no-op']:.0%} of the no-op" if kind != "no-op" else ""
            if kind in PAGES:
                share += f", {rates[kind] / rates['signed-in shell']:.0%} of the signed-in shell"
            print(
                line(kind, tally.latencies[kind], elapsed)
                + share
                + (f"  ERRORS {len(tally.errors)}" if tally.errors else "")
            )
        print(f"mixed load, {args.seconds:.0f} s, one request in {1 / SAVE_SHARE:.0f} an item save:")
        kinds = [*PAGES, *extra]
        tally, elapsed = run_phase(
            server.host, cookies, kinds, targets, args.seconds, args.connections, SAVE_SHARE
        )
        for kind in [*kinds, "item save"]:
            print(line(kind, tally.latencies[kind], elapsed))
        print(f"  all: {tally.count / elapsed:.1f} req/s, {len(tally.errors)} errors")
        log = server.log_text()
    locked = log.count("database is locked")
    tracebacks = log.count("Traceback")
    worst = min(rates[p] / rates["no-op"] for p in PAGES[1:])
    ok = not tally.errors and not locked and not tracebacks and worst >= RATIO_TARGET
    for error in sorted(set(tally.errors))[:10]:
        print(f"  error: {error}")
    print(
        f"{'within' if ok else 'MISSES'} the targets (0 errors, no lock, pages ≥ {RATIO_TARGET:.0%} of the no-op's "
        f"req/s): {len(tally.errors)} errors, {locked} 'database is locked', {tracebacks} tracebacks, "
        f"slowest page {worst:.0%} of the no-op; {machine()}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
