"""Sample objects for the URL walk in sevenc/web/tests/test_every_url_is_tenant_isolated.py: a party of the
victim client's matrix (started on first use) and one of the victim MSP's own areas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sevenc.raci.areas import add_area
from sevenc.raci.models import MspArea, Party
from sevenc.raci.services import start_matrix
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped


def _party(world: Any) -> int:
    scope = Scope(world.client.msp)
    if not scoped(Party, scope).filter(client=world.client).exists():
        start_matrix(actor=Caller.system(world.client.msp), client=world.client, template="co-managed")
    return scoped(Party, scope).get(client=world.client, code="ISP").pk


def _area(world: Any) -> int:
    found = scoped(MspArea, Scope(world.client.msp)).filter(code="X-CCTV").first()
    if found is None:
        found = add_area(
            actor=Caller.system(world.client.msp),
            code="X-CCTV",
            title="Check the CCTV recorder weekly",
            block="CONT",
            items=["CONT.1.2"],
        )
    return found.pk


SAMPLES: dict[str, Callable[[Any], Any]] = {"party_pk": _party, "area_pk": _area}

MODELS = {"party_pk": Party, "area_pk": MspArea}
