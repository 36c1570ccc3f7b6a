"""Walk the URL conf for the tenant-isolation test, with a sample value for every URL parameter.

A URL parameter names an object of the victim MSP (`client_pk`, `assessment_pk`, …). Each domain may
provide samples for its own parameters in `sevenc/<domain>/tests/url_samples.py`:

    SAMPLES = {"widget_pk": lambda world: make_widget(world.client).pk}

where `world` is the `World` below (a client with a completed and a draft assessment, and a member).
Those override the interim samples in `INTERIM_SAMPLES`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.tenancy.models import Membership

Sample = Callable[["World"], Any]

# Pages anyone may open (signing in, resetting a password): nothing tenant-owned behind them.
PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "calendar_feed",  # the secret in its address is the credential (its own tests)
    "ping",  # "ok": a liveness check, reads nothing
    "theme_css",  # colours from its own address (web/theme.py)
}
# Django's admin has its own rules and its own test (test_admin_is_the_owners_settings.py); the REST API
# is walked operation by operation from its OpenAPI document, with tokens
# (sevenc/api/tests/test_every_api_operation_is_tenant_isolated.py).
OWN_TEST_NAMESPACES = {"admin", "api"}


@dataclass(frozen=True)
class World:
    """The victim: an MSP's client with a completed and a draft assessment, and a member."""

    client: Client
    completed: Assessment
    draft: Assessment
    membership: Membership


def _review(world: World) -> int:
    from sevenc.reports.services import plan_review

    return plan_review(client=world.client, date=dt.date(2026, 10, 15)).pk


SAMPLES: dict[str, Sample] = {
    "client_pk": lambda w: w.client.pk,
    "assessment_pk": lambda w: w.completed.pk,
    "membership_pk": lambda w: w.membership.pk,
    "item_code": lambda w: "CONT.1.1",
}
# Also probe each assessment URL with the draft, where more actions are open.
ALTERNATIVES: dict[str, Sample] = {"assessment_pk": lambda w: w.draft.pk}
# Samples for domains that do not provide their own url_samples.py yet.
INTERIM_SAMPLES: dict[str, Sample] = {
    "review_pk": _review,
}


def all_samples() -> dict[str, Sample]:
    samples = {**INTERIM_SAMPLES}
    for app in apps.get_app_configs():
        if not app.name.startswith("sevenc."):
            continue
        try:
            tests = importlib.import_module(f"{app.name}.tests")
        except ModuleNotFoundError:
            continue
        if any(m.name == "url_samples" for m in pkgutil.iter_modules(tests.__path__)):
            samples.update(importlib.import_module(f"{app.name}.tests.url_samples").SAMPLES)
    return {**samples, **SAMPLES}


def _patterns(resolver: URLResolver, namespace: str | None = None, params: frozenset[str] = frozenset()):  # type: ignore[no-untyped-def]
    for entry in resolver.url_patterns:
        names = frozenset(entry.pattern.regex.groupindex) | params
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, entry.namespace or namespace, names)
        else:
            assert isinstance(entry, URLPattern)
            yield namespace, entry, names


def url_patterns() -> Iterator[tuple[str, frozenset[str]]]:
    """(name, parameter names) of every non-public URL pattern outside the admin."""
    for namespace, pattern, params in _patterns(get_resolver()):
        if namespace in OWN_TEST_NAMESPACES:
            continue
        assert pattern.name, f"unnamed URL pattern {pattern.pattern}: name it so it can be walked"
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if name not in PUBLIC:
            yield name, params


def urls(world: World) -> list[tuple[str, str, bool]]:
    """(name, url, has_object) for every pattern, with the victim's objects as parameters."""
    samples = all_samples()
    found = []
    for name, params in sorted(set(url_patterns())):
        unknown = params - set(samples)
        assert not unknown, (
            f"URL {name!r} takes {sorted(unknown)}: add a sample to SAMPLES in your domain's "
            f"tests/url_samples.py (see {__name__})"
        )
        kwargs = {param: samples[param](world) for param in params}
        found.append((name, reverse(name, kwargs=kwargs), bool(params)))
        swapped = {p: ALTERNATIVES[p](world) for p in params if p in ALTERNATIVES}
        if swapped:
            found.append((name, reverse(name, kwargs={**kwargs, **swapped}), True))
    return found
