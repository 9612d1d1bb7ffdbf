#!/usr/bin/env bash
# CPU time (user + system) per request for ticket creation and reads:
#   bench/cpu/per_request.sh /path/to/walletdesk [seconds]                       # SQLite in a temporary folder
#   bench/cpu/per_request.sh /path/to/walletdesk [seconds] postgres://postgres@127.0.0.1:PORT/postgres
# With a PostgreSQL admin URL a throw-away database is made (and dropped) there, and PostgreSQL's own CPU per request is
# printed too (start one with `source scripts/lib/postgres.sh && pg_start /tmp/pgbench 55433`).
# Unlike requests/s this hardly depends on what else the machine runs, so two builds can be compared on a busy machine.
set -euo pipefail
BIN=$1; SECS=${2:-8}; ADMIN=${3:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd); cd "$ROOT"; source scripts/lib/postgres.sh
W=$(mktemp -d)
port=$(free_port)
DB=""
if [[ -n "$ADMIN" ]]; then
    DB=wdcpu_$RANDOM
    psql -q "$ADMIN" -c "CREATE DATABASE $DB" >/dev/null
    STORE=(--database "${ADMIN%/*}/$DB")
else
    STORE=(--data-dir "$W")
fi
$BIN serve --port $port --log-level warning "${STORE[@]}" >$W/out 2>$W/err &
PID=$!
cleanup() {
    kill $PID 2>/dev/null || true
    sleep 0.5
    [[ -n "$DB" ]] && psql -q "$ADMIN" -c "DROP DATABASE $DB WITH (FORCE)" >/dev/null
    rm -rf $W
}
trap cleanup EXIT
for _ in $(seq 1 200); do curl -sf http://127.0.0.1:$port/readyz >/dev/null 2>&1 && break; sleep 0.05; done
base=http://127.0.0.1:$port
code=$(grep -o 'code [A-Z0-9]\{5\}-[A-Z0-9]\{5\}' $W/out | head -1 | cut -d' ' -f2)
token=$(curl -sf -X POST $base/api/v1/setup -H 'Content-Type: application/json' -d "{\"code\":\"$code\",\"name\":\"B\",\"email\":\"b@example.com\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
ticket=$(curl -sf -X POST $base/api/v1/tickets -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"subject":"read","requester":{"email":"r@example.com"},"message":{"text":"1","author":"customer"}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["ticket"]["id"])')
for i in $(seq 2 20); do curl -sf -o /dev/null -X POST $base/api/v1/tickets/$ticket/messages -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "{\"text\":\"第 $i 条消息：请提供交易哈希、时间和金额。Please send the transaction hash, time and amount.\"}"; done
cpu() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
pgcpu() {  # the backends of this database plus PostgreSQL's writers
    local total=0
    [[ -z "$DB" ]] && { echo 0; return; }
    for p in $(pgrep -f "postgres: .*$DB|postgres: walwriter|postgres: checkpointer|postgres: background"); do total=$((total + $(cpu $p))); done
    echo $total
}
tck=$(getconf CLK_TCK)
for run in create read-ticket read-messages; do
  script=create_ticket.lua; read=""
  [[ $run == read-ticket ]] && script=read_ticket.lua && read=ticket
  [[ $run == read-messages ]] && script=read_ticket.lua && read=messages
  c0=$(cpu $PID); p0=$(pgcpu)
  out=$(WD_TOKEN=$token WD_TICKET=$ticket WD_READ=$read wrk -t2 -c64 -d${SECS}s -s bench/wrk/$script $base 2>&1)
  c1=$(cpu $PID); p1=$(pgcpu)
  reqs=$(echo "$out" | grep "requests in" | awk '{print $1}')
  rps=$(echo "$out" | grep "Requests/sec" | awk '{print $2}')
  line="$run: $reqs requests, $rps/s, server CPU $(python3 -c "print(f'{($c1-$c0)/$tck*1e6/$reqs:.0f}')") µs/request"
  [[ -n "$DB" ]] && line="$line, PostgreSQL CPU $(python3 -c "print(f'{($p1-$p0)/$tck*1e6/$reqs:.0f}')") µs/request"
  echo "$line"
done
