"""Static files for `sevenc serve`: collected under hashed, compressed names when (and only when) needed.

Production settings store static files with WhiteNoise's `CompressedManifestStaticFilesStorage`: each file
is copied to `STATIC_ROOT` under a name with its content's hash (`web/sevenc.3f2a….css`), gzip and brotli
copies beside it, and `staticfiles.json` maps the plain names to the hashed ones for `{% static %}`.
WhiteNoise then serves those names with a ten-year cache lifetime. A template cannot render without the
manifest, so `sevenc serve` collects first; collecting compresses every file (a few seconds), so it is
skipped while the sources are unchanged since the last collection (their names, sizes and modification
times, fingerprinted in `STATIC_ROOT/.sources`). A file lock keeps two servers started together on one
`STATIC_ROOT` from collecting at the same time.
"""

from __future__ import annotations

import fcntl
import hashlib
from pathlib import Path

FINGERPRINT = ".sources"


def sources_fingerprint() -> str:
    """Names, sizes and modification times of every static source file the finders see, and the storage."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    ignore = apps.get_app_config("staticfiles").ignore_patterns  # type: ignore[attr-defined]
    entries = []
    for finder in get_finders():
        for path, storage in finder.list(ignore):
            stat = Path(storage.path(path)).stat()
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    entries.sort()
    entries.append(repr(settings.STORAGES["staticfiles"]) + settings.STATIC_URL)
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()


def collect_static() -> bool:
    """Collect the static files into STATIC_ROOT unless nothing changed since the last time; True when it
    collected."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    manifest = getattr(staticfiles_storage, "manifest_name", None)  # hashed names need their manifest
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".collect.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        stamp = root / FINGERPRINT
        fingerprint = sources_fingerprint()
        collected = manifest is None or (root / manifest).exists()
        if collected and stamp.exists() and stamp.read_text() == fingerprint:
            # Another server may have collected while this one waited for the lock: the storage read the
            # manifest as it was before (none, or an older one), and pages would miss their hashed names.
            _reload_manifest(staticfiles_storage)
            return False
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint)
        return True


def _reload_manifest(storage: object) -> None:
    load = getattr(storage, "load_manifest", None)
    if load is not None:
        storage.hashed_files, storage.manifest_hash = load()  # type: ignore[attr-defined]
