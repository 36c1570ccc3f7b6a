"""Data built once for a whole test module, outside any test's transaction, must leave no row behind: the
next module on the same worker counts rows (audit events, users) and would see them.

    with rows_restored(django_db_blocker):
        ... build; yield; delete what was built ...

Deleting an MSP cascades to nearly everything, but not to what belongs to no MSP: the audit events of
users (created, changed, deleted) and of the deletion itself. Those are removed by their ids; then every
table must hold exactly the rows it held before, or the fixture fails and names the tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db.models import Max

from sevenc.audit.models import Event


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


@contextmanager
def rows_restored(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        before = _row_counts()
        last_event = Event.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    with django_db_blocker.unblock():
        Event.objects.filter(pk__gt=last_event).delete()
        after = _row_counts()
    left = {label: after[label] - before[label] for label in before if after[label] != before[label]}
    assert not left, f"rows left behind by a module's data: {left}"
