#!/usr/bin/env bash
# Crash safety (issue 7 point 4). Each run: the packaged service (prod profile) on a fresh database, a sustained
# write load of check-ins from THREADS threads, SIGKILL of the service in the middle of it, an immediate restart
# on the same database while the load keeps going (a client without an answer sends the same check-in again, as
# an offline phone would), then the check: every check-in acknowledged with a 2xx is stored exactly once (listed
# once through the API), nothing is stored that was never sent, and (by SQL, with the service stopped) the
# check_in rows and their CREATE audit events match one to one. Not a test in the suite: it takes minutes.
#
#   DB=h2 bench/crash.sh             10 runs on an H2 file (builds the jar for H2 first)
#   DB=postgresql bench/crash.sh     10 runs on PostgreSQL (builds the jar for PostgreSQL first)
#
# Knobs (environment): RUNS=10 THREADS=8 LOAD_SECONDS=25 PATIENTS=20 PORT=18520 MANAGEMENT_PORT=18521
#   KILL_AFTER="" (seconds into the load; default a different moment per run, 6 to 14 s) SKIP_BUILD=1 KEEP=1
#   PostgreSQL: PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGPASSWORD=, databases ${PG_DB_PREFIX}_<run>_<suffix>
#   (PG_DB_PREFIX=crash), created and dropped by the script (KEEP=1 keeps them and the temp dir).
# Prints one line per run and a summary table; exit code 1 if any run found an acknowledged write missing or
# duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/service.sh
. bench/service.sh

DB=${DB:-h2}
RUNS=${RUNS:-10}
THREADS=${THREADS:-8}
LOAD_SECONDS=${LOAD_SECONDS:-25}
PATIENTS=${PATIENTS:-20}
PORT=${PORT:-18520}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18521}
PG_DB_PREFIX=${PG_DB_PREFIX:-crash}
case "$DB" in h2 | postgresql) ;; *) die "DB must be h2 or postgresql" ;; esac
if [ "$DB" = postgresql ]; then
    psql -d postgres -Atqc 'select 1' >/dev/null || die "cannot reach PostgreSQL at $PGUSER@$PGHOST:$PGPORT"
fi

build_jar "$DB"
H2_JAR=$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar 2>/dev/null | head -1 || true)

WORK=$(mktemp -d /tmp/infusion-crash.XXXXXX)
SUFFIX=$(basename "$WORK" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')
PG_DBS=
LOAD_PID=
cleanup() {
    [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
    stop_all_apps
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept $WORK $PG_DBS"
    else
        rm -rf "$WORK"
        for db in $PG_DBS; do dropdb --if-exists "$db" || true; done
    fi
}
trap cleanup EXIT

# sql RUN_DIR URL QUERY: one number from the run's database (H2: the service must be stopped: the file is locked).
sql() {
    if [ "$DB" = h2 ]; then
        java -cp "$H2_JAR" org.h2.tools.Shell -url "$2" -user sa -password '' -sql "$3" | sed -n '2p' | tr -dc 0-9
    else
        psql -d "${2##*/}" -Atqc "$3"
    fi
}

RESULTS=()
FAILED=0
for run in $(seq 1 "$RUNS"); do
    dir=$WORK/run-$run
    mkdir -p "$dir"
    if [ "$DB" = h2 ]; then
        url=$(h2_url "$dir")
    else
        name=${PG_DB_PREFIX}_${run}_$SUFFIX
        createdb "$name"
        PG_DBS="$PG_DBS $name"
        url=jdbc:postgresql://$PGHOST:$PGPORT/$name
    fi
    kill_after=${KILL_AFTER:-$((6 + (run * 7) % 9))}
    log "run $run/$RUNS on $DB: load ${LOAD_SECONDS}s from $THREADS threads, SIGKILL at ${kill_after}s"

    start_app app "$PORT" "$MANAGEMENT_PORT" "$url" "$dir/token-signing-key.pem" "$dir/app.log"
    wait_ready app "$PORT" "$dir/app.log" >/dev/null
    write_load setup --target "http://127.0.0.1:$PORT" --admin "bench.admin:$ADMIN_PASSWORD" \
        --patients "$PATIENTS" --out "$dir"

    write_load load --targets "http://127.0.0.1:$PORT" --dir "$dir" --threads "$THREADS" \
        --seconds "$LOAD_SECONDS" --mix crash >"$dir/load.out" 2>&1 &
    LOAD_PID=$!
    sleep "$kill_after"
    killed_at=$(date +%T.%N | cut -c1-12)
    stop_app app KILL
    echo "SIGKILL at $killed_at ($(grep -c '"message"' "$dir/app.log" || true) log lines so far)"
    start_app app "$PORT" "$MANAGEMENT_PORT" "$url" "$dir/token-signing-key.pem" "$dir/app.log"
    restart=$(wait_ready app "$PORT" "$dir/app.log")
    echo "restarted and ready in ${restart}s"
    wait "$LOAD_PID" || die "the load client failed: $(tail -5 "$dir/load.out")"
    LOAD_PID=
    cat "$dir/load.out"

    verdict=ok
    write_load verify --targets "http://127.0.0.1:$PORT" --dir "$dir" --mix crash | tee "$dir/verify.out" || verdict=FAILED
    stop_app app
    rows=$(sql "$dir" "$url" "select count(*) from check_in")
    audits=$(sql "$dir" "$url" "select count(*) from audit_event where action = 'CREATE' and resource_type = 'CheckIn'")
    result=$(sed -n 's/^RESULT //p' "$dir/verify.out")
    if [ "$rows" != "$audits" ]; then
        verdict=FAILED
        echo "check_in rows $rows but CREATE CheckIn audit events $audits"
    fi
    [ "$verdict" = ok ] || FAILED=1
    RESULTS+=("$run $kill_after $restart $result rows=$rows audit_creates=$audits $verdict")
    echo "run $run: $result rows=$rows audit_creates=$audits $verdict"
    if [ "$DB" = postgresql ] && [ "${KEEP:-0}" != 1 ]; then
        dropdb --if-exists "$name"
        PG_DBS=${PG_DBS/ $name/}
    fi
    [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
done

log "summary: DB=$DB, $RUNS runs, $THREADS threads, ${LOAD_SECONDS}s load each, one SIGKILL per run"
printf '| run | kill at | restart | sent | acknowledged (2xx) | stored | stored, never acknowledged | acknowledged missing or duplicated | CREATE audits = rows | verdict |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for line in "${RESULTS[@]}"; do
    read -r run kill_after restart rest <<<"$line"
    field() { sed -n "s/.*[ ^]$1=\([0-9]*\).*/\1/p" <<<" $rest"; }
    sent=$(field sent) acked=$(field acked) stored=$(field stored) unacked=$(field unacked_stored)
    violations=$(field violations) rows=$(field rows) audits=$(field audit_creates)
    verdict=${rest##* }
    printf '| %s | %ss | %ss | %s | %s | %s | %s | %s | %s | %s |\n' "$run" "$kill_after" "$restart" "$sent" \
        "$acked" "$stored" "$unacked" "$violations" "$([ "$rows" = "$audits" ] && echo yes || echo "no ($rows/$audits)")" \
        "$verdict"
done
exit "$FAILED"
