#!/usr/bin/env bash
# Benchmark (not a test): the PostgreSQL server's CPU per article of
# `herald ingest` into a fresh database, counting every server process
# (backends that have ended too, through the postmaster's children's time)
# and a final clean of the full-text index's pending list, so that work the
# server defers is counted. Prints it beside herald's own CPU per article
# and as a share of it, which this shared machine's drift moves less than
# either.
#
#   eval "$(bash scripts/services.sh start DIR)"
#   bash scripts/pg-ingest-cost.sh CORPUS.jsonl ["SQL run on the empty schema first"]
#
# CORPUS: `herald bench --articles 20000 --write-corpus CORPUS.jsonl`.
# SQL (optional) tries a change of the schema or settings, such as
# "DROP INDEX articles_by_words"; DBNAME in it stands for the new database.
# HERALD_BIN times another build (an A/B of two binaries).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${HERALD_PG_BASE:?start the servers first: eval \"\$(bash scripts/services.sh start DIR)\"}"
corpus=${1:?usage: pg-ingest-cost.sh CORPUS.jsonl [SQL]}
[ -x /usr/bin/time ] || { echo "pg-ingest-cost.sh: needs GNU time (/usr/bin/time; Debian: apt-get install time)"; exit 1; }
sql=${2:-}
H=${HERALD_BIN:-target/release/herald}
[ -n "${HERALD_BIN:-}" ] || cargo build --release --quiet
psql_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"
ticks=$(getconf CLK_TCK)
n=$(wc -l < "$corpus")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ticks of user and system time of every server process and its reaped children
server_ticks() {
  local total=0 p
  for p in $(pgrep -x postgres); do
    total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

db_name="cost$$_$(date +%s)"
"$psql_bin" -q -d "$HERALD_PG_BASE/postgres" -c "CREATE DATABASE $db_name"
db="$HERALD_PG_BASE/$db_name"
: > "$tmp/empty.jsonl"
"$H" ingest --db "$db" "$tmp/empty.jsonl" >/dev/null 2>&1
[ -z "$sql" ] || "$psql_bin" -q -d "$db" -c "${sql//DBNAME/$db_name}"
c0=$(server_ticks)
/usr/bin/time -f "%U %S" -o "$tmp/herald.time" "$H" ingest --db "$db" "$corpus" >/dev/null 2>&1
"$psql_bin" -q -d "$db" -c "SELECT gin_clean_pending_list('articles_by_words'::regclass)" >/dev/null
sleep 1
c1=$(server_ticks)
python3 - "$c0" "$c1" "$ticks" "$n" "$(cat "$tmp/herald.time")" <<'PY'
import sys
c0, c1, ticks, n = (float(x) for x in sys.argv[1:5])
user, system = (float(x) for x in sys.argv[5].split())
server = 1e6 * (c1 - c0) / ticks / n
own = user + system
print(f"server {server:.0f} µs of CPU an article; herald ingest {1e6 * own / n:.0f} µs; "
      f"the server's CPU is {100 * server * n / 1e6 / own:.1f} % of herald's ({n:.0f} articles)")
PY
