"""Starting an assessment on any loaded framework (7C by default, NIST CSF 2.0, or one loaded with
`sevenc catalogue load`): the one path the web form and the API share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sevenc.assessments.models import Assessment
from sevenc.assessments.services import AssessmentError, create_assessment
from sevenc.catalogue.models import Framework
from sevenc.catalogue.services import get_framework
from sevenc.catalogue.spec import FrameworkFormatError
from sevenc.clients.models import Client
from sevenc.tenancy.scoping import Scope, scoped

DEFAULT_FRAMEWORK = "7c"


def framework_named(code: str, version: str | None = None) -> Framework:
    """The loaded framework `code` (its newest version unless `version`), or an AssessmentError naming
    the framework field."""
    try:
        return get_framework(code, version)
    except FrameworkFormatError as error:
        raise AssessmentError(error.message, field="framework") from None


def previous_assessment(scope: Scope, client: Client, framework: Framework) -> Assessment | None:
    """The client's latest assessment on the same framework (code): what a new one may start from."""
    return (
        scoped(Assessment, scope)
        .filter(client=client, framework__code=framework.code)
        .select_related("framework")
        .order_by("-as_of", "-pk")
        .first()
    )


def start_assessment(
    *,
    client: Client,
    title: str,
    as_of: dt.date,
    framework: Framework | None = None,
    prefill: bool = False,
    assigned_engineer: Any = None,
) -> Assessment:
    """A new draft on `framework` (7C when None). `prefill`: start from the answers, notes and weights of
    the client's latest assessment on the same framework, when it has one (else it starts empty)."""
    framework = framework or framework_named(DEFAULT_FRAMEWORK)
    previous = previous_assessment(Scope(client.msp), client, framework) if prefill else None
    if previous is not None and previous.framework_id != framework.pk:
        previous = None  # another version of the framework: its item codes may differ, start empty
    return create_assessment(
        client=client,
        title=title,
        as_of=as_of,
        framework=framework,
        prefill_from=previous,
        assigned_engineer=assigned_engineer,
    )
