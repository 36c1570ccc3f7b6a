"""The portfolio read model: each client with its latest completed ITCQ."""

from __future__ import annotations

from dataclasses import dataclass

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.tenancy.scoping import Scope, scoped


@dataclass(frozen=True)
class PortfolioRow:
    client: Client
    latest: Assessment | None
    previous: Assessment | None

    @property
    def change(self) -> float | None:
        if self.latest is None or self.previous is None or None in (self.latest.itcq, self.previous.itcq):
            return None
        return self.latest.itcq - self.previous.itcq  # type: ignore[operator]


def portfolio_rows(scope: Scope) -> list[PortfolioRow]:
    clients = list(scoped(Client, scope).select_related("vcio"))
    completed = (
        scoped(Assessment, scope)
        .filter(status=Assessment.Status.COMPLETED)
        .order_by("client_id", "as_of", "pk")
    )
    by_client: dict[int, list[Assessment]] = {}
    for assessment in completed.defer("weights"):
        by_client.setdefault(assessment.client_id, []).append(assessment)
    rows = []
    for client in clients:
        history = by_client.get(client.pk, [])
        rows.append(
            PortfolioRow(
                client=client,
                latest=history[-1] if history else None,
                previous=history[-2] if len(history) > 1 else None,
            )
        )
    return rows
