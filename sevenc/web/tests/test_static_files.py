"""Production static files: collected under hashed, compressed names, served by WhiteNoise to be cached for
good, and collected again only when a source changed (sevenc/cli/static.py, run by `sevenc serve`).

The other tests use the plain storage (conftest.py); this one switches to the production storage.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import django_htmx
import pytest
from django.test import Client

from sevenc.cli.static import FINGERPRINT, collect_static
from sevenc.lib.csp import is_sevencs_policy

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_settings_use_hashed_compressed_names():
    from sevenc.config import settings as production

    assert production.STORAGES["staticfiles"]["BACKEND"] == PRODUCTION_STORAGE


@pytest.fixture
def collected(settings, tmp_path):
    """The production storage, collecting only what the sign-in page uses: compressing every app's files
    (Django's admin among them) takes half a minute on a busy machine, and proves nothing more."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    htmx = tmp_path / "sources" / "django_htmx"
    htmx.mkdir(parents=True)
    shutil.copy(Path(django_htmx.__file__).parent / "static" / "django_htmx" / "htmx-2.min.js", htmx)
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = [Path(__file__).resolve().parents[1] / "static", htmx.parent]
    assert collect_static() is True
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_a_collected_manifest_serves_hashed_compressed_files_cached_for_good(collected):
    browser = Client()  # a new handler: WhiteNoise reads the collected files as it starts
    page = browser.get("/login/").content.decode()
    stylesheet = re.search(r'href="(/static/web/sevenc\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page links the hashed name"
    assert re.search(r'src="/static/django_htmx/htmx-2\.min\.[0-9a-f]{12}\.js"', page)

    response = browser.get(stylesheet.group(1), HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    assert is_sevencs_policy(response.headers.get("Content-Security-Policy"))


def test_static_files_are_collected_again_only_when_a_source_changed(collected):
    assert collect_static() is False  # nothing changed since the fixture collected
    (collected / FINGERPRINT).write_text("the sources of an older release")
    assert collect_static() is True
    (collected / "staticfiles.json").unlink()
    assert collect_static() is True  # without its manifest no page renders: collect


def test_a_server_that_waited_while_another_collected_reads_the_new_manifest(collected):
    from django.contrib.staticfiles.storage import staticfiles_storage

    staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = (
        {},
        "",
    )  # read before the other wrote
    assert collect_static() is False  # the other server collected these very sources
    assert re.fullmatch(r"/static/web/sevenc\.[0-9a-f]{12}\.css", staticfiles_storage.url("web/sevenc.css"))
