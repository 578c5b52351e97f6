#!/usr/bin/env bash
# The work queue end to end, on the servers of scripts/services.sh
# (HERALD_TEST_NATS, HERALD_PG_BASE): publishes N articles (20,000 by
# default) to a fresh stream, runs two workers into a fresh PostgreSQL
# database, kills one with SIGKILL while it holds unacknowledged messages
# and starts it again; then the store must hold exactly N articles, nothing
# may be left in the queue or on the dead-letter subject, and
# `herald export --format jsonl` of it must equal the export of
# `herald ingest` of the same input into SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${HERALD_TEST_NATS:?start the servers first: eval \"\$(bash scripts/services.sh start DIR)\"}"
: "${HERALD_PG_BASE:?start the servers first: eval \"\$(bash scripts/services.sh start DIR)\"}"
N=${QUEUE_TEST_ARTICLES:-20000}
H=target/release/herald
cargo build --release --quiet

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

run_id="q$$_$(date +%s)"
stream="TEST_${run_id}"
psql_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"
"$psql_bin" -q -d "$HERALD_PG_BASE/postgres" -c "CREATE DATABASE $run_id"
db="$HERALD_PG_BASE/$run_id"
status() { "$H" status --nats "$HERALD_TEST_NATS" --stream "$stream" --db "$db" --json --sample 0; }
field() { python3 -c "import json,sys; v=json.load(sys.stdin); print(eval(sys.argv[1], {}, v))" "$1"; }

"$H" bench --articles "$N" --write-corpus "$tmp/corpus.jsonl" >/dev/null 2>&1
"$H" ingest --db "$tmp/ref.db" "$tmp/corpus.jsonl" 2>/dev/null
"$H" export --db "$tmp/ref.db" --format jsonl > "$tmp/ref.jsonl"
"$H" publish --nats "$HERALD_TEST_NATS" --stream "$stream" "$tmp/corpus.jsonl"

worker() {
  "$H" worker --nats "$HERALD_TEST_NATS" --stream "$stream" --db "$db" \
    --ack-wait 5 --idle-exit 12 2>>"$tmp/worker-$1.log" &
  pids+=($!)
}
worker a
victim=$!
worker b
other=$!

# kill a worker while it holds messages it has not acknowledged
killed=""
for _ in $(seq 1 600); do
  # the first worker makes the tables: until then there is no store to count
  s=$(status 2>/dev/null) || { sleep 0.05; continue; }
  stored=$(echo "$s" | field 'store["articles"]')
  in_flight=$(echo "$s" | field 'queue["in_flight"]')
  if [ "$stored" -ge $((N / 10)) ] && [ "$in_flight" -gt 0 ] && kill -0 "$victim" 2>/dev/null; then
    kill -9 "$victim"
    killed="after $stored stored, $in_flight in flight"
    break
  fi
  sleep 0.05
done
[ -n "$killed" ] || { echo "queue-test: never caught a worker mid-batch"; cat "$tmp"/worker-*.log; exit 1; }
echo "queue-test: killed a worker (SIGKILL) $killed; starting it again"
worker a2
restarted=$!

# an empty queue is a stored one: workers acknowledge only after the commit
s=$("$H" status --nats "$HERALD_TEST_NATS" --stream "$stream" --db "$db" --json --sample 0 --wait)
kill "$other" "$restarted"
wait "$other" "$restarted" || true
echo "queue-test: $s"
[ "$(echo "$s" | field 'store["articles"]')" = "$N" ] || { echo "queue-test: the store does not hold exactly $N articles"; exit 1; }
[ "$(echo "$s" | field 'queue["backlog"] + queue["in_flight"]')" = 0 ] || { echo "queue-test: messages left in the queue"; exit 1; }
[ "$(echo "$s" | field 'queue["failed"]')" = 0 ] || { echo "queue-test: articles on the dead-letter subject"; exit 1; }
"$H" export --db "$db" --format jsonl > "$tmp/pg.jsonl"
cmp "$tmp/ref.jsonl" "$tmp/pg.jsonl" || { echo "queue-test: the export from PostgreSQL differs from the SQLite one"; exit 1; }
echo "queue-test: ok: $N articles stored once each, export identical to herald ingest into SQLite ($(wc -l < "$tmp/pg.jsonl") events)"
