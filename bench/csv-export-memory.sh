#!/usr/bin/env bash
# Proof that the CSV export streams: the service runs with a small heap (-Xmx64m), one patient gets 100,000
# check-ins, and the export is downloaded with curl while jstat samples the JVM's heap every 100 ms. If the
# export held its rows (entities, a list, a String), 100,000 rows would not fit in 64 MiB next to the
# application; streamed, the heap in use stays where it is for a 1,000-row export. Not a test: it prints figures.
#
#   bench/csv-export-memory.sh                 build the jar, then measure
#   SKIP_BUILD=1 bench/csv-export-memory.sh    reuse target/quarkus-app (must be built for the same DB)
#
# Knobs (environment): ROWS=100000 SMALL=1000 HEAP=64m PORT=18320 REPEAT=3 KEEP=1 (keep the temp dir)
#   DB=h2 (default) or DB=postgresql: the jar is built for PostgreSQL and a fresh database is created (and
#   dropped) on PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGPASSWORD=
#
# Steps: start the packaged app (prod profile, fresh database) to migrate it and create, through the API, a
# clinician and two patients; stop it; insert SMALL and ROWS check-ins for them with bench/SeedCheckIns.java
# (plain JDBC, the app's own columns); start the app again with -Xmx$HEAP; export each patient's check-ins
# REPEAT times (Accept: text/csv) while jstat samples the heap; check each file's row count.
set -euo pipefail

cd "$(dirname "$0")/.."

ROWS=${ROWS:-100000}
SMALL=${SMALL:-1000}
HEAP=${HEAP:-64m}
PORT=${PORT:-18320}
REPEAT=${REPEAT:-3}
DB=${DB:-h2}
case "$DB" in h2 | postgresql) ;; *) echo "csv-export-memory: DB must be h2 or postgresql" >&2; exit 1 ;; esac
BASE="http://127.0.0.1:$PORT"

BENCH_NAME=csv-export-memory
# shellcheck source=bench/lib.sh
. bench/lib.sh
command -v curl >/dev/null || die "curl is not installed"
command -v jstat >/dev/null || die "jstat is not installed (it comes with a JDK)"

build_jar "$DB"
DRIVER_JAR=$(driver_jar "$DB" target/quarkus-app)
if curl -s -o /dev/null "$BASE/q/health/ready"; then
    die "something already answers on $BASE; pick another PORT"
fi

WORK=$(mktemp -d /tmp/csv-export-memory.XXXXXX)
APP_PID=
JSTAT_PID=
PG_DB=
cleanup() {
    [ -n "$JSTAT_PID" ] && kill "$JSTAT_PID" 2>/dev/null || true
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept $WORK $PG_DB"
    else
        rm -rf "$WORK"
        [ -n "$PG_DB" ] && dropdb --if-exists "$PG_DB" || true
    fi
}
trap cleanup EXIT

if [ "$DB" = h2 ]; then
    DB_URL=$(h2_url "$WORK/db")
    DB_USER=sa DB_PASSWORD=
else
    PG_DB="csv_export_$(basename "$WORK" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
    createdb "$PG_DB"
    DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB"
    DB_USER=$PGUSER DB_PASSWORD=$PGPASSWORD
fi

ADMIN_PASSWORD=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
CLINICIAN_PASSWORD=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)

# start_app [JAVA OPTIONS...]: the packaged app on $BASE, waits until it is ready.
start_app() {
    BOOTSTRAP_ADMIN_USERNAME=bench.admin BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD java "$@" \
        -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" "-Dquarkus.datasource.jdbc.url=$DB_URL" \
        "-Dquarkus.datasource.username=$DB_USER" "-Dquarkus.datasource.password=$DB_PASSWORD" \
        "-Dinfusion.auth.signing-key=$WORK/token-signing-key.pem" \
        -jar target/quarkus-app/quarkus-run.jar >>"$WORK/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do
        curl -sf -o /dev/null "$BASE/q/health/ready" && return 0
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log"; die "the app exited"; }
        sleep 0.5
    done
    tail -30 "$WORK/app.log"
    die "the app did not become ready"
}
stop_app() {
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}
login() {
    curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d "{\"username\": \"$1\", \"password\": \"$2\"}" | sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p'
}
new_patient() {
    curl -sf -X POST "$BASE/api/v1/patients" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"displayName\": \"$1\", \"timezone\": \"UTC\"}" | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p'
}

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/{print $2}') GiB RAM;" \
    "$(java -version 2>&1 | head -1); DB=$DB"
echo "== setting up (fresh database, app started once to migrate it and create the accounts and patients)"
start_app
ADMIN_TOKEN=$(login bench.admin "$ADMIN_PASSWORD")
curl -sf -o /dev/null -X POST "$BASE/api/v1/users" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "{\"username\": \"bench.clinician\", \"password\": \"$CLINICIAN_PASSWORD\",
    \"role\": \"CLINICIAN\", \"displayName\": \"Bench clinician\"}" || die "creating the clinician failed"
TOKEN=$(login bench.clinician "$CLINICIAN_PASSWORD")
BIG=$(new_patient "Long history")
LITTLE=$(new_patient "Short history")
[ -n "$BIG" ] && [ -n "$LITTLE" ] || die "creating the patients failed"
stop_app

echo "== seeding $ROWS and $SMALL check-ins (plain JDBC)"
java -cp "$DRIVER_JAR" bench/SeedCheckIns.java --url "$DB_URL" --user "$DB_USER" --password "$DB_PASSWORD" \
    --patient "$BIG" --count "$ROWS"
java -cp "$DRIVER_JAR" bench/SeedCheckIns.java --url "$DB_URL" --user "$DB_USER" --password "$DB_PASSWORD" \
    --patient "$LITTLE" --count "$SMALL"

echo "== starting the app with -Xmx$HEAP -Xms$HEAP"
start_app "-Xmx$HEAP" "-Xms$HEAP"
TOKEN=$(login bench.clinician "$CLINICIAN_PASSWORD")
# Warm up the path (JIT, connection pool) so the first measured export is not the cold one.
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Accept: text/csv' "$BASE/api/v1/patients/$LITTLE/check-ins"

# jstat -gc columns: S0C S1C S0U S1U EC EU OC OU MC MU CCSC CCSU YGC YGCT FGC FGCT CGC CGCT GCT (KB, counts, s)
# heap in use = S0U + S1U + EU + OU; old generation = OU (what survived young collections).
sample_start() {
    jstat -gc "$APP_PID" 100 >"$WORK/jstat-$1.txt" 2>&1 &
    JSTAT_PID=$!
    sleep 0.5
}
sample_stop() {
    sleep 0.3
    kill "$JSTAT_PID" 2>/dev/null || true
    wait "$JSTAT_PID" 2>/dev/null || true
    JSTAT_PID=
}
# heap_summary NAME: "heap used max A MiB, old gen max B MiB (C after), young GCs D, full GCs E"
heap_summary() {
    awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {
        used = ($3 + $4 + $6 + $8) / 1024; if (used > max) max = used
        old = $8 / 1024; if (old > maxold) maxold = old; lastold = old
        if (first == "") { y0 = $13; f0 = $15; first = 1 }
        y = $13; f = $15 }
        END { printf "heap in use max %5.1f MiB, old generation max %5.1f MiB (%5.1f at the end), young GCs %d, full GCs %d",
              max, maxold, lastold, y - y0, f - f0 }' "$WORK/jstat-$1.txt"
}

printf '\n%-8s %-3s %10s %12s %9s %10s  %s\n' rows run bytes seconds "rows/s" "1st byte" "JVM heap while streaming (-Xmx$HEAP)"
for pass in $(seq 1 "$REPEAT"); do
    for which in LITTLE BIG; do
        patient=${!which}
        expected=$([ "$which" = BIG ] && echo "$ROWS" || echo "$SMALL")
        name="$which-$pass"
        sample_start "$name"
        timing=$(curl -sf -o "$WORK/$name.csv" -w '%{size_download} %{time_total} %{time_starttransfer}' \
            -H "Authorization: Bearer $TOKEN" -H 'Accept: text/csv' "$BASE/api/v1/patients/$patient/check-ins") \
            || die "export $name failed"
        sample_stop
        lines=$(($(grep -c $'\r$' "$WORK/$name.csv") - 1))
        # A note spans one line here (no line breaks in the seeded notes): every CRLF ends one record.
        [ "$lines" = "$expected" ] || die "export $name has $lines rows, expected $expected"
        read -r bytes seconds first <<<"$timing"
        printf '%-8s %-3s %10s %12s %9.0f %9.3fs  %s\n' "$lines" "$pass" "$bytes" "$seconds" \
            "$(awk -v r="$lines" -v s="$seconds" 'BEGIN { print r / s }')" "$first" "$(heap_summary "$name")"
        rm -f "$WORK/$name.csv"
    done
done
if grep -q 'OutOfMemoryError' "$WORK/app.log"; then
    die "the app ran out of memory (see $WORK/app.log)"
fi
echo
echo "no OutOfMemoryError; every export had exactly its rows"
