"""Run a `sevenc` command that stops for good half-way through its writes, for the crash tests.

    python -m tests.crash.driver --stop-after N -- import FILE --msp NAME
        runs the command; after its N-th INSERT/UPDATE/DELETE it prints "HALFWAY" and waits, inside
        whatever transaction the command holds, until the test kills it with SIGKILL;

Nothing in sevenc knows about this: the pause is a wrapper around Django's cursor, installed here.
"""

from __future__ import annotations

import sys
import time
from typing import Any

WRITES = ("INSERT", "UPDATE", "DELETE")


def pause_after(writes: int) -> None:
    from django.db.backends import utils

    seen = {"writes": 0}

    def counted(method: Any) -> Any:
        def wrapper(self: Any, sql: str, *args: Any, **kwargs: Any) -> Any:
            result = method(self, sql, *args, **kwargs)
            if sql.lstrip().upper().startswith(WRITES):
                seen["writes"] += 1
                if seen["writes"] == writes:
                    in_transaction = not self.db.get_autocommit()
                    print(f"HALFWAY in_transaction={in_transaction}", flush=True)
                    time.sleep(600)  # the test kills us here
            return result

        return wrapper

    utils.CursorWrapper.execute = counted(utils.CursorWrapper.execute)  # type: ignore[method-assign]
    utils.CursorWrapper.executemany = counted(utils.CursorWrapper.executemany)  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    from sevenc.cli.common import setup_django

    assert argv[0] == "--stop-after" and argv[2] == "--", argv
    setup_django()
    pause_after(int(argv[1]))
    from sevenc.cli.main import app

    app(prog_name="sevenc", args=argv[3:])


if __name__ == "__main__":
    main(sys.argv[1:])
