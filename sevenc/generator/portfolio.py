"""The MSP's people, its clients, their quarterly completed assessments (responses through COPY) and each
client's latest stored score, scored by the same pure code as the app (`assessments.scoring`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from sevenc.assessments.exchange import scoring_items
from sevenc.assessments.latest import Completed, latest_fields
from sevenc.assessments.level_digits import from_answers
from sevenc.assessments.models import Assessment, LatestScore, Response
from sevenc.assessments.scoring import Answer, ScoringItem, score
from sevenc.catalogue.models import Framework, Item
from sevenc.catalogue.spec import FrameworkSpec
from sevenc.clients.models import Client
from sevenc.demo.clients import NOTE_RISK, NOTE_SOLUTION, NOTE_STATUS
from sevenc.generator.bulk import insert_rows
from sevenc.generator.shapes import NA, ClientShape, LevelDrift, completed_quarters, person
from sevenc.tenancy.models import Membership, Msp, Role

CLIENTS_PER_BATCH = 100
RESPONSE_FIELDS = (
    *("assessment", "item", "level", "na", "status", "risk", "solution", "evidence", "version"),
    *("updated_at", "updated_by"),
)
NOT_APPLICABLE = "Not applicable to this client."
# Answers are immutable: one instance per possible answer instead of a million alike.
ANSWERS = {level: Answer(level=level) for level in range(5)} | {NA: Answer(na=True)}


@dataclass
class People:
    owner: Any
    vcios: list[Any]
    engineers: list[Any]
    prefix: str


def write_people(msp: Msp, clients: int, password: str | None) -> People:
    """An owner (with `password`, else none usable), a vCIO per 60 clients and an engineer per 40."""
    user_model = get_user_model()
    slug = "".join(ch if ch.isalnum() else "-" for ch in msp.name.lower()).strip("-")[:24] or "msp"
    prefix = f"{slug}-{msp.pk}"
    unusable = make_password(None)
    owner = user_model.objects.create_user(
        username=f"{prefix}-owner", email=f"owner@{slug}.example", password=password
    )
    count_vcios, count_engineers = max(2, -(-clients // 60)), max(1, -(-clients // 40))
    staff = [
        user_model(
            username=f"{prefix}-{role}-{n + 1}",
            email=f"{role}{n + 1}@{slug}.example",
            first_name=name.split()[0],
            last_name=name.split()[1],
            password=unusable,
        )
        for role, count in (("vcio", count_vcios), ("engineer", count_engineers))
        for n, name in enumerate(_names(count, offset=0 if role == "vcio" else 5))
    ]
    staff = user_model.objects.bulk_create(staff)
    Membership.objects.create(user=owner, msp=msp, role=Role.OWNER)
    Membership.objects.bulk_create(
        Membership(user=user, msp=msp, role=Role.VCIO if "-vcio-" in user.username else Role.ENGINEER)
        for user in staff
    )
    return People(
        owner=owner,
        vcios=staff[:count_vcios],
        engineers=staff[count_vcios:],
        prefix=prefix,
    )


def _names(count: int, offset: int) -> list[str]:
    import random

    rng = random.Random(f"staff:{offset}")
    return [person(rng) for _ in range(count)]


def write_clients(msp: Msp, shapes: Sequence[ClientShape], people: People, today: dt.date) -> list[Client]:
    return Client.objects.bulk_create(
        (
            Client(
                msp=msp,
                name=shape.name,
                seats=shape.seats,
                vertical=shape.vertical,
                fiscal_year_start_month=shape.fiscal_month,
                primary_contact_name=shape.contact,
                primary_contact_email=shape.email,
                vcio=people.vcios[shape.vcio % len(people.vcios)],
                next_review_date=today + dt.timedelta(days=shape.next_review_in),
            )
            for shape in shapes
        ),
        batch_size=1000,
    )


@dataclass
class Latest:
    """What later steps need of a client's latest completed assessment."""

    assessment: Assessment
    answers: dict[str, Answer]
    items: Sequence[ScoringItem]


@dataclass
class Notes:
    """The note texts per item and level, formatted once."""

    by_item: dict[str, dict[int, tuple[str, str, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, items: Sequence[Item]) -> Notes:
        notes = cls()
        for item in items:
            title = item.title[0].lower() + item.title[1:]
            notes.by_item[item.code] = {
                level: (
                    NOTE_STATUS[level].format(t=title),
                    NOTE_RISK.get(level, ""),
                    NOTE_SOLUTION.get(level, "").format(t=title),
                )
                for level in range(5)
            }
        return notes


def _weights(shape: ClientShape, spec: FrameworkSpec) -> dict[str, int]:
    """One client in twenty weighs two items of its own choosing differently."""
    rng = shape.rng("weights")
    if rng.random() >= 0.05:
        return {}
    codes = list(spec.item_index)
    return {rng.choice(codes): rng.choice((0, 2, 3, 5)) for _ in range(2)}


class AssessmentWriter:
    """Each client's quarters, scored, as assessments (bulk_create) and responses (COPY), a batch of
    clients at a time; remembers each client's latest for the workshops."""

    def __init__(
        self,
        framework: Framework,
        spec: FrameworkSpec,
        items: Sequence[Item],
        people: People,
        today: dt.date,
        quarters: int,
    ) -> None:
        self.framework, self.spec, self.items, self.people = framework, spec, items, people
        self.quarters = completed_quarters(today, quarters)
        block_of = {i.code: n for n, b in enumerate(spec.blocks) for i in b.items()}
        self.block_of = [block_of[item.code] for item in items]
        self.notes = Notes.of(items)
        self.latest: dict[int, Latest] = {}
        self.history: dict[int, list[Assessment]] = {}  # the last two, for the change
        self.responses = 0

    def write(
        self, clients: Sequence[Client], shapes: Sequence[ClientShape], advance: Callable[[int], None]
    ) -> None:
        for start in range(0, len(clients), CLIENTS_PER_BATCH):
            batch = list(
                zip(
                    clients[start : start + CLIENTS_PER_BATCH],
                    shapes[start : start + CLIENTS_PER_BATCH],
                    strict=True,
                )
            )
            self._batch(batch)
            advance(len(batch))

    def _batch(self, batch: list[tuple[Client, ClientShape]]) -> None:
        planned: list[tuple[Assessment, tuple[list[int | None], list[bool]]]] = []
        for client, shape in batch:
            weights = _weights(shape, self.spec)
            items = scoring_items(self.spec, weights)
            drift = LevelDrift(shape, self.block_of)
            history = []
            for quarter, (title, as_of) in enumerate(self.quarters):
                draws = drift.quarter(quarter)
                answers = {
                    item.code: ANSWERS[level]
                    for item, level in zip(self.items, draws[0], strict=True)
                    if level is not None
                }
                card = score(items, answers, {})
                vcio = self.people.vcios[shape.vcio % len(self.people.vcios)]
                completed_at = dt.datetime.combine(as_of + dt.timedelta(days=5), dt.time(15), tzinfo=dt.UTC)
                assessment = Assessment(
                    client=client,
                    framework=self.framework,
                    title=title,
                    as_of=as_of,
                    status=Assessment.Status.COMPLETED,
                    weights=weights,
                    itcq=card.itcq,
                    completeness=card.completeness,
                    block_scores={code: b.score for code, b in card.blocks.items()},
                    level_digits=from_answers(self.spec.item_index, answers),
                    completed_at=completed_at,
                    completed_by=vcio,
                )
                planned.append((assessment, draws))
                history.append((assessment, answers, items))
            if history:
                self.latest[client.pk] = Latest(*history[-1])
                self.history[client.pk] = [a for a, _, _ in history[-2:]]
        Assessment.objects.bulk_create([a for a, _ in planned], batch_size=1000)
        self.responses += insert_rows(Response, RESPONSE_FIELDS, self._response_rows(planned))

    def _response_rows(
        self, planned: list[tuple[Assessment, tuple[list[int | None], list[bool]]]]
    ) -> Iterator[tuple[Any, ...]]:
        item_ids = [(item.pk, self.notes.by_item[item.code]) for item in self.items]
        for assessment, (levels, noted) in planned:
            at, by = assessment.completed_at, assessment.completed_by_id
            for (item_id, notes), level, note in zip(item_ids, levels, noted, strict=True):
                if level is None:
                    continue  # unanswered: no row, as in the app
                if level == NA:
                    yield (
                        assessment.pk,
                        item_id,
                        None,
                        True,
                        NOT_APPLICABLE if note else "",
                        "",
                        "",
                        "",
                        1,
                        at,
                        by,
                    )
                elif note:
                    yield (assessment.pk, item_id, level, False, *notes[level], "", 1, at, by)
                else:
                    yield (assessment.pk, item_id, level, False, "", "", "", "", 1, at, by)

    def write_latest_scores(self) -> int:
        rows = []
        for client_id, last_two in self.history.items():
            fields = latest_fields(
                [Completed(a.pk, a.title, a.as_of, a.itcq, a.completeness, a.block_scores) for a in last_two]
            )
            if fields is not None:
                rows.append(LatestScore(client_id=client_id, **fields))
        return len(LatestScore.objects.bulk_create(rows, batch_size=1000))
