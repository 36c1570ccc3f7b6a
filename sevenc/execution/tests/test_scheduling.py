"""Work is spread over the quarter by effort, in dependency order."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from sevenc.execution.scheduling import Job, dependency_order, spread

START, END = dt.date(2027, 1, 1), dt.date(2027, 3, 31)


def test_a_prerequisite_is_due_before_its_dependant_starts_even_when_listed_later():
    jobs = [Job("process", 24, depends_on=("policy",), order=1), Job("policy", 12, order=2)]
    slots = spread(jobs, START, END)
    assert slots["policy"].due < slots["process"].start
    assert slots["process"].due == END  # the last job ends with the quarter


def test_days_are_shared_by_effort():
    slots = spread([Job("small", 10, order=1), Job("large", 30, order=2)], START, END)
    small = (slots["small"].due - slots["small"].start).days + 1
    large = (slots["large"].due - slots["large"].start).days + 1
    assert small + large == 90 and 20 <= small <= 25


def test_ready_jobs_go_by_priority_then_id():
    jobs = [Job("b", 1, order=2), Job("a", 1, order=2), Job("c", 1, order=1)]
    assert [job.id for job in dependency_order(jobs)] == ["c", "a", "b"]


@given(
    st.lists(st.floats(min_value=0, max_value=500, allow_nan=False), min_size=1, max_size=60),
    st.integers(min_value=0, max_value=3),
)
def test_every_job_fits_the_quarter_and_chains_never_overlap(hours, link_every):
    jobs = []
    for n, effort in enumerate(hours):
        deps = (f"j{n - 1}",) if link_every and n and n % (link_every + 1) else ()
        jobs.append(Job(f"j{n}", effort, deps, order=n))
    slots = spread(jobs, START, END)
    assert set(slots) == {job.id for job in jobs}
    for job in jobs:
        slot = slots[job.id]
        assert START <= slot.start <= slot.due <= END
        for dep in job.depends_on:
            assert slots[dep].due < slot.start
