"""`make bench-search`: build a synthetic catalogue, index it both ways, time searches over HTTP.

One run, in order:

1. `manage.py generate_catalogue` into the benchmark database (kept when it already holds the
   same N and seed);
2. the engine indices, rebuilt behind their aliases by `search.catalogue.indexing.rebuild()`
   and `engine.companies.rebuild_companies()`, and the database path's entries by
   `database.rebuild_entries()` and `rebuild_company_entries()` (what `manage.py
   rebuild_catalogue_index` runs), each with its build rate in documents per second, plus the
   rate of the one-product-at-a-time functions publishing uses, on a sample;
3. a fixed mix of catalogue searches against gunicorn (2 workers) serving the benchmark
   settings, once with SEARCH_URL (engine path) and once without (database path): latency
   percentiles over HTTP, and for the engine path the engine's own `took` for the same request
   bodies (`query.build_search` and `companies.build_company_search`: every search sends
   both), with the ratio between them.

The OpenSearch node is started on its own port (BENCH_SEARCH_PORT, 9260) unless SEARCH_URL is
set, and stopped afterwards if this run started it; gunicorn listens on BENCH_PORT (8260).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from lab.measuring import gunicorn_command

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
SETTINGS = "config.settings.bench"
SAMPLE = 500  # products timed through the one-at-a-time functions

# (label, kind, parameters of GET /api/catalogue/): the kinds the issue names, each several
# times with different words so that no single cached term decides the figures.
QUERY_MIX = [
    ("plain", "đèn led âm trần", {}),
    ("plain", "máy bơm nước", {}),
    ("plain", "gạch ốp lát chống thấm", {}),
    ("plain", "bình nước nóng thông minh", {}),
    ("plain", "sữa tươi tiệt trùng", {}),
    ("plain", "gốm sứ bát tràng", {}),
    ("no-diacritics", "den led am tran", {}),
    ("no-diacritics", "may bom nuoc", {}),
    ("no-diacritics", "ong thep inox", {}),
    ("no-diacritics", "phan mem ke toan", {}),
    ("typo", "đèn lde âm trần", {}),
    ("typo", "máy bơmm nước", {}),
    ("typo", "gach op latt", {}),
    ("typo", "phan mem kee toan", {}),
    ("english", "led downlight", {"lang": "en"}),
    ("english", "stainless steel pipe", {"lang": "en"}),
    ("english", "water heater", {"lang": "en"}),
    ("filtered", "máy", {"sector": ["co-khi-che-tao"], "year": ["2023"]}),
    ("filtered", "đèn", {"sector": ["dien-dien-tu"]}),
    ("filtered", "", {"year": ["2021"], "top10": ["true"]}),
    ("filtered", "bia", {"sector": ["che-bien-nong-san-thuc-pham"], "year": ["2024", "2025"]}),
    (
        "faceted",
        "cáp điện",
        {"certification": ["iso-9001", "ce"], "market": ["nhat-ban", "han-quoc"]},
    ),
    ("faceted", "", {"sector": ["vat-lieu-xay-dung", "thu-cong-my-nghe"], "market": ["asean"]}),
    ("faceted", "giày", {"certification": ["oeko-tex"], "top10": ["false"]}),
    ("paged", "", {"page": 5}),
    ("paged", "", {"page": 20, "sort": "name"}),
    ("paged", "phần mềm", {"page": 2, "sort": "newest"}),
    ("paged", "", {"sort": "newest"}),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=10, help="passes over the query mix")
    parser.add_argument(
        "--max-seconds", type=float, default=300, help="time cap of one path's measured passes"
    )
    options = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ.pop("DATABASE_URL", None)  # the bench settings read BENCH_DATABASE_URL only
    print(f"== Search benchmark: {options.products} products, seed {options.seed}")
    print(f"   machine: {os.cpu_count()} CPUs, load average {_load()}")
    with search_node() as search_url:
        generate(options)
        os.environ["SEARCH_URL"] = search_url
        import django

        django.setup()
        build_indexes()
        engine = measure_path("engine", search_url, options)
        database = measure_path("database", None, options)
    print()
    print("== Summary (ms)")
    for label, values in (
        ("engine, repeated mix", engine["http"]),
        ("engine, distinct", engine["distinct"]),
        ("database, repeated mix", database["http"]),
        ("database, distinct", database["distinct"]),
        ("engine took, mix", engine["took"]),
        ("engine took, distinct", engine["took_distinct"]),
    ):
        print(f"   {label:<24} {_percentiles(values)}")
    _print_ratio("HTTP / took, mix", engine["http"], engine["took"])
    _print_ratio("HTTP / took, distinct", engine["distinct"], engine["took_distinct"])
    print(f"   load average at the end: {_load()}")
    return 0


# -- services ---------------------------------------------------------------------------


@contextmanager
def search_node():
    """SEARCH_URL if set; otherwise this run's own node on BENCH_SEARCH_PORT, stopped after."""
    if os.environ.get("SEARCH_URL"):
        print(f"   engine: {os.environ['SEARCH_URL']} (SEARCH_URL)")
        yield os.environ["SEARCH_URL"]
        return
    port = os.environ.get("BENCH_SEARCH_PORT", "9260")
    env = {**os.environ, "SEARCH_PORT": port}
    script = [str(ROOT / "scripts" / "search-engine.sh")]
    already = subprocess.run([*script, "status"], env=env, capture_output=True).returncode == 0
    subprocess.run([*script, "start"], env=env, check=True)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        if already:
            print(f"   engine on port {port} was already running: left running")
        else:
            subprocess.run([*script, "stop"], env=env, check=False)


@contextmanager
def gunicorn(search_url: str | None):
    port = os.environ.get("BENCH_PORT", "8260")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    env.pop("SEARCH_URL", None)
    if search_url:
        env["SEARCH_URL"] = search_url
    # The database path can take longer than gunicorn's default 30 s on a large catalogue; a
    # killed worker would turn a slow answer into a failure that measures nothing.
    server = subprocess.Popen(gunicorn_command(port, timeout=600), cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                # The autocomplete with no query answers without touching the catalogue.
                urllib.request.urlopen(f"{base}/api/catalogue/suggest/?q=", timeout=10).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- steps ------------------------------------------------------------------------------


def generate(options) -> None:
    print()
    print("== Catalogue")
    env = {key: value for key, value in os.environ.items() if key != "SEARCH_URL"}
    started = time.perf_counter()
    subprocess.run(
        [
            PYTHON,
            "manage.py",
            "generate_catalogue",
            "--products",
            str(options.products),
            "--seed",
            str(options.seed),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"   generate_catalogue: {time.perf_counter() - started:.1f} s")


def build_indexes() -> None:
    """The real commands' build rates, then the one-product-at-a-time ones on a sample."""
    # Imported here, and in the functions below: this module runs before Django is set up
    # (main() configures it once the catalogue is generated).
    from products.documents import product_document
    from search.catalogue.database.companies import rebuild_company_entries
    from search.catalogue.database.query import rebuild_entries, rebuild_workers, sync_entry
    from search.catalogue.engine import indexing
    from search.catalogue.engine.companies import rebuild_companies
    from search.catalogue.source import catalogue_source

    sample = catalogue_source().keys()[:SAMPLE]
    print()
    print("== Index builds")

    started = time.perf_counter()
    report = indexing.rebuild()
    _rate(f"engine index rebuild ({report.index})", report.documents, started)

    started = time.perf_counter()
    # As `manage.py rebuild_catalogue_index` runs it: with its default workers.
    written = rebuild_entries(workers=rebuild_workers())
    _rate(f"database entries (rebuild_entries, {rebuild_workers()} workers)", written, started)

    # Every catalogue search also searches the companies (search.catalogue.company_search):
    # without their index the engine path would fail that request and answer it from the
    # database each time, and measure that.
    started = time.perf_counter()
    report = rebuild_companies()
    _rate(f"engine company index rebuild ({report.index})", report.documents, started)

    started = time.perf_counter()
    written = rebuild_company_entries(workers=rebuild_workers())
    _rate("database company entries (rebuild_company_entries)", written, started)

    started = time.perf_counter()
    for key in sample:
        product_document(key)
    _rate("product_document(), one product at a time", len(sample), started)

    started = time.perf_counter()
    for key in sample:
        sync_entry(key)
    _rate("database entries, one product at a time (sync_entry)", len(sample), started)


def measure_path(name: str, search_url: str | None, options) -> dict:
    # Imported once Django is set up (see build_indexes).
    from lab.benchmark.queries import distinct_searches

    print()
    print(f"== {name.capitalize()} path over HTTP (gunicorn, 2 workers)")
    mix_keys = {_query_string(q, params) for _, q, params in QUERY_MIX}
    distinct = [
        search for search in distinct_searches() if _query_string(*search[1:]) not in mix_keys
    ]
    figures = {"http": [], "distinct": [], "took": [], "took_distinct": []}
    with gunicorn(search_url) as base:
        urls = [base + "/api/catalogue/?" + _query_string(q, params) for _, q, params in QUERY_MIX]
        # Warm-up: every query on both workers, within a third of the time allowed.
        started = time.perf_counter()
        for url in urls * 2:
            _get(url)
            if time.perf_counter() - started > options.max_seconds / 3:
                break
        print("   repeated mix (28 searches, each sent once per round):")
        kinds = [kind for kind, *_ in QUERY_MIX]
        _measure(
            list(zip(kinds, urls, strict=True)) * options.rounds,
            figures["http"],
            options,
            engine=bool(search_url),
        )
        print(f"   distinct searches ({len(distinct)}, each sent once):")
        _measure(
            [(kind, base + "/api/catalogue/?" + _query_string(q, p)) for kind, q, p in distinct],
            figures["distinct"],
            options,
            engine=bool(search_url),
        )
    if search_url:
        # The engine's own time for the same request bodies, sent directly: the mix through
        # the request cache as the site sends it, the distinct searches with it off, which is
        # what each of them cost the first time.
        figures["took"] = _engine_took(QUERY_MIX * max(1, options.rounds), cache=True)
        figures["took_distinct"] = _engine_took(distinct, cache=False)
        print(f"   {'engine took, mix':<24} {_percentiles(figures['took'])}")
        print(f"   {'engine took, distinct':<24} {_percentiles(figures['took_distinct'])}")
    return figures


def _measure(requests: list[tuple[str, str]], into: list, options, *, engine: bool) -> None:
    statuses, kinds, fallbacks = {}, {}, 0
    started = time.perf_counter()
    for kind, url in requests:
        seconds, status, fallback = _get(url)
        statuses[status] = statuses.get(status, 0) + 1
        fallbacks += fallback
        into.append(seconds)
        kinds.setdefault(kind, []).append(seconds)
        if time.perf_counter() - started > options.max_seconds:
            print(f"     stopped after {options.max_seconds:.0f} s (--max-seconds)")
            break
    print(f"     {len(into)} requests, statuses {statuses}")
    if engine:
        # The engine path answers from the database when the engine fails or exceeds
        # SEARCH_TIMEOUT: those answers are in the figures, and counted here.
        print(f"     answered by the database fallback: {fallbacks}")
    for kind, seconds in kinds.items():
        print(f"     {kind:<14} {_percentiles(seconds)}")
    print(f"     {'all':<14} {_percentiles(into)}")


def _engine_took(searches, *, cache: bool) -> list[float]:
    # Imported once Django is set up (see build_indexes).
    from core.text import clean_search_text
    from search.catalogue.company_contract import COMPANY_PREVIEW
    from search.catalogue.contract import CatalogueQuery
    from search.catalogue.engine.client import get_client, index_name
    from search.catalogue.engine.companies import build_company_search, company_index_name
    from search.catalogue.engine.query import build_search
    from search.synonyms import synonym_groups

    client, synonyms = get_client(), synonym_groups()
    took = []
    for _, q, params in searches:
        query = CatalogueQuery(
            q=clean_search_text(q),
            lang=params.get("lang", "vi"),
            filters={
                group: list(values)
                for group, values in params.items()
                if group not in ("lang", "page", "sort")
            },
            sort=params.get("sort", "relevance"),
            page=params.get("page", 1),
        )
        # The site sends two requests a search, the products' and the companies': their
        # times together are the engine's share of the answer.
        products = client.search(
            index=index_name(), body=build_search(query, synonyms=synonyms), request_cache=cache
        )
        companies = client.search(
            index=company_index_name(),
            body=build_company_search(query, synonyms=synonyms, start=0, size=COMPANY_PREVIEW),
            request_cache=cache,
        )
        took.append((products["took"] + companies["took"]) / 1000)
    return took


# -- helpers ----------------------------------------------------------------------------


def _query_string(q: str, params: dict) -> str:
    pairs = [("q", q)]
    for name, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return urllib.parse.urlencode(pairs)


def _get(url: str) -> tuple[float, int, bool]:
    """(seconds, HTTP status, whether the engine path fell back to the database)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body = error.read()
        status = error.code
    seconds = time.perf_counter() - started
    return seconds, status, status == 200 and b'"notice"' in body


def _percentile(values: list[float], percent: int) -> float:
    if len(values) < 2:
        return values[0]
    # "inclusive": the sample is the whole population measured, as wrk reports its own.
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _percentiles(values: list[float]) -> str:
    if not values:
        return "no figures"
    return (
        "  ".join(
            f"p{percent} {_percentile(values, percent) * 1000:7.1f}" for percent in (50, 95, 99)
        )
        + f"  (n={len(values)})"
    )


def _print_ratio(label: str, http: list[float], took: list[float]) -> None:
    if not took or not http:
        return
    ratios = [
        _percentile(http, percent) / max(_percentile(took, percent), 1e-3)
        for percent in (50, 95, 99)
    ]
    print(
        f"   {label:<24} "
        + "  ".join(f"p{p} {ratio:7.1f}" for p, ratio in zip((50, 95, 99), ratios, strict=True))
    )


def _rate(label: str, count: int, started: float) -> None:
    seconds = time.perf_counter() - started
    print(f"   {label}: {count} documents in {seconds:.1f} s = {count / seconds:,.0f} documents/s")


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
