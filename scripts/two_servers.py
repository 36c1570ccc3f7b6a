"""Two app servers on one PostgreSQL: a user signed in on one is served by the other, an edit made through
one is seen by the other (issue 17, stateless app servers). Run by .ci/run; exits non-zero on any failure.

Run: .venv/bin/python scripts/two_servers.py [--database-url URL] [--keep]
(default database: sevenc_two_servers on the local PostgreSQL, created for the run and dropped after it)

It generates a small MSP (`sevenc generate` migrates the database first; the owner has a password), starts two
`sevenc serve` processes side by side (gunicorn, one worker each) on loopback ports with one secret key, then:
1. signs in on server A, and opens the portfolio and a client's page on server B with A's session cookie;
2. renames the client through a form on B (the CSRF token A's session carries), reads the new name on A;
3. saves an assessment item through A with htmx and reads the saved note on B's assessment page;
4. signs out on B, and A no longer serves that session.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.support import (  # noqa: E402
    PG_BASE,
    HttpSession,
    drop_database,
    ensure_database,
    run_sevenc,
    serving,
)

PASSWORD = "two-servers-password-1"


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"FAILED: {message}")
    print(f"ok: {message}")


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', html
    )
    return found.group(1) if found else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SEVENC_TWO_SERVERS_DATABASE_URL"))
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    url = args.database_url or f"{PG_BASE}sevenc_two_servers"
    fresh = args.database_url is None
    if fresh:
        drop_database(url)
    ensure_database(url)
    try:
        msp = f"Two servers {uuid.uuid4().hex[:6]}"
        out = run_sevenc(
            "generate",
            "--msp",
            msp,
            "--clients",
            "3",
            "--quarters",
            "2",
            "--json",
            database_url=url,
            env={"SEVENC_GENERATE_PASSWORD": PASSWORD},
        )
        owner = re.search(r'"owner": "([^"]+)"', out).group(1)  # type: ignore[union-attr]
        with serving(url, workers=1, count=2) as (a, b):
            print(f"server A on {a.host}, server B on {b.host}")
            _prove(a.host, b.host, owner)
            for server in (a, b):
                check("Traceback" not in server.log_text(), f"no error in the log of {server.host}")
    finally:
        if fresh and not args.keep:
            drop_database(url)


def _prove(a: str, b: str, owner: str) -> None:
    on_a = HttpSession(a)
    on_a.sign_in(owner, PASSWORD)
    on_b = HttpSession(b)
    on_b.cookies = dict(on_a.cookies)  # the same browser, now routed to the other server
    portfolio = on_b.get("/")
    check(
        portfolio.status == 200 and "Portfolio" in portfolio.text,
        f"B serves the portfolio to the user signed in on A ({portfolio.status}: {portfolio.text[:200]!r})",
    )
    client_id = re.search(r'href="/clients/(\d+)/"', portfolio.text).group(1)  # type: ignore[union-attr]

    edit = on_b.get(f"/clients/{client_id}/edit/")
    check(edit.status == 200, "B shows the client's edit form to A's session")
    fields = {
        name: _field(edit.text, name)
        for name in (
            "name",
            "seats",
            "primary_contact_name",
            "primary_contact_email",
            "version",
            "next_review_date",
        )
    }
    fields["vertical"] = re.search(r'<option value="([a-z_]+)" selected', edit.text).group(1)  # type: ignore[union-attr]
    fields["fiscal_year_start_month"] = re.search(
        r'name="fiscal_year_start_month"[\s\S]*?<option value="(\d+)" selected', edit.text
    ).group(1)  # type: ignore[union-attr]
    vcio = re.search(r'name="vcio"[\s\S]*?<option value="(\d*)" selected', edit.text)
    fields["vcio"] = vcio.group(1) if vcio else ""
    renamed = f"{fields['name']} (renamed on B)"
    fields.update({"name": renamed, "csrfmiddlewaretoken": _field(edit.text, "csrfmiddlewaretoken")})
    saved = on_b.post(f"/clients/{client_id}/edit/", {k: v for k, v in fields.items() if v is not None})
    check(saved.status == 302, f"B saves the edit with the CSRF token of A's session ({saved.status})")
    page = on_a.get(f"/clients/{client_id}/")
    check(renamed.replace("&", "&amp;") in page.text, "A shows the name saved through B")

    assessment = re.search(r'href="/assessments/(\d+)/"', page.text).group(1)  # type: ignore[union-attr]
    draft = on_a.post(
        f"/clients/{client_id}/assessments/new/",
        {"title": "Two servers check", "as_of": "2026-12-31", "prefill": "on"},
    )
    check(draft.status == 302, "A creates a draft assessment")
    draft_id = re.search(r"/assessments/(\d+)/", draft.headers["location"]).group(1)  # type: ignore[union-attr]
    note = f"Seen on both servers {uuid.uuid4().hex[:8]}"
    item = on_a.post(
        f"/assessments/{draft_id}/items/CONT.1.1/",
        {"status": note, "changed": "status"},
        headers={"HX-Request": "true"},
    )
    check(item.status == 200, "A saves an item through htmx")
    check(
        note in on_b.get(f"/assessments/{draft_id}/").text,
        "B's assessment page shows the note saved through A",
    )
    check(on_b.get(f"/assessments/{assessment}/").status == 200, "B serves a completed assessment too")

    out = on_b.post("/logout/", {})
    check(out.status in (200, 302), "signing out on B")
    check(on_a.get("/").status == 302, "A no longer serves the session signed out on B")


if __name__ == "__main__":
    main()
