"""The database path, which `make run` uses, works with the engine's client libraries absent."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter where importing either client fails, as on a machine without them:
# the catalogue is built, searched through the service and through the API, on SQLite.
SCRIPT = """
import sys

class Absent:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("elasticsearch", "opensearchpy"):
            raise ImportError(f"{name} is not installed")

sys.meta_path.insert(0, Absent())

import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment

setup_test_environment()
call_command("migrate", verbosity=0)
call_command("load_demo", verbosity=0)
call_command("rebuild_catalogue_index", verbosity=0)

from search.catalogue import service
from search.catalogue.contract import CatalogueQuery

answer = service.search(CatalogueQuery(q="den led"))
response = Client().get("/api/catalogue/", {"q": "den led"}, HTTP_HOST="localhost")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("elasticsearch", "opensearchpy"))
print(answer.path, answer.data["count"] > 0, response.status_code, response.json()["count"] > 0)
print("loaded:", loaded)
"""


def test_the_catalogue_searches_without_elasticsearch_or_opensearch_installed(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SEARCH_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[-2:] == ["database True 200 True", "loaded: []"]
