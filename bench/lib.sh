# Sourced by the bench scripts (not run): what every one of them needs the same way. Set BENCH_NAME before
# sourcing to name the script in its error messages.

log() { printf '\n== %s\n' "$*"; }
die() { printf '%s: %s\n' "${BENCH_NAME:-bench}" "$*" >&2; exit 1; }

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-}
KIND_MARKER=target/quarkus-app/bench-db-kind

# require_wrk: installs wrk from Debian when run as root and it is missing.
require_wrk() {
    if ! command -v wrk >/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
        fi
        command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
    fi
}

# build_jar KIND: ./mvnw package for h2 or postgresql (the kind is fixed at build time), unless SKIP_BUILD=1;
# refuses a target/quarkus-app built for the other kind.
build_jar() {
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        log "building the jar for $1 (./mvnw -B -q package -DskipTests -Dquarkus.datasource.db-kind=$1)"
        ./mvnw -B -q package -DskipTests -Dquarkus.datasource.db-kind="$1"
        echo "$1" >"$KIND_MARKER"
    fi
    [ -f target/quarkus-app/quarkus-run.jar ] || die "no target/quarkus-app/quarkus-run.jar: build first"
    if [ -f "$KIND_MARKER" ] && [ "$(cat "$KIND_MARKER")" != "$1" ]; then
        die "target/quarkus-app was built for $(cat "$KIND_MARKER"), not $1: run without SKIP_BUILD=1"
    fi
}

# driver_jar KIND APP_DIR: the JDBC driver the packaged app ships for h2 or postgresql.
driver_jar() {
    local jar
    case "$1" in
    h2) jar=$(ls "$2"/lib/main/com.h2database.h2-*.jar 2>/dev/null | head -1) ;;
    *) jar=$(ls "$2"/lib/main/org.postgresql.postgresql-*.jar 2>/dev/null | head -1) ;;
    esac
    [ -n "$jar" ] || die "no $1 JDBC driver in $2/lib/main"
    echo "$jar"
}

# h2_url DIR: the application's own H2 options (everything after the file name, so the same durability) on a
# file in DIR.
h2_url() {
    local app_url
    app_url=$(sed -n 's/^quarkus\.datasource\.jdbc\.url=//p' src/main/resources/application.properties | head -1)
    [ "${app_url#*;}" != "$app_url" ] || die "cannot read the H2 options from application.properties"
    echo "jdbc:h2:file:$1/infusion-outcomes;${app_url#*;}"
}

# pg_stats: "pid ticks" (CPU clock ticks used so far) of each PostgreSQL server process; with PG_CPU_DB set, only
# of the backends connected to that database: on a server other work shares, theirs is not the benchmark's.
# (Each file is read on its own: a process that exits during the loop must not end the reading.)
pg_stats() {
    local proc
    for proc in /proc/[0-9]*; do
        [ "$(cat "$proc/comm" 2>/dev/null)" = postgres ] || continue
        if [ -n "${PG_CPU_DB:-}" ]; then
            { tr '\0' ' ' <"$proc/cmdline"; } 2>/dev/null | grep -q " $PG_CPU_DB " || continue
        fi
        awk '{ print $1, $14 + $15 }' "$proc/stat" 2>/dev/null || true
    done
}
# pg_snapshot FILE: pg_stats, kept in FILE.
pg_snapshot() { pg_stats >"$1"; }
# pg_ticks_since FILE: ticks PostgreSQL processes used since pg_snapshot FILE (a process started since counts in
# full; one that exited since is missed, so this is a floor).
pg_ticks_since() {
    pg_stats | awk 'FILENAME == ARGV[1] { before[$1] = $2; next } { t += $2 - before[$1] } END { print t + 0 }' "$1" - \
        || echo 0
}
# cpu_split APP_TICKS WRK_SECONDS PG_TICKS ALL_TICKS SECONDS: how the machine's cores were spent over a phase.
cpu_split() {
    awk -v a="$1" -v w="$2" -v p="$3" -v m="$4" -v s="$5" -v t="$(getconf CLK_TCK)" -v n="$(nproc)" 'BEGIN {
        app = a / t / s; wrk = w / s; pg = p / t / s; other = m / t / s - app - wrk - pg; if (other < 0) other = 0
        printf "cpu (cores of %d): app %.2f, wrk %.2f, postgres %.2f, other processes and kernel %.2f", n, app, wrk, pg, other }'
}
