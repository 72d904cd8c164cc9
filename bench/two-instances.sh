#!/usr/bin/env bash
# Two instances, one PostgreSQL. Starts two copies of the packaged service (prod profile) at
# the same moment on one fresh, empty PostgreSQL database, as an operator would behind a load balancer: the same
# database, the same provisioned token signing key, the same bootstrap administrator. Then a write load that
# alternates between them, request by request, and the checks:
#   - both start: the migrations run once (Flyway's lock), one of them creates the administrator;
#   - a token issued by one is accepted by the other (the signing key is shared, nothing is held in memory);
#   - every check-in acknowledged with a 2xx is listed exactly once, by both instances alike (no duplicate, no
#     lost write), nothing is stored that was never sent;
#   - a check-in sent again to the other instance answers 200 with the stored record; one sent to both at the
#     same moment is stored once (one 201, one 200);
#   - alerts are de-duplicated across instances: each patient has one unresolved SELF_HARM_RISK alert whose
#     triggerCount equals the PHQ-9s acknowledged for them, whichever instance took them; no (patient, rule) has
#     two unresolved alerts (SQL);
#   - every check-in row has exactly one CREATE audit event (SQL).
# HOOKS: the check-ins:batch endpoint and the Idempotency-Key header join the load when the served contract has
# them (see bench/WriteLoad.java); scheduled jobs: the scheduled_job lease table is printed when it exists.
#
#   bench/two-instances.sh                 builds the jar for PostgreSQL, then runs (about 2 minutes)
#   SKIP_BUILD=1 bench/two-instances.sh    reuses target/quarkus-app (built for PostgreSQL)
#
# Knobs (environment): THREADS=8 LOAD_SECONDS=60 PATIENTS=20 PORT_A=18530 PORT_B=18532 (management ports: +1)
#   DB_NAME=two_instances_<suffix> (created, and dropped unless KEEP=1) PGHOST PGPORT PGUSER PGPASSWORD KEEP=1
# Exit code 1 on any violation. H2 is an embedded database: two processes cannot share its file, so this runs on
# PostgreSQL only.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/service.sh
. bench/service.sh

THREADS=${THREADS:-8}
LOAD_SECONDS=${LOAD_SECONDS:-60}
PATIENTS=${PATIENTS:-20}
PORT_A=${PORT_A:-18530}
PORT_B=${PORT_B:-18532}
command -v openssl >/dev/null || die "openssl is needed to provision the shared signing key"
psql -d postgres -Atqc 'select 1' >/dev/null || die "cannot reach PostgreSQL at $PGUSER@$PGHOST:$PGPORT"

build_jar postgresql

WORK=$(mktemp -d /tmp/infusion-two.XXXXXX)
DB_NAME=${DB_NAME:-two_instances_$(basename "$WORK" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')}
cleanup() {
    stop_all_apps
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept $WORK and database $DB_NAME"
    else
        rm -rf "$WORK"
        dropdb --if-exists "$DB_NAME" || true
    fi
}
trap cleanup EXIT
createdb "$DB_NAME"
URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB_NAME
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B
sql() { psql -d "$DB_NAME" -Atqc "$1"; }

# The operator provisions one key for all instances (docs/operations.md, "Several instances").
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/token-signing-key.pem" 2>/dev/null
chmod 600 "$WORK/token-signing-key.pem"

log "starting A (:$PORT_A) and B (:$PORT_B) at the same moment on the empty database $DB_NAME"
start_app A "$PORT_A" $((PORT_A + 1)) "$URL" "$WORK/token-signing-key.pem" "$WORK/a.log"
start_app B "$PORT_B" $((PORT_B + 1)) "$URL" "$WORK/token-signing-key.pem" "$WORK/b.log"
ready_a=$(wait_ready A "$PORT_A" "$WORK/a.log")
ready_b=$(wait_ready B "$PORT_B" "$WORK/b.log")
echo "A ready in ${ready_a}s, B ready in ${ready_b}s (both counted from B's start)"
VIOLATIONS=0
created=$(cat "$WORK/a.log" "$WORK/b.log" | grep -c 'Created bootstrap administrator' || true)
echo "bootstrap administrator created by $created instance(s); migrations applied: $(sql 'select count(*) from flyway_schema_history where success')"
[ "$created" = 1 ] || { echo "VIOLATION: the administrator was created $created times"; VIOLATIONS=$((VIOLATIONS + 1)); }

log "clinician and $PATIENTS patients, created through A; the load signs in on A and writes to A and B in turn"
write_load setup --target "$A" --admin "bench.admin:$ADMIN_PASSWORD" --patients "$PATIENTS" --out "$WORK"
write_load load --targets "$A,$B" --dir "$WORK" --threads "$THREADS" --seconds "$LOAD_SECONDS" --mix instances \
    >"$WORK/load.out" 2>&1 || die "the load client failed: $(tail -5 "$WORK/load.out")"
grep -v '^progress ' "$WORK/load.out"

log "checks through both instances"
write_load verify --targets "$A,$B" --dir "$WORK" --mix instances | tee "$WORK/verify.out" || true
VIOLATIONS=$((VIOLATIONS + $(sed -n 's/^RESULT .*violations=\([0-9]*\).*/\1/p' "$WORK/verify.out")))

log "checks in the database"
rows=$(sql "select count(*) from check_in")
audits=$(sql "select count(*) from audit_event where action = 'CREATE' and resource_type = 'CheckIn' and outcome = 'SUCCESS'")
open_twice=$(sql "select count(*) from (select patient_id, rule from alert where status <> 'RESOLVED'
                  group by patient_id, rule having count(*) > 1) twice")
echo "check_in rows $rows, CREATE CheckIn audit events $audits, (patient, rule) with two unresolved alerts: $open_twice"
[ "$rows" = "$audits" ] || { echo "VIOLATION: rows and audit events differ"; VIOLATIONS=$((VIOLATIONS + 1)); }
[ "$open_twice" = 0 ] || { echo "VIOLATION: duplicate unresolved alerts"; VIOLATIONS=$((VIOLATIONS + 1)); }
for name in a b; do
    echo "$name: $(grep -c '"requestId"' "$WORK/$name.log" || true) log lines carry a request id;" \
        "$(grep -c '"level":"ERROR"' "$WORK/$name.log" || true) errors"
done
# HOOK: scheduled jobs run on every instance and take a lease row per period (MISSED_CHECK_INS).
if [ "$(sql "select count(*) from information_schema.tables where table_name = 'scheduled_job'")" = 1 ]; then
    echo "scheduled job leases:"; sql "select name, leased_by, last_started_at, leased_until from scheduled_job"
fi

log "result: $VIOLATIONS violation(s)"
[ "$VIOLATIONS" = 0 ]
