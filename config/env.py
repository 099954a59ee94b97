"""The one place that reads environment variables, each with its type and default.

Every variable the site understands is listed in the README ("Configuration").
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from error


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from error


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production")
    return value


def cache_from_url(url: str, *, default_dir: str) -> dict:
    """A CACHES entry from CACHE_URL; empty means a file cache in *default_dir*.

    file:///path (the processes of one machine), redis://host:6379/0 or rediss://…
    (several machines; needs the `redis` package), locmem:// (one process only: tests).
    """
    scheme = urlsplit(url).scheme if url else "file"
    if scheme == "file":
        location = urlsplit(url).path if url else default_dir
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location,
        }
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with file://, redis://, rediss:// or locmem://, not {url!r}"
    )


def companion_cache(entry: dict, name: str) -> dict:
    """A CACHES entry on the same store as *entry* (a cache_from_url one), for keys of their
    own: a file cache's sub-folder *name*, a Redis key prefix, another local memory.

    A file cache drops entries at random once it holds MAX_ENTRIES (300): keys made per
    visitor must not live beside the few shared versions every process reads
    (core.treecache), or enough visitors would drop those and empty every process's caches.
    """
    backend = entry["BACKEND"]
    if backend.endswith("FileBasedCache"):
        return {"BACKEND": backend, "LOCATION": str(Path(entry["LOCATION"]) / name)}
    if backend.endswith("RedisCache"):
        return {"BACKEND": backend, "LOCATION": entry["LOCATION"], "KEY_PREFIX": name}
    return {"BACKEND": backend, "LOCATION": f"{entry['LOCATION']}-{name}"}


def measurement_database(variable: str, default_path) -> dict:
    """The database of a measurement run (benchmark, load test): *variable*, else SQLite.

    Never DATABASE_URL, so a run cannot touch the site's data. A SQLite file gets WAL, so
    gunicorn's workers read at once without waiting on each other, and synchronous=NORMAL,
    which syncs only at checkpoints: such a database can always be made again.
    """
    database = dj_database_url.parse(
        env_str(variable) or f"sqlite:///{default_path}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        }
    return database
