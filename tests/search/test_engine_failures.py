"""The engine down, frozen or silent: pages keep serving and editors keep publishing.

Each failure is real: a port nobody listens on, a listening socket that never answers, and
(with the engine pass) the node itself frozen with SIGSTOP. Searches are answered from the
database path with a notice; `check_catalogue_index --repair` catches up afterwards.
"""

import contextlib
import io
import json
import os
import signal
import socket
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from search.catalogue.sync import update_products
from tests.content import make_company, make_product


def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def silent_server():
    """A socket that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture
def product(site_tree, settings):
    settings.SEARCH_URL = ""
    company = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    led = make_product(
        site_tree,
        company=company,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        translate=False,
    )
    update_products([led.translation_key])
    return led


def assert_served_from_the_database(client, product=None):
    response = client.get("/api/catalogue/", {"q": "den led"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert [result["title"] for result in data["results"]] == ["Đèn LED Rạng Đông"]
    assert "cơ sở dữ liệu" in data["notice"]
    for path in ("/san-pham/", "/tim-kiem/"):
        page = client.get(path, {"q": "den led"})
        assert page.status_code == 200
        assert "Máy tìm kiếm đang tạm gián đoạn" in page.content.decode(), path
    # Pages that do not search never ask the engine.
    for path in ("/", "/san-pham/", "/doanh-nghiep/", product.url if product else "/en/"):
        assert client.get(path).status_code == 200, path


def publish_succeeds(product, django_capture_on_commit_callbacks):
    product.title = "Đèn LED Rạng Đông thế hệ mới"
    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()
    product.refresh_from_db()
    assert product.live and product.title.endswith("thế hệ mới")


def test_a_port_nobody_listens_on(client, product, settings, django_capture_on_commit_callbacks):
    settings.SEARCH_URL = closed_port_url()
    assert_served_from_the_database(client, product)
    publish_succeeds(product, django_capture_on_commit_callbacks)


def test_a_socket_that_never_answers(
    client, product, settings, silent_server, django_capture_on_commit_callbacks
):
    settings.SEARCH_URL = silent_server
    settings.SEARCH_TIMEOUT = 0.5
    assert_served_from_the_database(client, product)
    publish_succeeds(product, django_capture_on_commit_callbacks)


def _engine_pid() -> int:
    port = urlparse(django_settings.SEARCH_URL).port
    pid_file = Path(django_settings.BASE_DIR) / "var" / "search-engine" / f"node-{port}.pid"
    assert pid_file.exists(), f"the engine pass starts its node with a pid file ({pid_file})"
    return int(pid_file.read_text())


@contextlib.contextmanager
def node_stopped(settings):
    """The node as a stopped one looks to the site: nothing listens on its port. (The shared
    node is never stopped for real; its address comes back for the recovery.)"""
    real_url = settings.SEARCH_URL
    settings.SEARCH_URL = closed_port_url()
    try:
        yield
    finally:
        settings.SEARCH_URL = real_url


@contextlib.contextmanager
def node_frozen(settings):
    """The real node frozen with SIGSTOP: it accepts connections and never answers."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    assert workers == 1, (
        "freezing the node would stall the other workers' engine tests: run the engine_alone "
        "tests in one process (scripts/run-tests.sh does)"
    )
    pid = _engine_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


@pytest.mark.engine
@pytest.mark.parametrize(
    "fault",
    [node_stopped, pytest.param(node_frozen, marks=pytest.mark.engine_alone)],
    ids=["stopped", "frozen"],
)
def test_a_failed_node_then_repair(
    client, site_tree, settings, django_capture_on_commit_callbacks, fault
):
    import uuid

    from search.catalogue.engine.client import as_dict, get_client, index_name
    from search.catalogue.engine.indexing import rebuild

    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}{uuid.uuid4().hex[:10]}_"
    generous_timeout = settings.SEARCH_TIMEOUT
    company = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    led = make_product(
        site_tree,
        company=company,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        translate=False,
    )
    update_products([led.translation_key])
    rebuild()
    backends = settings.WAGTAILSEARCH_BACKENDS
    # Visitors' timeouts, for both search paths, while the node is down or frozen.
    settings.SEARCH_TIMEOUT = 1.0
    settings.WAGTAILSEARCH_BACKENDS = {
        **backends,
        "default": {**backends["default"], "TIMEOUT": 1.0},
    }
    with fault(settings):
        assert_served_from_the_database(client, led)
        publish_succeeds(led, django_capture_on_commit_callbacks)
    # A node just woken from SIGSTOP can take seconds to answer on a busy machine.
    settings.SEARCH_TIMEOUT = generous_timeout
    settings.WAGTAILSEARCH_BACKENDS = backends
    out = io.StringIO()
    with pytest.raises(Exception, match="drifted"):
        call_command("check_catalogue_index", stdout=out)
    if fault is node_stopped:
        # Only a stopped node is sure to have missed the write. A frozen one still holds the
        # request in its socket buffer and may apply it when it wakes, before or after the
        # check reads the index; either way the repair below must leave the index right.
        assert "stale: 1" in out.getvalue()
    call_command("check_catalogue_index", "--repair", stdout=io.StringIO())
    clean = io.StringIO()
    call_command("check_catalogue_index", stdout=clean)
    assert "The index matches the database." in clean.getvalue()
    data = json.loads(client.get("/api/catalogue/", {"q": "the he moi"}).content)
    assert "notice" not in data
    assert [result["title"] for result in data["results"]] == ["Đèn LED Rạng Đông thế hệ mới"]
    client_ = get_client()
    for name in as_dict(client_.indices.get(index=f"{index_name()}*")):
        client_.indices.delete(index=name)
