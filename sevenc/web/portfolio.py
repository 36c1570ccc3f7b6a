"""The portfolio read model: each client with its latest completed ITCQ, change, completeness and 7C heatmap.

Sorting, filtering, searching and paging happen in SQL over the stored scores (`assessments.LatestScore`,
one row per client kept by the service that completes an assessment), so a page reads only the rows it
shows: a fixed number of queries and a small, constant amount of Python work however many clients and
assessments the MSP has. The summary cards are one aggregate query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import OrderBy
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Concat, Lower, NullIf, Trim

from sevenc.assessments.models import LatestScore
from sevenc.assessments.scoring import PROVISIONAL_BELOW
from sevenc.catalogue.models import Block
from sevenc.catalogue.services import get_framework
from sevenc.catalogue.spec import FrameworkFormatError
from sevenc.clients.models import Client, Vertical
from sevenc.execution.queries import overdue_count
from sevenc.tenancy.scoping import Scope, scoped

PAGE_SIZE = 50
REVIEW_WINDOW_DAYS = 30  # "Reviews in 30 days"


@dataclass(frozen=True)
class PortfolioRow:
    client: Client
    blocks: list[float | None] = field(default_factory=list)  # in heatmap column order
    overdue: int = 0  # open work items past their due date

    @property
    def latest(self) -> LatestScore | None:
        """The client's latest completed score (read with the client: no query)."""
        return getattr(self.client, "latest_score", None)

    @property
    def itcq(self) -> float | None:
        return self.latest.itcq if self.latest else None

    @property
    def change(self) -> float | None:
        return self.latest.change if self.latest else None

    @property
    def completeness(self) -> float | None:
        return self.latest.completeness if self.latest else None

    @property
    def provisional(self) -> bool:
        return self.completeness is not None and self.completeness < PROVISIONAL_BELOW

    @property
    def vcio_name(self) -> str:
        vcio = self.client.vcio
        return (vcio.get_full_name() or vcio.get_username()) if vcio else ""


@dataclass(frozen=True)
class Filters:
    q: str = ""
    vertical: str = ""
    vcio: str = ""  # a user id, "none" for unassigned, "" for all
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class PortfolioPage:
    rows: list[PortfolioRow]
    number: int  # 1-based
    matching: int  # clients the filters let through, on every page
    per_page: int = PAGE_SIZE

    @property
    def first(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0

    @property
    def has_next(self) -> bool:
        return self.number * self.per_page < self.matching

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def heatmap_blocks() -> list[Block]:
    """The 7C blocks, in order: the heatmap's columns."""
    try:
        framework = get_framework("7c")
    except FrameworkFormatError:
        return []
    return list(Block.objects.filter(framework=framework).order_by("position"))


def _vertical_label() -> Case:
    return Case(
        *[When(vertical=value, then=Value(str(label).lower())) for value, label in Vertical.choices],
        default=Lower("vertical"),
    )


def _vcio_name() -> Any:
    """The vCIO as the page shows them (full name, else username), lower-cased; NULL without a vCIO."""
    full = NullIf(Trim(Concat("vcio__first_name", Value(" "), "vcio__last_name")), Value(""))
    return Lower(Coalesce(full, "vcio__username"))


def _block_score(code: str) -> Any:
    return Cast(KeyTextTransform(code, "latest_score__block_scores"), FloatField())


# Sort expression per column; rows without a value always go last, whatever the direction.
SORTS: dict[str, Any] = {
    "name": Lower("name"),
    "seats": F("seats"),
    "vertical": _vertical_label(),
    "itcq": F("latest_score__itcq"),
    "change": F("latest_score__change"),
    "completeness": F("latest_score__completeness"),
    "vcio": _vcio_name(),
    "as_of": F("latest_score__as_of"),
    "next_review": F("next_review_date"),
    "overdue": F("overdue"),
}


def sort_expression(sort: str, block_codes: list[str]) -> Any:
    """The expression for a column name, or for "block:CODE" (a heatmap column); unknown names sort by name."""
    if sort.startswith("block:") and sort[6:] in block_codes:
        return _block_score(sort[6:])
    return SORTS.get(sort, SORTS["name"])


def _ordering(filters: Filters, block_codes: list[str]) -> list[OrderBy]:
    expression = sort_expression(filters.sort, block_codes)
    first = expression.desc(nulls_last=True) if filters.descending else expression.asc(nulls_last=True)
    return [first, Lower("name").asc(), F("pk").asc()]  # ties (and rows without a value) by name


def _matching(scope: Scope, filters: Filters) -> QuerySet[Client]:
    clients = scoped(Client, scope)
    q = filters.q.strip()
    if q:
        verticals = [value for value, label in Vertical.choices if q.lower() in str(label).lower()]
        clients = clients.filter(
            Q(name__icontains=q) | Q(primary_contact_name__icontains=q) | Q(vertical__in=verticals)
        )
    if filters.vertical:
        clients = clients.filter(vertical=filters.vertical)
    if filters.vcio == "none":
        clients = clients.filter(vcio__isnull=True)
    elif filters.vcio:
        clients = clients.filter(vcio_id=int(filters.vcio)) if filters.vcio.isdigit() else clients.none()
    return clients


def client_rows(
    scope: Scope, filters: Filters, *, today: dt.date, block_codes: list[str]
) -> QuerySet[Client]:
    """Every client the filters let through, sorted, with its vCIO, latest score and overdue count."""
    return (
        _matching(scope, filters)
        .select_related("vcio", "latest_score")
        .defer("latest_score__assessment")
        .annotate(overdue=overdue_count(scope, today))
        .order_by(*_ordering(filters, block_codes))
    )


def _row(client: Client, block_codes: list[str]) -> PortfolioRow:
    latest = getattr(client, "latest_score", None)
    scores = latest.block_scores if latest else {}
    return PortfolioRow(
        client=client,
        blocks=[scores.get(code) for code in block_codes],
        overdue=client.overdue,  # type: ignore[attr-defined]
    )


def portfolio_page(
    scope: Scope,
    filters: Filters,
    *,
    today: dt.date,
    block_codes: list[str],
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> PortfolioPage:
    """One page of the sorted, filtered portfolio (two queries: the count and the page's rows). A page
    past the end shows the last one."""
    matching = _matching(scope, filters).count()
    pages = max(1, -(-matching // per_page))
    number = min(max(page, 1), pages)
    start = (number - 1) * per_page
    clients = client_rows(scope, filters, today=today, block_codes=block_codes)[start : start + per_page]
    return PortfolioPage(
        rows=[_row(client, block_codes) for client in clients],
        number=number,
        matching=matching,
        per_page=per_page,
    )


def portfolio_summary(scope: Scope, today: dt.date) -> dict[str, Any]:
    """The summary cards over every client of the MSP, in one aggregate query."""
    due_by = today + dt.timedelta(days=REVIEW_WINDOW_DAYS)
    return scoped(Client, scope).aggregate(
        clients=Count("pk"),
        average_itcq=Avg("latest_score__itcq"),
        improving=Count("pk", filter=Q(latest_score__change__gt=0)),
        declining=Count("pk", filter=Q(latest_score__change__lt=0)),
        reviews_due=Count("pk", filter=Q(next_review_date__lte=due_by)),
    )
