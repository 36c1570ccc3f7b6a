"""Model fields, database constraints and text cleaning built from the bounded kinds (`sevenc.lib.bounds`).

The database is the last of the paths that enforce a bound: a money column's check constraint refuses
what `MONEY.parse` refuses, so a value no form, file or API accepts cannot be written by a stray script
either. Text bounds live on the model field (`max_length`, TextFields included) and services clean every
text through `clean_text`, so the web, the CLI and the API refuse the same over-long input alike.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from sevenc.lib.bounds import HOURS, MONEY, Number, Text


def _validators(kind: Number) -> list[Any]:
    return [MinValueValidator(kind.minimum), MaxValueValidator(kind.maximum)]


def amount_field(kind: Number, **kwargs: Any) -> models.DecimalField:
    kwargs.setdefault("default", 0)
    return models.DecimalField(
        max_digits=kind.max_digits, decimal_places=kind.places, validators=_validators(kind), **kwargs
    )


def money_field(**kwargs: Any) -> models.DecimalField:
    return amount_field(MONEY, **kwargs)


def hours_field(**kwargs: Any) -> models.DecimalField:
    return amount_field(HOURS, **kwargs)


def in_range(field: str, kind: Number, *, name: str, nullable: bool = False) -> models.CheckConstraint:
    """A check constraint keeping `field` within the kind's range (or NULL when `nullable`)."""
    condition = Q(**{f"{field}__gte": kind.minimum, f"{field}__lte": kind.maximum})
    if nullable:
        condition = Q(**{f"{field}__isnull": True}) | condition
    return models.CheckConstraint(condition=condition, name=name)


def text_bound(model: type[models.Model], field: str) -> Text:
    max_length = model._meta.get_field(field).max_length  # type: ignore[union-attr]
    if max_length is None:
        raise TypeError(f"{model.__name__}.{field} has no max_length: give every text field a bound")
    return Text(max_length)


def clean_text(model: type[models.Model], field: str, value: Any, *, required: bool = False) -> str:
    """`value` stripped and within the bound of `model.field`, else a DomainError naming the field."""
    return text_bound(model, field).clean(value, field=field, required=required)
