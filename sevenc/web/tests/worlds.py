"""Small data builders shared by the web tests."""

from __future__ import annotations

import datetime as dt

from sevenc.assessments.models import Assessment
from sevenc.assessments.services import complete_assessment, create_assessment, record_response
from sevenc.clients.models import Client
from sevenc.tenancy.access import Caller


def completed_assessment(client: Client, title: str, levels: dict[str, int], as_of: dt.date) -> Assessment:
    assessment = create_assessment(client=client, title=title, as_of=as_of)
    for code, level in levels.items():
        record_response(
            actor=Caller.system(client.msp),
            assessment=assessment,
            item_code=code,
            level=level,
            notes={"status": f"{code} seen"},
        )
    return complete_assessment(actor=Caller.system(client.msp), assessment=assessment)


def draft_assessment(client: Client, title: str = "2026 Q4", engineer=None) -> Assessment:  # type: ignore[no-untyped-def]
    return create_assessment(
        client=client, title=title, as_of=dt.date(2026, 12, 31), assigned_engineer=engineer
    )
