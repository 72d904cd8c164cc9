# Shared by bench/crash.sh and bench/two-instances.sh (sourced, not run): start the packaged service as production
# starts it (prod profile, configuration from environment variables), wait for it, stop it. Everything listens on
# 127.0.0.1 only. Building the jar and the H2 URL come from lib.sh, which every bench script shares.

# shellcheck source=bench/lib.sh
. bench/lib.sh

APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xmx512m}

# start_app NAME PORT MANAGEMENT_PORT JDBC_URL KEY_FILE LOG: starts the jar in the background; its pid in APP_PIDS[NAME].
declare -A APP_PIDS
start_app() {
    local name=$1 port=$2 management=$3 url=$4 key=$5 logfile=$6 user=sa password=
    if [[ $url == jdbc:postgresql:* ]]; then user=$PGUSER password=$PGPASSWORD; fi
    if curl -s -o /dev/null "http://127.0.0.1:$port/q/health/live"; then
        die "something already answers on 127.0.0.1:$port; pick other ports"
    fi
    # shellcheck disable=SC2086 # APP_JAVA_OPTS is a list of options
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port \
        QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$management \
        QUARKUS_DATASOURCE_JDBC_URL=$url QUARKUS_DATASOURCE_USERNAME=$user QUARKUS_DATASOURCE_PASSWORD=$password \
        INFUSION_AUTH_SIGNING_KEY=$key \
        BOOTSTRAP_ADMIN_USERNAME=bench.admin BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
        java $APP_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >>"$logfile" 2>&1 &
    APP_PIDS[$name]=$!
}

# wait_ready NAME PORT LOG: until /q/health/ready answers 200 (3 minutes at most: a busy machine); prints the seconds.
wait_ready() {
    local name=$1 port=$2 logfile=$3 start
    start=$(date +%s.%N)
    for _ in $(seq 1 1800); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ]; then
            awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f\n", e - s }'
            return 0
        fi
        kill -0 "${APP_PIDS[$name]}" 2>/dev/null || { tail -30 "$logfile" >&2; die "$name exited while starting"; }
        sleep 0.1
    done
    tail -30 "$logfile" >&2
    die "$name did not become ready in 3 minutes"
}

# stop_app NAME [SIGNAL]: TERM (a clean shutdown) by default, KILL for a crash; waits for the process to end.
stop_app() {
    local pid=${APP_PIDS[$1]:-}
    [ -n "$pid" ] || return 0
    kill "-${2:-TERM}" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    APP_PIDS[$1]=
}

stop_all_apps() {
    local name
    for name in "${!APP_PIDS[@]}"; do stop_app "$name"; done
}

# The load client and its checks: a Java 17 single-file program.
write_load() { java bench/WriteLoad.java "$@"; }

ADMIN_PASSWORD=${ADMIN_PASSWORD:-bench-admin-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')}
