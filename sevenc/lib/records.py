"""The one "final once completed" rule: a completed assessment, a held review and an approved roadmap run
are the record of what was found, shown or agreed, and are never changed or deleted afterwards.

A model opts in by inheriting `FinalOnceCompleted` and naming, in `FINAL_WHEN`, the stored state that
makes a row final. Saving or deleting a row whose *stored* state is final raises `RecordFinal`, whatever
the in-memory object says; the save that makes a row final is an ordinary save (its stored state was not
final yet). Services check the state under a row lock first; this is the last line for any other path.
Deleting the whole client (CASCADE) is the one way such history goes, on purpose.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from sevenc.lib.errors import Conflict


class RecordFinal(Conflict):
    """A change to a record that is final: completed, held or approved."""


class FinalOnceCompleted(models.Model):
    FINAL_WHEN: ClassVar[dict[str, Any]]  # a lookup that is true for final rows, e.g. {"status": "completed"}
    FINAL_STATE: ClassVar[str] = "final"  # how people say it: "completed", "held", "approved"

    class Meta:
        abstract = True

    def final_error(self) -> RecordFinal:
        return RecordFinal(f"{self._meta.verbose_name} {self} is {self.FINAL_STATE} and can no longer change")

    def is_stored_final(self) -> bool:
        if self.pk is None:
            return False
        # The instance's own row, by primary key: the object was reached through the tenant scope already.
        return type(self)._default_manager.filter(pk=self.pk, **self.FINAL_WHEN).exists()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.is_stored_final():
            raise self.final_error()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_stored_final():
            raise self.final_error()
        return super().delete(*args, **kwargs)
