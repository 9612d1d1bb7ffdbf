#!/usr/bin/env bash
# Server and PostgreSQL CPU time per request on a running PostgreSQL (a throw-away database is made and dropped):
#   bench/cpu/per_request_pg.sh /path/to/walletdesk postgres://postgres@127.0.0.1:PORT/postgres [read-messages|read-ticket|create] [seconds]
# Start a PostgreSQL with `source scripts/lib/postgres.sh && pg_start /tmp/pgbench 55433`.
set -euo pipefail
BIN=$1; ADMIN=$2; WHAT=${3:-read-messages}; SECS=${4:-8}
ROOT=$(cd "$(dirname "$0")/../.." && pwd); cd "$ROOT"; source scripts/lib/postgres.sh
BASE_URL=${ADMIN%/*}
DB=wdcpu_$RANDOM
psql -q "$ADMIN" -c "CREATE DATABASE $DB" >/dev/null
W=$(mktemp -d); port=$(free_port)
$BIN serve --port $port --log-level warning --database $BASE_URL/$DB >$W/out 2>$W/err &
PID=$!
trap "kill $PID 2>/dev/null; sleep 0.5; psql -q $ADMIN -c 'DROP DATABASE $DB WITH (FORCE)' >/dev/null; rm -rf $W" EXIT
for _ in $(seq 1 200); do curl -sf http://127.0.0.1:$port/readyz >/dev/null 2>&1 && break; sleep 0.05; done
base=http://127.0.0.1:$port
code=$(grep -o 'code [A-Z0-9]\{5\}-[A-Z0-9]\{5\}' $W/out | head -1 | cut -d' ' -f2)
token=$(curl -sf -X POST $base/api/v1/setup -H 'Content-Type: application/json' -d "{\"code\":\"$code\",\"name\":\"B\",\"email\":\"b@example.com\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
ticket=$(curl -sf -X POST $base/api/v1/tickets -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"subject":"read","requester":{"email":"r@example.com"},"message":{"text":"1","author":"customer"}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["ticket"]["id"])')
for i in $(seq 2 20); do curl -sf -o /dev/null -X POST $base/api/v1/tickets/$ticket/messages -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "{\"text\":\"第 $i 条消息\"}"; done
script=create_ticket.lua; read=""
[[ $WHAT == read-ticket ]] && script=read_ticket.lua && read=ticket
[[ $WHAT == read-messages ]] && script=read_ticket.lua && read=messages
cpu() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
pgcpu() { local t=0; for p in $(pgrep -f "postgres: .*$DB|postgres: walwriter|postgres: checkpointer|postgres: background"); do t=$((t + $(cpu $p))); done; echo $t; }
s0=$(cpu $PID); p0=$(pgcpu)
out=$(WD_TOKEN=$token WD_TICKET=$ticket WD_READ=$read wrk -t2 -c64 -d${SECS}s -s bench/wrk/$script $base 2>&1)
s1=$(cpu $PID); p1=$(pgcpu)
reqs=$(echo "$out" | grep "requests in" | awk '{print $1}')
echo "$WHAT: $(echo "$out" | grep Requests/sec) server $(python3 -c "print(round(($s1-$s0)/100*1e6/$reqs))") µs/req, postgres $(python3 -c "print(round(($p1-$p0)/100*1e6/$reqs))") µs/req"
