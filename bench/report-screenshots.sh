#!/usr/bin/env bash
# Proof that the clinician report renders: starts the packaged service with the demo cohort on a fresh database,
# fetches each demo patient's report as the demo clinician, and has headless Chromium draw it: a PNG screenshot
# and the browser's print to PDF (A4 and Letter). Not a test: it makes pictures for a person to look at.
#
#   bench/report-screenshots.sh                 build the jar, then render
#   SKIP_BUILD=1 bench/report-screenshots.sh    reuse target/quarkus-app (built for H2)
#
# Knobs (environment): PORT=18310 OUT=target/report-screenshots WIDTH=1100 HEIGHT=4200 (the window, in CSS px)
#   KEEP=1 (keep the temp dir with the app's log and database)
#
# Chromium cannot send an Authorization header on its own, so curl fetches the page with the bearer token into a
# file and Chromium opens the file. The saved page carries its Content-Security-Policy in a meta element as
# well as the header, so Chromium renders it under the same policy: no script, font, image or request may load
# (a page that needed one would show it broken in the picture). Chromium's own background networking is off.
#
# Output in $OUT: DEMO-00N.html (the page as served), DEMO-00N.headers, DEMO-00N.png (screenshot),
# DEMO-00N-a4.pdf and DEMO-00N-letter.pdf (print to PDF), and DEMO-00N-a4-page1.png when pdftoppm is there.
set -euo pipefail

cd "$(dirname "$0")/.."

PORT=${PORT:-18310}
OUT=${OUT:-target/report-screenshots}
WIDTH=${WIDTH:-1100}
HEIGHT=${HEIGHT:-4200}
BASE="http://127.0.0.1:$PORT"

die() { printf 'report-screenshots: %s\n' "$*" >&2; exit 1; }

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ] || ! command -v pdftoppm >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -qq chromium poppler-utils >/dev/null 2>&1 \
            || { apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null; }
    fi
    CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
fi
[ -n "$CHROMIUM" ] || die "chromium is not installed (apt-get install chromium)"
command -v curl >/dev/null || die "curl is not installed"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== building the jar (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
fi
[ -f target/quarkus-app/quarkus-run.jar ] || die "no target/quarkus-app/quarkus-run.jar: build first"
if curl -s -o /dev/null "$BASE/q/health/ready"; then
    die "something already answers on $BASE; pick another PORT"
fi

APP_URL=$(sed -n 's/^quarkus\.datasource\.jdbc\.url=//p' src/main/resources/application.properties | head -1)
H2_OPTIONS=${APP_URL#*;}
WORK=$(mktemp -d /tmp/report-screenshots.XXXXXX)
APP_PID=
cleanup() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "== starting the app on $BASE with the demo cohort (fresh H2 database in $WORK)"
# The packaged jar runs the prod profile, which switches the demo cohort off; this run switches it back on.
java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:$WORK/db/infusion-outcomes;$H2_OPTIONS" \
    -Dinfusion.demo-data.enabled=true "-D%prod.infusion.demo-data.enabled=true" \
    "-Dinfusion.auth.signing-key=$WORK/token-signing-key.pem" \
    -jar target/quarkus-app/quarkus-run.jar >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$BASE/q/health/ready" && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; die "the app exited"; }
    sleep 0.5
done
curl -sf -o /dev/null "$BASE/q/health/ready" || { cat "$WORK/app.log"; die "the app did not become ready"; }

TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"username": "demo.clinician", "password": "demo-clinician-2026"}' \
    | sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "could not log in as demo.clinician (is the demo cohort loaded? see $WORK/app.log)"

PATIENTS=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/patients?q=&limit=50" \
    | grep -o '"id":"[0-9a-f-]*","externalId":"DEMO-[0-9]*"' | sed 's/"id":"\([^"]*\)","externalId":"\([^"]*\)"/\2 \1/')
[ -n "$PATIENTS" ] || die "no demo patients found"

# The base64 SHA-256 of standard input, as a Content-Security-Policy hash source names it.
sha256_base64() {
    if command -v openssl >/dev/null; then
        openssl dgst -sha256 -binary | base64
    else
        python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())'
    fi
}

mkdir -p "$OUT"
PROFILE="$WORK/chromium-profile"
chromium() {
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
        --disable-sync --disable-default-apps --no-first-run --no-default-browser-check --hide-scrollbars \
        --enable-logging=stderr --user-data-dir="$PROFILE" "$@" >>"$WORK/chromium.log" 2>&1
}

while read -r MRN ID; do
    echo "== $MRN ($ID)"
    curl -sf -D "$OUT/$MRN.headers" -o "$OUT/$MRN.html" -H "Authorization: Bearer $TOKEN" \
        -H 'Accept: text/html' "$BASE/api/v1/patients/$ID/report" || die "fetching the report of $MRN failed"
    grep -qi '^content-security-policy: default-src .none.' "$OUT/$MRN.headers" || die "no strict CSP on $MRN"
    echo "   $(wc -c <"$OUT/$MRN.html") bytes; $(grep -i '^content-security-policy' "$OUT/$MRN.headers" | cut -c1-90)..."
    PAGE="file://$(realpath "$OUT/$MRN.html")"
    chromium --window-size="$WIDTH,$HEIGHT" --screenshot="$(realpath "$OUT")/$MRN.png" "$PAGE"
    # Print to PDF with the page's own print style sheet, once per paper size. The style sheet leaves the size to
    # the printer (@page size: auto); headless Chromium has no paper option, so each copy gets one more style
    # block, @page { size: ... }, and that block's hash is added to the copy's policy (anything else stays
    # refused, so the copy proves the same as the page).
    for PAPER in A4 letter; do
        EXTRA="@page { size: $PAPER; }"
        HASH=$(printf '%s' "$EXTRA" | sha256_base64)
        sed -e "s|</head>|<style>$EXTRA</style></head>|" -e "s|style-src |style-src \&#39;sha256-$HASH\&#39; |" \
            "$OUT/$MRN.html" >"$WORK/$MRN-$PAPER.html"
        chromium --no-pdf-header-footer --print-to-pdf="$(realpath "$OUT")/$MRN-$(tr 'A-Z' 'a-z' <<<"$PAPER").pdf" \
            "file://$WORK/$MRN-$PAPER.html"
    done
    for f in "$OUT/$MRN.png" "$OUT/$MRN-a4.pdf" "$OUT/$MRN-letter.pdf"; do
        [ -s "$f" ] || { cat "$WORK/chromium.log"; die "chromium made no $f"; }
    done
    if command -v pdftoppm >/dev/null; then
        pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$OUT/$MRN-a4.pdf" "$OUT/$MRN-a4-page1"
        PAGES=$(pdfinfo "$OUT/$MRN-a4.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
        SIZE=$(pdfinfo "$OUT/$MRN-a4.pdf" 2>/dev/null | sed -n 's/^Page size: *//p')
        LSIZE=$(pdfinfo "$OUT/$MRN-letter.pdf" 2>/dev/null | sed -n 's/^Page size: *//p')
        echo "   PDF: $PAGES pages, A4 $SIZE; Letter $LSIZE"
    fi
    echo "   $OUT/$MRN.png"
done <<<"$PATIENTS"

# Chromium logs every violation of a page's policy to the console, which --enable-logging sends to the log.
if grep -qiE 'Content Security Policy|Refused to' "$WORK/chromium.log"; then
    grep -iE 'Content Security Policy|Refused to' "$WORK/chromium.log" | head -5
    die "Chromium refused something under the page's Content-Security-Policy"
fi
echo "== done: $(ls "$OUT"/*.png | wc -l) PNG files in $OUT"
