"""What every domain's API module (`sevenc/<domain>/api.py`) shares: the caller, the one error shape, input
kinds from `sevenc.lib.bounds`, pagination and ordering. Django- and ninja-aware, model-free.

A domain's endpoints read the caller with `caller_of(request)` (set by the API's authentication: a token's
or a session's membership, the same `Caller` the web's `@allow` builds), check the role with
`require_role(caller, *roles)` (403 for MSP staff, 404 for a client viewer, as in the web), fetch objects
only through `get_scoped`/`scoped` (another tenant's object is a 404) and call one service. Services'
`DomainError`s become the error shape below once, in `sevenc/api/errors.py`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from sevenc.lib.bounds import CODE, Number, Text
from sevenc.lib.errors import DomainError

T = TypeVar("T")


class In(Schema):
    """The shape of a request body: a field it does not define is refused (a typo such as "levl" must not
    silently mean "leave it unanswered")."""

    model_config = ConfigDict(extra="forbid")


class Out(BaseModel):
    """The shape of an answer. Endpoints build plain dicts, so answers are plain pydantic models (no ORM
    getters): validating a 139-item assessment this way is a fraction of a millisecond."""


class ErrorOut(Out):
    """Every error the API answers: what is wrong, and the input at fault when one is."""

    detail: str = Field(description="What went wrong, in words a person can act on.")
    field: str | None = Field(None, description="The input at fault (a body field, query parameter, …).")


# Declared on every operation, so the OpenAPI document lists every answer a client can get (400: a body
# that is not JSON at all).
ERRORS: dict[int, type[Out]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,  # too many failed API tokens from the caller's address (sevenc/api/auth.py)
}


def answers(ok: type[Any] | None, status: int = 200) -> dict[int, Any]:
    """The response declaration of an operation: its success schema (None for an empty 204) and ERRORS."""
    return {status: ok, **ERRORS}


def caller_of(request: HttpRequest) -> Any:
    """The authenticated `sevenc.tenancy.access.Caller` (`sevenc.api.auth` puts it on `request.auth`).
    Typed loosely: lib sits below tenancy and imports nothing of it."""
    caller = getattr(request, "auth", None)
    if caller is None or not hasattr(caller, "scope"):  # the API's authentication always sets one
        raise DomainError("not authenticated")
    return caller


def require_role(caller: Any, *roles: str) -> Any:
    """Refuse a role outside `roles` like the web's `@allow`: 403 for MSP staff, 404 for a client viewer."""
    caller.require(caller.role in roles)
    return caller


# --- input kinds: the bounds of sevenc.lib.bounds, JSON booleans and numeric strings refused -------------


def _refusal(error: DomainError) -> PydanticCustomError:
    return PydanticCustomError("bounds", "{message}", {"message": error.message})


def number(kind: Number) -> Any:
    """A JSON number within `kind` (`kind.parse`: no booleans, no text, no NaN, its decimals and range)."""

    def parse(value: Any) -> Any:
        try:
            return kind.parse(value, field="value")
        except DomainError as error:
            raise _refusal(error) from None

    whole = kind.places == 0
    schema: dict[str, Any] = {
        "type": "integer" if whole else "number",
        "minimum": int(kind.minimum) if whole else float(kind.minimum),
        "maximum": int(kind.maximum) if whole else float(kind.maximum),
    }
    if kind.places:
        schema["description"] = f"At most {kind.places} decimal(s)."
    base = int if whole else Decimal if kind.places else float
    return Annotated[base, PlainValidator(parse), WithJsonSchema(schema)]  # type: ignore[valid-type]


def text(kind: Text, *, required: bool = False) -> Any:
    """A JSON string of at most `kind.max_length` characters without NUL (services strip and re-check)."""

    def parse(value: Any) -> str:
        try:
            return kind.clean(value, field="value", required=required)
        except DomainError as error:
            raise _refusal(error) from None

    schema: dict[str, Any] = {"type": "string", "maxLength": kind.max_length}
    if required:
        schema["minLength"] = 1
    return Annotated[str, PlainValidator(parse), WithJsonSchema(schema)]


def _strict_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise PydanticCustomError("bool", "must be true or false")
    return value


def _strict_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("int", "must be a whole number (not text, not true/false)")
    return value


Flag = Annotated[bool, PlainValidator(_strict_bool), WithJsonSchema({"type": "boolean"})]
VERSION_MAX = 2**31 - 1


def _version(value: Any) -> int:
    number_ = _strict_int(value)
    if not 0 <= number_ <= VERSION_MAX:
        raise PydanticCustomError("version", "must be a version from 0 to {top}", {"top": VERSION_MAX})
    return number_


Version = Annotated[
    int,
    PlainValidator(_version),
    WithJsonSchema(
        {
            "type": "integer",
            "minimum": 0,
            "maximum": VERSION_MAX,
            "description": "The version you read: a change against a newer one is refused with 409.",
        }
    ),
]
ObjectId = Annotated[
    int,
    PlainValidator(lambda v: _id(v)),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 2**63 - 1}),
]
# An id in a URL path or query string (text there, so parsed from text), within the database's range.
PathId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _id(value: Any) -> int:
    number_ = _strict_int(value)
    if not 1 <= number_ < 2**63:
        raise PydanticCustomError("id", "not an id")
    return number_


QUARTER_LABEL = Text(20)  # "FY2027 Q1": QuarterPlan.label
USERNAME = Text(150)  # Django's username field
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _day(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise PydanticCustomError("date", "must be a date YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date", "must be a date YYYY-MM-DD") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("date", "must be a date from 1900 to 2199")
    return day


Day = Annotated[dt.date, PlainValidator(_day), WithJsonSchema({"type": "string", "format": "date"})]
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$"
Code = Annotated[
    str, PlainValidator(lambda v: _code(v)), WithJsonSchema({"type": "string", "pattern": CODE_PATTERN})
]


def _code(value: Any) -> str:
    try:
        cleaned = CODE.clean(value, field="code", required=True)
    except DomainError as error:
        raise _refusal(error) from None
    if not re.fullmatch(CODE_PATTERN, cleaned):
        raise PydanticCustomError("code", "must be a code such as CONT.1.2 (letters, digits, . _ -)")
    return cleaned


# --- lists: {"items": [...], "count": n}, limit/offset, filters and one ordering -----------------------


class Page(Out, Generic[T]):
    """One page of a list: the objects and how many there are in all (for the given filters)."""

    items: list[T]
    count: int = Field(description="How many objects match, over all pages.")


MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


class PageQuery(Schema):
    """`limit` objects from `offset`; each list adds its filters and an `order` to this."""

    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"How many objects (1–{MAX_LIMIT}).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many to skip.")


def page(
    rows: QuerySet[Any] | list[Any],
    query: PageQuery,
    out: Callable[[Any], Any],
    *,
    order: str | Iterable[str] | None = None,
) -> dict[str, Any]:
    """A page of `rows` (ordered by `order`, then id, so pages never overlap) as `Page` data."""
    if isinstance(rows, QuerySet):
        if order is not None:
            fields = [order] if isinstance(order, str) else list(order)
            rows = rows.order_by(*fields, "pk")
        count = rows.count()
        chosen = list(rows[query.offset : query.offset + query.limit])
    else:
        count = len(rows)
        chosen = rows[query.offset : query.offset + query.limit]
    return {"items": [out(row) for row in chosen], "count": count}


def username(user: Any) -> str | None:
    return None if user is None else user.get_username()


def money(value: Decimal | None) -> float | None:
    """Amounts go out as JSON numbers (2 decimals at most, exact in a float's shortest form)."""
    return None if value is None else float(value)


def etag(values: dict[str, Any]) -> str:
    """The version of a record that stores none (a library entry, a membership): a digest of what an
    update may change. An update sends the `etag` it read; the endpoint compares it under the row lock."""
    text_ = json.dumps(values, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text_.encode()).hexdigest()[:16]


ETag = Annotated[
    str,
    PlainValidator(lambda v: _etag(v)),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[0-9a-f]{16}$",
            "description": "The etag you read: a change against a newer state is refused with 409.",
        }
    ),
]


def _etag(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch("[0-9a-f]{16}", value):
        raise PydanticCustomError("etag", "must be the etag you read (16 hexadecimal digits)")
    return value


def file_answer(media_type: str, description: str) -> tuple[dict[int, Any], dict[str, Any]]:
    """`response=`, `openapi_extra=` of an operation answering a file (CSV, XLSX, PDF) rather than JSON."""
    extra = {
        "responses": {
            200: {
                "description": description,
                "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }
    return {200: None, **ERRORS}, extra


CSV_FILE = file_answer("text/csv", "CSV (RFC 4180, UTF-8)")
XLSX_FILE = file_answer("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook")
PDF_FILE = file_answer("application/pdf", "PDF document")
