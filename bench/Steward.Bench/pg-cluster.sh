#!/bin/sh
# A throwaway PostgreSQL 15 cluster for the bench, on a loopback port, trust authentication.
#   pg-cluster.sh start DIR PORT   -> prints the --pg connection string
#   pg-cluster.sh stop DIR
# Settings are the packaged defaults (fsync on, shared_buffers 128MB) apart from the listen address,
# plus whatever PG_OPTIONS adds (e.g. PG_OPTIONS="-c shared_buffers=6GB": on machines whose kernel
# keeps almost no page cache, as here, PostgreSQL's own buffers are the only cache a 1M database gets).
set -eu
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=$1; dir=$2
case "$cmd" in
  start)
    port=$3
    mkdir -p "$dir"; chown postgres "$dir"
    runuser -u postgres -- "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir ${PG_OPTIONS:-}" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true"
    ;;
  stop)
    runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
