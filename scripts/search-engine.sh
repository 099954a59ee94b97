#!/usr/bin/env bash
# Dev/test OpenSearch 2.x node (lab/search-engine, built with Maven from Maven Central artifacts).
#
#   scripts/search-engine.sh start [--fresh]   build if needed, start in background, wait until ready
#   scripts/search-engine.sh stop              SIGTERM (SIGKILL after 30 s)
#   scripts/search-engine.sh status            running? + cluster health
#
# Environment: SEARCH_PORT (9200), SEARCH_ENGINE_FRESH=1 (= --fresh: wipe the data dir first),
# SEARCH_ENGINE_TIMEOUT (180 s to wait for readiness), SEARCH_ENGINE_JAVA_HOME or JAVA_HOME,
# SEARCH_ENGINE_JAVA_OPTS (default -Xms512m -Xmx1g).
# status exits 0 when the node answers, 1 when its process runs but does not answer, 3 when
# nothing runs.
# Files: var/search-engine/{data-PORT/,node-PORT.log,node-PORT.pid}.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${SEARCH_PORT:-9200}"
MODULE=lab/search-engine
TARGET="$MODULE/target"
JAR="$TARGET/search-engine.jar"
MAIN_CLASS=vn.spcncl.searchengine.DevNode
VAR=var/search-engine
DATA="$VAR/data-$PORT"
LOG="$VAR/node-$PORT.log"
PIDFILE="$VAR/node-$PORT.pid"
URL="http://127.0.0.1:$PORT"
TIMEOUT="${SEARCH_ENGINE_TIMEOUT:-180}"
FRESH="${SEARCH_ENGINE_FRESH:-0}"

# OpenSearch 2.x is built for Java 11-21 (used here: 17): SEARCH_ENGINE_JAVA_HOME overrides JAVA_HOME.
JAVA_DIR="${SEARCH_ENGINE_JAVA_HOME:-${JAVA_HOME:-}}"
if [[ -n "$JAVA_DIR" ]]; then JAVA="$JAVA_DIR/bin/java"; else JAVA=java; fi

log() { echo "search-engine: $*" >&2; }

# Errors and causes first (a stack trace can hide them), then the end of the log.
show_log() {
    log "from $LOG:"
    grep -E '\]\[(ERROR|WARN )\]|^Caused by:|^Error|^[A-Za-z0-9_.$]+(Exception|Error)\b' "$LOG" 2>/dev/null | head -n 15 >&2 || true
    echo "--- last lines ---" >&2
    tail -n 20 "$LOG" >&2 || true
}

# http_get URL -> prints body, fails on connection error or HTTP status >= 400.
http_get() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time 5 "$1" 2>/dev/null
    else
        python3 - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
    sys.stdout.write(r.read().decode())
PY
    fi
}

health() { http_get "$URL/_cluster/health?wait_for_status=yellow&timeout=1s"; }

running_pid() {
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    # A stale pid file may name a pid reused by another program: never signal that one.
    if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$MAIN_CLASS"; then
        return 1
    fi
    echo "$pid"
}

needs_build() {
    [[ -f "$JAR" && -d "$TARGET/lib" ]] || return 0
    [[ -n "$(find "$MODULE/pom.xml" "$MODULE/src" -newer "$JAR" -print -quit)" ]]
}

build() {
    command -v mvn >/dev/null 2>&1 || { log "mvn not found (apt-get install maven)"; exit 1; }
    log "building $MODULE (first build downloads ~50 MB into ~/.m2) ..."
    # copy-dependencies only adds jars: clear lib/ so none from an older dependency set remain.
    rm -rf "${TARGET:?}/lib"
    local out
    if ! out="$(mvn -q -B -f "$MODULE/pom.xml" package 2>&1)"; then
        echo "$out" >&2
        log "build failed"
        exit 1
    fi
    # maven-jar-plugin leaves an up-to-date jar untouched (e.g. after a pom-only change).
    touch "$JAR"
}

# terminate PID: SIGTERM, wait up to 30 s, then SIGKILL.
terminate() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 300; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "pid $pid still alive after 30 s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
}

cmd_start() {
    local pid
    if [[ "$FRESH" == 1 ]] && pid="$(running_pid)"; then
        log "--fresh: stopping the running node (pid $pid) first"
        cmd_stop
    fi
    if pid="$(running_pid)"; then
        if health >/dev/null; then
            log "already running on $URL (pid $pid)"
            return 0
        fi
        log "pid $pid from $PIDFILE is alive but $URL does not answer; stop it first (scripts/search-engine.sh stop)"
        exit 1
    fi
    rm -f "$PIDFILE"
    if health >/dev/null; then
        log "something else already answers on $URL (not started by this script); not starting"
        exit 1
    fi

    if needs_build; then
        build
    fi

    mkdir -p "$VAR"
    if [[ "$FRESH" == 1 ]]; then
        rm -rf "$DATA"
    fi
    mkdir -p "$DATA/tmp"

    if [[ -f "$LOG" ]]; then mv -f "$LOG" "$LOG.1"; fi
    local started=$SECONDS
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of words
    nohup "$JAVA" ${SEARCH_ENGINE_JAVA_OPTS:--Xms512m -Xmx1g} \
        -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$PWD/$DATA/tmp" -Dlog4j2.disable.jmx=true \
        -Djava.locale.providers=SPI,COMPAT \
        -cp "$TARGET/lib/*:$JAR" "$MAIN_CLASS" "$PORT" "$DATA" \
        >"$LOG" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PIDFILE"

    while ((SECONDS - started < TIMEOUT)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "node exited during start-up"
            show_log
            rm -f "$PIDFILE"
            exit 1
        fi
        # The ready line comes after DevNode's post-start settings (replicas 0).
        if grep -q "dev search node ready" "$LOG" 2>/dev/null && health >/dev/null; then
            log "ready on $URL (pid $pid, $((SECONDS - started)) s, log $LOG)"
            return 0
        fi
        sleep 1
    done
    log "not ready after ${TIMEOUT} s"
    show_log
    terminate "$pid"
    rm -f "$PIDFILE"
    exit 1
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE"
        log "not running (port $PORT)"
        return 0
    fi
    terminate "$pid"
    rm -f "$PIDFILE"
    log "stopped (port $PORT, pid $pid)"
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        echo "running: pid $pid, $URL"
    else
        echo "not running (no live pid in $PIDFILE)"
    fi
    local h
    if h="$(health)"; then
        echo "health: $h"
    else
        echo "health: no answer from $URL"
        [[ -n "${pid:-}" ]] || return 3
        return 1
    fi
}

usage() { echo "usage: $0 {start [--fresh]|stop|status}" >&2; exit 2; }

[[ $# -ge 1 ]] || usage
sub="$1"
shift
for arg in "$@"; do
    case "$arg" in
        --fresh) FRESH=1 ;;
        *) usage ;;
    esac
done
case "$sub" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) usage ;;
esac
