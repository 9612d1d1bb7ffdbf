# Starts and stops a throw-away PostgreSQL cluster for tests and benchmarks. Sourced, not run.
#
#   pg_start DIR PORT   initialises DIR if needed and starts the server on 127.0.0.1:PORT; sets PG_URL
#   pg_stop DIR         stops it (fast shutdown)
#
# Installs PostgreSQL with apt-get when no server binaries are found. PostgreSQL refuses to run as root, so when we are
# root the cluster belongs to an unprivileged user (walletdesk-pg), created on first use.

pg_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
    done
    if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then dirname "$(command -v pg_ctl)"; return 0; fi
    return 1
}

pg_ensure_installed() {
    if pg_bindir >/dev/null; then return 0; fi
    echo "==> installing PostgreSQL (apt-get)"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    pg_bindir >/dev/null
}

pg_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u walletdesk-pg -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    local dir=$1 port=$2 bin
    pg_ensure_installed || { echo "PostgreSQL is not available" >&2; return 1; }
    bin=$(pg_bindir)
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        id walletdesk-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin walletdesk-pg
        chown walletdesk-pg "$dir"
        chmod 700 "$dir"
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; return 1; }
    fi
    pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >/dev/null \
        || { cat "$dir/server.log" >&2; return 1; }
    PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
    export PG_URL
}

pg_stop() {
    local dir=$1 bin
    bin=$(pg_bindir) || return 0
    [[ -f "$dir/data/postmaster.pid" ]] && pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
    return 0
}

# A free TCP port on loopback.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
