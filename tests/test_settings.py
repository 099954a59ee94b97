"""Production settings refuse to start without what only the deployment knows."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

BASE = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings.production"}
FULL = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "spcncl.example.vn",
    "DATABASE_URL": "postgres://u@127.0.0.1:1/db",
}


def run_check(env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=settings.BASE_DIR,
        env={**BASE, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in FULL.items() if key != missing}
    result = run_check(env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_starts_with_everything_set():
    result = run_check(FULL)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


# -- manage.py check --deploy ---------------------------------------------------------------


def realistic_environment(**overrides):
    """What a real deployment sets: a long random key, its host and origin, PostgreSQL."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "spcncl.example.vn",
        "CSRF_TRUSTED_ORIGINS": "https://spcncl.example.vn",
        "DATABASE_URL": "postgres://spcncl:password@db.internal:5432/spcncl",
        "WAGTAILADMIN_BASE_URL": "https://spcncl.example.vn",
        "MEDIA_ROOT": "/srv/spcncl/media",
        **overrides,
    }


def check_deploy(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={**BASE, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("preload", [None, "true"])
def test_check_deploy_passes_under_production_settings(preload):
    env = realistic_environment(**({"SECURE_HSTS_PRELOAD": preload} if preload else {}))
    result = check_deploy(env)
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_on_a_weak_key_or_short_hsts():
    weak = check_deploy(realistic_environment(SECRET_KEY="x" * 50))
    assert weak.returncode != 0 and "security.W009" in weak.stderr
    short = check_deploy(realistic_environment(SECURE_HSTS_SECONDS="0"))
    assert short.returncode != 0 and "security.W004" in short.stderr


def production_setting(name, **overrides):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; "
            f"print(repr(settings.{name}))",
        ],
        cwd=settings.BASE_DIR,
        env={**BASE, **realistic_environment(**overrides)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_is_a_year_with_subdomains_and_preload_on_request():
    assert production_setting("SECURE_HSTS_SECONDS") == "31536000"
    assert production_setting("SECURE_HSTS_INCLUDE_SUBDOMAINS") == "True"
    assert production_setting("SECURE_HSTS_PRELOAD") == "False"
    assert production_setting("SECURE_HSTS_PRELOAD", SECURE_HSTS_PRELOAD="true") == "True"
    assert production_setting("X_FRAME_OPTIONS") == "'DENY'"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("", {"LOCATION": "/srv/cache/search-visitors"}),
        ("file:///srv/cache", {"LOCATION": "/srv/cache/search-visitors"}),
        (
            "redis://cache:6379/0",
            {"LOCATION": "redis://cache:6379/0", "KEY_PREFIX": "search-visitors"},
        ),
    ],
)
def test_the_visitors_marks_share_the_store_but_not_its_keys(url, expected):
    # A file cache drops entries at random past 300: the marks made per visitor must not be
    # counted beside the versions every process reads (config.env.companion_cache).
    from config.env import cache_from_url, companion_cache

    shared = cache_from_url(url, default_dir="/srv/cache")
    visitors = companion_cache(shared, "search-visitors")
    assert visitors["BACKEND"] == shared["BACKEND"]
    assert {key: visitors[key] for key in expected} == expected
    assert settings.CACHES["search-visitors"] == companion_cache(
        settings.CACHES["default"], "search-visitors"
    )
