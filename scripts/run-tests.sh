#!/usr/bin/env bash
# The whole suite, as `make test` runs it:
#   1. everything but the engine tests on PostgreSQL (DATABASE_URL, or a throwaway cluster);
#   2. again on SQLite, which `make run` uses, all but what does not depend on the database
#      (the `database_agnostic` modules of tests/conftest.py) and the browser;
#   3. the engine tests against a real OpenSearch node (SEARCH_URL, or one started here),
#      those that freeze the node (`engine_alone`) last and in one process.
# Each pass runs in TEST_WORKERS processes (pytest-xdist; default one per CPU): each has its
# own test database, uploads directory and index prefix (config/settings/test.py).
# Services this script starts are stopped when it ends, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
# Not --dist worksteal: a stolen test may run after a transactional one has flushed the
# database, which pytest-django's ordering (transactional tests last) otherwise prevents.
PYTEST=($PY -m pytest -n "${TEST_WORKERS:-auto}")
ENGINE_PORT="${TEST_SEARCH_PORT:-9250}"
started_pg=0
started_engine=0
cleanup() {
    if [[ $started_engine == 1 ]]; then SEARCH_PORT="$ENGINE_PORT" scripts/search-engine.sh stop || true; fi
    if [[ $started_pg == 1 ]]; then scripts/postgres.sh stop || true; fi
}
trap cleanup EXIT

if [[ -z "${DATABASE_URL:-}" ]]; then
    started_pg=1
    scripts/postgres.sh start
    PG_URL="$(scripts/postgres.sh url)"
else
    PG_URL="$DATABASE_URL"
fi

if [[ -z "${SEARCH_URL:-}" ]]; then
    started_engine=1
    SEARCH_PORT="$ENGINE_PORT" SEARCH_ENGINE_FRESH=1 scripts/search-engine.sh start
    ENGINE_URL="http://127.0.0.1:$ENGINE_PORT"
else
    ENGINE_URL="$SEARCH_URL"
fi

echo "== PostgreSQL: $PG_URL"
env -u SEARCH_URL DATABASE_URL="$PG_URL" "${PYTEST[@]}" -m "not engine" "$@"

echo "== SQLite (models, pages, imports, the demo, the database search path)"
env -u SEARCH_URL -u DATABASE_URL "${PYTEST[@]}" \
    -m "not engine and not browser and not database_agnostic" "$@"

echo "== Search engine: $ENGINE_URL"
DATABASE_URL="$PG_URL" SEARCH_URL="$ENGINE_URL" SEARCH_INDEX_PREFIX="test_spcncl_" \
    "${PYTEST[@]}" -m "engine and not engine_alone" "$@"

echo "== Search engine, one process (a test freezes the node every worker would share)"
DATABASE_URL="$PG_URL" SEARCH_URL="$ENGINE_URL" SEARCH_INDEX_PREFIX="test_spcncl_" \
    $PY -m pytest -n 0 -m engine_alone "$@"
