"""`sevenc token create --user U --name N`: the secret is the last line of the output and works once."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from sevenc.cli.main import app
from sevenc.tokens.lookup import caller_for_token
from sevenc.tokens.models import ApiToken

runner = CliRunner()


def test_the_token_is_printed_as_the_last_line_and_acts_as_the_member(vcio):
    result = runner.invoke(app, ["token", "create", "--user", "vcio", "--name", "PSA sync"])
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip().splitlines()[-1]
    caller = caller_for_token(secret)
    assert caller is not None and caller.user == vcio and caller.role == "vcio"
    stored = ApiToken.objects.get(user=vcio)
    assert stored.name == "PSA sync" and secret not in (stored.token_hash, stored.prefix)


def test_an_expiry_day_is_kept(vcio):
    day = dt.date.today() + dt.timedelta(days=30)
    result = runner.invoke(
        app, ["token", "create", "--user", "vcio", "--name", "n", "--expires", day.isoformat()]
    )
    assert result.exit_code == 0, result.output
    assert ApiToken.objects.get(user=vcio).expires_at.date() == day


def test_bad_input_exits_2_with_a_message(vcio):
    cases = [
        (["--user", "nobody", "--name", "x"], "no member of any MSP is called 'nobody'"),
        (["--user", "vcio", "--name", "x", "--expires", "soon"], "is not a date"),
        (["--user", "vcio", "--name", "x", "--expires", "2000-01-01"], "must be a day after today"),
        (["--user", "vcio", "--name", " "], "name"),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["token", "create", *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr
    assert not ApiToken.objects.exists()
