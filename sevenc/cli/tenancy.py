"""`sevenc create-msp`: a fresh installation's first MSP and its owner (docs/deploy.md, step by step)."""

from __future__ import annotations

import typer

from sevenc.audit.context import acting
from sevenc.cli.common import bad_input_exits_2, err_console, setup_django


def create_msp_command(
    name: str = typer.Option(..., "--name", help="The MSP's name, e.g. 'Brightpath IT Partners'."),
    owner: str = typer.Option(..., "--owner", help="Username of its first owner."),
    email: str = typer.Option(..., "--email", help="The owner's e-mail address."),
) -> None:
    """Create an MSP and its first owner; prints the link where the owner chooses a password."""
    setup_django(migrate=True)
    from sevenc.team.services import create_msp_with_owner, set_password_link

    with bad_input_exits_2(), acting(label="cli: sevenc create-msp"):
        membership = create_msp_with_owner(name=name, username=owner, email=email)
    err_console.print(
        f"MSP {membership.msp.name!r} created with its owner {membership.user.get_username()!r}."
    )
    err_console.print("The owner chooses a password at this link (valid for a few days, once):")
    # Plain output: Rich would wrap a long link at the terminal's width, and a wrapped link is a broken one.
    typer.echo(set_password_link(membership.user))
