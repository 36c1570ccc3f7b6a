# Shared fixtures (an MSP with a user of every role, another MSP's owner, a client) for every test folder.
pytest_plugins = ["tests.fixtures"]

# Background jobs run inside the request that starts them in tests (django-tasks' immediate backend), once
# the transaction that queued them commits; the tests of the real worker path switch to the database
# backend themselves (sevenc/jobs/tests, tests/browser/test_background_work.py).
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def pytest_configure(config):  # type: ignore[no-untyped-def]
    """Hash test passwords with a fast hasher: Argon2 is slow on purpose, and tests create many users.
    Production keeps Argon2 (sevenc/config/settings.py); one test checks that setting."""
    from django.conf import settings
    from django.test.utils import override_settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Static files under their plain names, found in the apps' folders: no collectstatic before each run.
    # Production's hashed names have their own test (sevenc/web/tests/test_static_files.py).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Sends setting_changed, on which django-tasks drops its cached backends.
    override_settings(TASKS=IMMEDIATE_TASKS).enable()


def _register_hypothesis_profile() -> None:
    """Hypothesis's explain phase re-runs a failing example under sys.settrace, which on Python 3.11 made
    one failing fuzz example shrink for over 600 s on CI and hid the failure behind a timeout; without it
    the failure and its shrunk example are reported in seconds. print_blob lets anyone replay a failure
    (@reproduce_failure). CI (.ci/run sets CI=true) draws the same examples on every run, so a submission's
    verdict does not depend on the seed; everywhere else each run draws new ones and keeps hunting
    (SEVENC_FUZZ_SCALE=20 for a longer hunt)."""
    import os

    from hypothesis import Phase, settings

    settings.register_profile(
        "sevenc",
        phases=[phase for phase in Phase if phase is not Phase.explain],
        print_blob=True,
        derandomize=os.environ.get("CI", "").lower() in {"1", "true", "yes"},
    )
    settings.load_profile("sevenc")


_register_hypothesis_profile()
