"""The health endpoint (core.health, search.health): what a proxy and monitoring read.

Each failure is real: a search engine on a port nobody listens on or a socket that never
answers, a database server that is not there (in a subprocess, so the test database stays
up). The body never names a host, a port, a version or an exception.
"""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.test import Client

from search.catalogue.engine.indexing import rebuild
from tests.search.test_engine_failures import closed_port_url, silent_server  # noqa: F401

BASE_CHECKS = list(settings.HEALTH_CHECKS[:3])
SEARCH_CHECK = ("search", "search.health.SearchEngine", False)


def health(client=None):
    response = (client or Client()).get("/health/")
    return response, json.loads(response.content)


def assert_leaks_nothing(response, *secrets):
    body = response.content.decode()
    for secret in ("127.0.0.1", "localhost", "Error", "Traceback", "version", *secrets):
        assert secret not in body, secret
    assert set(json.loads(body)) == {"status", "checks"}


def test_all_parts_up(db, settings):
    settings.HEALTH_CHECKS = BASE_CHECKS
    response, body = health()
    assert response.status_code == 200
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert_leaks_nothing(response)


def test_unauthenticated_and_never_kept(db, settings):
    settings.HEALTH_CHECKS = BASE_CHECKS
    response, _ = health()
    assert not response.cookies
    assert {"no-store", "private"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert response.get("Content-Type") == "application/json"
    assert Client().head("/health/").status_code == 200


def test_the_storage_probe_leaves_no_file_behind(db, settings, tmp_path):
    settings.HEALTH_CHECKS = BASE_CHECKS
    settings.MEDIA_ROOT = tmp_path
    assert health()[0].status_code == 200
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_search_engine_on_a_closed_port_is_degraded_not_down(db, settings):
    settings.SEARCH_URL = closed_port_url()
    settings.HEALTH_CHECKS = [*BASE_CHECKS, SEARCH_CHECK]
    response, body = health()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "search": "unavailable",
    }
    assert_leaks_nothing(response, settings.SEARCH_URL.rsplit(":", 1)[1])


def test_search_engine_that_never_answers_is_degraded(db, settings, silent_server):  # noqa: F811
    settings.SEARCH_URL = silent_server
    settings.SEARCH_TIMEOUT = 0.5
    settings.HEALTH_CHECKS = [*BASE_CHECKS, SEARCH_CHECK]
    response, body = health()
    assert response.status_code == 200
    assert body["status"] == "degraded" and body["checks"]["search"] == "unavailable"


@pytest.mark.engine
def test_the_real_engine_with_its_catalogue_index(site_tree, settings):
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}{uuid.uuid4().hex[:10]}_"
    assert {name: required for name, _, required in settings.HEALTH_CHECKS}["search"] is False
    response, body = health()
    # No catalogue index under this prefix yet: searches would fail over to the database.
    assert response.status_code == 200 and body["checks"]["search"] == "unavailable"
    rebuild()
    response, body = health()
    assert response.status_code == 200
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "search": "ok"},
    }
    assert_leaks_nothing(response, settings.SEARCH_INDEX_PREFIX)


# -- the database down: a fresh process whose database server is not there -----------------

ASK_FOR_HEALTH = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/health/", HTTP_HOST="spcncl.example.vn")
print(response.status_code)
print(response.content.decode())
"""


def health_in_a_process(settings_module, database_url, **extra_env):
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "a-realistic-key-a-realistic-key-a-realistic-key-0123456789",
        "ALLOWED_HOSTS": "spcncl.example.vn",
        "CACHE_URL": "locmem://",
        **extra_env,
    }
    result = subprocess.run(
        [sys.executable, "-c", ASK_FOR_HEALTH],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-2:]
    return int(status), body


def test_postgresql_down_is_503_under_production_settings(tmp_path):
    # Production's HTTPS redirect spares /health/: the proxy asks over plain HTTP.
    port = closed_port_url().rsplit(":", 1)[1]
    status, body = health_in_a_process(
        "config.settings.production",
        f"postgres://spcncl:secret-password@127.0.0.1:{port}/spcncl",
        MEDIA_ROOT=str(tmp_path),
    )
    assert status == 503
    assert json.loads(body) == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok", "storage": "ok"},
    }
    for secret in ("127.0.0.1", port, "spcncl", "secret-password", "Error"):
        assert secret not in body


def test_sqlite_unreachable_is_503(tmp_path):
    missing = tmp_path / "no-such-folder" / "db.sqlite3"
    status, body = health_in_a_process(
        "config.settings.test", f"sqlite:///{missing}", MEDIA_ROOT=str(tmp_path)
    )
    assert status == 503
    assert json.loads(body)["checks"]["database"] == "unavailable"
    assert "no-such-folder" not in body and "sqlite" not in body
