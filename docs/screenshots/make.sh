#!/usr/bin/env bash
# Remakes the PNGs in this directory: builds the service, starts it with the demo cohort on a throwaway H2
# database (port 18086, or $PORT), and walks both web apps in headless Chromium at 360 and 1280 px.
# Needs chromium and chromium-driver (Debian: apt-get install -y chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18086}
WORK=$(mktemp -d)
trap 'kill "$APP" 2>/dev/null || true; rm -rf "$WORK"' EXIT

./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath"

java -Dquarkus.http.port="$PORT" -Dquarkus.profile=dev \
     -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
     -Dinfusion.auth.signing-key="$WORK/key.pem" -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
APP=$!
for _ in $(seq 1 180); do
    curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null && break
    kill -0 "$APP" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
    sleep 1
done

java -cp "target/test-classes:$(cat "$WORK/classpath")" com.infusionoutcomes.web.ScreenshotTour \
     "http://localhost:$PORT" docs/screenshots
echo "Screenshots written to docs/screenshots/"
