"""The reference project's settings: dev, production and the `site` name clash."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SITE_DIR = REPOSITORY / "site"

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "vsend_site.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-" + "x" * 30,
    "DATABASE_URL": "postgres://vsend:secret@db.example.invalid:5432/vsend",
    "CELERY_BROKER_URL": "redis://cache.example.invalid:6379/0",
    "ALLOWED_HOSTS": "send.example.gov.uk,.example.gov.uk",
    "EMAIL_HOST": "smtp.example.invalid",
    "DEFAULT_FROM_EMAIL": "send@example.gov.uk",
    "VSEND_PRIVATE_ROOT": "/var/lib/vsend/private",
}


def run(arguments, env=None):
    """Python with ``arguments`` in the site's folder, in the environment plus ``env``.

    The production variables of this test environment, and Django's async
    permission, are left out first.
    """
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENVIRONMENT and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=SITE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(*args, env=None):
    return run(["manage.py", *args], env)


def settings_values(code, env):
    """What ``code`` prints with ``s`` the settings of ``env``, read without starting Django.

    Only the settings module is imported (no apps loaded), as Django does
    first on every start: the values are those the site would run with.
    """
    path = {"PYTHONPATH": f"{SITE_DIR}{os.pathsep}{REPOSITORY}"}
    result = run(["-c", f"from django.conf import settings as s; {code}"], {**env, **path})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENVIRONMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "ALLOWED_HOSTS",
        "EMAIL_HOST",
        "DEFAULT_FROM_EMAIL",
        "VSEND_PRIVATE_ROOT",
    ],
)
def test_production_refuses_to_start_without_its_environment(missing):
    environment = dict(PRODUCTION_ENVIRONMENT)
    del environment[missing]
    result = manage("check", env=environment)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_reads_everything_from_the_environment():
    code = (
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.CELERY_BROKER_URL, s.ALLOWED_HOSTS, s.CELERY_TASK_ALWAYS_EAGER)"
    )
    assert settings_values(code, PRODUCTION_ENVIRONMENT).split() == [
        "False",
        "django.db.backends.postgresql",
        "db.example.invalid",
        "redis://cache.example.invalid:6379/0",
        "['send.example.gov.uk',",
        "'.example.gov.uk']",
        "False",
    ]


def test_production_sends_email_by_smtp_configured_from_the_environment():
    code = (
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
        "s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
    )
    environment = {
        **PRODUCTION_ENVIRONMENT,
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "mail-secret",
        "EMAIL_USE_TLS": "false",
    }
    assert settings_values(code, environment).split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.invalid",
        "2525",
        "mailer",
        "mail-secret",
        "False",
        "send@example.gov.uk",
    ]


def test_the_demo_prints_email_to_the_console():
    code = "print(s.EMAIL_BACKEND)"
    environment = {"DJANGO_SETTINGS_MODULE": "vsend_site.settings.dev"}
    assert settings_values(code, environment) == "django.core.mail.backends.console.EmailBackend"


def test_dev_settings_use_sqlite_eager_tasks_and_debug():
    code = "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"
    # No DATABASE_URL in the environment (the helper leaves the production ones out).
    environment = {"DJANGO_SETTINGS_MODULE": "vsend_site.settings.dev"}
    assert settings_values(code, environment).split() == [
        "True",
        "django.db.backends.sqlite3",
        "True",
    ]


def test_the_site_folder_is_never_the_site_module():
    """`site` is a standard-library module; the project's package is vsend_site."""
    assert not (SITE_DIR / "__init__.py").exists()
    result = subprocess.run(
        [sys.executable, "-c", "import site, sys; print(site.__file__)"],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": f"{REPOSITORY}{os.pathsep}{SITE_DIR}"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert Path(result.stdout.strip()).parent != REPOSITORY
    assert "site" not in {p.name for p in Path(result.stdout.strip()).parents if p == SITE_DIR}


def test_system_checks_guard_the_object_permission_backend_and_group_size(settings):
    from django.core.checks import run_checks

    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    settings.VSEND_MIN_GROUP = 3
    ids = {message.id for message in run_checks()}
    assert {"vsend.E001", "vsend.E002"} <= ids


def test_collectstatic_with_hashed_production_storage(tmp_path):
    """Every file a stylesheet names exists, or production pages would fail."""
    result = manage(
        "collectstatic",
        "--noinput",
        "-v0",
        env={**PRODUCTION_ENVIRONMENT, "STATIC_ROOT": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vsend/govuk-frontend/govuk-frontend.min.css" in manifest


def test_production_caches_with_the_fail_safe_backend_at_cache_url():
    code = "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])"
    environment = {
        **PRODUCTION_ENVIRONMENT,
        "CACHE_URL": "redis://own-cache.example.invalid:6379/0",
    }
    assert settings_values(code, environment).split() == [
        "vsend_plugin.core.cache.FailSafeRedisCache",
        "redis://own-cache.example.invalid:6379/0",
    ]
