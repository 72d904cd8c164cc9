#!/usr/bin/env bash
# The write path's targets side by side in one run (not a test: it measures and prints figures). Phases, one
# after the other so that they never compete for the cores:
#   1. PostgreSQL: single check-in POSTs through the API, then the plain-JDBC ceiling of the same rows
#      (bench/run.sh PHASES=post CEILINGS=checkin+audit); targets: >= 50 % of the ceiling and >= 2,500/s
#   2. PostgreSQL: trend GETs at 16 connections on a generated year-long cohort, then batch ingest on it
#      (bench/trends.sh PHASES="trend batch"); targets: trend p99 < 15 ms, batch >= 20,000 check-ins/s
#   3. H2: check-in POSTs (they store what the lists read), then audited list GETs (bench/run.sh PHASES="post get"
#      CEILINGS=); target: >= 3,000 GETs/s, every one audited (run.sh counts the LIST audit rows afterwards)
#
#   bench/writepath.sh                                   build both jars, then run (about 12 minutes)
#   SKIP_BUILD=1 bench/writepath.sh                      reuse target/bench-writepath/app-{postgresql,h2}
#   APP_PG=dir APP_H2=dir bench/writepath.sh             packaged apps kept elsewhere
#   APP_PG="a b" APP_H2="c d" ROUNDS=2 bench/writepath.sh   before/after: each step runs for a, then b (a, b, a, b
#                                                        with ROUNDS=2), back to back, so both see the same machine
#
# Knobs (environment): PORT=18082 PG_DB_PREFIX=bench_wp (every PostgreSQL database this run makes starts with it;
#   the cohort's is <prefix>_trends, generated afresh each run unless TREND_REGENERATE=0, since the batch phase
#   adds to it; DROP=1 drops it at the end) TREND_PATIENTS=1000 (a trend's cost
#   is one patient's year, not the table's: bench/README.md) STEPS="post trend list" WARMUP=60 DURATION=30 (POST
#   and list phases) TREND_WARMUP=60 TREND_DURATION=60 BATCHES=60 APP_JAVA_OPTS=
# Every phase prints the CPU split (app, wrk, postgres, everything else) and the load average; run it when the
# machine is otherwise quiet and keep the output.
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_NAME=writepath
# shellcheck source=bench/lib.sh
. bench/lib.sh

PORT=${PORT:-18082}
PG_DB_PREFIX=${PG_DB_PREFIX:-bench_wp}
TREND_PATIENTS=${TREND_PATIENTS:-1000}
STEPS=${STEPS:-post trend list}
ROOT=target/bench-writepath
APP_PG=${APP_PG:-$ROOT/app-postgresql}
APP_H2=${APP_H2:-$ROOT/app-h2}

# package KIND DIR: builds the jar for KIND and keeps a copy in DIR.
package() {
    log "building the jar for $1 (./mvnw -B -q package -DskipTests -Dquarkus.datasource.db-kind=$1)"
    ./mvnw -B -q package -DskipTests -Dquarkus.datasource.db-kind="$1"
    echo "$1" >"$KIND_MARKER"
    rm -rf "$2"
    mkdir -p "$(dirname "$2")"
    cp -r target/quarkus-app "$2"
}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    package postgresql "$APP_PG"
    package h2 "$APP_H2"
fi

log "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/{print $2}') GiB RAM"
echo "uptime at start: $(uptime)"
echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"
echo "apps: $APP_PG, $APP_H2"

# jfr DELAY DURATION NAME: the JVM options of a recording that starts DELAY seconds after the app does.
jfr() {
    [ -n "${PROFILE:-}" ] || return 0
    mkdir -p "$PROFILE"
    echo "-XX:FlightRecorderOptions=stackdepth=128 -XX:StartFlightRecording=delay=${1}s,duration=${2}s,settings=profile,filename=$(realpath "$PROFILE")/$3.jfr"
}
read_profile() {
    if [ -n "${PROFILE:-}" ] && [ -f "$PROFILE/$1.jfr" ]; then
        python3 bench/jfr-top.py "$PROFILE/$1.jfr" >"$PROFILE/$1.txt" && head -40 "$PROFILE/$1.txt"
    fi
}

W=${WARMUP:-60} D=${DURATION:-30}
for step in $STEPS; do
    case "$step" in post | trend | list) ;; *) die "unknown step $step (post, trend, list)" ;; esac
done
for round in $(seq 1 "${ROUNDS:-1}"); do
    for step in $STEPS; do
        apps=$APP_PG
        [ "$step" = list ] && apps=$APP_H2
        for app in $apps; do
            name=$(basename "$app")
            case "$step" in
            post)
                log "1. PostgreSQL: check-in POST against the JDBC ceiling of the same rows ($app, round $round)"
                DB=postgresql APP_DIR=$app PORT=$PORT PG_DB_PREFIX=$PG_DB_PREFIX PHASES=post CEILINGS=checkin+audit \
                    APP_JAVA_OPTS="${APP_JAVA_OPTS:-} $(jfr $((W + 40)) $((D - 10)) "post-$name-$round")" bench/run.sh
                read_profile "post-$name-$round"
                ;;
            trend)
                log "2. PostgreSQL: trend p99 at 16 connections, then batch ingest ($TREND_PATIENTS patients, a year" \
                    "each; $app, round $round)"
                DB=postgresql APP_DIR=$app PORT=$PORT PG_DB=${PG_DB_PREFIX}_trends PATIENTS=$TREND_PATIENTS \
                    REGENERATE=${TREND_REGENERATE:-1} PHASES="trend batch" WARMUP=${TREND_WARMUP:-60} \
                    DURATION=${TREND_DURATION:-60} TREND_TARGET_MS=15 \
                    APP_JAVA_OPTS="${APP_JAVA_OPTS:-} $(jfr $((${TREND_WARMUP:-60} + 50)) 30 "trend-$name-$round")" bench/trends.sh
                read_profile "trend-$name-$round"
                ;;
            list)
                log "3. H2: audited check-in list GETs ($app, round $round)"
                DB=h2 APP_DIR=$app PORT=$PORT PHASES="post get" CEILINGS= \
                    APP_JAVA_OPTS="${APP_JAVA_OPTS:-} $(jfr $((2 * W + D + 60)) $((D - 10)) "list-$name-$round")" bench/run.sh
                read_profile "list-$name-$round"
                ;;
            esac
        done
    done
done
echo "uptime at the end: $(uptime)"
