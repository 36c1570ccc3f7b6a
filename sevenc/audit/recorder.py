"""Writes the audit trail from model signals, in the transaction of the change.

For each model in `tracked.TRACKED`: `pre_save` reads the stored row (only for an update, only the saved
fields), `post_save` compares it with what was saved and appends one event with the before → after of each
changed field; `pre_delete` records the row's last values (only for the object whose deletion was asked
for, not for every row it takes with it); `m2m_changed` records a many-to-many field's names before and
after. The event is written on the connection the row was saved on, inside the same transaction, so a
change that is rolled back leaves no event. Changes that send no signal (`QuerySet.update()`,
`bulk_create`, `bulk_update`) are recorded by their services through `sevenc.audit.services.record`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from sevenc.audit import values
from sevenc.audit.context import WEB, Actor, current
from sevenc.audit.models import Event
from sevenc.audit.tracked import NOISE, SET, TRACKED, Track
from sevenc.tenancy.scoping import membership_of

_BEFORE = "_audit_before"  # the stored values of a row being saved, kept on the instance until post_save
_M2M_BEFORE = "_audit_m2m_before"
_TRACKS: dict[type[models.Model], Track] = {}
_M2M: dict[type[models.Model], tuple[type[models.Model], str]] = {}  # through model → (owner, field)
_CODED = {"catalogue.item", "catalogue.block"}  # named by their code ("CONT.1.2") in the trail


def connect() -> None:
    for label, track in TRACKED.items():
        model = apps.get_model(label)
        _TRACKS[model] = track
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"audit-pre-save-{label}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"audit-post-save-{label}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"audit-delete-{label}")
        for name in track.m2m:
            through = model._meta.get_field(name).remote_field.through  # type: ignore[union-attr]
            _M2M[through] = (model, name)
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"audit-m2m-{label}-{name}")


def track_of(model: type[models.Model]) -> Track:
    return _TRACKS.get(model) or Track()


_FIELDS: dict[type[models.Model], tuple[models.Field, ...]] = {}  # type: ignore[type-arg]


def _fields(model: type[models.Model]) -> tuple[models.Field, ...]:  # type: ignore[type-arg]
    """The fields the trail follows (no primary key, bookkeeping or skipped field), per model once."""
    found = _FIELDS.get(model)
    if found is None:
        skipped = NOISE | track_of(model).skip
        found = _FIELDS[model] = tuple(
            f
            for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in skipped and not getattr(f, "parent_link", False)
        )
    return found


def _saved_fields(model: type[models.Model], update_fields: Iterable[str] | None) -> tuple[models.Field, ...]:  # type: ignore[type-arg]
    if update_fields is None:
        return _fields(model)
    wanted = set(update_fields)
    return tuple(f for f in _fields(model) if f.name in wanted or f.attname in wanted)


# --- readable values ----------------------------------------------------------------------------------------


def object_name(obj: Any) -> str:
    if obj._meta.label_lower in _CODED:
        return str(obj.code)
    name = track_of(obj.__class__).name  # __class__, not type(): a lazy request.user is a user too
    return str(name(obj) if name else obj)


def _memo() -> dict[Any, Any]:
    """This actor block's names already read (none outside an `acting` block: nothing to keep them fresh)."""
    memo = current().memo
    return memo if memo is not None else {}


def _related(instance: Any, field: Any, raw: Any, using: str, current: bool) -> Any:
    """A related object's name. The instance's own cached object only describes the value it holds now."""
    key = (field.related_model._meta.label_lower, raw)
    memo = _memo()
    if key in memo:  # what this block saw or saved beats an object held in memory since before
        return memo[key]
    if current and field.is_cached(instance):
        held = field.get_cached_value(instance)
        if held is not None and held.pk == raw:
            memo[key] = object_name(held)
            return memo[key]
    if key not in memo:
        found = field.related_model._base_manager.using(using).filter(pk=raw).first()
        memo[key] = object_name(found) if found is not None else f"#{raw}"
    return memo[key]


def readable(instance: Any, field: Any, raw: Any, using: str, *, current: bool) -> Any:
    """A stored value as people read it: a choice's label, a related object's name, dates in ISO form."""
    if raw is None:
        return None
    if field.is_relation:
        return _related(instance, field, raw, using, current)
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(raw, dt.datetime):
        return raw.isoformat(timespec="seconds")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, Decimal):
        return str(raw)
    if isinstance(raw, bool | int | float | str | list | dict):
        return raw
    return str(raw)


def _is_expression(value: Any) -> bool:
    return hasattr(value, "resolve_expression")


# --- where an event belongs ---------------------------------------------------------------------------------


def _follow(obj: Any, path: str) -> Any:
    for part in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _client(instance: Any, client_path: str) -> tuple[int | None, int | None, str]:
    """(msp id, client id, client name) through `client_path`; a client read once per actor block."""
    *path, last = client_path.split("__")
    owner = _follow(instance, "__".join(path)) if path else instance
    if owner is None:
        return None, None, ""
    client_id = getattr(owner, f"{last}_id")
    memo = _memo()
    key = ("where", client_id)
    if key not in memo:  # what this block saw or saved beats an object held in memory since before
        client = getattr(owner, last)
        memo[key] = (client.msp_id, client.pk, client.name)
    return memo[key]  # type: ignore[no-any-return]


def _where(instance: Any, *, deleting: bool = False) -> tuple[int | None, int | None, str]:
    """(msp id, client id, client name) of a tracked object."""
    model = type(instance)
    label = model._meta.label_lower
    if label == "tenancy.msp":
        return (None if deleting else instance.pk), None, ""  # a deleted MSP takes its trail with it
    if label == "auth.user":
        membership = membership_of(instance.pk)
        return (membership.msp_id if membership else None), None, ""
    tenant: str | None = getattr(model, "TENANT_PATH", None)
    client_path: str | None = getattr(model, "CLIENT_PATH", None)
    if tenant is None:
        return None, None, ""
    if client_path == "pk":  # the client itself (what later events of this block name it)
        _memo()[("where", instance.pk)] = (instance.msp_id, instance.pk, instance.name)
        return instance.msp_id, instance.pk, instance.name
    if client_path and tenant == f"{client_path}__msp":
        return _client(instance, client_path)
    # MSP-wide rows (the library, the service catalogue, memberships, calendar feeds)
    *path, last = tenant.split("__")
    owner = _follow(instance, "__".join(path)) if path else instance
    return getattr(owner, f"{last}_id", None), None, ""


def _actor_fields(actor: Actor) -> dict[str, Any]:
    user = actor.user
    if user is not None and getattr(user, "is_authenticated", False):
        return {"actor_id": user.pk, "actor_label": object_name(user)[:200]}
    if actor.via == WEB:
        return {"actor_id": None, "actor_label": "not signed in"}
    return {"actor_id": None, "actor_label": actor.label[:200]}


def _msp_of_actor(actor: Actor) -> int | None:
    if actor.msp_id is not None:
        return actor.msp_id
    user = actor.user
    if user is not None and getattr(user, "is_authenticated", False):
        membership = membership_of(user.pk)
        return membership.msp_id if membership else None
    return None


def build_event(instance: Any, action: str, changes: Mapping[str, Any], *, deleting: bool = False) -> Event:
    actor = current()
    msp_id, client_id, client_name = _where(instance, deleting=deleting)
    name = object_name(instance)
    if actor.memo is not None:  # a later change that points at this object names it as it is now
        actor.memo[(instance._meta.label_lower, instance.pk)] = name
    if msp_id is None and not deleting:
        msp_id = _msp_of_actor(actor)
    return Event(
        msp_id=msp_id,
        via=actor.via,
        action=action,
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_name=name[:300],
        client_id=client_id,
        client_name=client_name[:200],
        changes=dict(changes),
        **_actor_fields(actor),
    )


def write(instance: Any, action: str, changes: Mapping[str, Any], using: str, **kwargs: Any) -> None:
    Event.objects.using(using).bulk_create([build_event(instance, action, changes, **kwargs)])


# --- the receivers ------------------------------------------------------------------------------------------


def _before_save(sender: Any, instance: Any, raw: bool, using: str, update_fields: Any, **_: Any) -> None:
    instance.__dict__.pop(_BEFORE, None)
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = _saved_fields(sender, update_fields)
    if not fields:
        return
    stored = (
        sender._base_manager.using(using).filter(pk=instance.pk).values(*(f.attname for f in fields)).first()
    )
    instance.__dict__[_BEFORE] = stored


def _action(track: Track, before: Mapping[str, Any], after: Mapping[str, Any], changed: set[str]) -> str:
    for field, value, action in track.actions:
        if field not in changed:
            continue
        if value is SET:
            if before.get(field) is None and after.get(field) is not None:
                return action
        elif after.get(field) == value:
            return action
    return "changed"


def created_changes(instance: Any, using: str) -> dict[str, Any]:
    fields = _fields(type(instance))
    after = {f.name: readable(instance, f, getattr(instance, f.attname), using, current=True) for f in fields}
    return values.created(after)


def _after_save(
    sender: Any, instance: Any, created: bool, raw: bool, using: str, update_fields: Any, **_: Any
) -> None:
    if raw:
        return
    track = track_of(sender)
    stored = instance.__dict__.pop(_BEFORE, None)
    if created or stored is None:
        if created:
            write(instance, track.created, created_changes(instance, using), using)
        return
    fields = _saved_fields(sender, update_fields)
    before_raw: dict[str, Any] = {}
    after_raw: dict[str, Any] = {}
    for f in fields:
        new = getattr(instance, f.attname)
        if _is_expression(new) or stored[f.attname] == new:
            continue
        before_raw[f.name], after_raw[f.name] = stored[f.attname], new
    if not after_raw:
        return
    by_name = {f.name: f for f in fields}
    before = {n: readable(instance, by_name[n], v, using, current=False) for n, v in before_raw.items()}
    after = {n: readable(instance, by_name[n], v, using, current=True) for n, v in after_raw.items()}
    changes = values.changes_between(before, after)
    if changes:
        write(instance, _action(track, before_raw, after_raw, set(after_raw)), changes, using)


def _cascaded(instance: Any, origin: Any) -> bool:
    """True for a row deleted because another was (a client's assessments): the deleted root says it."""
    if isinstance(origin, models.Model):
        return not (type(origin) is type(instance) and origin.pk == instance.pk)
    if isinstance(origin, models.QuerySet):
        return origin.model is not type(instance)
    return False


def _before_delete(sender: Any, instance: Any, using: str, origin: Any = None, **_: Any) -> None:
    if _cascaded(instance, origin):
        return
    before = {
        f.name: readable(instance, f, getattr(instance, f.attname), using, current=True)
        for f in _fields(sender)
    }
    write(instance, track_of(sender).deleted, values.deleted(before), using, deleting=True)


def _m2m_changed(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, using: str, **_: Any
) -> None:
    if reverse:  # recorded from the side that declares the field
        return
    name = _M2M[sender][1]
    manager = getattr(instance, name)
    pending = instance.__dict__.setdefault(_M2M_BEFORE, {})
    if action in ("pre_add", "pre_remove", "pre_clear"):
        pending[name] = set(manager.using(using).values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear") or name not in pending:
        return
    before = pending.pop(name)
    after = set(manager.using(using).values_list("pk", flat=True))
    if before == after:
        return
    names = {
        obj.pk: object_name(obj) for obj in model._base_manager.using(using).filter(pk__in=before | after)
    }
    changes = values.changes_between(
        {name: sorted(names.get(pk, f"#{pk}") for pk in before)},
        {name: sorted(names.get(pk, f"#{pk}") for pk in after)},
    )
    write(instance, "changed", changes, using)
