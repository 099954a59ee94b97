"""The mixed run of `make loadtest`: many connections over a realistic mix of visits.

Visitors mostly read pages; some search. Every request picks a kind of visit by its weight
(WEIGHTS), then one URL of that kind from the demo content, at random with a fixed seed
(lab/loadtest/mix.lua): the same sequence in every run. Pages and catalogue views (filters,
a search on the catalogue page) are answered from the page cache once a worker has kept
them under their normalised query (production's configuration); the site search and the
API never are. wrk's own counters give the errors: responses that
are not 2xx/3xx, and socket errors (connect, read, write, timeouts after wrk's 2 s).
"""

import json
import os
import re
import subprocess
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

# Percent of requests per kind of visit: 85 page views, 15 searches.
WEIGHTS = {
    "home": 12,
    "catalogue": 5,
    "catalogue filtered": 13,
    "product": 28,
    "company": 12,
    "news item": 15,
    "site search": 6,
    "API search": 9,
}
SEARCHES = Path(__file__).with_name("searches.txt")
SCRIPT = Path(__file__).with_name("mix.lua")


@dataclass
class MixedResult:
    label: str
    connections: int
    duration: str
    requests: int = 0
    requests_per_second: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    non_2xx_3xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    sent: dict[str, int] = field(default_factory=dict)
    failure: str = ""

    @property
    def timeouts(self) -> int:
        return self.socket_errors.get("timeout", 0)

    @property
    def errors(self) -> int:
        """Non-2xx/3xx responses and socket errors other than timeouts (counted apart)."""
        return self.non_2xx_3xx + sum(
            count for name, count in self.socket_errors.items() if name != "timeout"
        )


def mix_paths() -> dict[str, list[str]]:
    """Every URL of each kind of visit, read from the content the server has."""
    # Imported here: the load test's runner imports this module before Django is set up.
    from django.urls import reverse
    from django.utils import translation

    from home.models import HomePage
    from news.models import NewsPage
    from products.models import CompanyPage, ProductIndexPage, ProductPage, ProductRecognition
    from search.catalogue.contract import LANGUAGES

    def urls(model):
        return [page.url for page in model.objects.live().public().order_by("path")]

    catalogues = urls(ProductIndexPage)
    combinations = sorted(
        set(
            ProductRecognition.objects.filter(page__live=True).values_list(
                "page__sector__slug", "year"
            )
        )
    )
    filters = [{"sector": sector} for sector in sorted({sector for sector, _ in combinations})]
    filters += [{"year": year} for year in sorted({year for _, year in combinations})]
    filters += [{"sector": sector, "year": year} for sector, year in combinations]
    filters += [{"sort": "name"}, {"sort": "newest"}, {"top10": "true"}]
    searches = [
        line.strip()
        for line in SEARCHES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    site_searches = []
    for language in LANGUAGES:
        with translation.override(language):
            search = reverse("search")
        site_searches += [f"{search}?{urllib.parse.urlencode({'q': q})}" for q in searches]
    api = reverse("catalogue_api")
    api_searches = [
        f"{api}?{urllib.parse.urlencode({'q': q, 'lang': language})}"
        for q in searches
        for language in LANGUAGES
    ]
    api_searches += [
        f"{api}?{urllib.parse.urlencode(chosen)}" for chosen in filters if "sort" not in chosen
    ]
    return {
        "home": urls(HomePage),
        "catalogue": catalogues,
        "catalogue filtered": [
            f"{catalogue}?{urllib.parse.urlencode(chosen)}"
            for catalogue in catalogues
            for chosen in filters
        ],
        "product": urls(ProductPage),
        "company": urls(CompanyPage),
        "news item": urls(NewsPage),
        "site search": site_searches,
        "API search": api_searches,
    }


def write_mix(paths: dict[str, list[str]], destination: Path) -> None:
    """The mix as the Lua chunk mix.lua loads."""
    lines = ["return {"]
    for name, weight in WEIGHTS.items():
        if not paths[name]:
            raise RuntimeError(f"the demo content has no URL for “{name}”")
        quoted = ", ".join(_lua_string(path) for path in paths[name])
        lines.append(f"  {{name = {_lua_string(name)}, weight = {weight}, paths = {{{quoted}}}}},")
    lines.append("}")
    destination.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_mixed(
    url: str, *, mix: Path, connections: int, threads: int, duration: str, seed: int, label: str
) -> MixedResult:
    result = MixedResult(label, connections, duration)
    completed = subprocess.run(
        [
            "wrk",
            f"-c{connections}",
            f"-t{threads}",
            f"-d{duration}",
            "--latency",
            "-s",
            str(SCRIPT),
            url,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "LOADTEST_MIX": str(mix), "LOADTEST_SEED": str(seed)},
    )
    found = re.search(r"^MIXED-RESULT (.*)$", completed.stdout, re.M)
    if completed.returncode != 0 or not found:
        result.failure = f"wrk failed ({completed.returncode}): {completed.stderr.strip()}"
        return result
    data = json.loads(found.group(1))
    seconds = data["duration_us"] / 1_000_000
    errors = data["errors"]
    result.requests = data["requests"]
    result.requests_per_second = data["requests"] / seconds if seconds else 0.0
    result.p50_ms = data["latency_us"]["p50"] / 1000
    result.p90_ms = data["latency_us"]["p90"] / 1000
    result.p99_ms = data["latency_us"]["p99"] / 1000
    result.max_ms = data["latency_us"]["max"] / 1000
    result.non_2xx_3xx = errors["status"]
    result.socket_errors = {name: errors[name] for name in ("connect", "read", "write", "timeout")}
    result.sent = data["sent"]
    return result


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
