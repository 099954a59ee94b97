"""The database locked (SQLite) or restarted (PostgreSQL) while editors save and visitors read.

An editor saving a page in the admin either gets the page stored exactly once or the 503 with
a retry message (and nothing stored); a visitor gets the page (one the process already holds
for the tree's version needs no database) or the 503; nobody gets a 500.

The faults are real, so they cannot happen to the suite's own test database (the tests around
this module roll back inside one transaction, and the shared PostgreSQL must never be
restarted). Each test works on a copy of the test database, with the site tree and the same
ids, that it may lock or restart, and points the default connection at it for the test:

- SQLite: a file made with sqlite3's backup API from the in-memory test database. Another
  connection holds the write lock (BEGIN IMMEDIATE) or an exclusive lock, as a second worker
  or `publish_scheduled` would, past the busy timeout or briefly.
- PostgreSQL: a cluster of the test's own (scripts/postgres.sh on a free port, in a temporary
  folder), loaded with pg_dump and pg_restore, and stopped and started with pg_ctl: a real
  restart, between two requests or from inside the save (a receiver on the revision's
  post_save), which a pg_terminate_backend on the shared server would only imitate.
"""

import contextlib
import copy
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from django.db.models.signals import post_save
from django.test import Client
from wagtail.models import PageLogEntry, Revision

from core.faults import MESSAGE_EN, MESSAGE_VI
from news.factories import NewsPageFactory
from tests.sitetree import get_site_tree
from tests.test_moderation import news_form

# For pytest-django to make the test database this module copies; the tests themselves work on
# the copy, and the transaction pytest-django opens on the test database stays empty.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = str(ROOT / "scripts" / "postgres.sh")
VENDOR = "sqlite" if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") else "postgresql"
SITE_BUSY_TIMEOUT = settings.DATABASES["default"].get("OPTIONS", {}).get("timeout", 5)

# Faults during which a save must be refused with the retry message and store nothing.
REFUSING_FAULTS = {
    "sqlite": ["write lock held past the busy timeout"],
    "postgresql": ["server stopped", "server restarted during the save"],
}
# Faults that pass before or while the save runs: the save must be stored, exactly once.
PASSING_FAULTS = {
    "sqlite": ["write lock released within the busy timeout"],
    "postgresql": ["server restarted between requests"],
}
# What a visitor gets while the fault lasts.
PUBLIC_FAULTS = {
    "sqlite": [("write lock held by another connection", 200), ("exclusive lock", 503)],
    "postgresql": [("server stopped", 503)],
}


def pytest_generate_tests(metafunc):
    for name, faults in (
        ("refusing_fault", REFUSING_FAULTS),
        ("passing_fault", PASSING_FAULTS),
        ("public_fault", PUBLIC_FAULTS),
    ):
        if name in metafunc.fixturenames:
            cases = faults[VENDOR]
            ids = [case if isinstance(case, str) else case[0] for case in cases]
            metafunc.parametrize(name, cases, ids=ids)


class SqliteCopy:
    """The test database as a file, and another connection that locks it."""

    def __init__(self, folder: Path):
        self.path = folder / "faults.sqlite3"

    def fill_from(self, connection):
        connection.ensure_connection()
        target = sqlite3.connect(self.path)
        connection.connection.backup(target)
        target.close()

    def settings_for(self, settings_dict, *, busy_timeout: float):
        settings_dict["NAME"] = str(self.path)
        settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "timeout": busy_timeout}
        return settings_dict

    @contextlib.contextmanager
    def locked(self, mode: str, *, release_after: float | None = None):
        """Another connection in a transaction begun with BEGIN *mode*: IMMEDIATE holds the
        write lock (readers go on), EXCLUSIVE shuts readers out too."""
        other = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        other.execute(f"BEGIN {mode}")
        timer = None
        if release_after is not None:
            timer = threading.Timer(release_after, other.execute, args=("ROLLBACK",))
            timer.start()
        try:
            yield
        finally:
            if timer is not None:
                timer.join()
            else:
                other.execute("ROLLBACK")
            other.close()


class PostgresCluster:
    """A PostgreSQL cluster of the test's own, in a temporary folder, on a free port."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # Not pytest's tmp_path: as root the server runs as `postgres`, which cannot enter it.
        self.folder = Path(tempfile.mkdtemp(prefix="spcncl-faults-pg-"))
        self.env = {**os.environ, "PG_PORT": str(self.port), "PG_DIR": str(self.folder)}
        self.bin = Path(self._run("bin").stdout.strip())

    def _run(self, command):
        return subprocess.run(
            [POSTGRES, command], env=self.env, check=True, capture_output=True, text=True
        )

    def start(self):
        self._run("start")

    def stop(self):
        self._run("stop")

    def restart(self):
        self.stop()
        self.start()

    @contextlib.contextmanager
    def stopped(self):
        """The server down for the block, and up again after it whatever the block did, so
        the next request (and the next test) finds it running."""
        self.stop()
        try:
            yield
        finally:
            self.start()

    def fill_from(self, connection):
        source = connection.settings_dict
        dump = self.folder / "test.dump"
        client_env = {**os.environ, "PGPASSWORD": source.get("PASSWORD") or ""}
        subprocess.run(
            [
                self.bin / "pg_dump",
                "--format=custom",
                f"--file={dump}",
                f"--host={source['HOST'] or '127.0.0.1'}",
                f"--port={source['PORT'] or 5432}",
                f"--username={source['USER']}",
                source["NAME"],
            ],
            env=client_env,
            check=True,
        )
        subprocess.run(
            [
                self.bin / "pg_restore",
                "--no-owner",
                "--host=127.0.0.1",
                f"--port={self.port}",
                "--username=postgres",
                "--dbname=spcncl",
                dump,
            ],
            check=True,
        )

    def settings_for(self, settings_dict, **_):
        settings_dict.update(
            NAME="spcncl", HOST="127.0.0.1", PORT=str(self.port), USER="postgres", PASSWORD=""
        )
        return settings_dict

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def database_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """A copy of the test database (site tree included) that the tests may lock or restart."""
    with django_db_blocker.unblock():
        connection = connections[DEFAULT_DB_ALIAS]
        if VENDOR == "sqlite":
            copy_ = SqliteCopy(tmp_path_factory.mktemp("faults"))
            copy_.fill_from(connection)
            yield copy_
        else:
            copy_ = PostgresCluster()
            try:
                copy_.start()
                copy_.fill_from(connection)
                yield copy_
            finally:
                copy_.remove()


@pytest.fixture
def busy_timeout():
    """SQLite's, on the copy: short, so a lock held "past the timeout" costs little time."""
    return 0.5


@pytest.fixture
def on_copy(database_copy, django_db_blocker, busy_timeout):
    """The default connection points at the copy for the test; the test database's own
    connection waits aside, untouched (closing an in-memory SQLite one would destroy it)."""
    original = connections[DEFAULT_DB_ALIAS]
    settings_dict = database_copy.settings_for(
        copy.deepcopy(original.settings_dict), busy_timeout=busy_timeout
    )
    replacement = type(original)(settings_dict, alias=DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = replacement
    try:
        with django_db_blocker.unblock():
            yield replacement
    finally:
        replacement.close()
        connections[DEFAULT_DB_ALIAS] = original


class WorkerClient(Client):
    """Django's test client, with what a web worker does around each request.

    The test client leaves out `close_old_connections` (its tests share one connection inside
    a transaction), but that is where a worker drops a connection that failed or outlived
    CONN_MAX_AGE and arms the health check (CONN_HEALTH_CHECKS) for the next request.
    """

    def request(self, **request):
        close_old_connections()
        try:
            return super().request(**request)
        finally:
            close_old_connections()


@pytest.fixture
def worker(on_copy):
    # As a server: an exception becomes the error page (a 500 fails the status checks).
    return WorkerClient(raise_request_exception=False)


@pytest.fixture
def editor(on_copy, worker):
    name = f"bien-tap-{uuid.uuid4().hex[:8]}"
    worker.force_login(User.objects.create_superuser(name, f"{name}@example.vn", "mat-khau"))
    return worker


@pytest.fixture
def article(on_copy):
    slug = f"tin-su-co-{uuid.uuid4().hex[:8]}"
    page = NewsPageFactory(parent=get_site_tree().news, title="Tin trước sự cố", slug=slug)
    page.save_revision().publish()
    return page


def stored(page) -> dict:
    """What a save leaves behind: revisions, log entries, the draft's title."""
    page.refresh_from_db()
    return {
        "revisions": Revision.page_revisions.filter(object_id=str(page.pk)).count(),
        "log entries": PageLogEntry.objects.filter(page_id=page.pk).count(),
        "draft title": page.get_latest_revision_as_object().title,
        "unpublished changes": page.has_unpublished_changes,
    }


def save(client, page, title):
    return client.post(f"/admin/pages/{page.pk}/edit/", news_form(title, page.slug))


def assert_retry_message(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert MESSAGE_VI in body and MESSAGE_EN in body


@contextlib.contextmanager
def refusing(fault, database_copy):
    if fault == "write lock held past the busy timeout":
        with database_copy.locked("IMMEDIATE"):
            yield
    elif fault == "server stopped":
        with database_copy.stopped():
            yield
    elif fault == "server restarted during the save":
        # After Wagtail has written the revision, inside the request's transaction.
        def restart(**kwargs):
            database_copy.restart()

        post_save.connect(restart, sender=Revision, dispatch_uid="restart-during-save")
        try:
            yield
        finally:
            post_save.disconnect(sender=Revision, dispatch_uid="restart-during-save")
    else:
        raise AssertionError(fault)


def test_a_save_during_a_fault_gets_the_retry_message_and_stores_nothing(
    refusing_fault, database_copy, editor, article
):
    before = stored(article)
    with refusing(refusing_fault, database_copy):
        response = save(editor, article, "Tin sau sự cố")
    assert_retry_message(response)
    assert stored(article) == before

    retry = save(editor, article, "Tin sau sự cố")
    assert retry.status_code == 302
    after = stored(article)
    assert after["revisions"] == before["revisions"] + 1
    assert after["draft title"] == "Tin sau sự cố"
    assert after["unpublished changes"]


# The busy timeout the site runs with (config/settings/base.py), longer than the lock is held.
@pytest.mark.parametrize("busy_timeout", [SITE_BUSY_TIMEOUT])
def test_a_save_after_a_passing_fault_is_stored_exactly_once(
    passing_fault, database_copy, editor, article, busy_timeout
):
    before = stored(article)
    # The editor opens the page: the worker now holds a connection it keeps between requests.
    assert editor.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    if passing_fault == "write lock released within the busy timeout":
        with database_copy.locked("IMMEDIATE", release_after=0.3):
            response = save(editor, article, "Tin sau sự cố")
    elif passing_fault == "server restarted between requests":
        database_copy.restart()
        # The kept connection is dead; the health check at the start of the request sees it.
        response = save(editor, article, "Tin sau sự cố")
    else:
        raise AssertionError(passing_fault)
    assert response.status_code == 302
    after = stored(article)
    assert after["revisions"] == before["revisions"] + 1
    assert after["draft title"] == "Tin sau sự cố"


@contextlib.contextmanager
def public_fault_active(fault, database_copy):
    if fault == "write lock held by another connection":
        with database_copy.locked("IMMEDIATE"):
            yield
    elif fault == "exclusive lock":
        with database_copy.locked("EXCLUSIVE"):
            yield
    elif fault == "server stopped":
        with database_copy.stopped():
            yield
    else:
        raise AssertionError(fault)


def test_public_pages_during_a_fault_answer_or_ask_to_retry_never_500(
    public_fault, database_copy, worker, article
):
    fault, expected = public_fault
    # A missing page: Wagtail's redirect middleware looks it up in the database after the view.
    paths = ["/", article.url, "/en/", "/san-pham/", "/khong-co-trang-nay/"]
    normal = [worker.get(path).status_code for path in paths]
    assert normal == [200, 200, 200, 200, 404]
    with public_fault_active(fault, database_copy):
        pages = [worker.get(path) for path in paths]
        api = worker.get("/api/catalogue/", {"q": "den"}, HTTP_ACCEPT="application/json")
        # The same page once this process has forgotten it (another worker, a restart).
        caches["loaded-pages"].clear()
        cold = worker.get(article.url)
    if expected == 503:
        # Pages this process loaded for the tree's version are served from memory, as they
        # were (core.serving); what needs the database asks to retry: a missing page (the
        # redirects' lookup), a search not asked before, a page not loaded yet.
        assert [page.status_code for page in pages[:4]] == normal[:4]
        assert "Tin trước sự cố" in pages[1].content.decode()
        assert_retry_message(pages[4])
        assert api.status_code == 503 and api["Retry-After"]
        assert api.json()["message"] == MESSAGE_VI
        assert_retry_message(cold)
    else:
        assert [page.status_code for page in pages] == normal
        assert api.status_code == 200
        assert cold.status_code == 200
    assert [worker.get(path).status_code for path in paths] == normal
