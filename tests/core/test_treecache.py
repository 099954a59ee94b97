"""The tree cache across processes: a change made by one process is seen by every other.

Web workers, `manage.py publish_scheduled` and the admin are separate processes; each keeps
the cached routes and menus in its own memory, under a version they all read from the shared
cache. These tests use a real second process and a real file cache, as `make run` does.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings

from config.env import cache_from_url
from core.treecache import _VERSION_KEY, bump_tree_version, cached, tree_version

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def file_cache(tmp_path):
    shared = cache_from_url(f"file://{tmp_path}", default_dir="")
    with override_settings(CACHES={**settings.CACHES, "default": shared}):
        yield tmp_path
    caches["local"].clear()


def bump_in_another_process(cache_dir):
    environment = {**os.environ, "CACHE_URL": f"file://{cache_dir}"}
    environment.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    code = (
        "import django; django.setup(); "
        "from core.treecache import bump_tree_version; bump_tree_version()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, check=True)


def test_a_change_in_another_process_reaches_this_ones_cached_entries(file_cache):
    built = []

    def menu():
        built.append(len(built) + 1)
        return f"menu {len(built)}"

    assert cached("menu:vi", menu) == "menu 1"
    assert cached("menu:vi", menu) == "menu 1"  # from this process's memory
    before = tree_version()

    bump_in_another_process(file_cache)  # as publish_scheduled does after publishing

    assert tree_version() != before
    assert cached("menu:vi", menu) == "menu 2"
    assert built == [1, 2]


@pytest.mark.django_db
def test_every_bump_gives_a_version_never_seen_before(file_cache):
    seen = {tree_version()}
    for _ in range(5):
        bump_tree_version()
        seen.add(tree_version())
    assert len(seen) == 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transaction_replaces_the_shared_version_once_when_it_commits(file_cache):
    shared = tree_version()
    with transaction.atomic():
        bump_tree_version()
        first = tree_version()
        bump_tree_version()
        inside = tree_version()
        # This connection reads its own changes under new versions at once...
        assert len({shared, first, inside}) == 3
        # ...while another process, which cannot see them yet, keeps the old one.
        assert caches["default"].get(_VERSION_KEY) == shared
    assert tree_version() not in {shared, first, inside}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_transaction_leaves_the_version_as_it_was(file_cache):
    shared = tree_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        bump_tree_version()
        raise RuntimeError
    assert tree_version() == shared
    with transaction.atomic():
        # A later transaction does not read the rolled-back one's version.
        assert tree_version() == shared
