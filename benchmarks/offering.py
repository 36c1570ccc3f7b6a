"""The pure part of develop-next and upsell for 1,000 clients × 139 items (run: python benchmarks/offering.py).

Issue 12 wants develop-next + upsell within 150 ms including the database read (the lead's
`benchmarks/portfolio.py`); this measures only the pure computation over plain data, against a baseline
measured in the same run: building each client's level dict from flat (client, item, level) rows, the least
Python work any database read has to do. Figures are medians, in milliseconds.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sevenc.catalogue.spec import packaged_framework  # noqa: E402
from sevenc.offering.coverage import coverage  # noqa: E402
from sevenc.offering.portfolio import ClientStanding, Portfolio  # noqa: E402
from sevenc.offering.service_file import starter_catalogue  # noqa: E402
from sevenc.offering.upsell import upsell_json, upsell_lines, upsell_offers, upsell_totals  # noqa: E402

CLIENTS = 1_000
VCIOS = ("ana", "ben", "cho", "dev", "eli")


def flat_rows(codes: list[str], rng: random.Random) -> list[tuple[int, str, int]]:
    """What a database read yields: one row per measured response (about 5 % unanswered or N/A)."""
    rows = []
    for client in range(CLIENTS):
        maturity = rng.choice((1, 2, 2, 3))
        for code in codes:
            if rng.random() < 0.95:
                rows.append((client, code, max(0, min(4, maturity + rng.choice((-1, 0, 0, 1))))))
    return rows


def standings(rows: list[tuple[int, str, int]], rng: random.Random) -> list[ClientStanding]:
    levels: dict[int, dict[str, int]] = {n: {} for n in range(CLIENTS)}
    for client, code, level in rows:
        levels[client][code] = level
    blocks = ("CONT", "COMP", "CHRG", "CONS", "CTRL", "CLEAR", "COST")
    clients = []
    for n in range(CLIENTS):
        # A third have held a goals workshop (block targets 60–90, now and then an item target).
        workshop = n % 3 == 0
        clients.append(
            ClientStanding(
                name=f"Client {n:04d}",
                seats=rng.randint(20, 300) if n % 50 else None,
                vertical=rng.choice(("dental", "legal", "accounting", "manufacturing")),
                vcio=VCIOS[n % len(VCIOS)],
                levels=levels[n],
                block_targets={b: rng.choice((60, 70, 75, 80, 90)) for b in blocks} if workshop else {},
                item_targets={"CONT.1.1": 4} if workshop and n % 2 else {},
            )
        )
    return clients


def median_ms(work: Callable[[], object], repeat: int = 30) -> float:
    work()
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        samples.append(time.process_time() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    rng = random.Random(12)
    spec = packaged_framework("7c")
    services = starter_catalogue().services
    rows = flat_rows(list(spec.item_index), rng)
    clients = standings(rows, rng)
    items = coverage(spec, services).items

    def reference() -> object:
        return sum(1 for _ in range(len(rows)))

    def baseline() -> object:
        levels: dict[int, dict[str, int]] = {}
        for client, code, level in rows:
            levels.setdefault(client, {})[code] = level
        return levels

    def both() -> tuple[Any, Any]:
        portfolio = Portfolio(spec, clients)
        return portfolio.develop_next(items), upsell_offers(portfolio, services)

    codes = list(spec.item_index)
    aligned = [replace(c, levels=[c.levels.get(code) for code in codes]) for c in clients]  # type: ignore[union-attr]

    def both_aligned() -> tuple[Any, Any]:
        portfolio = Portfolio(spec, aligned)
        return portfolio.develop_next(items), upsell_offers(portfolio, services)

    develop, offers = both()
    figures = [
        ("baseline: level dicts from the rows", median_ms(baseline)),
        ("(a bare Python loop over the rows)", median_ms(reference)),
        ("coverage of the catalogue", median_ms(lambda: coverage(spec, services))),
        (
            "below-target flags of every client",
            median_ms(lambda: Portfolio(spec, clients).demand(items, only=())),
        ),
        ("develop-next", median_ms(lambda: Portfolio(spec, clients).develop_next(items))),
        ("upsell offers, every client", median_ms(lambda: upsell_offers(Portfolio(spec, clients), services))),
        (
            "upsell offers, one vCIO (200 clients)",
            median_ms(lambda: upsell_offers(Portfolio(spec, clients), services, vcio="ana")),
        ),
        ("develop-next + upsell offers, one Portfolio", median_ms(both)),
        ("the same, levels as lists in framework order", median_ms(both_aligned)),
        ("upsell totals, every client", median_ms(lambda: upsell_totals(Portfolio(spec, clients), services))),
        ("upsell as lines (UpsellLine)", median_ms(lambda: upsell_lines(offers))),
        ("upsell JSON, one entry per line", median_ms(lambda: upsell_json(offers))),
    ]
    base = figures[0][1]
    print(
        f"{CLIENTS:,} clients × {len(items)} items, {len(rows):,} measured responses, {len(services)} services"
    )
    lines = sum(len(offer.items) for offer in offers)
    print(f"develop-next: {len(develop)} items; upsell: {len(offers):,} offers, {lines:,} lines")
    print(f"{'step':<44} {'median ms':>10} {'× baseline':>11}")
    for name, ms in figures:
        print(f"{name:<44} {ms:>10.2f} {ms / base:>11.2f}")


if __name__ == "__main__":
    main()
