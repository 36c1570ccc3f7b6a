"""How long scoring one 139-item assessment takes, against merely loading the same JSON (run: python benchmarks/score.py).

Target (issue 2): scoring ≤ 1 ms. Figures are medians over many repetitions, printed in microseconds and as a
ratio to the JSON-load baseline measured in the same run, so the figures travel between machines.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sevenc.assessments.exchange import parse_document, scoring_items  # noqa: E402
from sevenc.assessments.scoring import score  # noqa: E402
from sevenc.catalogue.spec import packaged_framework  # noqa: E402

TARGET_MS = 1.0


def full_assessment() -> str:
    spec = packaged_framework("7c")
    responses = [{"item": item.code, "level": (n * 7) % 5} for n, item in enumerate(spec.items())]
    responses[3] = {"item": responses[3]["item"], "na": True}
    doc: dict[str, object] = {
        "framework": "7c",
        "client": "Bench Co",
        "as_of": "2026-09-30",
        "title": "bench",
        "responses": responses,
    }
    doc["weights"] = {item.code: 1 + n % 5 for n, item in enumerate(spec.items()) if n % 3 == 0}
    doc["block_weights"] = {"CONT": 2}
    return json.dumps(doc)


def median_seconds(work: Callable[[], object], repeat: int = 2000) -> float:
    for _ in range(50):  # warm caches and the interpreter
        work()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    text = full_assessment()
    spec = packaged_framework("7c")
    doc, _ = parse_document(json.loads(text), lambda code, version: spec)
    answers = doc.answers()

    load = median_seconds(lambda: json.loads(text))
    score_only = median_seconds(lambda: score(scoring_items(spec, doc.weights), answers, doc.block_weights))

    def parse_and_score() -> object:
        parsed, _ = parse_document(json.loads(text), lambda code, version: spec)
        return score(scoring_items(spec, parsed.weights), parsed.answers(), parsed.block_weights)

    end_to_end = median_seconds(parse_and_score)
    print(f"assessment: 139 items, {len(text):,} bytes of JSON")
    print(f"{'step':<38}{'median µs':>12}{'× JSON load':>14}")
    for name, seconds in [
        ("load the JSON (baseline)", load),
        ("score (weights + ITCQ)", score_only),
        ("load + validate + score", end_to_end),
    ]:
        print(f"{name:<38}{seconds * 1e6:>12.1f}{seconds / load:>14.2f}")
    verdict = "meets" if score_only * 1000 <= TARGET_MS else "MISSES"
    print(f"scoring takes {score_only * 1000:.3f} ms: {verdict} the {TARGET_MS} ms target")


if __name__ == "__main__":
    main()
