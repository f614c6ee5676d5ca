# A throwaway PostgreSQL server for the tests and bench/team.py. Source it, then:
#
#   verbatims_pg_start     # exports VERBATIMS_TEST_POSTGRES=postgresql://…@127.0.0.1:PORT/postgres
#   verbatims_pg_stop      # stops the server and removes its folder (use it in an EXIT trap)
#
# Debian's `postgresql` package is installed when no server binaries are found. The cluster
# lives in a temporary folder, listens on 127.0.0.1 on a free port (and on a Unix socket in
# that folder), and runs as the `postgres` user when we are root: PostgreSQL refuses to run
# as root. Connections over TCP need a password (scram-sha-256), as on a lab's server, so the
# tests see a real password in the URL and can check that verbatims never prints it.

verbatims_pg_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "postgres.sh: installing Debian's postgresql package" >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null \
                || { apt-get update -q >/dev/null \
                     && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
            bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        fi
    fi
    [ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "postgres.sh: no PostgreSQL server found" >&2; return 1; }
    echo "$bin"
}

verbatims_pg_as() {  # run a server program as the cluster's owner
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

verbatims_pg_start() {
    local bin port password
    bin=$(verbatims_pg_bin) || return 1
    VERBATIMS_PG_DIR=$(mktemp -d /tmp/verbatims-pg.XXXXXX)
    export VERBATIMS_PG_DIR VERBATIMS_PG_BIN="$bin"
    [ "$(id -u)" = 0 ] && chown postgres: "$VERBATIMS_PG_DIR"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
    verbatims_pg_as "$bin/initdb" -D "$VERBATIMS_PG_DIR/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$VERBATIMS_PG_DIR/initdb.log" 2>&1 \
        || { cat "$VERBATIMS_PG_DIR/initdb.log" >&2; return 1; }
    verbatims_pg_as "$bin/pg_ctl" -D "$VERBATIMS_PG_DIR/data" -l "$VERBATIMS_PG_DIR/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$VERBATIMS_PG_DIR -c fsync=on -c max_connections=200" \
        -w start >/dev/null || { cat "$VERBATIMS_PG_DIR/server.log" >&2; return 1; }
    verbatims_pg_as "$bin/psql" -q -h "$VERBATIMS_PG_DIR" -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE verbatims_ci LOGIN CREATEDB CREATEROLE PASSWORD '$password'" \
        -c "GRANT pg_signal_backend TO verbatims_ci" >/dev/null || return 1
    export VERBATIMS_TEST_POSTGRES="postgresql://verbatims_ci:$password@127.0.0.1:$port/postgres"
    echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}

verbatims_pg_stop() {
    [ -n "${VERBATIMS_PG_DIR:-}" ] && [ -d "$VERBATIMS_PG_DIR" ] || return 0
    verbatims_pg_as "$VERBATIMS_PG_BIN/pg_ctl" -D "$VERBATIMS_PG_DIR/data" -m fast -w stop \
        >/dev/null 2>&1 || true
    rm -rf "$VERBATIMS_PG_DIR"
    unset VERBATIMS_PG_DIR VERBATIMS_TEST_POSTGRES
}
