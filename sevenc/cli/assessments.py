"""`sevenc score`, `sevenc import`, `sevenc export`: the assessment exchange format on the command line."""

from __future__ import annotations

from pathlib import Path

import typer

from sevenc.assessments.exchange import ExchangeError, parse_document, read_json_file, scoring_items
from sevenc.assessments.scoring import score
from sevenc.audit.context import acting
from sevenc.catalogue.spec import FrameworkFormatError, FrameworkSpec, load_framework_file, packaged_framework
from sevenc.cli.common import bad_input_exits_2, console, fail, print_json, setup_django, write_output
from sevenc.cli.render import scorecard_table


def _packaged_resolver(catalogue: Path | None):  # type: ignore[no-untyped-def]
    custom = load_framework_file(catalogue) if catalogue else None

    def resolve(code: str, version: str | None) -> FrameworkSpec:
        spec = custom if custom is not None and custom.code == code else packaged_framework(code)
        if version is not None and version != spec.version:
            raise FrameworkFormatError(f"{code} version {version!r} is not available (have {spec.version!r})")
        return spec

    return resolve


def score_command(
    file: Path = typer.Argument(..., help="Assessment exchange file (JSON)."),
    catalogue: Path | None = typer.Option(
        None, "--catalogue", help="Framework file, for a framework not shipped."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score an exchange file without a database."""
    with bad_input_exits_2(ExchangeError, FrameworkFormatError):
        doc, spec = parse_document(read_json_file(file), _packaged_resolver(catalogue))
    card = score(scoring_items(spec, doc.weights), doc.answers(), doc.block_weights)
    if as_json:
        print_json(card.to_json())
    else:
        console.print(scorecard_table(card, spec, f"{doc.client} — {doc.title} ({doc.as_of})"))


def import_command(
    file: Path = typer.Argument(..., help="Assessment exchange file (JSON)."),
    msp: str = typer.Option(..., "--msp", help="Name of the MSP (created when new)."),
) -> None:
    """Import an assessment into an MSP, creating the client when needed. All or nothing."""
    data = None
    with bad_input_exits_2(ExchangeError):
        data = read_json_file(file)
    setup_django(migrate=True)
    from sevenc.assessments.services import import_for_msp, resolve_framework, score_assessment
    from sevenc.tenancy.services import TenancyError

    with (
        bad_input_exits_2(ExchangeError, FrameworkFormatError, TenancyError),
        acting(label="cli: sevenc import"),
    ):
        doc, _ = parse_document(data, resolve_framework)
        assessment = import_for_msp(msp_name=msp, doc=doc)
    card = score_assessment(assessment)
    itcq = "not scored" if card.itcq is None else f"{card.itcq:.1f}"
    console.print(
        f"imported {assessment.title!r} for {assessment.client.name} into {assessment.client.msp.name}: "
        f"{len(doc.responses)} responses, ITCQ {itcq}, status {assessment.status}"
    )


def export_command(
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
    client: str = typer.Option(..., "--client", help="Name of the client."),
    title: str | None = typer.Option(None, "--title", help="Assessment title (default: the latest)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Export a client's assessment in the exchange format."""
    setup_django(migrate=True)
    import json

    from sevenc.assessments.models import Assessment
    from sevenc.assessments.services import export_json
    from sevenc.clients.models import Client
    from sevenc.tenancy.scoping import Scope, scoped
    from sevenc.tenancy.services import TenancyError, get_msp

    with bad_input_exits_2(TenancyError):
        scope = Scope(get_msp(name=msp))
    found = scoped(Client, scope).filter(name=client).first()
    if found is None:
        fail(f"{msp} has no client called {client!r}")
    assessments = scoped(Assessment, scope).filter(client=found).select_related("framework", "client")
    assessment = (
        assessments.filter(title=title).first() if title else assessments.order_by("-as_of", "-pk").first()
    )
    if assessment is None:
        fail(f"{client} has no assessment" + (f" called {title!r}" if title else ""))
    data = export_json(assessment)
    if out:
        write_output(out, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        console.print(f"wrote {out}")
    else:
        print_json(data)
