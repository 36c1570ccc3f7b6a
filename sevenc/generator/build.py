"""Generate one MSP's portfolio in a single transaction: all of it or, on any error, nothing."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction

from sevenc.assessments.models import Response
from sevenc.catalogue.models import Block, Item
from sevenc.catalogue.services import framework_spec, get_framework
from sevenc.execution.models import WorkTask
from sevenc.generator.bulk import foreign_keys_checked_at_the_end
from sevenc.generator.matrices import write_matrices
from sevenc.generator.plans import PlanWriter
from sevenc.generator.portfolio import AssessmentWriter, write_clients, write_people
from sevenc.generator.shapes import client_shapes
from sevenc.lib.errors import DomainError
from sevenc.lib.fields import clean_text
from sevenc.offering.demo import seed_offering
from sevenc.raci.models import Cell
from sevenc.roadmap.demo import seed_library
from sevenc.roadmap.models import RecommendationTemplate
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped

MAX_CLIENTS = 5000
MAX_QUARTERS = 40

# Steps of the progress bar: (name, share of the work). The assessments dominate.
STEPS = ("people and clients", "assessments", "workshops and roadmaps", "matrices", "catalogue")


class GenerateError(DomainError):
    """Input `sevenc generate` cannot use."""


@dataclass
class Generated:
    msp: Msp
    owner_username: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


Progress = Callable[[str, int, int], None]  # step, done, total


def check_input(msp_name: str, clients: int, quarters: int, seed: int) -> str:
    name = clean_text(Msp, "name", msp_name, required=True)
    if not 1 <= clients <= MAX_CLIENTS:
        raise GenerateError(f"must be between 1 and {MAX_CLIENTS:,}", field="clients")
    if not 1 <= quarters <= MAX_QUARTERS:
        raise GenerateError(f"must be between 1 and {MAX_QUARTERS}", field="quarters")
    if seed < 0:
        raise GenerateError("must be 0 or more", field="seed")
    if Msp.objects.filter(name=name).exists():
        raise GenerateError(f"an MSP called {name!r} exists already: generate into a new one", field="msp")
    return name


class _Steps:
    """Times each step and reports its progress."""

    def __init__(self, progress: Progress | None) -> None:
        self.report = progress or (lambda step, done, total: None)
        self.seconds: dict[str, float] = {}
        self.counted: set[str] = set()
        self.started = time.perf_counter()

    def counter(self, step: str, total: int) -> Callable[[int], None]:
        self.counted.add(step)
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            self.report(step, done, total)

        return advance

    def finish(self, step: str) -> None:
        if step in STEPS and step not in self.counted:
            self.report(step, 1, 1)
        now = time.perf_counter()
        self.seconds[step] = now - self.started
        self.started = now


def generate(
    *,
    msp_name: str,
    clients: int,
    quarters: int,
    seed: int = 1,
    today: dt.date,
    password: str | None = None,
    progress: Progress | None = None,
) -> Generated:
    """Create the MSP `msp_name` with `clients` clients, each with `quarters` completed quarterly
    assessments ending with the last finished quarter before `today`; the same seed and day give the same
    data. The owner can sign in with `password` (none: no usable password)."""
    name = check_input(msp_name, clients, quarters, seed)
    framework = get_framework("7c")
    spec = framework_spec(framework)
    items = list(Item.objects.filter(framework=framework).order_by("position"))
    blocks = dict(Block.objects.filter(framework=framework).order_by("position").values_list("code", "pk"))
    steps = _Steps(progress)
    with transaction.atomic(), foreign_keys_checked_at_the_end(Response, Cell, WorkTask):
        msp = Msp.objects.create(name=name)
        people = write_people(msp, clients, password)
        shapes = client_shapes(seed, clients, len(people.vcios), len(blocks))
        rows = write_clients(msp, shapes, people, today)
        steps.finish(STEPS[0])

        writer = AssessmentWriter(framework, spec, items, people, today, quarters)
        writer.write(rows, shapes, steps.counter(STEPS[1], clients))
        writer.write_latest_scores()
        steps.finish(STEPS[1])

        seed_library(msp)  # the MSP's recommendation library: 139 entries
        library = {t.item_id: t for t in scoped(RecommendationTemplate, Scope(msp))}
        chosen = [
            (client, shape, writer.latest[client.pk])
            for client, shape in zip(rows, shapes, strict=True)
            if shape.stage != "assessed" and client.pk in writer.latest
        ]
        plans = PlanWriter(people, blocks, library, {i.code: i.pk for i in items}, today)
        plans.write(chosen, steps.counter(STEPS[2], len(chosen)))
        steps.finish(STEPS[2])

        cells = write_matrices(msp, [c for c, shape, _ in chosen if shape.stage == "roadmap"], today)
        steps.finish(STEPS[3])

        seed_offering(msp)  # the starter service catalogue, library entries linked to its services
        steps.finish(STEPS[4])
    steps.finish("commit")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh planner statistics for the tables just filled
            cursor.execute("ANALYZE")
        steps.finish("analyze")
    counts = {
        "clients": len(rows),
        "assessments": len(rows) * len(writer.quarters),
        "responses": writer.responses,
        **plans.counts,
        "matrix cells": cells,
    }
    return Generated(msp=msp, owner_username=people.owner.username, counts=counts, seconds=steps.seconds)
