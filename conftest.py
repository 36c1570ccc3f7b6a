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
    override_settings(TASKS=IMMEDIATE_TASKS).enable()  # sends setting_changed: django-tasks drops its backends
