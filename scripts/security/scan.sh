#!/usr/bin/env bash
# Attack the running app on 127.0.0.1 with sqlmap (SQL injection) and wapiti (common web flaws).
# Starts the built server on a fresh demo database, signs in as admin, scans, prints findings.
# Needs: npm run build; Debian packages sqlmap and wapiti (installed here if missing).
# Usage: scripts/security/scan.sh [report-dir]     (bounded: a few minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PORT=${SCAN_PORT:-3400}
BASE="http://127.0.0.1:$PORT"
OUT=${1:-$ROOT/e2e/.artifacts/security}
WORK=$(mktemp -d)
mkdir -p "$OUT"

for tool in sqlmap wapiti; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlmap wapiti; break; }
done

PORT=$PORT DATABASE_PATH="$WORK/scan.db" DEMO_SEED=true LOG_LEVEL=silent LOGIN_RATE_LIMIT_PER_MINUTE=10000 \
  WEB_DIST="$ROOT/apps/web/dist" node apps/api/dist/server.js >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do curl -sf "$BASE/api/health" >/dev/null && break; sleep 0.1; done

# Signs in a demo user; prints "cookie<TAB>csrf".
login() {
  local body
  body=$(curl -s -D "$WORK/headers-$1" -H 'content-type: application/json' \
    -d "{\"email\":\"$1@demo.begegnung.de\",\"password\":\"begegnung-demo\"}" "$BASE/api/auth/login")
  printf '%s\t%s\n' "$(grep -i '^set-cookie:' "$WORK/headers-$1" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')" \
    "$(echo "$body" | sed -E 's/.*"csrfToken":"([^"]*)".*/\1/')"
}
IFS=$'\t' read -r COOKIE CSRF < <(login admin)

echo "== sqlmap =="
SQLMAP=(sqlmap --batch --level=2 --risk=2 --threads=2 --time-sec=2 --disable-coloring -v 1 --skip=begegnung_session
  --output-dir="$WORK/sqlmap" --cookie="$COOKIE" --headers="x-csrf-token: $CSRF")
TARGETS=(
  "$BASE/api/users?q=test&role=admin&limit=10&offset=0"
  "$BASE/api/audit?entityType=user&entityId=1&action=login&from=2024-01-01&to=2030-01-01"
  "$BASE/api/centres/1"
  "$BASE/api/operators/1"
)
: >"$OUT/sqlmap.txt"
for url in "${TARGETS[@]}"; do
  echo "-- $url" | tee -a "$OUT/sqlmap.txt"
  "${SQLMAP[@]}" -u "$url" 2>&1 | grep -Ei "injectable|is vulnerable|all tested parameters|CRITICAL" | tee -a "$OUT/sqlmap.txt" || true
done
# Routes of later features, each as the demo user allowed to call it: "<user> <path>".
while read -r user path; do
  [ -z "$user" ] || [ "${user:0:1}" = "#" ] && continue
  IFS=$'\t' read -r C T < <(login "$user")
  echo "-- $user $path" | tee -a "$OUT/sqlmap.txt"
  sqlmap --batch --level=2 --risk=2 --threads=2 --time-sec=2 --disable-coloring -v 1 --skip=begegnung_session \
    --output-dir="$WORK/sqlmap" --cookie="$C" --headers="x-csrf-token: $T" -u "$BASE$path" 2>&1 |
    grep -Ei "injectable|is vulnerable|all tested parameters|CRITICAL" | tee -a "$OUT/sqlmap.txt" || true
done <"$ROOT/scripts/security/targets.txt"

echo "-- login body" | tee -a "$OUT/sqlmap.txt"
"${SQLMAP[@]}" -u "$BASE/api/auth/login" --method=POST --data='{"email":"x@y.de*","password":"z*"}' \
  --headers="content-type: application/json" 2>&1 |
  grep -Ei "injectable|vulnerable|all tested parameters|CRITICAL" | tee -a "$OUT/sqlmap.txt" || true

echo "== wapiti =="
wapiti -u "$BASE/" --scope folder -m "sql,xss,exec,file,crlf,redirect,csrf,http_headers,cookieflags,methods" \
  --max-scan-time 180 --flush-session -f txt -o "$OUT/wapiti.txt" \
  -H "Cookie: $COOKIE" --color >/dev/null 2>&1 || true
# Print only the categories with findings, and each finding's title line.
grep -E ":\s+[1-9][0-9]*$" "$OUT/wapiti.txt" | sed -E 's/^ +//' || echo "wapiti: no findings"

INJECTABLE=$(grep -ciE "is vulnerable|parameter '.*' is .*injectable" "$OUT/sqlmap.txt" || true)
echo
echo "sqlmap injectable parameters: $INJECTABLE (full log: $OUT/sqlmap.txt); wapiti report: $OUT/wapiti.txt"
