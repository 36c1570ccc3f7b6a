"""`sevenc token create`: a personal API token for a member, its secret printed once as the last line (so
`sevenc token create … | tail -n 1` captures it)."""

from __future__ import annotations

import datetime as dt

import typer

from sevenc.audit.context import acting
from sevenc.cli.common import bad_input_exits_2, console, err_console, fail, setup_django

app = typer.Typer(help="Personal API tokens (docs/api.md).", no_args_is_help=True)


@app.command("create")
def create_command(
    user: str = typer.Option(..., "--user", help="Username of the member the token acts as."),
    name: str = typer.Option(..., "--name", help="What the token is for, e.g. 'PSA sync'."),
    expires: str | None = typer.Option(
        None, "--expires", help="The day it stops working (at its start), YYYY-MM-DD."
    ),
) -> None:
    """Create a token with the member's MSP and role; the secret is shown once and stored hashed."""
    expires_on = None
    if expires is not None:
        try:
            expires_on = dt.date.fromisoformat(expires)
        except ValueError:
            fail(f"--expires: {expires!r} is not a date YYYY-MM-DD")
    setup_django(migrate=True)
    from sevenc.tokens.services import create_token_for_username

    with bad_input_exits_2(), acting(label="cli: sevenc token create"):
        token, secret = create_token_for_username(username=user, name=name, expires_on=expires_on)
    until = f", expires {token.expires_at:%Y-%m-%d}" if token.expires_at else ""
    err_console.print(f"token {token.name!r} for {user}{until}. Copy it now: it is not shown again.")
    console.print(secret)
