"""Production neither installs nor imports the measurement tools (lab/).

A fresh interpreter under config.settings.production (with the values only a deployment knows)
imports the URLconf and every module of the runtime apps, then reports what it found: `lab`
must not be among the installed apps, the loaded modules or the management commands. A fresh
interpreter because this test process runs the test settings, which install `lab`.
"""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import get_commands

RUNTIME_APPS = ("config", "core", "home", "news", "products", "programme", "search")
PRODUCTION = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "spcncl.example.vn",
    "DATABASE_URL": "postgres://u@127.0.0.1:1/db",
}
# config.settings holds the settings of every environment; only production's runs here.
OTHER_SETTINGS = ("config.settings.",)
PROBE = f"""
import importlib, json, pkgutil, sys
import django
django.setup()
from django.conf import settings
from django.core.management import get_commands
import config.urls

imported = []
for app in {RUNTIME_APPS!r}:
    package = importlib.import_module(app)
    imported.append(app)
    for module in pkgutil.walk_packages(package.__path__, prefix=app + "."):
        if module.name.startswith({OTHER_SETTINGS!r}) and module.name != (
            "config.settings.production"
        ):
            continue
        importlib.import_module(module.name)
        imported.append(module.name)
print(json.dumps({{
    "installed_apps": list(settings.INSTALLED_APPS),
    "imported": imported,
    "lab_modules": sorted(m for m in sys.modules if m == "lab" or m.startswith("lab.")),
    "commands": sorted(get_commands()),
}}))
"""


def probe_production():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=PRODUCTION,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_neither_installs_nor_imports_the_measurement_tools():
    found = probe_production()

    assert "lab" not in found["installed_apps"]
    assert not any(app.startswith("lab.") for app in found["installed_apps"])
    assert found["lab_modules"] == []
    # The command-line tools of the lab are not there for an operator to run by mistake.
    assert "generate_catalogue" not in found["commands"]
    assert "measure_relevance" not in found["commands"]
    # The walk really went through the apps (the URLconf, views, models, commands).
    for module in (
        "config.urls",
        "core.serving",
        "home.models",
        "news.models",
        "products.documents",
        "programme.models",
        "search.catalogue.service",
        "search.management.commands.rebuild_catalogue_index",
    ):
        assert module in found["imported"]


def test_the_settings_that_measure_or_test_install_the_lab():
    # The other side: the test settings (this process) have it, with its commands.
    assert "lab" in settings.INSTALLED_APPS
    assert get_commands()["generate_catalogue"] == "lab"
    assert get_commands()["measure_relevance"] == "lab"
