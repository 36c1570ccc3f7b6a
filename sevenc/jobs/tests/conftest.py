import pytest

from sevenc.jobs import runner
from sevenc.jobs.models import Job
from sevenc.jobs.tests import kinds  # noqa: F401  (registers the test kinds)
from sevenc.tenancy.access import Caller


@pytest.fixture
def system(msp) -> Caller:
    return Caller.system(msp)


@pytest.fixture
def run_it():
    """Deliver a job's task to this process, as a worker would: (the state it ends in)."""

    def deliver(job: Job, attempt: int | None = None) -> str:
        return runner.run(job.msp_id, job.pk, attempt or job.attempt, worker="test-worker")

    return deliver
