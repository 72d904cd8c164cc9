#!/usr/bin/env bash
# Latency of the trend and panel endpoints over a realistic cohort (a year of data per patient). Not a test: it
# measures and prints figures.
#
#   bench/trends.sh                                   H2, 2,000 patients: build, generate (once), measure
#   DB=postgresql PATIENTS=10000 bench/trends.sh      PostgreSQL, 10,000 patients (~3.6 million check-ins)
#   SKIP_BUILD=1 ... bench/trends.sh                  reuse the jar built for that DB kind by an earlier run
#
# Knobs (environment): DB=h2|postgresql PATIENTS=2000 CASELOAD=100 (patients per clinician) SEED=1 PORT=8090
#   CONNECTIONS=16 THREADS=2 (wrk) WARMUP=60 (before the first phase) WARMUP_NEXT=20 (before each later one)
#   DURATION=60 (seconds measured per phase) TIMEOUT=10s (wrk's; slower requests count as timeouts)
#   PHASES="trend overview panel" (also: agree, post, batch; post and batch add check-ins to the data)
#   READY_SECONDS=600 (how long a start may take: the first start on generated data computes every patient's
#   outcome summary) BATCHES=60 APP_JAVA_OPTS="" APP_URL_SUFFIX="" (appended to the app's JDBC URL only, e.g.
#   ";CACHE_SIZE=131072" to try a larger H2 page cache)
#   REGENERATE=1 (generate again even if the data exists) GENERATE_ONLY=1 (stop after generating)
#   VARIANT=name (a separate copy of the data, e.g. one changed by hand for an experiment: see bench/README.md)
#   DROP=1 (delete the data at the end)
#   APP_DIR= (a packaged app built for DB to use instead of building one, e.g. a copy kept for a before/after
#   comparison) PG_DB= (the PostgreSQL database's name, instead of the one below)
#   PostgreSQL: PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGPASSWORD=; the database is
#   bench_trends_p<PATIENTS>_c<CASELOAD>_s<SEED>[_<VARIANT>].
#
# 1. The jar is built for the DB kind (the kind is fixed at build time) and copied to target/bench-trends/app-<DB>,
#    so an H2 and a PostgreSQL build can be used in turn.
# 2. Data (once per DB kind, patient count, caseload and seed; kept in target/bench-trends/<name>/ for the next
#    run): the packaged app starts on an empty database, so Flyway migrates it and the bootstrap admin (a random
#    password, kept in admin-password) is created; the app stops; bench/TrendCohort.java writes the cohort with
#    JDBC batches (see its header: a year per patient, about 360 check-ins each, one clinician per CASELOAD
#    patients with the admin's password). Generation time and database size go to generation.txt.
# 3. The app starts on that database (prod profile) on 127.0.0.1:$PORT. Every clinician logs in, and again
#    before a wrk run their tokens would not outlive (access tokens live 15 minutes).
# 4. For each phase, wrk -t$THREADS -c$CONNECTIONS --latency with bench/trends.lua (a random patient per request,
#    with the token of the clinician on that patient's care team): a warm-up, then DURATION seconds measured.
#      trend     GET /api/v1/patients/{id}/trends/{domain}   (a random domain of the four)
#      overview  GET /api/v1/patients/{id}/trends             (all four domains, without series)
#      panel     GET /api/v1/reports/panel?domain=pain&limit=50   (a random clinician's first page)
#      post      POST /api/v1/patients/{id}/check-ins             (a DAILY check-in recorded a second ago)
#      batch     not wrk: bench/batch-check-ins.py cohort, BATCHES batches of 500 check-ins, each to another
#                random patient, from 1 and then 4 client threads (after its own 20-batch warm-up)
#      agree     not wrk, a check: bench/panel-vs-trends.py compares every patient's panel rows with their trends
#                (all four domains) and fails the run on any difference
#    Each phase prints how the 2 cores were spent (the app, wrk, everything else) and the load average: the
#    machine is shared, and a phase with much "other" CPU should be run again.
# 5. Summary against the targets: trend p99 < 25 ms, overview p99 < 50 ms, panel p99 < 50 ms (its target is for
#    CASELOAD=1000 of PATIENTS=10000, the 100-patient database within 1.5x), post >= 1,500/s, batch >= 20,000
#    check-ins/s.
set -euo pipefail

cd "$(dirname "$0")/.."

DB=${DB:-h2}
case "$DB" in h2 | postgresql) ;; *) echo "trends: DB must be h2 or postgresql" >&2; exit 1 ;; esac
PATIENTS=${PATIENTS:-2000}
CASELOAD=${CASELOAD:-100}
SEED=${SEED:-1}
PORT=${PORT:-8090}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-60}
WARMUP_NEXT=${WARMUP_NEXT:-20}
DURATION=${DURATION:-60}
PHASES=${PHASES:-trend overview panel}
# wrk leaves a request slower than its timeout (default 2 s) out of the latency figures: give slow ones room.
TIMEOUT=${TIMEOUT:-10s}
APP_JAVA_OPTS=${APP_JAVA_OPTS:-}
APP_URL_SUFFIX=${APP_URL_SUFFIX:-}
BASE="http://127.0.0.1:$PORT"
# Tokens live 900 s and are fetched before each wrk run.
[ "$WARMUP" -le 840 ] && [ "$WARMUP_NEXT" -le 840 ] && [ "$DURATION" -le 840 ] \
    || { echo "trends: WARMUP, WARMUP_NEXT and DURATION must be <= 840 s" >&2; exit 1; }

BENCH_NAME=trends
# shellcheck source=bench/lib.sh
. bench/lib.sh
require_wrk
command -v curl >/dev/null || die "curl is not installed"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
if [ "$DB" = postgresql ]; then
    command -v psql >/dev/null && command -v createdb >/dev/null || die "DB=postgresql needs psql and createdb"
    psql -d postgres -Atqc 'select 1' >/dev/null || die "cannot reach PostgreSQL at $PGUSER@$PGHOST:$PGPORT"
fi
for phase in $PHASES; do
    case "$phase" in trend | overview | panel | post | batch | agree) ;; *) die "unknown phase $phase (trend, overview, panel, post, batch, agree)" ;; esac
done

ROOT=target/bench-trends
NAME=$DB-p$PATIENTS-c$CASELOAD-s$SEED${VARIANT:+-$VARIANT}
DATA=$ROOT/$NAME
PG_DB=${PG_DB:-bench_trends_p${PATIENTS}_c${CASELOAD}_s${SEED}${VARIANT:+_$VARIANT}}
mkdir -p "$ROOT"

if [ -n "${APP_DIR:-}" ]; then
    [ -f "$APP_DIR/quarkus-run.jar" ] || die "no $APP_DIR/quarkus-run.jar"
    [ ! -f "$APP_DIR/bench-db-kind" ] || [ "$(cat "$APP_DIR/bench-db-kind")" = "$DB" ] \
        || die "$APP_DIR was built for $(cat "$APP_DIR/bench-db-kind"), not $DB"
elif APP_DIR=$ROOT/app-$DB && { [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$APP_DIR/quarkus-run.jar" ]; }; then
    SKIP_BUILD=0 build_jar "$DB"
    rm -rf "$APP_DIR"
    cp -r target/quarkus-app "$APP_DIR"
fi
DRIVER_JAR=$(driver_jar "$DB" "$APP_DIR")
if [ "$DB" = h2 ]; then
    DB_URL=$(h2_url "$PWD/$DATA/h2")
    DB_USER=sa DB_PASSWORD=
else
    DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB"
    DB_USER=$PGUSER DB_PASSWORD=$PGPASSWORD
    # The CPU split counts the backends of this database only (bench/lib.sh): the server may be shared.
    PG_CPU_DB=$PG_DB
fi

if curl -s -o /dev/null "$BASE/q/health/ready"; then
    die "something already answers on $BASE; pick another PORT"
fi

APP_PID=
WORK=$(mktemp -d /tmp/infusion-trends.XXXXXX)
cleanup() {
    stop_app
    rm -rf "$WORK"
    if [ "${DROP:-0}" = 1 ]; then
        rm -rf "$DATA"
        [ "$DB" = postgresql ] && dropdb --if-exists "$PG_DB"
        echo "dropped $DATA$([ "$DB" = postgresql ] && echo " and database $PG_DB")"
    fi
}
trap cleanup EXIT

# start_app LOG [VAR=VALUE...]: the packaged app on $DB_URL, prod profile, until it is ready.
start_app() {
    local out=$1
    shift
    # shellcheck disable=SC2086
    env "$@" java $APP_JAVA_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
        "-Dquarkus.datasource.jdbc.url=$DB_URL$APP_URL_SUFFIX" \
        "-Dquarkus.datasource.username=$DB_USER" "-Dquarkus.datasource.password=$DB_PASSWORD" \
        -Dinfusion.demo-data.enabled=false "-Dinfusion.auth.signing-key=$PWD/$DATA/token-signing-key.pem" \
        -jar "$APP_DIR/quarkus-run.jar" >"$out" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 $((${READY_SECONDS:-600} * 2))); do
        curl -sf -o /dev/null "$BASE/q/health/ready" && break
        kill -0 "$APP_PID" 2>/dev/null || { cat "$out"; die "the app exited"; }
        sleep 0.5
    done
    curl -sf -o /dev/null "$BASE/q/health/ready" || { cat "$out"; die "the app did not become ready"; }
    grep -m1 'started in' "$out" || true
    grep -i 'outcome summaries' "$out" | tail -2 || true
}
stop_app() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=
}
db_size() {
    if [ "$DB" = h2 ]; then
        du -sh "$DATA/h2" | cut -f1
    else
        psql -d postgres -Atqc "select pg_size_pretty(pg_database_size('$PG_DB'))"
    fi
}

log "machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/{print $2}') GiB RAM"
java -version 2>&1 | head -1
echo "$(wrk -v 2>&1 | head -1 | cut -c1-40)"
if [ "$DB" = h2 ]; then
    echo "H2: $(basename "$DRIVER_JAR"), $DB_URL"
else
    echo "$(psql -d postgres -Atqc 'select version()' | cut -d, -f1) at $PGHOST:$PGPORT, database $PG_DB," \
        "shared_buffers=$(psql -d postgres -Atqc 'show shared_buffers'), driver $(basename "$DRIVER_JAR")"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${REGENERATE:-0}" = 1 ] || [ ! -f "$DATA/generated" ]; then
    log "generating $PATIENTS patients (caseload $CASELOAD, seed $SEED) into $NAME"
    rm -rf "$DATA"
    mkdir -p "$DATA/h2"
    if [ "$DB" = postgresql ]; then
        dropdb --if-exists "$PG_DB"
        createdb "$PG_DB"
    fi
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 >"$DATA/admin-password")
    [ "$(wc -c <"$DATA/admin-password")" -ge 12 ] || die "could not make up a password"
    echo "migrating: starting the app once on the empty database"
    start_app "$DATA/migrate.log" BOOTSTRAP_ADMIN_USERNAME=bench.admin \
        "BOOTSTRAP_ADMIN_PASSWORD=$(cat "$DATA/admin-password")"
    stop_app
    {
        echo "generated $(date -u +%Y-%m-%dT%H:%M:%SZ), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "java -cp $(basename "$DRIVER_JAR") bench/TrendCohort.java --patients $PATIENTS --caseload $CASELOAD --seed $SEED"
    } >"$DATA/generation.txt"
    /usr/bin/time -f 'generator: %e s wall, %U s user + %S s system CPU' -o "$WORK/gen.time" \
        java -Xmx2g -cp "$DRIVER_JAR" bench/TrendCohort.java --url "$DB_URL" --user "$DB_USER" \
        --password "$DB_PASSWORD" --patients "$PATIENTS" --caseload "$CASELOAD" --seed "$SEED" \
        --password-like bench.admin --out "$DATA/patients.tsv" | tee -a "$DATA/generation.txt"
    {
        cat "$WORK/gen.time"
        echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); database size: $(db_size)"
    } | tee -a "$DATA/generation.txt"
    touch "$DATA/generated"
else
    log "reusing the generated data in $DATA (REGENERATE=1 to make it again)"
    cat "$DATA/generation.txt"
fi
[ "${GENERATE_ONLY:-0}" = 1 ] && exit 0
PASSWORD=$(cat "$DATA/admin-password")
echo "database size now: $(db_size)"

log "starting the app on $BASE"
start_app "$WORK/app.log"

# login USER: prints an access token (the clinicians share the bootstrap admin's password).
login() {
    local body token
    # On a busy machine the password hashing queue can refuse a sign-in (503): try again a few times.
    for attempt in 1 2 3 4 5; do
        body=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
            -d "{\"username\": \"$1\", \"password\": \"$PASSWORD\"}") && break
        [ "$attempt" -lt 5 ] || die "login as $1 failed"
        sleep 2
    done
    token=$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"$body")
    [ -n "$token" ] || die "no accessToken in the answer to the login as $1"
    echo "$1 $token"
}
export -f login die
export BASE PASSWORD
CLINICIANS=$(awk '{print $2}' "$DATA/patients.tsv" | sort -u)
LOGGED_IN_AT=0
login_all() {
    xargs -P 4 -I{} bash -c 'login {}' <<<"$CLINICIANS" >"$WORK/tokens.tsv"
    [ "$(wc -l <"$WORK/tokens.tsv")" = "$(wc -l <<<"$CLINICIANS")" ] || die "not every clinician logged in"
    LOGGED_IN_AT=$(date +%s)
}
# fresh_tokens SECONDS: logs everyone in again unless the tokens outlive the next SECONDS by a minute (they live
# 900 s; 100 bcrypt logins cost the app several seconds of CPU, so not before every run).
fresh_tokens() {
    [ $(($(date +%s) - LOGGED_IN_AT + $1)) -lt 840 ] || login_all
}
login_all
echo "$(wc -l <"$WORK/tokens.tsv") clinicians logged in; $(wc -l <"$DATA/patients.tsv") patients"

# One request of each kind, cold, to show what the phases fetch.
FIRST_PATIENT=$(head -1 "$DATA/patients.tsv" | cut -d' ' -f1)
FIRST_TOKEN=$(grep "^$(head -1 "$DATA/patients.tsv" | cut -d' ' -f2) " "$WORK/tokens.tsv" | cut -d' ' -f2)
for path in "/api/v1/patients/$FIRST_PATIENT/trends/pain" "/api/v1/patients/$FIRST_PATIENT/trends" \
    "/api/v1/reports/panel?domain=pain&limit=50"; do
    curl -s -o "$WORK/sample.json" -w "%{http_code} %{size_download} bytes %{time_total} s  $path\n" \
        -H "Authorization: Bearer $FIRST_TOKEN" "$BASE$path"
done
echo "that panel page, rows by category:$(grep -o '"category":"[A-Z_]*"' "$WORK/sample.json" | sort | uniq -c | tr -s ' ' | tr '\n' ';')"

cpu_app() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
cpu_all() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }
TICKS=$(getconf CLK_TCK)
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# run_wrk NAME MODE SECONDS: fresh tokens for every clinician, runs wrk, sets RESULT_LINE, CPU_NOTE and LOAD_NOTE.
run_wrk() {
    local name=$1 mode=$2 secs=$3 a0 m0 a1 m1 w l0
    fresh_tokens "$secs"
    l0=$(cut -d' ' -f1-3 /proc/loadavg)
    a0=$(cpu_app); m0=$(cpu_all); pg_snapshot "$WORK/$name.pg"
    BENCH_MODE=$mode BENCH_PATIENTS="$DATA/patients.tsv" BENCH_TOKENS="$WORK/tokens.tsv" \
        /usr/bin/time -f '%U %S' -o "$WORK/$name.time" \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout "$TIMEOUT" --latency -s bench/trends.lua "$BASE" >"$WORK/$name.txt" 2>&1 \
        || { cat "$WORK/$name.txt"; die "wrk failed ($name)"; }
    a1=$(cpu_app); m1=$(cpu_all)
    w=$(awk '{print $1 + $2}' "$WORK/$name.time")
    RESULT_LINE=$(grep '^RESULT ' "$WORK/$name.txt" | tail -1)
    CPU_NOTE=$(cpu_split $((a1 - a0)) "$w" "$(pg_ticks_since "$WORK/$name.pg")" $((m1 - m0)) "$secs")
    LOAD_NOTE="load average $l0 -> $(cut -d' ' -f1-3 /proc/loadavg)"
}

declare -A RESULTS CPUS LOADS
warm=$WARMUP
for phase in $PHASES; do
    if [ "$phase" = agree ]; then
        log "agree: python3 bench/panel-vs-trends.py $PORT"
        BENCH_PATIENTS="$DATA/patients.tsv" BENCH_PASSWORD="$DATA/admin-password" \
            python3 bench/panel-vs-trends.py "$PORT" | tee "$WORK/agree.txt" \
            || die "the panel and the trends differ (above)"
        RESULTS[agree]=$(tail -1 "$WORK/agree.txt")
        continue
    fi
    if [ "$phase" = batch ]; then
        log "batch: python3 bench/batch-check-ins.py cohort ${BATCHES:-60} $PORT"
        a0=$(cpu_app); pg_snapshot "$WORK/batch.pg"
        BENCH_PATIENTS="$DATA/patients.tsv" BENCH_PASSWORD="$DATA/admin-password" \
            python3 bench/batch-check-ins.py cohort "${BATCHES:-60}" "$PORT" | tee "$WORK/batch.txt" \
            || die "batch-check-ins.py failed"
        RESULTS[batch]=$(cat "$WORK/batch.txt")
        CPUS[batch]="cpu over the whole phase, warm-up included: app $(awk -v a=$(($(cpu_app) - a0)) -v t="$TICKS" 'BEGIN { printf "%.1f", a / t }') s, postgres $(awk -v a="$(pg_ticks_since "$WORK/batch.pg")" -v t="$TICKS" 'BEGIN { printf "%.1f", a / t }') s"
        LOADS[batch]="load average $(cut -d' ' -f1-3 /proc/loadavg)"
        continue
    fi
    log "$phase: warm-up ${warm}s"
    run_wrk "$phase-warmup" "$phase" "$warm"
    echo "$RESULT_LINE"
    echo "$CPU_NOTE; $LOAD_NOTE"
    warm=$WARMUP_NEXT
    if [ "$DB" = postgresql ]; then
        # Every request adds audit rows: statistics taken while the audit tables were nearly empty (the generator's
        # ANALYZE) make the foreign-key check of each audit_event_patient row scan audit_event, which is then most
        # of the database's work. In service autovacuum catches up; a run must not depend on when it does.
        psql -d "$PG_DB" -qc 'analyze audit_event, audit_event_patient'
    fi
    log "$phase: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency (measured)"
    run_wrk "$phase" "$phase" "$DURATION"
    grep -v '^RESULT ' "$WORK/$phase.txt"
    echo "$CPU_NOTE; $LOAD_NOTE"
    RESULTS[$phase]=$RESULT_LINE
    CPUS[$phase]=$CPU_NOTE
    LOADS[$phase]=$LOAD_NOTE
done

log "summary: $NAME, $CONNECTIONS connections, ${DURATION}s measured per phase"
for phase in $PHASES; do
    r=${RESULTS[$phase]}
    if [ "$phase" = agree ]; then
        echo "agree     $r"
        continue
    fi
    if [ "$phase" = batch ]; then
        awk '/workers=/ { rate = $NF == "check-ins/s" ? $(NF - 1) : $NF
            printf "batch     %s   >= 20,000/s: %s\n", $0, (rate + 0 >= 20000) ? "met" : "MISSED" }' <<<"$r"
        echo "          ${CPUS[$phase]}; ${LOADS[$phase]}"
        continue
    fi
    if [ "$phase" = post ]; then
        awk -v rps="$(field "$r" rps)" -v p50="$(field "$r" p50_ms)" -v p99="$(field "$r" p99_ms)" \
            -v bad="$(($(field "$r" non2xx) + $(field "$r" timeouts)))" 'BEGIN {
            printf "post      %8.1f req/s   p50 %7.2f ms   p99 %7.2f ms   non-2xx/timeouts %d   >= 1,500/s: %s\n",
                rps, p50, p99, bad, (rps >= 1500 && bad == 0) ? "met" : "MISSED" }'
        echo "          ${CPUS[$phase]}; ${LOADS[$phase]}"
        continue
    fi
    case "$phase" in trend) target=${TREND_TARGET_MS:-25} ;; overview) target=50 ;; panel) target=50 ;; esac
    awk -v phase="$phase" -v rps="$(field "$r" rps)" -v p50="$(field "$r" p50_ms)" -v p99="$(field "$r" p99_ms)" \
        -v max="$(field "$r" max_ms)" -v n="$(field "$r" requests)" -v bad="$(($(field "$r" non2xx) + $(field "$r" timeouts)))" \
        -v target="$target" 'BEGIN {
        printf "%-9s %8.1f req/s   p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms   non-2xx/timeouts %d   p99 < %d ms: %s\n",
            phase, rps, p50, p99, max, bad, target, (n > 0 && p99 < target && bad == 0) ? "met" : "MISSED" }'
    echo "          ${CPUS[$phase]}; ${LOADS[$phase]}"
done
echo "database size after the run: $(db_size) (every request adds an audit_event row)"
[ "${DROP:-0}" = 1 ] || echo "data kept in $DATA$([ "$DB" = postgresql ] && echo " and database $PG_DB"); DROP=1 removes it"
