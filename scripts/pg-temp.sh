#!/usr/bin/env bash
# A throwaway PostgreSQL cluster: temp folder, free loopback port, trust auth for user `yichuang`,
# database `yichuang`; stopped and deleted on exit (also on Ctrl-C or a failing command).
#
#   scripts/pg-temp.sh COMMAND [ARGS...]   runs COMMAND with PGHOST/PGPORT/PGUSER/PGDATABASE set
#   scripts/pg-temp.sh                     prints the `export` lines, keeps the cluster until Ctrl-C
#
# Same recipe as Tests/CentralTests/TestPostgres.swift: Debian's server binaries; as root the
# cluster belongs to the `postgres` system user, because PostgreSQL refuses to run as root.
# Durability stays at the defaults (fsync, synchronous_commit on), as in production, so benchmark
# commits cost what they would there. PG_TEMP_OPTS adds server options, e.g. "-c fsync=off".
set -euo pipefail

bin=""
for v in $(ls /usr/lib/postgresql 2>/dev/null | sort -rn); do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then bin="/usr/lib/postgresql/$v/bin"; break; fi
done
if [ -z "$bin" ]; then
    echo "pg-temp: 未安装 PostgreSQL 服务端（apt-get install postgresql，scripts/setup.sh 会安装）" >&2
    exit 1
fi

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dir="$(mktemp -d "${TMPDIR:-/tmp}/yc-pgtemp-XXXXXX")"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
# A port nobody listens on now: a random one that refuses a connection (bash's /dev/tcp).
port=""
for _ in $(seq 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "pg-temp: 找不到空闲端口" >&2; exit 1; }

cleanup() {
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_owner "$bin/initdb" -D "$dir/data" -U yichuang --auth=trust -E UTF8 --no-locale >/dev/null
# Enough connections for a server pool plus a benchmark's own clients; the socket lives in $dir.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_TEMP_OPTS:-}" start >/dev/null
"$bin/psql" -h "$dir" -p "$port" -U yichuang -d postgres -q -c "CREATE DATABASE yichuang"

export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=yichuang PGDATABASE=yichuang
echo "pg-temp: PostgreSQL $("$bin/postgres" -V | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2

if [ $# -gt 0 ]; then
    "$@"
else
    echo "export PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER PGDATABASE=$PGDATABASE"
    echo "pg-temp: 按 Ctrl-C 停止并删除该实例" >&2
    while true; do sleep 3600; done
fi
