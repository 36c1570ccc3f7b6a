"""What a generated portfolio looks like, drawn from a seed. No Django here.

Every client gets its own random stream (seeded by the run's seed and the client's number), so a client's
data does not depend on how many clients come before it or on how the writer batches them: the same seed
and day give the same portfolio. Levels drift over the quarters: each client starts at a maturity per block
and moves at its own pace (most improve, a few slip), each item keeps an offset of its own, and each
quarter adds a little noise, so consecutive assessments look like the same company a quarter later.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

FIRST = ("Anna", "Ben", "Carla", "David", "Elena", "Frank", "Grace", "Hugo", "Irene", "Jonas", "Kira", "Luis")
LAST = ("Novak", "Okafor", "Brennan", "Silva", "Lindgren", "Moreau", "Tanaka", "Weber", "Costa", "Hughes")
STEM = (
    *("North", "Blue", "Summit", "Harbor", "Cedar", "Granite", "Silver", "Maple", "River", "Pioneer"),
    *("Oak", "Lake", "Sun", "Iron", "Prairie", "Coastal", "Evergreen", "Redwood", "Bright", "Union"),
    *("Crescent", "Golden", "Liberty", "Keystone", "Meridian", "Atlas", "Beacon", "Canyon", "Falcon"),
)
SECOND = ("field", "stone", "view", "point", "bridge", "gate", "wood", "ridge", "brook", "crest", "haven")
SUFFIX = {
    "accounting": "Accounting",
    "construction": "Builders",
    "dental": "Dental Group",
    "education": "Academy",
    "engineering": "Engineering",
    "healthcare": "Health",
    "hospitality": "Hotels",
    "legal": "Law",
    "logistics": "Logistics",
    "manufacturing": "Manufacturing",
    "nonprofit": "Foundation",
    "professional": "Consulting",
    "real_estate": "Properties",
    "retail": "Stores",
    "other": "Group",
}
VERTICALS = tuple(SUFFIX)
FISCAL_MONTHS = (1, 1, 1, 1, 1, 1, 4, 7, 10)
ROADMAP_SHARE = 0.2  # clients with a workshop and an approved roadmap under way
WORKSHOP_SHARE = 0.1  # clients with a workshop and proposed recommendations, not approved yet
FIRST_STAGES = ("roadmap", "workshop", "assessed")
PROVISIONAL_SHARE = 0.03  # assessments with a quarter of the items left unanswered
NA_SHARE = 0.03
NOTE_SHARE = 0.15  # responses with a status note (risks and solutions follow for weak ones)


@dataclass(frozen=True)
class ClientShape:
    number: int
    name: str
    seats: int | None
    vertical: str
    fiscal_month: int
    contact: str
    vcio: int  # index into the MSP's vCIOs
    next_review_in: int  # days from today (negative: overdue)
    start: tuple[float, ...]  # maturity per 7C block, 0–4 scale, at the first quarter
    pace: float  # levels per quarter
    stage: str  # "assessed", "workshop" or "roadmap"
    seed: str

    @property
    def email(self) -> str:
        first, last = self.contact.lower().split()[:2]
        slug = "".join(ch for ch in self.name.lower() if ch.isalnum())[:20]
        return f"{first}.{last}@{slug}.example"

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}")


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def client_shapes(seed: int, count: int, vcios: int, blocks: int = 7) -> list[ClientShape]:
    """`count` clients with unique names, spread over `vcios` vCIOs."""
    shapes, taken = [], set()
    for number in range(count):
        key = f"{seed}:client:{number}"
        rng = random.Random(key)
        vertical = rng.choice(VERTICALS)
        name = f"{rng.choice(STEM)}{rng.choice(SECOND)} {SUFFIX[vertical]}"
        if name in taken:
            name = f"{name} {number + 1}"
        taken.add(name)
        draw = rng.random()
        if number < len(FIRST_STAGES):  # even a small portfolio shows every stage
            stage = FIRST_STAGES[number]
        elif draw < ROADMAP_SHARE:
            stage = "roadmap"
        else:
            stage = "workshop" if draw < ROADMAP_SHARE + WORKSHOP_SHARE else "assessed"
        maturity = rng.uniform(0.8, 2.6)
        shapes.append(
            ClientShape(
                number=number,
                name=name,
                seats=None if rng.random() < 0.02 else int(min(300, max(20, rng.lognormvariate(4.2, 0.6)))),
                vertical=vertical,
                fiscal_month=rng.choice(FISCAL_MONTHS),
                contact=person(rng),
                vcio=number % max(1, vcios),
                next_review_in=rng.randint(-10, 100),
                start=tuple(max(0.0, min(4.0, maturity + rng.gauss(0, 0.45))) for _ in range(blocks)),
                pace=rng.choice((0.18, 0.12, 0.08, 0.05, 0.02, -0.04)) + rng.uniform(-0.02, 0.02),
                stage=stage,
                seed=key,
            )
        )
    return shapes


def quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def completed_quarters(today: dt.date, count: int) -> list[tuple[str, dt.date]]:
    """(title, as-of day) of the `count` calendar quarters before the one `today` is in, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    found = []
    for _ in range(count):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        found.append((f"{year} Q{quarter}", quarter_end(year, quarter)))
    return found[::-1]


NA = -1  # a drawn answer: a level 0–4, NA, or None (unanswered)


class LevelDrift:
    """A client's answers quarter after quarter: persistent per-item offsets and N/A items, fresh noise."""

    def __init__(self, shape: ClientShape, item_blocks: Sequence[int]) -> None:
        rng = shape.rng("items")
        self.shape = shape
        self.item_blocks = item_blocks
        self.offsets = [rng.gauss(0, 0.5) for _ in item_blocks]
        self.na = [rng.random() < NA_SHARE for _ in item_blocks]

    def quarter(self, quarter: int) -> tuple[list[int | None], list[bool]]:
        """Each item's answer this quarter (in item order) and whether it carries notes."""
        rng = self.shape.rng(f"quarter:{quarter}")
        uniform = rng.random
        provisional = uniform() < PROVISIONAL_SHARE
        base = [level + self.shape.pace * quarter for level in self.shape.start]
        answers: list[int | None] = []
        noted: list[bool] = []
        for block, offset, na in zip(self.item_blocks, self.offsets, self.na, strict=True):
            if na:
                answers.append(NA)
            elif provisional and uniform() < 0.25:
                answers.append(None)
            else:
                # noise: a triangular draw (sd ≈ 0.3), cheaper than a Gaussian and as believable here
                level = round(base[block] + offset + 0.73 * (uniform() + uniform() - 1.0))
                answers.append(4 if level > 4 else 0 if level < 0 else level)
            noted.append(uniform() < NOTE_SHARE)
        return answers, noted


def block_target(current: float | None, rng: random.Random) -> float:
    """A workshop's target for a block: above where it is, in steps of five, at most 95."""
    base = 50.0 if current is None else current
    return float(min(95, max(40, 5 * round((base + rng.uniform(8, 22)) / 5))))
