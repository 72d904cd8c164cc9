#!/usr/bin/env bash
# Crash safety. Each run: the packaged service (prod profile) on a fresh database, a sustained
# write load of check-ins from THREADS threads; once KILL_AFTER_ACKS writes have been acknowledged (and a pause of
# 0-4 s, different per run) the service gets SIGKILL, with requests in flight, and is started again at once on the
# same database while the load keeps going (a client without an answer sends the same check-in again, as an
# offline phone would). When AFTER_RESTART_ACKS more writes have been acknowledged the load stops and the check
# runs: every check-in acknowledged with a 2xx is stored exactly once (listed once through the API), nothing is
# stored that was never sent, and (by SQL, with the service stopped) the check_in rows and their CREATE audit
# events match one to one. Not a test in the suite: it takes minutes.
#
#   DB=h2 bench/crash.sh             10 runs on an H2 file (builds the jar for H2 first)
#   DB=postgresql bench/crash.sh     10 runs on PostgreSQL (builds the jar for PostgreSQL first)
#
# Knobs (environment): RUNS=10 THREADS=8 KILL_AFTER_ACKS=300 AFTER_RESTART_ACKS=200 KILL_PAUSE= (seconds; default
#   0-4 by run) PATIENTS=20 PORT=18520 MANAGEMENT_PORT=18521 SKIP_BUILD=1 KEEP=1
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
KILL_AFTER_ACKS=${KILL_AFTER_ACKS:-300}
AFTER_RESTART_ACKS=${AFTER_RESTART_ACKS:-200}
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

# acked DIR: how many writes the running load has seen acknowledged (its last progress line).
acked() { { grep '^progress acked=' "$1/load.out" || echo progress acked=0; } | tail -1 | cut -d= -f2; }
# wait_acks DIR N: until N writes are acknowledged (the load is under way), 5 minutes at most.
wait_acks() {
    for _ in $(seq 1 3000); do
        [ "$(acked "$1")" -ge "$2" ] && return 0
        kill -0 "$LOAD_PID" 2>/dev/null || die "the load client stopped: $(tail -5 "$1/load.out")"
        sleep 0.1
    done
    die "the load did not reach $2 acknowledged writes in 5 minutes"
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
    pause=${KILL_PAUSE:-$(((run * 7) % 5))}
    log "run $run/$RUNS on $DB: $THREADS writer threads; SIGKILL ${pause}s after $KILL_AFTER_ACKS acknowledged writes"

    start_app app "$PORT" "$MANAGEMENT_PORT" "$url" "$dir/token-signing-key.pem" "$dir/app.log"
    wait_ready app "$PORT" "$dir/app.log" >/dev/null
    write_load setup --target "http://127.0.0.1:$PORT" --admin "bench.admin:$ADMIN_PASSWORD" \
        --patients "$PATIENTS" --out "$dir"

    write_load load --targets "http://127.0.0.1:$PORT" --dir "$dir" --threads "$THREADS" \
        --seconds 900 --mix crash >"$dir/load.out" 2>&1 &
    LOAD_PID=$!
    wait_acks "$dir" "$KILL_AFTER_ACKS"
    sleep "$pause"
    acked_at_kill=$(acked "$dir")
    stop_app app KILL
    echo "SIGKILL with about $acked_at_kill writes acknowledged, 8 writers in flight"
    start_app app "$PORT" "$MANAGEMENT_PORT" "$url" "$dir/token-signing-key.pem" "$dir/app.log"
    restart=$(wait_ready app "$PORT" "$dir/app.log")
    echo "restarted and ready in ${restart}s; the load goes on for $AFTER_RESTART_ACKS more acknowledged writes"
    wait_acks "$dir" $((acked_at_kill + AFTER_RESTART_ACKS))
    touch "$dir/stop"
    wait "$LOAD_PID" || die "the load client failed: $(tail -5 "$dir/load.out")"
    LOAD_PID=
    grep -v '^progress ' "$dir/load.out"

    verdict=ok
    write_load verify --targets "http://127.0.0.1:$PORT" --dir "$dir" --mix crash | tee "$dir/verify.out" || verdict=FAILED
    stop_app app
    rows=$(sql "$dir" "$url" "select count(*) from check_in")
    audits=$(sql "$dir" "$url" "select count(*) from audit_event where action = 'CREATE' and resource_type = 'CheckIn'
        and outcome = 'SUCCESS'")
    result=$(sed -n 's/^RESULT //p' "$dir/verify.out")
    if [ "$rows" != "$audits" ]; then
        verdict=FAILED
        echo "check_in rows $rows but CREATE CheckIn audit events $audits"
    fi
    [ "$verdict" = ok ] || FAILED=1
    RESULTS+=("$run $acked_at_kill $restart $result rows=$rows audit_creates=$audits $verdict")
    echo "run $run: $result rows=$rows audit_creates=$audits $verdict"
    if [ "$DB" = postgresql ] && [ "${KEEP:-0}" != 1 ]; then
        dropdb --if-exists "$name"
        PG_DBS=${PG_DBS/ $name/}
    fi
    [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
done

log "summary: DB=$DB, $RUNS runs, $THREADS writer threads, one SIGKILL per run"
printf '| run | acknowledged at the kill | restart | sent | acknowledged (2xx) | stored | stored, never acknowledged | acknowledged missing or duplicated | CREATE audits = rows | verdict |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for line in "${RESULTS[@]}"; do
    read -r run acked_at_kill restart rest <<<"$line"
    field() { sed -n "s/.*[ ^]$1=\([0-9]*\).*/\1/p" <<<" $rest"; }
    sent=$(field sent) acked=$(field acked) stored=$(field stored) unacked=$(field unacked_stored)
    violations=$(field violations) rows=$(field rows) audits=$(field audit_creates)
    verdict=${rest##* }
    printf '| %s | %s | %ss | %s | %s | %s | %s | %s | %s | %s |\n' "$run" "$acked_at_kill" "$restart" "$sent" \
        "$acked" "$stored" "$unacked" "$violations" "$([ "$rows" = "$audits" ] && echo yes || echo "no ($rows/$audits)")" \
        "$verdict"
done
exit "$FAILED"
