# Sourced by run-tests.sh and bench.sh: `throwaway_postgres [server options]`
# starts a PostgreSQL server in a new temporary directory, on a free loopback
# port, and exports its URL as OUTBOX_POSTGRES_URL (superuser `outbox`, no
# password, database `postgres`). The server and its directory are removed
# when the script exits. As root, the server runs as the `postgres` user,
# since it refuses to run as root.
#
# Needs Debian's postgresql package (apt-get install -y postgresql).

throwaway_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
        echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
        return 1
    fi
    pg_dir=$(mktemp -d /tmp/hooksig-outbox-pg.XXXXXX)
    pg_as=()
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$pg_dir"
        pg_as=(runuser -u postgres --)
    fi
    trap '"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U outbox --auth=trust -E UTF8 >/dev/null
    "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
        -o "-k $pg_dir -p $port -h 127.0.0.1 -c max_connections=200 $*" start >/dev/null
    export OUTBOX_POSTGRES_URL="postgres://outbox@127.0.0.1:$port/postgres"
    echo "== postgres $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port $*"
}
