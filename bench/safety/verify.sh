#!/usr/bin/env bash
# Load benchmark of the public verify check (GET /api/v1/verify) on SQLite: a registry of 10 entries, wrk with 2
# threads and 32 connections on three values (verified, look-alike, unknown), each for the given seconds.
#
#   bench/safety/verify.sh [seconds] [debug|release]
#
# The registry is read from the node's 5 s snapshot, so this measures normalising, punycode/skeleton matching and
# the HTTP path, not the database. Results are printed and appended to bench/results/latest.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
source scripts/lib/postgres.sh
SECONDS_PER_RUN=${1:-10}
CONFIG=${2:-release}
WORK=$(mktemp -d)
OUT="$ROOT/bench/results/latest.txt"
mkdir -p "$ROOT/bench/results"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
swift build -c "$CONFIG" --product walletdesk 2>&1 | tail -1
BIN="$(swift build -c "$CONFIG" --show-bin-path)/walletdesk"
PORT=$(free_port)
"$BIN" serve --port "$PORT" --log-level warning --data-dir "$WORK" >"$WORK/out" 2>"$WORK/err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 200); do curl -sf "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.05; done
CODE=$(grep -o 'code [A-Z0-9]\{5\}-[A-Z0-9]\{5\}' "$WORK/out" | head -1 | cut -d' ' -f2)
TOKEN=$(curl -sf -X POST "$BASE/api/v1/setup" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$CODE\",\"name\":\"Bench\",\"email\":\"bench@example.com\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
add() { curl -sf "$BASE/api/v1/channels" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$1" >/dev/null; }
add '{"kind":"web","value":"imwallet.com","label":"Website"}'
add '{"kind":"email_domain","value":"imwallet.com","label":"Email"}'
add '{"kind":"phone","value":"+86 138 0013 8000","label":"Hotline"}'
add '{"kind":"phone","value":"400-820-8820","label":"Hotline"}'
add '{"kind":"telegram","value":"@imwallet","label":"Telegram"}'
add '{"kind":"x","value":"@imwallet_official","label":"X"}'
add '{"kind":"wechat","value":"imwallet-kefu","label":"WeChat"}'
add '{"kind":"weibo","value":"imwallet","label":"Weibo"}'
add '{"kind":"whatsapp","use":"never_used","label":"WhatsApp"}'
add '{"kind":"telegram","use":"never_used","label":"Telegram DMs"}'
echo "verify ($CONFIG, $(nproc) cores shared with other work, wrk -t2 -c32 -d${SECONDS_PER_RUN}s)" | tee -a "$OUT"
for value in "https%3A%2F%2Fwww.imwallet.com%2Fhelp" "xn--imwllet-4fg.com" "https%3A%2F%2Fimwallet.com%40evil.io" "example.org" "%2B86%20138%200013%208000"; do
    RESULT=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency "$BASE/api/v1/verify?value=$value")
    RPS=$(echo "$RESULT" | awk '/Requests\/sec/ {print $2}')
    P99=$(echo "$RESULT" | awk '$1=="99%" {print $2}')
    echo "  value=$value requests/s=$RPS p99=$P99" | tee -a "$OUT"
done
