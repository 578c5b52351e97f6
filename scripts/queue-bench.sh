#!/usr/bin/env bash
# Benchmark of the work queue (not a test: it prints, it does not judge):
# the rate of `herald extract` on N replicated articles (20,000 by default)
# and the rate of two `herald worker`s coding the same articles from NATS
# into PostgreSQL, from the workers' start to the last commit, on the
# servers of scripts/services.sh (HERALD_TEST_NATS, HERALD_PG_BASE);
# QUEUE_BENCH_ROUNDS rounds (3), medians. QUEUE_BENCH_THREADS=1 gives each
# worker one coding thread (one worker per core). Each phase also counts
# the machine's busy CPU (/proc/stat: user, nice, system, irq, softirq; not
# idle or steal) per article, so that the ratio can be read apart from how
# much of the shared cores the machine got ("cpu ratio"): workers, servers
# and all, against extract; and the CPU of the herald processes alone
# (extract's, the workers' own), the ratio of two workers whose servers run
# elsewhere, as in a cluster ("own cpu ratio").
#
# QUEUE_BENCH_APART=1 gives the servers cores of their own, as a cluster
# does: PostgreSQL and NATS are pinned (taskset) to the last cores and
# extract and the workers to the first min(2, cores - 1); on a 2-core
# machine that is one core for herald and one for the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${HERALD_TEST_NATS:?start the servers first: eval \"\$(bash scripts/services.sh start DIR)\"}"
: "${HERALD_PG_BASE:?start the servers first: eval \"\$(bash scripts/services.sh start DIR)\"}"
N=${QUEUE_BENCH_ARTICLES:-20000}
[ -x /usr/bin/time ] || { echo "queue-bench.sh: needs GNU time (/usr/bin/time; Debian: apt-get install time)"; exit 1; }
WORKERS=${QUEUE_BENCH_WORKERS:-2}
# HERALD_BIN times another build (an A/B of two binaries)
H=${HERALD_BIN:-target/release/herald}
[ -n "${HERALD_BIN:-}" ] || cargo build --release --quiet
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # the servers get every core back
  if [ -n "${QUEUE_BENCH_APART:-}" ]; then
    for p in $(pgrep -x postgres) $(pgrep -f nats-server); do
      taskset -a -p -c "0-$(( $(nproc) - 1 ))" "$p" >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
now() { python3 -c 'import time; print(time.time())'; }
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
ticks=$(getconf CLK_TCK)

"$H" bench --articles "$N" --write-corpus "$tmp/corpus.jsonl" >/dev/null 2>&1
psql_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"
# the CPU seconds (user + system) running processes PIDS... and their threads
# have used, summed; a process gone meanwhile counts nothing
procs_cpu() {
  local files=() p
  for p in "$@"; do
    if [ -r "/proc/$p/stat" ]; then files+=("/proc/$p/stat"); fi
  done
  [ ${#files[@]} -gt 0 ] || { echo 0; return; }
  awk -v t="$ticks" '{sub(/^.*\) /, ""); s += $12 + $13} END {print s / t}' "${files[@]}" 2>/dev/null || echo 0
}
# the CPU seconds the servers' live processes (PostgreSQL, NATS) have used
servers_cpu() { procs_cpu $(pgrep -x postgres) $(pgrep -f nats-server); }
pin=()
if [ -n "${QUEUE_BENCH_APART:-}" ]; then
  cores=$(nproc)
  [ "$cores" -ge 2 ] || { echo "queue-bench: QUEUE_BENCH_APART needs 2 cores or more"; exit 1; }
  herald_cores=$(( cores - 1 < 2 ? cores - 1 : 2 ))
  pin=(taskset -c "0-$(( herald_cores - 1 ))")
  for p in $(pgrep -x postgres) $(pgrep -f nats-server); do
    taskset -a -p -c "$herald_cores-$(( cores - 1 ))" "$p" >/dev/null
  done
  echo "servers on cores $herald_cores-$(( cores - 1 )), extract and the workers on cores 0-$(( herald_cores - 1 ))"
fi

# one round: extract, then the workers on a fresh stream and database;
# rounds alternate so that the machine's drift touches both alike
round() {
  local t0 t1 run_id stream db s
  t0=$(now); c0=$(busy)
  /usr/bin/time -f "%U %S" -o "$tmp/extract.time" "${pin[@]}" "$H" extract "$tmp/corpus.jsonl" > /dev/null 2>&1
  t1=$(now); c1=$(busy)
  extract_rates+=("$(python3 -c "print($N / ($t1 - $t0))")")
  extract_cpu+=("$(python3 -c "print(1e6 * ($c1 - $c0) / $ticks / $N)")")
  extract_own+=("$(awk -v n="$N" '{print 1e6 * ($1 + $2) / n}' "$tmp/extract.time")")
  run_id="qb$$_$1_$(date +%s)"
  stream="BENCH_${run_id}"
  "$psql_bin" -q -d "$HERALD_PG_BASE/postgres" -c "CREATE DATABASE $run_id"
  db="$HERALD_PG_BASE/$run_id"
  "$H" publish --nats "$HERALD_TEST_NATS" --stream "$stream" "$tmp/corpus.jsonl" 2>/dev/null
  pids=()
  s0=$(servers_cpu)
  t0=$(now); c0=$(busy)
  for i in $(seq 1 "$WORKERS"); do
    "${pin[@]}" "$H" worker --nats "$HERALD_TEST_NATS" --stream "$stream" --db "$db" ${QUEUE_BENCH_THREADS:+--threads $QUEUE_BENCH_THREADS} ${QUEUE_BENCH_WORKER_ARGS:-} 2>>"$tmp/worker-$i.log" &
    pids+=($!)
  done
  # workers acknowledge only after the commit: an empty queue is a stored one
  # (one status process watches it every 50 ms on one connection)
  "$H" status --nats "$HERALD_TEST_NATS" --stream "$stream" --json --sample 0 --wait >/dev/null
  t1=$(now); c1=$(busy)
  queue_cpu+=("$(python3 -c "print(1e6 * ($c1 - $c0) / $ticks / $N)")")
  own=$(procs_cpu "${pids[@]}")
  workers_own+=("$(python3 -c "print(1e6 * $own / $N)")")
  servers+=("$(python3 -c "print(1e6 * ($(servers_cpu) - $s0) / $N)")")
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  stored=$("$H" status --nats "$HERALD_TEST_NATS" --stream "$stream" --db "$db" --json --sample 0 | python3 -c "import json,sys; print(json.load(sys.stdin)['store']['articles'])")
  [ "$stored" = "$N" ] || { echo "queue-bench: the store holds $stored articles, not $N"; exit 1; }
  queue_rates+=("$(python3 -c "print($N / ($t1 - $t0))")")
  echo "round $1: extract ${extract_rates[-1]%.*} articles/s (${extract_cpu[-1]%.*} µs CPU an article, ${extract_own[-1]%.*} its own), $WORKERS workers ${queue_rates[-1]%.*} articles/s (${queue_cpu[-1]%.*} µs, ${workers_own[-1]%.*} their own, ${servers[-1]%.*} the servers')"
}

extract_rates=()
queue_rates=()
extract_cpu=()
queue_cpu=()
extract_own=()
workers_own=()
servers=()
for r in $(seq 1 "${QUEUE_BENCH_ROUNDS:-3}"); do round "$r"; done
python3 - "${extract_rates[*]}" "${queue_rates[*]}" "$WORKERS" "$N" "$(nproc)" "${extract_cpu[*]}" "${queue_cpu[*]}" "${extract_own[*]}" "${workers_own[*]}" "${QUEUE_BENCH_APART:+servers on cores of their own}" "${servers[*]}" <<'PY'
import statistics, sys
e = [float(x) for x in sys.argv[1].split()]
q = [float(x) for x in sys.argv[2].split()]
me, mq = statistics.median(e), statistics.median(q)
ce = statistics.median(float(x) for x in sys.argv[6].split())
cq = statistics.median(float(x) for x in sys.argv[7].split())
layout = sys.argv[10] or "servers on the same cores"
print(f"median of {len(e)} rounds: extract {me:.0f} articles/s; {sys.argv[3]} workers (NATS -> PostgreSQL) {mq:.0f} articles/s = {100 * mq / me:.0f}% of extract ({sys.argv[4]} articles, {sys.argv[5]} cores, {layout})")
print(f"cpu ratio {100 * ce / cq:.0f}%: extract {ce:.0f} µs of the machine's CPU an article, the queue {cq:.0f} µs (workers, PostgreSQL and NATS; medians)")
oe = statistics.median(float(x) for x in sys.argv[8].split())
ow = statistics.median(float(x) for x in sys.argv[9].split())
print(f"own cpu ratio {100 * oe / ow:.0f}%: extract's process {oe:.0f} µs an article, the workers' own {ow:.0f} µs (servers not counted; medians)")
sv = statistics.median(float(x) for x in sys.argv[11].split())
print(f"servers' cpu {sv:.0f} µs an article (PostgreSQL and NATS processes; median)")
PY
