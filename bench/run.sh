#!/usr/bin/env bash
# Load benchmark of the check-in API against plain-JDBC ceilings of the same work. Not a test: it measures and prints figures.
#
#   bench/run.sh                 build the jar, then run everything (about 11 minutes with the defaults)
#   SKIP_BUILD=1 bench/run.sh    reuse target/quarkus-app
#
# Knobs (environment): CONNECTIONS=16 THREADS=2 (wrk) DURATION=30 WARMUP=60 (seconds per phase)
#   PATIENTS=300 PORT=8089 (metrics on PORT+1) LIST_LIMIT=50 APP_JAVA_OPTS="" KEEP=1 (keep the temp dir with logs and databases)
#   LIST_CEILING=1 (0: skip the list+audit JDBC ceiling, 90 s less)
#   PROGRESS=10 (JDBC ceiling: print the rate of every 10 s, warm-up included, and the H2 file's size; 0: off)
#   PHASES="post get" (API phases; get needs the check-ins post stored) CEILINGS="checkin checkin+audit list+audit"
#   (JDBC ceilings to run; list+audit also needs LIST_CEILING=1 and the get phase) APP_DIR=target/quarkus-app (a
#   packaged app built for DB, e.g. a copy kept for a before/after comparison) PG_DB_PREFIX=bench (PostgreSQL
#   databases are <prefix>_<side>_<suffix>)
#   DB=h2 (default) or DB=postgresql: then the jar is built for PostgreSQL (the kind is fixed at build time) and
#   every side uses its own fresh database created on the server at PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
#   PGPASSWORD= (psql and createdb needed; the databases are dropped at the end unless KEEP=1); the server's
#   own durability settings (synchronous_commit, fsync) apply to both sides.
#
# Why a 60 s warm-up: on 2 cores the JIT compilers need about a minute of load before the app reaches its
# steady rate (C2 takes 30-45% of the CPU for the first 40-60 s); a 10 s warm-up measures the JIT, not the app.
#
# Authentication: the app starts with a bootstrap admin (BOOTSTRAP_ADMIN_USERNAME/PASSWORD, a random password
# made up per run) and its token signing key in the temp dir. The admin creates one CLINICIAN; the clinician
# creates the patients (and so is on every patient's care team) and is the caller of every wrk request
# (Authorization: Bearer, from $BENCH_TOKEN). Access tokens live 15 minutes: the script logs in again before
# every wrk run, so each token only has to outlive one run (WARMUP and DURATION are capped at 14 minutes).
# No login ever fails (failed logins are throttled per username and address).
#
# Phases, one after the other so that they never compete for the 2 cores:
#   1. the packaged app (prod profile) on a fresh database (H2: a file in a temp dir), on 127.0.0.1:$PORT
#   2. a clinician account, then $PATIENTS patients created through the API by that clinician
#   3. wrk: check-in POSTs round-robin over the patients (warm-up, then the measured run)
#   4. wrk: check-in list GETs round-robin over the patients (warm-up, then the measured run)
#   5. the app is stopped; every 2xx POST must be a check_in row and a CREATE audit row, every 2xx GET a LIST
#      audit row
#   6. bench/JdbcCeiling.java, each mode on another fresh database (H2: with the app's own URL options) built
#      from the app's own migrations, $CONNECTIONS threads, one committed transaction per operation:
#        checkin        INSERT check_in                         (the ceiling used before the audit trail)
#        checkin+audit  INSERT check_in + INSERT audit_event    (the rows of one API POST: like-for-like)
#        list+audit     SELECT a page + INSERT audit_event      (the work of one API list GET; LIST_CEILING=1)
#   7. summary: API POST rate / JDBC rates, and the targets (POST against the like-for-like checkin+audit)
set -euo pipefail

cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
PATIENTS=${PATIENTS:-300}
PORT=${PORT:-8089}
LIST_LIMIT=${LIST_LIMIT:-50}
APP_JAVA_OPTS=${APP_JAVA_OPTS:-}
LIST_CEILING=${LIST_CEILING:-1}
PROGRESS=${PROGRESS:-10}
PHASES=${PHASES-post get}
CEILINGS=${CEILINGS-checkin checkin+audit list+audit}
APP_DIR=${APP_DIR:-target/quarkus-app}
PG_DB_PREFIX=${PG_DB_PREFIX:-bench}
DB=${DB:-h2}
case "$DB" in h2 | postgresql) ;; *) echo "bench: DB must be h2 or postgresql" >&2; exit 1 ;; esac
BASE="http://127.0.0.1:$PORT"
# A token lives 900 s and the script logs in before each wrk run: one run must end well before it expires.
[ "$WARMUP" -le 840 ] && [ "$DURATION" -le 840 ] || { echo "bench: WARMUP and DURATION must be <= 840 s" >&2; exit 1; }

# shellcheck source=bench/lib.sh
. bench/lib.sh
require_wrk
command -v curl >/dev/null || die "curl is not installed"
if [ "$DB" = postgresql ]; then
    command -v psql >/dev/null && command -v createdb >/dev/null || die "DB=postgresql needs psql and createdb"
    psql -d postgres -Atqc 'select 1' >/dev/null || die "cannot reach PostgreSQL at $PGUSER@$PGHOST:$PGPORT"
fi
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"

if [ "$APP_DIR" = target/quarkus-app ]; then
    build_jar "$DB"
else
    [ -f "$APP_DIR/quarkus-run.jar" ] || die "no $APP_DIR/quarkus-run.jar"
    [ ! -f "$APP_DIR/bench-db-kind" ] || [ "$(cat "$APP_DIR/bench-db-kind")" = "$DB" ] \
        || die "$APP_DIR was built for $(cat "$APP_DIR/bench-db-kind"), not $DB"
fi
DRIVER_JAR=$(driver_jar "$DB" "$APP_DIR")
case " $PHASES " in *" get "*) case " $PHASES " in *" post "*) ;; *) die "the get phase needs the post phase" ;; esac ;; esac
has() { case " $1 " in *" $2 "*) return 0 ;; *) return 1 ;; esac; }
has "$PHASES" get || LIST_CEILING=0
has "$CEILINGS" list+audit || LIST_CEILING=0
MIGRATIONS=src/main/resources/db/migration

WORK=$(mktemp -d /tmp/infusion-bench.XXXXXX)
PG_DBS=
APP_PID=
cleanup() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept $WORK $PG_DBS"
    else
        rm -rf "$WORK"
        for db in $PG_DBS; do dropdb --if-exists "$db" || true; done
    fi
}
trap cleanup EXIT

# A fresh database for each side: NAME is api or jdbc. db_url prints its JDBC URL.
SUFFIX=$(basename "$WORK" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')
db_url() {
    if [ "$DB" = h2 ]; then
        # The app's own H2 options, so both sides run with the same durability.
        h2_url "$WORK/$1"
    else
        echo "jdbc:postgresql://$PGHOST:$PGPORT/${PG_DB_PREFIX}_$1_$SUFFIX"
    fi
}
new_db() {
    if [ "$DB" = h2 ]; then
        mkdir -p "$WORK/$1"
    else
        createdb "${PG_DB_PREFIX}_$1_$SUFFIX"
        PG_DBS="$PG_DBS ${PG_DB_PREFIX}_$1_$SUFFIX"
    fi
}
# db_count NAME SQL: the number a "select count(*) ..." returns in that side's database.
db_count() {
    if [ "$DB" = h2 ]; then
        java -cp "$DRIVER_JAR" org.h2.tools.Shell -url "$(db_url "$1")" -user sa -password '' \
            -sql "$2" | sed -n '2p' | tr -dc 0-9
    else
        psql -d "${PG_DB_PREFIX}_$1_$SUFFIX" -Atqc "$2"
    fi
}
if [ "$DB" = h2 ]; then
    DB_USER=sa DB_PASSWORD=
else
    DB_USER=$PGUSER DB_PASSWORD=$PGPASSWORD
fi

if curl -s -o /dev/null "$BASE/q/health/ready"; then
    die "something already answers on $BASE; pick another PORT"
fi

# CPU accounting: clock ticks used by the app process, and by the whole machine (user+nice+system+irq+softirq).
cpu_app() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
cpu_all() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }
TICKS=$(getconf CLK_TCK)

# Accounts. Passwords are made up per run (letters and digits only, so they need no JSON escaping).
ADMIN_USER=bench.admin
ADMIN_PASSWORD=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
CLINICIAN_USER=bench.clinician
CLINICIAN_PASSWORD=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
[ "${#ADMIN_PASSWORD}" -ge 12 ] && [ "${#CLINICIAN_PASSWORD}" -ge 12 ] || die "could not make up passwords"

# login USER PASSWORD: prints a fresh access token. Only ever called with the right password.
login() {
    local body token
    body=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d "{\"username\": \"$1\", \"password\": \"$2\"}") || die "login as $1 failed"
    token=$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$body")
    [ -n "$token" ] || die "no accessToken in the answer to the login as $1"
    echo "$token"
}

# run_wrk NAME SCRIPT SECONDS: logs the clinician in (a fresh 15-minute token for this run), runs wrk with it,
# keeps its output in $WORK/NAME.txt, sets RESULT_LINE and CPU_NOTE.
# CPU_NOTE splits the machine's busy time over the phase into the app, wrk, and everything else (other
# processes on the machine: a figure far from 0 means the run was disturbed and should be repeated).
run_wrk() {
    local name=$1 script=$2 secs=$3 a0 m0 a1 m1 w token
    token=$(login "$CLINICIAN_USER" "$CLINICIAN_PASSWORD") || die "login before $name failed"
    a0=$(cpu_app); m0=$(cpu_all); pg_snapshot "$WORK/$name.pg"
    BENCH_TOKEN=$token BENCH_PATIENTS="$WORK/patients.txt" BENCH_WRK_THREADS=$THREADS BENCH_LIST_LIMIT=$LIST_LIMIT \
        /usr/bin/time -f '%U %S' -o "$WORK/$name.time" \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency -s "bench/$script" "$BASE" >"$WORK/$name.txt" 2>&1 \
        || { cat "$WORK/$name.txt"; die "wrk failed ($name)"; }
    a1=$(cpu_app); m1=$(cpu_all)
    w=$(awk '{print $1 + $2}' "$WORK/$name.time")
    RESULT_LINE=$(grep '^RESULT ' "$WORK/$name.txt" | tail -1)
    CPU_NOTE=$(cpu_split $((a1 - a0)) "$w" "$(pg_ticks_since "$WORK/$name.pg")" $((m1 - m0)) "$secs")
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

log "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/{print $2}') GiB RAM"
java -version 2>&1 | head -1
echo "$(wrk -v 2>&1 | head -1 | cut -c1-40)"
if [ "$DB" = h2 ]; then
    echo "H2: $(basename "$DRIVER_JAR"), $(db_url api)"
else
    echo "$(psql -d postgres -Atqc 'select version()' | cut -d, -f1) at $PGHOST:$PGPORT," \
        "synchronous_commit=$(psql -d postgres -Atqc 'show synchronous_commit')," \
        "fsync=$(psql -d postgres -Atqc 'show fsync'), driver $(basename "$DRIVER_JAR")"
fi
echo "work dir: $WORK"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

log "starting the app on $BASE (fresh $DB database)"
new_db api
has "$CEILINGS" checkin && new_db jdbc
has "$CEILINGS" checkin+audit && new_db jdbcaudit
[ "$LIST_CEILING" = 1 ] && new_db jdbclist
# shellcheck disable=SC2086
BOOTSTRAP_ADMIN_USERNAME=$ADMIN_USER BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD java $APP_JAVA_OPTS \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$((PORT + 1))" \
    "-Dquarkus.datasource.jdbc.url=$(db_url api)" \
    "-Dquarkus.datasource.username=$DB_USER" "-Dquarkus.datasource.password=$DB_PASSWORD" \
    -Dinfusion.demo-data.enabled=false "-Dinfusion.auth.signing-key=$WORK/token-signing-key.pem" \
    -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$BASE/q/health/ready" && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; die "the app exited"; }
    sleep 0.5
done
curl -sf -o /dev/null "$BASE/q/health/ready" || { cat "$WORK/app.log"; die "the app did not become ready"; }
grep -m1 'started in' "$WORK/app.log" || true

log "accounts: admin $ADMIN_USER (bootstrap), clinician $CLINICIAN_USER"
ADMIN_TOKEN=$(login "$ADMIN_USER" "$ADMIN_PASSWORD")
status=$(curl -s -o "$WORK/clinician.json" -w '%{http_code}' -X POST "$BASE/api/v1/users" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"username\": \"$CLINICIAN_USER\", \"password\": \"$CLINICIAN_PASSWORD\", \"role\": \"CLINICIAN\", \"displayName\": \"Bench clinician\"}")
[ "$status" = 201 ] || { cat "$WORK/clinician.json"; die "creating the clinician answered $status"; }
TOKEN=$(login "$CLINICIAN_USER" "$CLINICIAN_PASSWORD")
echo "logged in as $CLINICIAN_USER (token of ${#TOKEN} characters)"

log "creating $PATIENTS patients as $CLINICIAN_USER (on each one's care team)"
: >"$WORK/patients.txt"
for i in $(seq 1 "$PATIENTS"); do
    body=$(curl -sf -X POST "$BASE/api/v1/patients" -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $TOKEN" \
        -d "{\"displayName\": \"Bench patient $i\", \"timezone\": \"UTC\"}") || die "creating patient $i failed"
    id=$(sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' <<<"$body")
    [ -n "$id" ] || die "no id in $body"
    echo "$id" >>"$WORK/patients.txt"
done
echo "$(wc -l <"$WORK/patients.txt") patient ids in $WORK/patients.txt"

log "POST check-ins: warm-up ${WARMUP}s"
run_wrk post-warmup post-check-ins.lua "$WARMUP"
POST_WARM=$RESULT_LINE
echo "$POST_WARM"
echo "$CPU_NOTE"

log "POST check-ins: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency"
run_wrk post post-check-ins.lua "$DURATION"
POST=$RESULT_LINE
POST_CPU=$CPU_NOTE
grep -v '^RESULT ' "$WORK/post.txt"
echo "$POST_CPU"

# What the lists read: every 2xx POST so far is a row (checked after the run), spread evenly over the patients.
POSTED=$(($(field "$POST_WARM" requests) - $(field "$POST_WARM" non2xx) + $(field "$POST" requests) - $(field "$POST" non2xx)))
echo "check-ins stored so far: $POSTED, about $((POSTED / PATIENTS)) per patient"

if has "$PHASES" get; then
    log "GET check-in lists (limit=$LIST_LIMIT): warm-up ${WARMUP}s"
    run_wrk get-warmup list-check-ins.lua "$WARMUP"
    GET_WARM=$RESULT_LINE
    echo "$RESULT_LINE"
    echo "$CPU_NOTE"

    log "GET check-in lists (limit=$LIST_LIMIT): wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency"
    run_wrk get list-check-ins.lua "$DURATION"
    GET=$RESULT_LINE
    GET_CPU=$CPU_NOTE
    grep -v '^RESULT ' "$WORK/get.txt"
    echo "$GET_CPU"
    TOKEN=$(login "$CLINICIAN_USER" "$CLINICIAN_PASSWORD")
    SAMPLE=$(curl -s -H "Authorization: Bearer $TOKEN" \
        "$BASE/api/v1/patients/$(head -1 "$WORK/patients.txt")/check-ins?limit=$LIST_LIMIT")
    echo "one list response: ${#SAMPLE} bytes, $(grep -o '"recordedAt"' <<<"$SAMPLE" | wc -l) items"
else
    GET_WARM= GET= GET_CPU=
fi

log "stopping the app and counting its rows"
kill "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=
# The counts are a few higher than wrk's: requests in flight when wrk stops are committed but not counted by wrk.
LISTED=$(($(field "$GET_WARM" requests) + 0 - $(field "$GET_WARM" non2xx) + $(field "$GET" requests) + 0 - $(field "$GET" non2xx) + 0))
ROWS=$(db_count api 'select count(*) from check_in')
AUDIT_CREATE=$(db_count api "select count(*) from audit_event where action = 'CREATE' and resource_type = 'CheckIn' and outcome = 'SUCCESS'")
AUDIT_LIST=$(db_count api "select count(*) from audit_event where action = 'LIST' and resource_type = 'CheckIn' and outcome = 'SUCCESS'")
AUDIT_FAILED=$(db_count api "select count(*) from audit_event where outcome <> 'SUCCESS'")
echo "check_in rows: $ROWS; 2xx POST responses seen by wrk: $POSTED"
echo "audit_event rows: CREATE CheckIn $AUDIT_CREATE, LIST CheckIn $AUDIT_LIST (2xx GETs seen by wrk: $LISTED), not SUCCESS $AUDIT_FAILED"
[ "$ROWS" -ge "$POSTED" ] || echo "WARNING: fewer check_in rows than acknowledged POSTs"
[ "$AUDIT_CREATE" = "$ROWS" ] || echo "WARNING: check_in rows and their CREATE audit rows differ"
[ "$AUDIT_LIST" -ge "$LISTED" ] || echo "WARNING: fewer LIST audit rows than answered GETs"

# run_jdbc NAME MODE [OPTIONS...]: one JdbcCeiling run on the fresh database NAME; sets JDBC_LINE.
run_jdbc() {
    local name=$1 mode=$2
    shift 2
    log "JDBC ceiling, mode $mode: $CONNECTIONS threads, one committed transaction each, ${WARMUP}s warm-up + ${DURATION}s"
    java -cp "$DRIVER_JAR" bench/JdbcCeiling.java --url "$(db_url "$name")" --user "$DB_USER" \
        --password "$DB_PASSWORD" --schema "$MIGRATIONS" --threads "$CONNECTIONS" --patients "$PATIENTS" \
        --mode "$mode" --warmup "$WARMUP" --duration "$DURATION" --progress "$PROGRESS" "$@" | tee "$WORK/$name.txt"
    JDBC_LINE=$(grep '^RESULT ' "$WORK/$name.txt" | tail -1)
    [ -n "$JDBC_LINE" ] || die "JdbcCeiling ($mode) printed no RESULT line"
}
JDBC= JDBC_AUDIT=
if has "$CEILINGS" checkin; then
    run_jdbc jdbc checkin
    JDBC=$JDBC_LINE
fi
if has "$CEILINGS" checkin+audit; then
    run_jdbc jdbcaudit checkin+audit
    JDBC_AUDIT=$JDBC_LINE
fi
JDBC_LIST=
if [ "$LIST_CEILING" = 1 ]; then
    # Seeded with as many check-ins per patient as the API's lists read.
    run_jdbc jdbclist list+audit --seed "$((POSTED / PATIENTS))" --limit "$LIST_LIMIT"
    JDBC_LIST=$JDBC_LINE
fi

log "summary ($CONNECTIONS connections, ${DURATION}s each after ${WARMUP}s warm-up; lists read ~$((POSTED / PATIENTS)) check-ins per patient)"
awk -v post_rps="$(field "$POST" rps)" -v post_p50="$(field "$POST" p50_ms)" -v post_p99="$(field "$POST" p99_ms)" \
    -v post_bad="$(($(field "$POST" non2xx) + $(field "$POST" timeouts)))" \
    -v get_rps="$(field "$GET" rps)" -v get_p50="$(field "$GET" p50_ms)" -v get_p99="$(field "$GET" p99_ms)" \
    -v get_bad="$(($(field "$GET" non2xx) + 0 + $(field "$GET" timeouts) + 0))" \
    -v jdbc="$(field "$JDBC" jdbc_rate)" -v jdbc_p50="$(field "$JDBC" jdbc_p50_ms)" \
    -v jdbc_p99="$(field "$JDBC" jdbc_p99_ms)" \
    -v jdbca="$(field "$JDBC_AUDIT" jdbc_rate)" -v jdbca_p50="$(field "$JDBC_AUDIT" jdbc_p50_ms)" \
    -v jdbca_p99="$(field "$JDBC_AUDIT" jdbc_p99_ms)" \
    -v jdbcl="$(field "$JDBC_LIST" jdbc_rate)" -v jdbcl_p50="$(field "$JDBC_LIST" jdbc_p50_ms)" \
    -v jdbcl_p99="$(field "$JDBC_LIST" jdbc_p99_ms)" 'BEGIN {
    printf "API POST check-in (+audit row)          %8.1f req/s   p50 %6.2f ms   p99 %6.2f ms   non-2xx/timeouts %d\n", post_rps, post_p50, post_p99, post_bad
    if (get_rps != "")
        printf "API GET list (+audit row)               %8.1f req/s   p50 %6.2f ms   p99 %6.2f ms   non-2xx/timeouts %d\n", get_rps, get_p50, get_p99, get_bad
    if (jdbc != "")
        printf "JDBC checkin        (INSERT check_in)   %8.1f tx/s    p50 %6.2f ms   p99 %6.2f ms\n", jdbc, jdbc_p50, jdbc_p99
    if (jdbca != "")
        printf "JDBC checkin+audit  (the POST rows)     %8.1f tx/s    p50 %6.2f ms   p99 %6.2f ms\n", jdbca, jdbca_p50, jdbca_p99
    if (jdbcl != "")
        printf "JDBC list+audit     (the GET work)      %8.1f tx/s    p50 %6.2f ms   p99 %6.2f ms\n", jdbcl, jdbcl_p50, jdbcl_p99
    if (jdbca != "")
        printf "\nratio API POST / JDBC checkin+audit (like-for-like: the same rows) = %.2f (%.0f%%)\n", post_rps / jdbca, post_rps / jdbca * 100
    if (jdbc != "")
        printf "ratio API POST / JDBC checkin (check-in row only, for reference)  = %.2f (%.0f%%)\n", post_rps / jdbc, post_rps / jdbc * 100
    if (jdbcl != "")
        printf "ratio API GET / JDBC list+audit                                   = %.2f (%.0f%%)\n", get_rps / jdbcl, get_rps / jdbcl * 100
    print ""
    if (jdbca != "")
        printf "target: POST >= 50%% of JDBC checkin+audit .. %s\n", post_rps / jdbca >= 0.50 ? "met" : "MISSED"
    printf "target: POST >= 2500 req/s ................. %s\n", post_rps >= 2500 ? "met" : "MISSED"
    if (get_rps != "")
        printf "target: GET >= 3000 req/s .................. %s\n", get_rps >= 3000 ? "met" : "MISSED"
}'
echo "$POST_CPU (POST)"
[ -z "$GET_CPU" ] || echo "$GET_CPU (GET)"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
