"""`make loadtest`: every public page type under wrk, as a share of a bare Django view, then a
mixed run of many connections over a realistic mix of visits.

The project's standard: uncached detail pages at >= 10 % of a bare view's requests/s on the
same server, cached ones >= 60 %, measured with gunicorn (production's config/gunicorn.py)
and `wrk -c16` on the same machine, the bare view behind the same middleware. One run, in
order:

1. the demo content (`manage.py migrate`, `load_demo`, `update_index`,
   `rebuild_catalogue_index`) in the load test's own database (config.settings.loadtest,
   default var/loadtest.sqlite3; a second run changes nothing and takes seconds);
2. the URLs of one page of each public type, read from that content;
3. for each phase, "uncached" (PAGE_CACHE_SECONDS=0: no full-page cache; the tree, fragment
   and query caches stay on, as the standard allows) and "cached" (the anonymous page cache,
   core.pagecache): gunicorn on LOADTEST_PORT (8270), every URL checked to answer 200 itself
   (no redirect), then the bare view, each page in turn and the bare view again, each with a
   warm-up run of wrk before the measured one;
4. the phase "mixed" (lab/loadtest/mixed.py): with the page cache, 64 connections for 60 s
   over a weighted mix of page views and searches (the weights are printed), between two runs
   of the bare view at the same number of connections: requests/s, p50/p90/p99, errors and
   timeouts;
5. a table: requests/s, latency p50/p99, the share of the bare view (the mean of its two runs
   in the same phase) and whether the target is met; the peak RSS of each gunicorn worker
   (VmHWM from /proc), and the load average at the start, between phases and at the end (the
   machine may be shared);
6. beside each row, the same page in the stored baseline (benchmarks/loadtest-baseline.json,
   committed; --baseline names another): its requests/s, its share of the bare view and the
   change of the share in %, so a regression shows in the next run. The share is compared
   rather than requests/s because it carries over between machines and loads. --write-baseline
   stores this run as the new baseline (phases not run keep their stored figures).

It measures and does not judge: the exit status is non-zero only on errors (a URL that does
not answer 200, non-2xx responses or socket errors counted by wrk, timeouts included, a server
that does not start), never because of a figure.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lab.loadtest.mixed import WEIGHTS, MixedResult, mix_paths, run_mixed, write_mix
from lab.measuring import GUNICORN_CONFIG, gunicorn_command, gunicorn_summary

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
SETTINGS = "config.settings.loadtest"
BARE_PATH = "/loadtest/bare/"
TARGETS = {"uncached": 10, "cached": 60}
PHASES = ("uncached", "cached", "mixed")
BASELINE = ROOT / "benchmarks" / "loadtest-baseline.json"
# Pages the page cache never keeps (a view, not a page of the tree): the uncached target
# applies to them in the cached phase too.
NEVER_KEPT = {"search ?q="}

WRK_MISSING = """wrk is not installed; the load test needs it.
  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y wrk
  macOS:         brew install wrk
  elsewhere:     https://github.com/wg/wrk (make, then put `wrk` on PATH)"""


@dataclass
class Measurement:
    label: str
    path: str
    requests_per_second: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Phase:
    name: str
    bare: list[Measurement] = field(default_factory=list)
    pages: list[Measurement] = field(default_factory=list)
    worker_peak_rss_mb: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mixed: list[MixedResult] = field(default_factory=list)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", default="10s", help="wrk -d of each measured run")
    parser.add_argument("--warmup", default="3s", help="wrk -d of the warm-up before each")
    parser.add_argument("--connections", type=int, default=16, help="wrk -c")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t")
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help="comma-separated, of: uncached, cached, mixed (all by default)",
    )
    parser.add_argument(
        "--mixed-duration", default="60s", help="wrk -d of the mixed run (after a warm-up)"
    )
    parser.add_argument("--mixed-connections", type=int, default=64, help="wrk -c of the mixed run")
    parser.add_argument(
        "--mixed-bare-duration",
        default="15s",
        help="wrk -d of the bare view runs before and after the mixed run (same -c)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the mixed run's choices")
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=300,
        help="PAGE_CACHE_SECONDS of the cached phase",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=BASELINE,
        help="the stored run the figures are compared with (JSON)",
    )
    parser.add_argument(
        "--write-baseline",
        action="store_true",
        help="store this run as the baseline (a run with errors is not stored)",
    )
    parser.add_argument(
        "--pages",
        default="",
        help="comma-separated labels: measure only these pages (a quick check of the script)",
    )
    options = parser.parse_args(argv)
    phases = [name.strip() for name in options.phases.split(",") if name.strip()]
    if unknown := set(phases) - set(PHASES):
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")

    if shutil.which("wrk") is None:
        print(WRK_MISSING, file=sys.stderr)
        return 2

    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ.pop("DATABASE_URL", None)  # the load test reads LOADTEST_DATABASE_URL only
    os.environ.pop("PAGE_CACHE_SECONDS", None)  # each phase sets its own
    print(f"== Load test: gunicorn with {GUNICORN_CONFIG.relative_to(ROOT)} ({gunicorn_summary()})")
    print("   pages one at a time: " + _wrk_flags(options, options.duration))
    print(f"   machine: {os.cpu_count()} CPUs, load average at the start {_load()}")
    prepare()

    import django

    django.setup()
    pages = public_pages()
    if options.pages:
        wanted = {label.strip() for label in options.pages.split(",")}
        if unknown := wanted - {label for label, _path in pages}:
            parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
        pages = [(label, path) for label, path in pages if label in wanted]
    baseline = read_baseline(options.baseline)
    results = []
    for name in phases:
        if name == "mixed":
            results.append(measure_mixed(options))
            continue
        cache_seconds = 0 if name == "uncached" else options.page_cache_seconds
        results.append(measure_phase(name, cache_seconds, pages, options))

    print()
    print_table(results, baseline)
    print(f"   load average at the end: {_load()}")
    errors = [error for phase in results for error in phase.errors]
    errors += [
        error
        for phase in results
        for measurement in phase.bare + phase.pages
        for error in measurement.errors
    ]
    errors += [
        f"mixed run: {run.failure or _mixed_errors(run)}"
        for phase in results
        for run in phase.mixed
        if run.failure or run.errors or run.timeouts
    ]
    if errors:
        print()
        print("== Errors")
        for error in errors:
            print(f"   {error}")
        if options.write_baseline:
            print(f"   the baseline was not written ({_relative(options.baseline)})")
        return 1
    if options.write_baseline:
        write_baseline(options.baseline, results, baseline, options)
    return 0


# -- content ----------------------------------------------------------------------------


def prepare() -> None:
    print()
    print("== Demo content (config.settings.loadtest)")
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_demo"],
        ["update_index"],
        ["rebuild_catalogue_index"],
    ):
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"   manage.py {command[0]}: {time.perf_counter() - started:.1f} s")


def public_pages() -> list[tuple[str, str]]:
    """(label, path) of one page of each public type, from the content the server has."""
    # Imported here: this module runs before Django is set up (main() does that first).
    from django.urls import reverse
    from django.utils import translation

    from home.models import HomePage
    from news.models import NewsPage
    from products.models import CompanyPage, ProductIndexPage, ProductPage
    from programme.models import CriteriaPage, EventPage, StatisticsPage

    def first(model, language="vi"):
        page = (
            model.objects.live()
            .public()
            .filter(locale__language_code=language)
            .order_by("path")
            .first()
        )
        if page is None:
            raise RuntimeError(f"the demo content has no live {model.__name__} in {language}")
        return page.url

    with translation.override("vi"):
        search = reverse("search") + "?" + urllib.parse.urlencode({"q": "sản phẩm"})
    # A filtered catalogue view that finds something: the first product's sector and year,
    # parameters in an order the page's own links would not use (the key sorts them).
    product = (
        ProductPage.objects.live()
        .public()
        .filter(locale__language_code="vi", sector__isnull=False, recognitions__isnull=False)
        .select_related("sector")
        .order_by("path")
        .first()
    )
    if product is None:
        raise RuntimeError("the demo content has no live product with a sector and a year")
    year = product.recognitions.order_by("year").values_list("year", flat=True).first()
    filtered = urllib.parse.urlencode({"year": year, "sector": product.sector.slug})
    tracked = urllib.parse.urlencode({"utm_source": "zalo", "utm_medium": "social"})
    return [
        ("home (vi)", first(HomePage)),
        ("home (en)", first(HomePage, "en")),
        ("catalogue", first(ProductIndexPage)),
        ("catalogue ?f", f"{first(ProductIndexPage)}?{filtered}"),
        ("product", first(ProductPage)),
        ("product ?utm", f"{first(ProductPage)}?{tracked}"),
        ("product (en)", first(ProductPage, "en")),
        ("company", first(CompanyPage)),
        ("news item", first(NewsPage)),
        ("event", first(EventPage)),
        ("criteria", first(CriteriaPage)),
        ("statistics", first(StatisticsPage)),
        ("search ?q=", search),
    ]


# -- the server -------------------------------------------------------------------------


@contextmanager
def gunicorn(page_cache_seconds: int):
    port = int(os.environ.get("LOADTEST_PORT", "8270"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
    }
    server = subprocess.Popen(gunicorn_command(port), cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while status_of(port, BARE_PATH) != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start on port {port}")
            time.sleep(0.5)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def status_of(port: int, path: str) -> int | None:
    """The status of GET *path* as answered, redirects not followed; None if unreachable."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def worker_peak_rss_mb(master_pid: int) -> list[float]:
    """Each worker's peak resident memory (VmHWM), in MB, from /proc."""
    peaks = []
    for pid in _children(master_pid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if found:
            peaks.append(int(found.group(1)) / 1024)
    return sorted(peaks)


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        return [int(child) for child in children.read_text().split()]
    found = []  # kernels without CONFIG_PROC_CHILDREN: read every process's parent
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


# -- measuring --------------------------------------------------------------------------


def measure_phase(name: str, cache_seconds: int, pages, options) -> Phase:
    phase = Phase(name)
    print()
    print(f"== Phase {name} (PAGE_CACHE_SECONDS={cache_seconds}), load average {_load()}")
    with gunicorn(cache_seconds) as (port, master):
        for label, path in pages:
            status = status_of(port, path)
            if status != 200:
                phase.errors.append(f"{name}: {label} {path} answered {status}, not 200")
        # The bare view before and after the pages: on a shared machine the load moves
        # during a phase, and the pages are compared with the mean of the two.
        phase.bare.append(measure(port, "bare view", BARE_PATH, options))
        for label, path in pages:
            phase.pages.append(measure(port, label, path, options))
        phase.bare.append(measure(port, "bare view", BARE_PATH, options))
        phase.worker_peak_rss_mb = worker_peak_rss_mb(master)
    peaks = ", ".join(f"{peak:.0f}" for peak in phase.worker_peak_rss_mb)
    print(f"   workers' peak RSS: {peaks} MB")
    return phase


def measure_mixed(options) -> Phase:
    """The bare view, the mix (after a warm-up) and the bare view again, with production's
    page cache, all at the mixed run's number of connections."""
    phase = Phase("mixed")
    cache_seconds = options.page_cache_seconds
    paths = mix_paths()
    mix = ROOT / "var" / "loadtest-mix.lua"
    mix.parent.mkdir(exist_ok=True)
    write_mix(paths, mix)
    at_load = argparse.Namespace(
        **{
            **vars(options),
            "connections": options.mixed_connections,
            "duration": options.mixed_bare_duration,
        }
    )
    print()
    print(
        f"== Phase mixed (PAGE_CACHE_SECONDS={cache_seconds}), load average {_load()}: "
        + _wrk_flags(at_load, options.mixed_duration)
        + f" -s lab/loadtest/mix.lua, seed {options.seed}"
    )
    print("   weights (% of requests) and URLs per kind:")
    for name, weight in WEIGHTS.items():
        print(f"     {name:<19} {weight:3d} %  {len(paths[name]):4d} URLs")
    with gunicorn(cache_seconds) as (port, master):
        # Every URL once: it answers 200 itself, and each is warm in one worker at least.
        for name, urls in paths.items():
            for path in urls:
                status = status_of(port, path)
                if status != 200:
                    phase.errors.append(f"mixed: {name} {path} answered {status}, not 200")
        phase.bare.append(measure(port, "bare view", BARE_PATH, at_load))
        base = f"http://127.0.0.1:{port}/"
        common = {
            "mix": mix,
            "connections": options.mixed_connections,
            "threads": options.threads,
            "seed": options.seed,
        }
        warmup = run_mixed(base, duration=options.warmup, label="warm-up", **common)
        if warmup.failure or warmup.errors or warmup.timeouts:
            phase.errors.append(f"mixed warm-up: {warmup.failure or _mixed_errors(warmup)}")
        run = run_mixed(base, duration=options.mixed_duration, label="mixed", **common)
        phase.mixed.append(run)
        _print_mixed(run)
        phase.bare.append(measure(port, "bare view", BARE_PATH, at_load))
        phase.worker_peak_rss_mb = worker_peak_rss_mb(master)
    peaks = ", ".join(f"{peak:.0f}" for peak in phase.worker_peak_rss_mb)
    print(f"   workers' peak RSS: {peaks} MB; load average {_load()}")
    return phase


def _print_mixed(run: MixedResult) -> None:
    if run.failure:
        print(f"   mixed          {run.failure}")
        return
    print(
        f"   {'mixed':<14} {run.requests_per_second:8.1f} req/s  p50 {run.p50_ms:7.1f} ms  "
        f"p99 {run.p99_ms:7.1f} ms  (p90 {run.p90_ms:.1f}, max {run.max_ms:.1f}; "
        f"{run.requests} requests, {run.errors} errors, {run.timeouts} timeouts)"
    )
    sent = sum(run.sent.values()) or 1
    shares = ", ".join(f"{name} {100 * run.sent.get(name, 0) / sent:.1f} %" for name in WEIGHTS)
    print(f"   sent: {shares}")


def _mixed_errors(run: MixedResult) -> str:
    sockets = ", ".join(f"{name} {count}" for name, count in run.socket_errors.items())
    return f"{run.non_2xx_3xx} non-2xx/3xx responses; socket errors: {sockets}"


def measure(port: int, label: str, path: str, options) -> Measurement:
    url = f"http://127.0.0.1:{port}{path}"
    measurement = Measurement(label, path)
    # The warm-up fills the caches of both workers (and their database connections); its
    # figures are discarded but its errors count.
    warmup = _wrk(url, options, options.warmup)
    measured = _wrk(url, options, options.duration)
    for run, output in (("warm-up", warmup), ("measured", measured)):
        measurement.errors += [f"{label} {path} ({run}): {error}" for error in _errors(output)]
    measurement.requests_per_second = _number(r"Requests/sec:\s+([\d.]+)", measured)
    measurement.requests = int(_number(r"(\d+) requests in", measured))
    measurement.p50_ms = _latency(measured, "50%")
    measurement.p99_ms = _latency(measured, "99%")
    print(
        f"   {label:<14} {measurement.requests_per_second:8.1f} req/s  "
        f"p50 {measurement.p50_ms:7.1f} ms  p99 {measurement.p99_ms:7.1f} ms  {path}"
    )
    return measurement


def _wrk_flags(options, duration: str) -> str:
    return f"wrk -c{options.connections} -t{options.threads} -d{duration} --latency"


def _wrk(url: str, options, duration: str) -> str:
    completed = subprocess.run(
        [
            "wrk",
            f"-c{options.connections}",
            f"-t{options.threads}",
            f"-d{duration}",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        return f"wrk failed ({completed.returncode}): {completed.stderr.strip()}\n"
    return completed.stdout


def _errors(output: str) -> list[str]:
    errors = []
    if output.startswith("wrk failed"):
        return [output.strip()]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors.append(f"{non_2xx.group(1)} non-2xx/3xx responses")
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets and any(int(count) for count in sockets.groups()):
        errors.append(
            "socket errors: connect {}, read {}, write {}, timeout {}".format(*sockets.groups())
        )
    return errors


def _number(pattern: str, output: str) -> float:
    found = re.search(pattern, output)
    return float(found.group(1)) if found else 0.0


def _latency(output: str, percentile: str) -> float:
    found = re.search(rf"^\s+{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    if not found:
        return 0.0
    value, unit = float(found.group(1)), found.group(2)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


# -- report -----------------------------------------------------------------------------


def print_table(results: list[Phase], baseline: dict | None = None) -> None:
    print("== Summary (share of the bare view: the mean of its runs before and after, same phase)")
    if baseline:
        print(
            f"   beside it, the baseline of {baseline.get('written', '?')} "
            f"(commit {baseline.get('commit', '?')}, load average {baseline.get('load', '?')}): "
            "req/s, % of its bare view, change of the share"
        )
    header = (
        f"   {'phase':<9} {'page':<14} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'% bare':>7} {'target':>7}  met"
    )
    if baseline:
        header += f"  {'base r/s':>8} {'base %':>7} {'change':>7}"
    print(header)
    print("   " + "-" * (len(header) - 3))
    stored = (baseline or {}).get("phases", {})
    for phase in results:
        bare = _bare_mean(phase)
        before = stored.get(phase.name, {}).get("pages", {})
        if phase.name == "mixed":
            _mixed_rows(phase, bare, before if baseline else None)
            continue
        for run in phase.bare:
            _row(phase.name, run, 100 * run.requests_per_second / bare if bare else 0.0, None)
        for page in phase.pages:
            share = 100 * page.requests_per_second / bare if bare else 0.0
            target = TARGETS["uncached" if page.label in NEVER_KEPT else phase.name]
            _row(phase.name, page, share, target, _compared(before, page.label, share, baseline))
    if any(phase.name == "cached" for phase in results):
        print(
            "   (a kept page is answered before the session, CSRF, authentication and locale"
            " middleware the bare view goes through: more than 100 % is possible)"
        )
    print()
    for phase in results:
        peaks = ", ".join(f"{peak:.0f} MB" for peak in phase.worker_peak_rss_mb)
        print(f"   {phase.name}: workers' peak RSS {peaks}")


def _mixed_rows(phase: Phase, bare: float, before: dict | None) -> None:
    for run in phase.bare:
        _row(phase.name, run, 100 * run.requests_per_second / bare if bare else 0.0, None)
    for run in phase.mixed:
        share = 100 * run.requests_per_second / bare if bare else 0.0
        compared = "" if before is None else _compared(before, "mix", share, True)
        print(
            f"   {phase.name:<9} {'mix':<14} {run.requests_per_second:8.1f} "
            f"{run.p50_ms:8.1f} {run.p99_ms:8.1f} {share:6.1f}% {'':>7}     {compared}  "
            f"errors {run.errors}, timeouts {run.timeouts}"
        )


def _row(
    phase: str, measurement: Measurement, share: float, target: int | None, compared: str = ""
) -> None:
    met = "" if target is None else ("yes" if share >= target else "NO")
    print(
        f"   {phase:<9} {measurement.label:<14} {measurement.requests_per_second:8.1f} "
        f"{measurement.p50_ms:8.1f} {measurement.p99_ms:8.1f} {share:6.1f}% "
        f"{'' if target is None else f'>={target}%':>7}  {met:<3}{compared}"
    )


def _compared(before: dict, label: str, share: float, baseline) -> str:
    """The baseline's columns for *label*: req/s, share, change of the share (or "new")."""
    if not baseline:
        return ""
    stored = before.get(label)
    if not stored:
        return f"  {'–':>8} {'–':>7} {'new':>7}"
    change = 100 * (share - stored["share"]) / stored["share"] if stored["share"] else 0.0
    return f"  {stored['rps']:8.1f} {stored['share']:6.1f}% {change:+6.1f}%"


def _bare_mean(phase: Phase) -> float:
    return sum(run.requests_per_second for run in phase.bare) / max(len(phase.bare), 1)


# -- the baseline -----------------------------------------------------------------------


def read_baseline(path: Path) -> dict | None:
    """The stored run *path* holds, or None (no file yet: the table has no comparison)."""
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        print(f"   the baseline {_relative(path)} cannot be read ({error}); not compared")
        return None


def write_baseline(path: Path, results: list[Phase], previous: dict | None, options) -> None:
    """Store *results* as the baseline; a phase this run did not measure keeps its figures,
    and so does a page this run left out (--pages)."""
    phases = dict((previous or {}).get("phases", {}))
    for phase in results:
        bare = _bare_mean(phase)
        pages = dict(phases.get(phase.name, {}).get("pages", {}))
        for page in phase.pages:
            pages[page.label] = {
                "path": page.path,
                "rps": round(page.requests_per_second, 1),
                "share": round(100 * page.requests_per_second / bare, 2) if bare else 0.0,
                "p50_ms": round(page.p50_ms, 1),
                "p99_ms": round(page.p99_ms, 1),
            }
        for run in phase.mixed:
            pages["mix"] = {
                "rps": round(run.requests_per_second, 1),
                "share": round(100 * run.requests_per_second / bare, 2) if bare else 0.0,
                "p50_ms": round(run.p50_ms, 1),
                "p99_ms": round(run.p99_ms, 1),
            }
        phases[phase.name] = {"bare_rps": round(bare, 1), "pages": pages}
    stored = {
        "written": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "load": _load(),
        "cpus": os.cpu_count(),
        "wrk": _wrk_flags(options, options.duration),
        "phases": phases,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stored, ensure_ascii=False, indent=2) + "\n")
    print(f"   this run is the new baseline: {_relative(path)}")


def _commit() -> str:
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return completed.stdout.strip() or "?"


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
