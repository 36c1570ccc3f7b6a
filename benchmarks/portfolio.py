"""Develop-next and upsell for 1,000 clients × 139 items from the database, against raw SQL (issue 12).

Run: .venv/bin/python benchmarks/portfolio.py [--database-url URL] [--clients 1000] [--rounds 15] [--keep]

Target: develop-next and every client's upsell offers within 150 ms on PostgreSQL, read from the database
the way the pages and the CLI read them (`sevenc.offering.presenters.offering_state`: the framework, the
catalogue and every client's latest completed assessment as one ordered level array per client, its
latest workshop's targets), then computed by the pure modules. The baseline, measured in the same run: two
hand-written SQL queries that compute the same numbers inside PostgreSQL (demand per uncovered item, and
every offer with its revenue), checked equal to sevenc's before anything is timed.

The data is generated with bulk inserts into the database given (default: PostgreSQL database
`sevenc_offering_bench`, created when missing; an `sqlite:///…` URL measures the portable path, without
the raw-SQL baseline, which is PostgreSQL's): one MSP, 1,000 clients (20–300 seats, one in fifty without a
seat count, five vCIOs), each with a completed 139-item assessment (about 5 % unanswered, 3 % N/A, a few
weight overrides; a quarter also have an older one), a goals workshop for a third (block targets, an item
target now and then), and the 28-service starter catalogue.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.support import ensure_database  # noqa: E402

DEFAULT_URL = "postgres://sevenc:sevenc@127.0.0.1:5432/sevenc_offering_bench"
LIMIT_MS = 150
BENCH_MSP = "Benchmark MSP (offering)"
BLOCKS = ("CONT", "COMP", "CHRG", "CONS", "CTRL", "CLEAR", "COST")


def populate(clients: int, seed: int = 12) -> Any:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from sevenc.assessments.exchange import scoring_items
    from sevenc.assessments.level_digits import from_answers
    from sevenc.assessments.models import Assessment, Response
    from sevenc.assessments.scoring import Answer, score
    from sevenc.catalogue.models import Block, Item
    from sevenc.catalogue.services import framework_spec, get_framework
    from sevenc.clients.models import Client
    from sevenc.goals.models import BlockTarget, ItemTarget, Workshop
    from sevenc.offering.service_file import STARTER_FILE, read_service_file
    from sevenc.offering.services import import_services
    from sevenc.tenancy.access import Caller
    from sevenc.tenancy.models import Membership, Msp, Role

    rng = random.Random(seed)
    framework = get_framework("7c")
    spec = framework_spec(framework)
    items = list(Item.objects.filter(framework=framework).order_by("position"))
    blocks = dict(Block.objects.filter(framework=framework).values_list("code", "pk"))
    scoring = scoring_items(spec)
    with transaction.atomic():
        Msp.objects.filter(name=BENCH_MSP).delete()
        get_user_model().objects.filter(username__startswith="bench-vcio-").delete()
        msp = Msp.objects.create(name=BENCH_MSP)
        vcios = []
        for n in range(5):
            user = get_user_model().objects.create_user(username=f"bench-vcio-{n}", password=None)
            Membership.objects.create(user=user, msp=msp, role=Role.VCIO)
            vcios.append(user)
        rows = Client.objects.bulk_create(
            Client(
                msp=msp,
                name=f"Client {n:04d}",
                seats=rng.randint(20, 300) if n % 50 else None,
                vertical=rng.choice(("dental", "legal", "accounting", "manufacturing", "retail")),
                vcio=vcios[n % len(vcios)],
            )
            for n in range(clients)
        )
        assessments, responses, latest = [], [], {}
        for n, client in enumerate(rows):
            maturity = rng.choice((1, 2, 2, 3))
            history = (dt.date(2026, 6, 30), dt.date(2026, 9, 30)) if n % 4 == 0 else (dt.date(2026, 9, 30),)
            for as_of in history:
                answers: dict[str, Answer] = {}
                levels: list[tuple[Item, int | None, bool]] = []
                for item in items:
                    draw = rng.random()
                    if draw < 0.05:
                        continue  # unanswered: no response row
                    na = draw < 0.08
                    level = None if na else max(0, min(4, maturity + rng.choice((-1, 0, 0, 1))))
                    levels.append((item, level, na))
                    answers[item.code] = Answer(level=level, na=na)
                weights = {"CONT.1.1": 3} if n % 7 == 0 else {}
                card = score(scoring_items(spec, weights) if weights else scoring, answers, {})
                assessment = Assessment(
                    client=client,
                    framework=framework,
                    title=f"{as_of:%Y} Q{(as_of.month + 2) // 3}",
                    as_of=as_of,
                    status=Assessment.Status.COMPLETED,
                    weights=weights,
                    itcq=card.itcq,
                    completeness=card.completeness,
                    block_scores={code: b.score for code, b in card.blocks.items()},
                    level_digits=from_answers(spec.item_index, answers),  # as completion writes them
                )
                assessments.append(assessment)
                responses.append((assessment, levels))
                latest[client.pk] = assessment
        Assessment.objects.bulk_create(assessments, batch_size=2000)
        Response.objects.bulk_create(
            (
                Response(assessment=assessment, item=item, level=level, na=na)
                for assessment, levels in responses
                for item, level, na in levels
            ),
            batch_size=5000,
        )
        workshops = Workshop.objects.bulk_create(
            Workshop(client=client, baseline=latest[client.pk], held_on=dt.date(2026, 10, 5))
            for n, client in enumerate(rows)
            if n % 3 == 0
        )
        BlockTarget.objects.bulk_create(
            BlockTarget(workshop=w, block_id=blocks[code], score=rng.choice((60, 70, 75, 80, 90)))
            for w in workshops
            for code in BLOCKS
        )
        ItemTarget.objects.bulk_create(
            ItemTarget(workshop=w, item=items[0], level=4) for n, w in enumerate(workshops) if n % 2
        )
        import_services(actor=Caller.system(msp), data=read_service_file(STARTER_FILE))
    return msp


BELOW = """
WITH latest AS (
    SELECT DISTINCT ON (a.client_id) a.id, a.client_id, a.weights
    FROM assessments_assessment a
    JOIN clients_client c ON c.id = a.client_id
    JOIN catalogue_framework f ON f.id = a.framework_id
    WHERE c.msp_id = %(msp)s AND a.status = 'completed' AND f.code = '7c'
    ORDER BY a.client_id, a.as_of DESC, a.id DESC
), workshop AS (
    SELECT DISTINCT ON (w.client_id) w.id, w.client_id
    FROM goals_workshop w JOIN clients_client c ON c.id = w.client_id
    WHERE c.msp_id = %(msp)s
    ORDER BY w.client_id, w.held_on DESC, w.id DESC
), spec AS (
    SELECT i.code, i.title, i.position, i.default_weight, b.code AS block
    FROM catalogue_item i JOIN catalogue_area ar ON ar.id = i.area_id JOIN catalogue_block b ON b.id = ar.block_id
    WHERE i.framework_id = %(framework)s
), below AS (
    SELECT l.client_id, s.code, s.position, COALESCE((l.weights ->> s.code)::int, s.default_weight) AS weight
    FROM latest l
    JOIN assessments_response r ON r.assessment_id = l.id
    JOIN catalogue_item ri ON ri.id = r.item_id
    JOIN spec s ON s.code = ri.code
    LEFT JOIN workshop w ON w.client_id = l.client_id
    LEFT JOIN (SELECT t.workshop_id, ti.code, t.level FROM goals_itemtarget t
               JOIN catalogue_item ti ON ti.id = t.item_id) it ON it.workshop_id = w.id AND it.code = s.code
    LEFT JOIN (SELECT t.workshop_id, tb.code, t.score FROM goals_blocktarget t
               JOIN catalogue_block tb ON tb.id = t.block_id) bt ON bt.workshop_id = w.id AND bt.code = s.block
    WHERE r.level IS NOT NULL AND r.level < COALESCE(
        it.level,
        -- GREATEST and LEAST skip NULLs: without a block target, the CASE keeps it NULL (then level 3)
        CASE WHEN bt.score IS NOT NULL THEN LEAST(4, GREATEST(0, CEIL(ROUND((bt.score / 25.0)::numeric, 9))))::int END,
        3)
)
"""

DEVELOP_NEXT_SQL = (
    BELOW
    + """
, coverage AS (
    SELECT ci.code, MAX(CASE WHEN sv.status = 'offered' AND sv.delivery = 'in_house' THEN 3
                             WHEN sv.status = 'offered' THEN 2 WHEN sv.status = 'planned' THEN 1 ELSE 0 END) AS rank
    FROM offering_service sv
    JOIN offering_service_items si ON si.service_id = sv.id
    JOIN catalogue_item ci ON ci.id = si.item_id
    WHERE sv.msp_id = %(msp)s GROUP BY ci.code
)
SELECT s.code, s.title, CASE COALESCE(cv.rank, 0) WHEN 1 THEN 'planned' ELSE 'none' END AS coverage,
       COUNT(b.client_id) AS clients, COALESCE(SUM(c.seats), 0) AS seats,
       COALESCE(SUM(COALESCE(c.seats, 0) * b.weight), 0) AS demand,
       COALESCE(array_agg(c.name ORDER BY lower(c.name), c.name) FILTER (WHERE c.id IS NOT NULL), '{}') AS names
FROM spec s
LEFT JOIN coverage cv ON cv.code = s.code
LEFT JOIN below b ON b.code = s.code
LEFT JOIN clients_client c ON c.id = b.client_id
WHERE COALESCE(cv.rank, 0) <= 1
GROUP BY s.code, s.title, s.position, cv.rank
ORDER BY demand DESC, COALESCE(cv.rank, 0) = 1, clients DESC, seats DESC, s.position
"""
)

UPSELL_SQL = (
    BELOW
    + """
SELECT c.name, sv.name, sv.price_model,
       CASE sv.price_model WHEN 'per_seat_month' THEN c.seats * sv.price WHEN 'flat_month' THEN sv.price END,
       CASE WHEN sv.price_model = 'one_time' THEN sv.price END,
       array_agg(b.code ORDER BY b.position)
FROM below b
JOIN clients_client c ON c.id = b.client_id
JOIN offering_service sv ON sv.msp_id = %(msp)s AND sv.status = 'offered'
JOIN offering_service_items si ON si.service_id = sv.id
JOIN catalogue_item ci ON ci.id = si.item_id AND ci.code = b.code
GROUP BY c.id, c.name, c.seats, sv.id, sv.name, sv.price_model, sv.price, sv.delivery
ORDER BY lower(c.name), c.name, sv.delivery <> 'in_house', lower(sv.name), sv.name
"""
)


def raw_sql(msp_id: int, framework_id: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    from django.db import connection

    params = {"msp": msp_id, "framework": framework_id}
    with connection.cursor() as cursor:
        cursor.execute(DEVELOP_NEXT_SQL, params)
        develop = [(*row[:6], tuple(row[6])) for row in cursor.fetchall()]
        cursor.execute(UPSELL_SQL, params)
        offers = [(*row[:5], tuple(row[5])) for row in cursor.fetchall()]
    return develop, offers


def sevenc_path(scope: Any) -> tuple[list[Any], list[Any], dict[str, float]]:
    """What a page does: read (framework, catalogue, portfolio), then compute develop-next and upsell."""
    from sevenc.offering.presenters import offering_state
    from sevenc.offering.upsell import upsell_offers

    started = time.perf_counter()
    state = offering_state(scope)
    portfolio = state.portfolio  # reads the clients, their levels and targets
    read = time.perf_counter()
    develop = portfolio.develop_next(state.coverage.items)
    offers = upsell_offers(portfolio, state.plain_services)
    done = time.perf_counter()
    return develop, offers, {"read": (read - started) * 1000, "compute": (done - read) * 1000}


def timed(work: Callable[[], Any], rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU milliseconds of each run (the CPU leaves out the time spent
    waiting for PostgreSQL, or for a core on a loaded machine)."""
    work()  # warm: connections, caches, the query plans
    wall, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def database_ms(work: Callable[[], Any], rounds: int = 7) -> float:
    """Median over `rounds` of the summed server-side execution time (EXPLAIN ANALYZE) of the queries
    `work` runs: the database's share, apart from this process and the wire."""
    from django.db import connection

    captured: list[tuple[str, Any]] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        work()
    sums = []
    with connection.cursor() as cursor:
        for _ in range(rounds):
            total = 0.0
            for sql, params in captured:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                total += cursor.fetchone()[0][0]["Execution Time"]
            sums.append(total)
    return statistics.median(sums)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SEVENC_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the generated data (default: delete it)")
    args = parser.parse_args()

    postgres = args.database_url.startswith(("postgres://", "postgresql://"))
    if postgres:
        ensure_database(args.database_url)
    os.environ["SEVENC_DATABASE_URL"] = args.database_url
    from sevenc.cli.common import setup_django

    setup_django(migrate=True)
    from sevenc.catalogue.services import get_framework
    from sevenc.offering.upsell import UpsellOffer
    from sevenc.tenancy.scoping import Scope

    print(load())
    started = time.perf_counter()
    msp = populate(args.clients)
    print(
        f"data: {args.clients:,} clients × 139 items, bulk-inserted in {time.perf_counter() - started:.1f} s"
    )
    if postgres:
        # What autovacuum does to a live database: fresh statistics and visibility, so the planner sees
        # 139,000 responses instead of an empty table, and reads do not set hint bits on every row.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    scope = Scope(msp)

    develop, offers, _ = sevenc_path(scope)
    lines = sum(len(o.items) for o in offers)
    print(f"develop-next: {len(develop)} items; upsell: {len(offers):,} offers, {lines:,} lines")
    framework_id = get_framework("7c").pk
    if postgres:
        expected_develop, expected_offers = raw_sql(msp.pk, framework_id)
        assert [
            (r.item, r.title, r.coverage, r.clients, r.seats, r.demand, r.client_names) for r in develop
        ] == (expected_develop), "develop-next differs from the raw SQL"
        assert [tuple(o) for o in offers] == [tuple(UpsellOffer(*row)) for row in expected_offers], (
            "upsell differs from the raw SQL"
        )
        print("sevenc's numbers equal the raw SQL's (develop-next rows and every upsell offer)")

    split: dict[str, list[float]] = {"read": [], "compute": []}

    def ours() -> None:
        for key, value in sevenc_path(scope)[2].items():
            split[key].append(value)

    figures = [("sevenc: read + develop-next + upsell", timed(ours, args.rounds))]
    if postgres:
        figures.append(
            (
                "raw SQL: the same numbers in PostgreSQL",
                timed(lambda: raw_sql(msp.pk, framework_id), args.rounds),
            )
        )
    print(f"{'ms, ' + str(args.rounds) + ' runs':<44} {'median':>8} {'min':>8} {'max':>8} {'CPU here':>9}")
    for name, (wall, cpu) in figures:
        print(
            f"{name:<44} {statistics.median(wall):>8.1f} {min(wall):>8.1f} {max(wall):>8.1f} {statistics.median(cpu):>9.1f}"
        )
    for key in ("read", "compute"):
        print(f"  of which {key:<34} {statistics.median(split[key]):>8.1f} {min(split[key]):>8.1f}")
    if postgres:
        ours_db = database_ms(lambda: sevenc_path(scope))
        raw_db = database_ms(lambda: raw_sql(msp.pk, framework_id))
        ours_cpu = statistics.median(figures[0][1][1])
        print(
            f"database execution (EXPLAIN ANALYZE): sevenc's queries {ours_db:.1f} ms, raw SQL {raw_db:.1f} ms; "
            f"sevenc's CPU here + its database time = {ours_cpu + ours_db:.1f} ms"
        )
    ours_ms = statistics.median(figures[0][1][0])
    if postgres:
        print(f"sevenc / raw SQL: {ours_ms / statistics.median(figures[1][1][0]):.2f}")
    verdict = "within" if ours_ms <= LIMIT_MS else "OVER"
    print(f"{verdict} the {LIMIT_MS} ms target ({ours_ms:.1f} ms); {load()}")
    if not args.keep:
        from sevenc.tenancy.models import Msp

        Msp.objects.filter(pk=msp.pk).delete()


if __name__ == "__main__":
    main()
