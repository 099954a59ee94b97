#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite, from the Debian packages.
#
#   scripts/postgres.sh start   initdb (first time) under var/postgres, start on 127.0.0.1:$PG_PORT
#   scripts/postgres.sh stop    stop it (data is kept until `make clean`)
#   scripts/postgres.sh url     print the DATABASE_URL to use
#   scripts/postgres.sh bin     print the folder of the server's programs (pg_dump, psql, ...)
#
# Environment: PG_PORT (54329), PG_DIR (where the cluster lives). As root, the server runs as the `postgres` user, since
# PostgreSQL refuses to run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PG_PORT:-54329}"
# As root the server runs as `postgres`, which may not be able to enter the checkout (a clone
# under /root, say), so its files go to /tmp; otherwise they stay in the ignored var/.
if [[ "$(id -u)" == 0 ]]; then DIR="${PG_DIR:-/tmp/spcncl-postgres}"; else DIR="${PG_DIR:-$PWD/var/postgres}"; fi
DATA="$DIR/data-$PORT"
LOG="$DIR/server-$PORT.log"
SOCKETS="$DIR/run"
DB=spcncl

log() { echo "postgres: $*" >&2; }

bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [[ -x "$dir/pg_ctl" ]]; then echo "$dir"; fi
    done | sort -V | tail -n 1
}

BIN="$(bindir)"
if [[ -z "$BIN" ]]; then
    log "PostgreSQL server binaries not found; install the Debian package: apt-get install postgresql"
    exit 1
fi

as_owner() {
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgres://postgres@127.0.0.1:$PORT/$DB"; }

start() {
    mkdir -p "$DIR" "$SOCKETS"
    if [[ "$(id -u)" == 0 ]]; then chown postgres: "$DIR" "$SOCKETS"; fi
    if [[ ! -s "$DATA/PG_VERSION" ]]; then
        as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 \
            --locale=C.UTF-8 >/dev/null
        # Tests value speed over durability: this cluster holds nothing that must survive.
        cat >>"$DATA/postgresql.conf" <<CONF
fsync = off
synchronous_commit = off
full_page_writes = off
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKETS'
CONF
    fi
    if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        log "already running on port $PORT"
    else
        as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "-p $PORT" -w -t 60 start >/dev/null || {
            log "failed to start; last lines of $LOG:"; tail -n 20 "$LOG" >&2; exit 1; }
    fi
    if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -Atc "select 1 from pg_database where datname='$DB'" postgres | grep -q 1; then
        "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
    fi
    log "ready: $(url)"
}

stop() {
    if [[ -s "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        log "stopped"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    bin) echo "$BIN" ;;
    *) echo "usage: $0 start|stop|url|bin" >&2; exit 2 ;;
esac
