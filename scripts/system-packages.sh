#!/usr/bin/env bash
# The system packages a make target needs, from Debian's packages (Debian, Ubuntu).
#
#   scripts/system-packages.sh test       PostgreSQL's server, Chromium, a Java 17+ JDK, Maven, gettext
#   scripts/system-packages.sh loadtest   wrk
#
# Prints nothing when everything is there. Otherwise, as root with apt-get, it installs what is
# missing (one apt-get update, one apt-get install); anyone else gets the exact command to run,
# and exit status 1 before anything slow has started.
#
# Environment: SEARCH_ENGINE_JAVA_HOME or JAVA_HOME (the Java the search node and Maven use, as
# in scripts/search-engine.sh). For tests/test_system_packages.py: SYSTEM_PACKAGES_UID stands in
# for the user id, SYSTEM_PACKAGES_PG_LIB for /usr/lib/postgresql.
# Only bash builtins run until a tool is looked at, so the tests can hide tools by trimming PATH.
set -euo pipefail

JAVA_MIN=17
PG_LIB="${SYSTEM_PACKAGES_PG_LIB:-/usr/lib/postgresql}"
USER_ID="${SYSTEM_PACKAGES_UID:-$EUID}"
JAVA_DIR="${SEARCH_ENGINE_JAVA_HOME:-${JAVA_HOME:-}}"

case "${1:-}" in
    test) TOOLS=(postgresql chromium jdk maven gettext) ;;
    loadtest) TOOLS=(wrk) ;;
    *) echo "usage: $0 test|loadtest" >&2; exit 2 ;;
esac
TARGET="$1"

java_major() {
    local out
    out="$("$1" -version 2>&1)" || return 1
    # 'openjdk version "17.0.15"', or "1.8.0_392" for Java 8 and older.
    [[ $out =~ version\ \"([0-9]+)(\.([0-9]+))? ]] || return 1
    if [[ ${BASH_REMATCH[1]} == 1 ]]; then echo "${BASH_REMATCH[3]:-0}"; else echo "${BASH_REMATCH[1]}"; fi
}

present() {
    case "$1" in
        postgresql) compgen -G "$PG_LIB/*/bin/pg_ctl" >/dev/null ;;
        chromium) command -v chromium >/dev/null ;;
        jdk)
            local java=java javac=javac major
            if [[ -n $JAVA_DIR ]]; then java="$JAVA_DIR/bin/java" javac="$JAVA_DIR/bin/javac"; fi
            command -v "$javac" >/dev/null && major="$(java_major "$java")" && ((major >= JAVA_MIN))
            ;;
        maven) command -v mvn >/dev/null ;;
        gettext) command -v msgfmt >/dev/null ;;
        wrk) command -v wrk >/dev/null ;;
    esac
}

missing_tools() {
    local tool
    for tool in "${TOOLS[@]}"; do present "$tool" || echo "$tool"; done
}

# What a tool is, in words, for a system without Debian's packages.
describe() {
    case "$1" in
        postgresql) echo "PostgreSQL's server programs in /usr/lib/postgresql/<version>/bin (where scripts/postgres.sh looks)" ;;
        chromium) echo "Chromium (chromium; the browser tests drive /usr/bin/chromium)" ;;
        jdk) echo "a Java JDK $JAVA_MIN or newer (java and javac; JAVA_HOME may name it)" ;;
        maven) echo "Maven (mvn)" ;;
        gettext) echo "gettext (msgfmt)" ;;
        wrk) echo "wrk (macOS: brew install wrk)" ;;
    esac
}

# Debian's default JDK is Java 17 or newer from Debian 12 and Ubuntu 24.04 on; older releases
# have openjdk-17 beside an older default. apt-cache knows once the package lists are there.
jdk_package() {
    local info
    info="$(apt-cache show --no-all-versions default-jdk-headless 2>/dev/null)" || true
    if [[ $info =~ openjdk-([0-9]+)-jdk-headless ]] && ((BASH_REMATCH[1] < JAVA_MIN)); then
        echo "openjdk-$JAVA_MIN-jdk-headless"
    else
        echo default-jdk-headless
    fi
}

packages_for() {
    local tool
    for tool in "$@"; do
        case "$tool" in
            postgresql) printf '%s\n' postgresql postgresql-contrib ;;
            jdk) jdk_package ;;
            *) echo "$tool" ;;
        esac
    done
}

mapfile -t missing < <(missing_tools)
((${#missing[@]})) || exit 0

if [[ -n $JAVA_DIR ]] && [[ " ${missing[*]} " == *" jdk "* ]]; then
    echo "make $TARGET: ${SEARCH_ENGINE_JAVA_HOME:+SEARCH_ENGINE_}JAVA_HOME=$JAVA_DIR has no Java $JAVA_MIN+ JDK (bin/java, bin/javac); point it at one, or unset it to use the system's." >&2
    exit 1
fi

if ! command -v apt-get >/dev/null; then
    echo "make $TARGET needs, and this system lacks:" >&2
    for tool in "${missing[@]}"; do echo "  - $(describe "$tool")" >&2; done
    echo "Install them with the system's package manager, then run make $TARGET again." >&2
    exit 1
fi

if [[ $USER_ID != 0 ]]; then
    mapfile -t packages < <(packages_for "${missing[@]}")
    echo "make $TARGET needs system packages that are missing (${missing[*]}). Install them with:" >&2
    echo "" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
    echo "" >&2
    echo "then run make $TARGET again (as root, make $TARGET installs them itself)." >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "make $TARGET: installing the missing system packages (${missing[*]}) with apt-get"
apt-get update -qq
# After the update, so that apt-cache reads this release's package lists.
mapfile -t packages < <(packages_for "${missing[@]}")
echo "apt-get install -y --no-install-recommends ${packages[*]}"
apt-get install -y -qq --no-install-recommends "${packages[@]}"

mapfile -t still < <(missing_tools)
if ((${#still[@]})); then
    echo "make $TARGET: still missing after apt-get install:" >&2
    for tool in "${still[@]}"; do echo "  - $(describe "$tool")" >&2; done
    exit 1
fi
