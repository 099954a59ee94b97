"""Production settings refuse to start without what only the deployment knows."""

import os
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
