#!/usr/bin/env bash
# The whole suite, as `make test` runs it:
#   1. everything but the engine tests on PostgreSQL (DATABASE_URL, or a throwaway cluster);
#   2. the model, page and database-search tests again on SQLite, which `make run` uses;
#   3. the engine tests against a real OpenSearch node (SEARCH_URL, or one started here).
# Services this script starts are stopped when it ends, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
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
env -u SEARCH_URL DATABASE_URL="$PG_URL" $PY -m pytest -m "not engine" "$@"

echo "== SQLite (model, page and database-search tests)"
env -u SEARCH_URL -u DATABASE_URL $PY -m pytest -m "not engine and not browser" "$@"

echo "== Search engine: $ENGINE_URL"
DATABASE_URL="$PG_URL" SEARCH_URL="$ENGINE_URL" SEARCH_INDEX_PREFIX="test_spcncl_" \
    $PY -m pytest -m engine "$@"
