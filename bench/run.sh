#!/usr/bin/env bash
# Load benchmark of the ticket API on SQLite and PostgreSQL: ticket creation and ticket reads through HTTP with wrk.
#
#   bench/run.sh [sqlite|postgres|all] [seconds]
#
# Builds the release binary, starts a fresh server per database on loopback, creates the first admin, seeds a ticket
# with 20 messages, warms up with 10 s of creation, then runs wrk (2 threads, 64 connections) on the same machine. Also
# measures idle memory and start-up time on an existing database. Results are printed and appended to bench/results/latest.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/lib/postgres.sh

WHICH=${1:-all}
SECONDS_PER_RUN=${2:-20}
WORK="$ROOT/.test-run/bench"
OUT="$ROOT/bench/results/latest.txt"
mkdir -p "$WORK" "$ROOT/bench/results"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

# WALLETDESK_BENCH_BIN=/path/to/walletdesk measures another build (e.g. the previous commit's) the same way.
if [[ -n "${WALLETDESK_BENCH_BIN:-}" ]]; then
    BIN=$WALLETDESK_BENCH_BIN
else
    swift build -c release --product walletdesk 2>&1 | tail -1
    BIN="$(swift build -c release --show-bin-path)/walletdesk"
fi
SERVER_PID=""
PG_STARTED=""

cleanup() {
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [[ -n "$PG_STARTED" ]] && pg_stop "$WORK/postgres"
    return 0
}
trap cleanup EXIT

log() { echo "$*" | tee -a "$OUT"; }

start_server() {  # args: extra flags...
    local port=$1; shift
    "$BIN" serve --port "$port" --log-level warning "$@" >"$WORK/server.out" 2>"$WORK/server.err" &
    SERVER_PID=$!
    for _ in $(seq 1 200); do
        curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    echo "server did not become ready" >&2; cat "$WORK/server.err" >&2; return 1
}

stop_server() {
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

# Milliseconds from exec to the first successful /readyz, on an existing database.
measure_startup() {
    python3 - "$BIN" "$@" <<'PY'
import subprocess, sys, time, urllib.request
bin, port, *rest = sys.argv[1:]
start = time.monotonic()
p = subprocess.Popen([bin, "serve", "--port", port, "--log-level", "warning", *rest], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ready = None
for _ in range(2000):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=0.2)
        ready = time.monotonic() - start
        break
    except Exception:
        time.sleep(0.002)
time.sleep(1.0)
rss = int(open(f"/proc/{p.pid}/status").read().split("VmRSS:")[1].split()[0]) // 1024
p.terminate(); p.wait(timeout=10)
print(f"startup_ms={ready*1000:.0f} idle_rss_mb={rss}")
PY
}

bench_database() {  # name, flags...
    local name=$1; shift
    local port
    port=$(free_port)
    start_server "$port" "$@"
    local base="http://127.0.0.1:$port"
    local code token
    code=$(grep -o 'code [A-Z0-9]\{5\}-[A-Z0-9]\{5\}' "$WORK/server.out" | head -1 | cut -d' ' -f2)
    token=$(curl -sf -X POST "$base/api/v1/setup" -H 'Content-Type: application/json' \
        -d "{\"code\":\"$code\",\"name\":\"Bench\",\"email\":\"bench-admin@example.com\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    # A ticket with 20 messages for the read benchmark.
    local ticket
    ticket=$(curl -sf -X POST "$base/api/v1/tickets" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"subject":"读取测试 read benchmark","requester":{"email":"reader@example.com"},"message":{"text":"第 1 条消息","author":"customer"}}' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["ticket"]["id"])')
    for i in $(seq 2 20); do
        curl -sf -o /dev/null -X POST "$base/api/v1/tickets/$ticket/messages" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"text\":\"第 $i 条消息：请提供交易哈希、时间和金额。Please send the transaction hash, time and amount.\"}"
    done

    log ""
    log "### $name — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), wrk -t2 -c64 -d${SECONDS_PER_RUN}s"
    local rss
    rss=$(($(grep VmRSS /proc/$SERVER_PID/status | awk '{print $2}') / 1024))
    log "idle RSS after seeding: ${rss} MB"
    # Warm-up, not counted: a freshly made PostgreSQL cluster creates and zero-fills a 16 MB WAL file every few thousand
    # tickets, in the committing backend (a long-running one renames old ones after each checkpoint); that alone doubled
    # creation p99 (BENCHMARKS.md, session 8). The checkpoint afterwards keeps the files for reuse. Shown for the record.
    local warm
    warm=$(WD_TOKEN=$token wrk -t2 -c64 -d10s --latency -s bench/wrk/create_ticket.lua "$base" 2>&1)
    [[ $name == PostgreSQL ]] && psql -q "postgres://postgres@127.0.0.1:$PG_PORT/postgres" -c "CHECKPOINT"
    log "warm-up, 10 s of creation (not counted): $(echo "$warm" | awk '/Requests\/sec/ {rps = $2} / 99%/ {p99 = $2} END {printf "%s/s, p99 %s", rps, p99}')"
    for run in create read-ticket read-messages; do
        local script=wrk/create_ticket.lua read=""
        [[ $run == read-ticket ]] && script=wrk/read_ticket.lua && read=ticket
        [[ $run == read-messages ]] && script=wrk/read_ticket.lua && read=messages
        log "-- $run"
        WD_TOKEN=$token WD_TICKET=$ticket WD_READ=$read wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "bench/$script" "$base" 2>&1 \
            | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|requests in|Socket errors" | tee -a "$OUT"
    done
    log "RSS after load: $(($(grep VmRSS /proc/$SERVER_PID/status | awk '{print $2}') / 1024)) MB"
    stop_server
    log "restart on the existing database: $(measure_startup "$(free_port)" "$@")"
}

if [[ $WHICH == sqlite || $WHICH == all ]]; then
    rm -rf "$WORK/sqlite"
    bench_database "SQLite" --data-dir "$WORK/sqlite"
fi
if [[ $WHICH == postgres || $WHICH == all ]]; then
    rm -rf "$WORK/postgres"
    PG_PORT=$(free_port)
    pg_start "$WORK/postgres" "$PG_PORT"
    PG_STARTED=1
    psql "$PG_URL" -qc "CREATE DATABASE walletdesk_bench" >/dev/null
    bench_database "PostgreSQL" --database "postgres://postgres@127.0.0.1:$PG_PORT/walletdesk_bench"
fi
