"""`sevenc services`: the MSP's own services mapped onto the framework (docs/offering.md).

`coverage --file FILE` needs no database; `--msp NAME` reads the MSP's catalogue and clients through
`sevenc.offering.presenters` (the same read as the web pages). Bad input exits 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from sevenc.audit.context import acting
from sevenc.catalogue.spec import FrameworkSpec, packaged_framework
from sevenc.cli.common import bad_input_exits_2, console, fail, print_json, setup_django, write_output
from sevenc.cli.render import score_bar
from sevenc.lib.money import money
from sevenc.offering.coverage import LEVELS, CoverageReport, Share, coverage
from sevenc.offering.portfolio import ItemDemand, develop_next_json
from sevenc.offering.service_file import ServiceFileError, load_service_file, read_service_file
from sevenc.offering.upsell import UpsellOffer, upsell_json, upsell_offers, upsell_totals

app = typer.Typer(
    help="Your own services mapped onto 7C: coverage, develop-next, upsell, the service file.",
    no_args_is_help=True,
)

LEVEL_STYLES = {"in_house": "green", "partner": "cyan", "planned": "yellow", "none": "red"}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


BAR = 10


def _counts(counts: dict[str, int]) -> Text:
    """`18 6 2 1`: items offered in-house, by a partner, planned, none; each in its colour."""
    text = Text()
    for n, level in enumerate(LEVELS):
        text.append(" " if n else "")
        text.append(f"{counts[level] or '·':>2}", style=LEVEL_STYLES[level])
    return text


def _row(table: Table, label: Text | str, share: Share, counts: dict[str, int], style: str = "") -> None:
    table.add_row(
        label,
        _percent(share.covered),
        score_bar(share.covered, BAR),
        _percent(share.in_house),
        _counts(counts),
        style=style,
    )


def coverage_table(report: CoverageReport, spec: FrameworkSpec, title: str, *, items: bool = False) -> Table:
    """Blocks and areas with their coverage and in-house share, and how many items are at each level."""
    caption = "Items: offered in-house, offered by a partner, planned, no service"
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    table.add_column("Block / area", overflow="fold")
    table.add_column("Covered", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("In-house", justify="right", no_wrap=True)
    table.add_column("Items", no_wrap=True)
    for block in spec.blocks:
        table.add_section()
        label = Text(f"{block.code} {block.name}", style="bold")
        _row(table, label, report.blocks[block.code], report.counts(i.code for i in block.items()))
        for area in block.areas:
            counts = report.counts(i.code for i in area.items)
            _row(table, f"  {area.code} {area.title}", report.areas[area.code], counts)
            if items:
                for item in area.items:
                    level = report.items[item.code]
                    mark = Text(level.replace("_", "-"), style=LEVEL_STYLES[level])
                    table.add_row(Text(f"    {item.code} {item.title}", style="dim"), "", "", "", mark)
    table.add_section()
    _row(table, "Whole framework", report.overall, report.counts(), style="bold")
    return table


def _money(value: Decimal | None, currency: str = "") -> str:
    return "" if value is None else money(value, currency, cents=True)


def develop_next_table(rows: Sequence[ItemDemand], title: str = "Develop next") -> Table:
    table = Table(title=title, title_justify="left")
    for name, justify in (("Item", "left"), ("Title", "left"), ("Coverage", "left"), ("Clients", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("Seats", justify="right")
    table.add_column("Demand", justify="right")
    for row in rows:
        table.add_row(
            row.item,
            row.title,
            Text(row.coverage, style=LEVEL_STYLES.get(row.coverage, "")),
            str(row.clients),
            f"{row.seats:,}",
            f"{row.demand:,}",
        )
    return table


def upsell_table(offers: Sequence[UpsellOffer], title: str = "Upsell", currency: str = "") -> Table:
    """One row per offer: the client, the service, the items below target it serves and its revenue."""
    table = Table(title=title, title_justify="left")
    table.add_column("Client")
    table.add_column("Service")
    table.add_column("Items below target")
    table.add_column("Monthly", justify="right", no_wrap=True)
    table.add_column("One-time", justify="right", no_wrap=True)
    for offer in offers:
        table.add_row(
            offer.client,
            offer.service,
            ", ".join(offer.items),
            _money(offer.monthly_revenue, currency),
            _money(offer.one_time, currency),
        )
    return table


def _scope(msp: str) -> Any:
    """The MSP's scope (Django set up, migrated); an unknown MSP is bad input."""
    setup_django(migrate=True)
    from sevenc.tenancy.scoping import Scope
    from sevenc.tenancy.services import TenancyError, get_msp

    with bad_input_exits_2(TenancyError):
        return Scope(get_msp(name=msp))


@app.command("coverage")
def coverage_command(
    file: Path | None = typer.Option(None, "--file", help="Service file (sevenc-services JSON, or YAML)."),
    msp: str | None = typer.Option(None, "--msp", help="Name of the MSP whose catalogue to read."),
    as_json: bool = typer.Option(False, "--json", help="Print the coverage as JSON."),
    items: bool = typer.Option(False, "--items", help="List every item with its coverage."),
) -> None:
    """How much of the framework your services cover, per block and area, and how much in-house."""
    if (file is None) == (msp is None):
        fail("give either --msp NAME (the catalogue in the database) or --file FILE (a service file)")
    if file is not None:
        with bad_input_exits_2(ServiceFileError):
            catalogue = load_service_file(file)
        spec = packaged_framework(catalogue.framework)
        services, source = catalogue.services, file.name
    else:
        assert msp is not None
        scope = _scope(msp)
        from sevenc.offering.presenters import offering_state

        state = offering_state(scope)
        spec, services, source = state.spec, tuple(state.plain_services), msp
    report = coverage(spec, services)
    if as_json:
        print_json(report.to_json())
        return
    title = f"Coverage of {spec.name} by {source} ({len(services)} services)"
    console.print(coverage_table(report, spec, title, items=items))


@app.command("develop-next")
def develop_next_command(
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON."),
) -> None:
    """Items no offered service covers, highest client demand first: your product roadmap."""
    scope = _scope(msp)
    from sevenc.offering.presenters import offering_state

    state = offering_state(scope)
    rows = state.portfolio.develop_next(state.coverage.items)
    if as_json:
        print_json(develop_next_json(rows))
        return
    counted = len(state.data.standings)
    console.print(develop_next_table(rows, f"Develop next for {msp} ({counted} assessed clients)"))


@app.command("upsell")
def upsell_command(
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
    vcio: str | None = typer.Option(None, "--vcio", help="Only the clients of this vCIO (a username)."),
    as_json: bool = typer.Option(False, "--json", help="Print one entry per client, service and item."),
) -> None:
    """Per client, the offered services that serve its items below target, with their revenue."""
    scope = _scope(msp)
    from sevenc.offering.presenters import offering_state
    from sevenc.tenancy.models import Membership
    from sevenc.tenancy.scoping import scoped

    if vcio is not None and not scoped(Membership, scope).filter(user__username=vcio).exists():
        fail(f"vcio: {msp} has no member with the username {vcio!r}")
    state = offering_state(scope)
    offers = upsell_offers(state.portfolio, state.plain_services, vcio=vcio)
    if as_json:
        print_json(upsell_json(offers))
        return
    totals = upsell_totals(state.portfolio, state.plain_services, vcio=vcio)
    currency = scope.msp.currency
    title = f"Upsell for {msp}" + (f", clients of {vcio}" if vcio else "")
    console.print(upsell_table(offers, title, currency))
    monthly = sum((t.monthly_revenue for t in totals), Decimal(0))
    once = sum((t.one_time for t in totals), Decimal(0))
    console.print(
        f"{len(totals)} clients: {_money(monthly, currency)} a month and {_money(once, currency)} one-time "
        "(each service once)"
    )


@app.command("export")
def export_command(
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Write the MSP's catalogue as a service file (sevenc-services JSON)."""
    scope = _scope(msp)
    from sevenc.offering.services import export_services

    text = export_services(scope).dumps()
    if out is None:
        sys.stdout.write(text)
        return
    write_output(out, text)
    console.print(f"wrote {out}")


@app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="Service file (sevenc-services JSON, or YAML)."),
    msp: str = typer.Option(..., "--msp", help="Name of the MSP."),
) -> None:
    """Store a service file in the MSP's catalogue: same name replaces, new names are added. All or nothing."""
    with bad_input_exits_2(ServiceFileError):
        data = read_service_file(file)
    scope = _scope(msp)
    from sevenc.offering.services import import_services
    from sevenc.tenancy.access import Caller

    with bad_input_exits_2(ServiceFileError), acting(label="cli: sevenc services import"):
        result = import_services(actor=Caller.system(scope.msp), data=data)
    console.print(
        f"imported {file.name} into {msp}: {len(result.created)} new, {len(result.updated)} updated"
    )
