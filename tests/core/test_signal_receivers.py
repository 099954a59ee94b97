"""Every app's receivers exist in any process, whether or not it ever loads the admin.

They are connected in each app's AppConfig.ready() (its signals.connect()), never in
wagtail_hooks.py: Wagtail imports those modules when it first looks for hooks, and a process
that does not (a shell, a task worker, a future Wagtail that looks later) would otherwise save
synonyms, promotions and restrictions without them. The test runs a fresh process in which no
app of ours has a wagtail_hooks module at all, on the suite's database, and rolls back there.
"""

import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import PageViewRestriction

from core.signals import OWN_APPS
from core.treecache import tree_version
from home.context_processors import site_settings
from home.models import SiteSettings
from products.factories import MarketFactory, SectorFactory
from products.models import Sector
from search.catalogue.parameters import known_slugs
from search.models import Synonym
from search.synonyms import synonym_groups
from tests.content import make_company
from tests.sitetree import get_site_tree

ROOT = Path(__file__).resolve().parents[2]

# A None entry in sys.modules makes an import of that module fail, and Wagtail's search for
# hooks (django.utils.module_loading.module_has_submodule) pass it by: as if never written.
IN_A_FRESH_PROCESS = f"""
import json, sys
for app in {OWN_APPS!r}:
    sys.modules[app + ".wagtail_hooks"] = None
import django
django.setup()
from tests.core.test_signal_receivers import exercise
print(json.dumps(exercise(), ensure_ascii=False))
"""


def decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def exercise() -> dict:
    """What each app's receivers did in this process; run by the test in a fresh one."""
    loaded = sorted(
        name
        for name, module in sys.modules.items()
        if module is not None and name.split(".")[0] in OWN_APPS and "wagtail_hooks" in name
    )
    with transaction.atomic():
        result = {"hooks loaded": loaded, **_save_everything()}
        transaction.set_rollback(True)
    return result


def _save_everything() -> dict:
    result = {}
    # search: the synonyms and the vocabulary are cached until a change clears them.
    synonym_groups()
    Synonym.objects.create(term="bình nóng lạnh", alternatives="bình nước nóng")
    result["synonyms"] = synonym_groups().get("bình nóng lạnh")
    promotion = Query.objects.create(query_string=decomposed("cá kho"))
    result["promotion"] = Query.objects.get(pk=promotion.pk).query_string
    # products: a new sector is a facet value at once, stored in NFC (core).
    known_slugs()
    SectorFactory(slug="nganh-moi", name=decomposed("Ngành mới"))
    result["vocabulary"] = "nganh-moi" in known_slugs()["sector"]
    result["sector stored"] = Sector.objects.get(slug="nganh-moi").name
    # home: the footer's settings are cached until saved.
    site_settings(None)
    settings = SiteSettings.load()
    settings.department_name = "Sở Công Thương (mới)"
    settings.save()
    result["site settings"] = site_settings(None)["site_settings"].department_name
    # core: what pages show changes the tree version, and a restriction reaches translations.
    before = tree_version()
    MarketFactory(slug="thi-truong-moi")
    result["market bumps the tree"] = tree_version() != before
    company = make_company(get_site_tree(), title="Minh Phát", slug="minh-phat")
    before = tree_version()
    PageViewRestriction.objects.create(page=company, restriction_type=PageViewRestriction.LOGIN)
    result["restriction bumps the tree"] = tree_version() != before
    result["restricted languages"] = sorted(
        PageViewRestriction.objects.filter(
            page__translation_key=company.translation_key
        ).values_list("page__locale__language_code", flat=True)
    )
    return result


def suite_database_url(tmp_path) -> str:
    """The suite's database, for another process: a copy of SQLite's in-memory one, or the
    PostgreSQL test database itself (the other process rolls back what it writes anyway)."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = tmp_path / "db.sqlite3"
        with closing(sqlite3.connect(copy)) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    server = connection.settings_dict
    credentials = quote(server["USER"] or "")
    if server["PASSWORD"]:
        credentials += ":" + quote(server["PASSWORD"])
    host = f"{server['HOST'] or 'localhost'}:{server['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{server['NAME']}"


# Outside a transaction, as SQLite copies a database only then; the suite's rows come back after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_process_that_never_loads_the_admin_still_runs_every_receiver(site_tree, tmp_path):
    environment = {
        key: value for key, value in os.environ.items() if key not in {"SEARCH_URL", "CACHE_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=suite_database_url(tmp_path),
        VAR_DIR=str(tmp_path / "var"),
    )
    finished = subprocess.run(
        [sys.executable, "-c", IN_A_FRESH_PROCESS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr

    assert json.loads(finished.stdout.splitlines()[-1]) == {
        "hooks loaded": [],
        "synonyms": ["bình nước nóng"],
        "promotion": "cá kho",
        "vocabulary": True,
        "sector stored": "Ngành mới",
        "site settings": "Sở Công Thương (mới)",
        "market bumps the tree": True,
        "restriction bumps the tree": True,
        "restricted languages": ["en", "vi"],
    }
