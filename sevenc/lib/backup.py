"""What every domain's backup section (`sevenc/<domain>/backup.py`) shares: the contexts a section dumps
and loads through, field values in and out of the document, natural keys. Django-aware, model-free.

A backup is one JSON document of one MSP with natural keys, never database ids: a client is its name, an
assessment its client and title, a workshop its client and a key made of its date (`ordinal_keys`).
Values go out in one exact form whatever the database (`out`: decimals as text with their places, times
in UTC with microseconds, dates ISO), and come back through `Row.value`, which checks each against its
model field (type, length, choices, null) and names the place in the document at fault, so a hand-edited
file gives a `BackupFileError`, never a traceback. The document is written with sorted keys, so a backup
of a restored MSP is byte for byte the backup it was restored from, but for the MSP's name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.db import models

from sevenc.lib.errors import DomainError


class BackupFileError(DomainError):
    """A backup document that cannot be restored; the message names the place in the document."""


@dataclass(frozen=True)
class Section:
    """One part of the document: a name, how to dump it (a JSON value) and how to load it."""

    name: str
    dump: Callable[[DumpContext], Any]
    load: Callable[[LoadContext, Any], None]
    dump_last: bool = False  # dumped after every other section (it lists what the others referenced)
    models: tuple[str, ...] = ()  # the models it holds ("app.Model"): every tenant-owned model is in one


@dataclass
class DumpContext:
    """What a section dumping one MSP may use: the MSP, its scope, the people referenced so far, and the
    natural keys earlier sections gave their rows (`keys[kind][pk]`)."""

    msp: Any
    scope: Any
    people: dict[int, str] = field(default_factory=dict)  # user id → username, every one referenced
    keys: dict[str, dict[int, Any]] = field(default_factory=dict)

    def user(self, user: Any) -> str | None:
        """A reference to a person: their username (the people section lists each one referenced)."""
        if user is None:
            return None
        self.people[user.pk] = str(user.get_username())
        return self.people[user.pk]

    def username(self, user_id: int | None, usernames: dict[int, str]) -> str | None:
        """`user` for rows read as values: `usernames` maps the ids the query returned."""
        if user_id is None:
            return None
        self.people[user_id] = usernames[user_id]
        return self.people[user_id]

    def key(self, kind: str, pk: int | None) -> Any:
        return None if pk is None else self.keys[kind][pk]


@dataclass
class LoadContext:
    """What a section loading into the new MSP may use: the MSP, its scope, the new ids of the natural keys
    loaded so far (`ids[kind][key]`), the people by username, and work to do once every section is in."""

    msp: Any
    scope: Any
    ids: dict[str, dict[Any, int]] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)  # username → user id
    deferred: list[Callable[[], None]] = field(default_factory=list)
    shared: dict[str, Any] = field(default_factory=dict)  # lookups a section builds once (frameworks)

    def user(self, username: str | None, where: str) -> int | None:
        if username is None:
            return None
        if username not in self.users:
            raise BackupFileError(f"{username!r} is not in the people section", field=where)
        return self.users[username]

    def id(self, kind: str, key: Any, where: str) -> int:
        found = self.ids.get(kind, {}).get(key)
        if found is None:
            shown = " / ".join(map(str, key)) if isinstance(key, tuple) else key
            raise BackupFileError(f"no {kind} {shown!r} in this backup", field=where)
        return found

    def later(self, work: Callable[[], None]) -> None:
        self.deferred.append(work)


def ordinal_keys(rows: Iterable[Any], label: Callable[[Any], str]) -> dict[int, str]:
    """A natural key for rows without a unique field: the label ("2026-10-05"), then "2026-10-05 #2", … for
    rows sharing it, counted in id order (a restore creates rows in document order, so the order holds)."""
    seen: dict[str, int] = {}
    keys = {}
    for row in sorted(rows, key=lambda r: r.pk):
        text = label(row)
        seen[text] = seen.get(text, 0) + 1
        keys[row.pk] = text if seen[text] == 1 else f"{text} #{seen[text]}"
    return keys


# --- values out -------------------------------------------------------------------------------------------


def out(value: Any) -> Any:
    """A field value as the document holds it, the same text whatever database it came from."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def items_out(items: Iterable[Any]) -> dict[str, Any]:
    """A row's framework items by natural key: the framework (code, version) and the item codes, sorted."""
    ordered = sorted(items, key=lambda item: item.code)
    framework = ordered[0].framework if ordered else None
    return {
        "framework": framework.code if framework else None,
        "framework_version": framework.version if framework else None,
        "items": [item.code for item in ordered],
    }


def fields_out(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: out(getattr(obj, name)) for name in names}


# --- values in --------------------------------------------------------------------------------------------


class Row:
    """One object of the document, read with its place named in every error (`sections.clients[3]`)."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise BackupFileError("must be an object", field=where)
        self.data = data
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}"

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise BackupFileError("missing", field=self.at(key))
        return self.data[key]

    def text(self, key: str, *, optional: bool = False) -> Any:
        value = self.raw(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise BackupFileError("must be text", field=self.at(key))
        return value

    def added_text(self, key: str) -> Any:
        """An optional text a later sevenc added to the row: absent (an older backup) or null is None."""
        return self.text(key, optional=True) if key in self.data else None

    def texts(self, key: str) -> list[str]:
        values = self.raw(key)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise BackupFileError("must be a list of texts", field=self.at(key))
        return values

    def rows(self, key: str) -> list[Row]:
        return rows_of(self.raw(key), self.at(key))

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.raw(key)
        if not isinstance(value, dict):
            raise BackupFileError("must be an object", field=self.at(key))
        return value

    def value(self, model: type[models.Model], name: str) -> Any:
        """The value of `model.name`, checked against the field: type, length, choices, null."""
        return field_value(model._meta.get_field(name), self.raw(name), self.at(name))

    def values(
        self, model: type[models.Model], names: Iterable[str], *, added: Iterable[str] = ()
    ) -> dict[str, Any]:
        """The named values; those in `added` (fields a later sevenc introduced) may be absent from an
        older backup and then take the field's default."""
        later = set(added)
        return {
            name: self.value(model, name)
            if name in self.data or name not in later
            else model._meta.get_field(name).get_default()  # type: ignore[union-attr]  # a field, never a relation
            for name in names
        }


def rows_of(value: Any, where: str) -> list[Row]:
    if not isinstance(value, list):
        raise BackupFileError("must be a list", field=where)
    return [Row(item, f"{where}[{n}]") for n, item in enumerate(value)]


def _refuse(where: str, what: str) -> BackupFileError:
    return BackupFileError(f"must be {what}", field=where)


def field_value(model_field: Any, value: Any, where: str) -> Any:
    if value is None:
        if model_field.null:
            return None
        raise _refuse(where, "given (not null)")
    kind = model_field.get_internal_type()
    if kind in ("CharField", "TextField", "EmailField"):
        if not isinstance(value, str) or "\x00" in value:
            raise _refuse(where, "text")
        if model_field.max_length is not None and len(value) > model_field.max_length:
            raise _refuse(where, f"at most {model_field.max_length} characters")
    elif kind.endswith("IntegerField"):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= 2**31:
            raise _refuse(where, "a whole number")
        if "Positive" in kind and value < 0:
            raise _refuse(where, "a whole number from 0")
    elif kind == "FloatField":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _refuse(where, "a number")
        value = float(value)
    elif kind == "DecimalField":
        value = _decimal(model_field, value, where)
    elif kind == "BooleanField":
        if not isinstance(value, bool):
            raise _refuse(where, "true or false")
    elif kind == "DateTimeField":
        value = _datetime(value, where)
    elif kind == "DateField":
        try:
            value = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            value = None
        if value is None:
            raise _refuse(where, "a date YYYY-MM-DD")
    if model_field.choices and value not in {choice for choice, _ in model_field.flatchoices}:
        raise _refuse(where, "one of " + ", ".join(repr(c) for c, _ in model_field.flatchoices))
    return value


def _decimal(model_field: Any, value: Any, where: str) -> Decimal:
    what = f'an amount as text with at most {model_field.decimal_places} decimals, e.g. "12.50"'
    if not isinstance(value, str):
        raise _refuse(where, what)
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _refuse(where, what) from None
    exponent = number.as_tuple().exponent
    if not number.is_finite() or not isinstance(exponent, int) or -exponent > model_field.decimal_places:
        raise _refuse(where, what)
    if number and number.adjusted() + 1 > model_field.max_digits - model_field.decimal_places:
        raise _refuse(where, what + " within range")
    return number


def _datetime(value: Any, where: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _refuse(where, "a time with its zone, e.g. 2026-10-05T09:00:00.000000+00:00")
    return moment


# --- writing rows as given --------------------------------------------------------------------------------


@contextmanager
def timestamps_as_given() -> Iterator[None]:
    """Within: `auto_now` / `auto_now_add` fields keep the value given (a restore writes the backup's
    times). The fields are shared objects, so only the CLI's single-threaded restore uses this."""
    stamped: list[Any] = [
        f
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in stamped]
    for f in stamped:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add
