#!/usr/bin/env bash
# Password hashing must not slow down unrelated requests: p99 of ticket reads (wrk) idle, and again while agents sign
# in at 20/s with bcrypt at the production cost (12).
#
#   bench/auth/run.sh [seconds] [sign-ins per second]
#
# Builds the release binary, starts a fresh SQLite server on loopback, creates the first admin and an L1 agent with a
# password, seeds a ticket, then runs wrk (2 threads, 16 connections) on GET /api/v1/tickets/{n} alone and together
# with bench/auth/signin_load.py. Results are printed and appended to bench/results/latest.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SECONDS_PER_RUN=${1:-20}
RATE=${2:-20}
WORK="$ROOT/.test-run/bench-auth"
OUT="$ROOT/bench/results/latest.txt"
rm -rf "$WORK"; mkdir -p "$WORK" "$ROOT/bench/results"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

if [[ -z "${WALLETDESK_BIN:-}" ]]; then
    swift build -c release --product walletdesk 2>&1 | tail -1
    WALLETDESK_BIN="$(swift build -c release --show-bin-path)/walletdesk"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
WALLETDESK_BCRYPT_COST=${WALLETDESK_BCRYPT_COST:-12} "$WALLETDESK_BIN" serve --port "$PORT" --data-dir "$WORK/data" --log-level warning \
    >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -sf "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.05; done
sleep 0.3
CODE=$(grep -oE '[A-Z0-9]{5}-[A-Z0-9]{5}' "$WORK/server.out" | head -1)

TOKEN=$(curl -sf "$BASE/api/v1/setup" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$CODE\",\"name\":\"Bench\",\"email\":\"bench@example.com\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
AUTH=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
AGENT=$(curl -sf "$BASE/api/v1/agents" "${AUTH[@]}" -d '{"name":"Load","email":"load@example.com"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
SETUP=$(curl -sf -X POST "$BASE/api/v1/agents/$AGENT/password-setup" "${AUTH[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
curl -sf "$BASE/api/v1/password/set" -H 'Content-Type: application/json' -d "{\"code\":\"$SETUP\",\"password\":\"bench passphrase 1\"}" >/dev/null
TICKET=$(curl -s "$BASE/api/v1/tickets" "${AUTH[@]}" -d '{"subject":"Bench","requester":{"email":"c@example.com"},"message":{"text":"hello","author":"customer"}}' \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["ticket"]["id"] if "ticket" in d else sys.exit(str(d)))')

p99() { grep -E '^ +99%' | awk '{print $2}'; }
run_wrk() { WD_TOKEN=$TOKEN WD_TICKET=$TICKET WD_READ=ticket wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" --latency -s bench/wrk/read_ticket.lua "$BASE"; }

echo "### auth — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, binary ${WALLETDESK_BIN#$ROOT/}, bcrypt cost ${WALLETDESK_BCRYPT_COST:-12}, wrk -t2 -c16 -d${SECONDS_PER_RUN}s, $RATE sign-ins/s" | tee -a "$OUT"
# One sign-in alone, to know what a hash costs here.
python3 bench/auth/signin_load.py "$BASE" load@example.com "bench passphrase 1" 1 3 | sed 's/^/single sign-ins: /' | tee -a "$OUT"
IDLE=$(run_wrk)
echo "$IDLE" > "$WORK/idle.txt"
echo "idle reads: $(echo "$IDLE" | grep Requests/sec) p99 $(echo "$IDLE" | p99)" | tee -a "$OUT"
python3 bench/auth/signin_load.py "$BASE" load@example.com "bench passphrase 1" "$RATE" "$((SECONDS_PER_RUN + 2))" >"$WORK/signins.json" &
LOAD_PID=$!
sleep 1
BUSY=$(run_wrk)
wait $LOAD_PID
echo "$BUSY" > "$WORK/busy.txt"
echo "reads during sign-ins: $(echo "$BUSY" | grep Requests/sec) p99 $(echo "$BUSY" | p99)" | tee -a "$OUT"
echo "sign-ins: $(cat "$WORK/signins.json")" | tee -a "$OUT"
