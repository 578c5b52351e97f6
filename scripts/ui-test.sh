#!/usr/bin/env bash
# Browser test of `herald serve`: ingests the example article, the PLOVER
# development sentences (when ../shared/eval is there) and an article full
# of markup into a fresh store, serves it on a free loopback port, and runs
# web-tests/ui.test.mjs in Debian's Chromium with playwright-core.
# Screenshots land in target/ui-screenshots/ (-postgres/ with HERALD_UI_DB).
#   needs: node + npm, chromium (installed with apt-get when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "ui-test: installing Debian's chromium"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd web-tests && npm ci --silent --no-audit --no-fund)

cargo build --release --quiet
HERALD=target/release/herald
tmp=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# HERALD_UI_DB runs the same test on another store (a fresh PostgreSQL database)
db="${HERALD_UI_DB:-$tmp/ui.db}"
shots=target/ui-screenshots${HERALD_UI_DB:+-postgres}
"$HERALD" ingest --db "$db" --published 2023-03-02 examples/g20-blinken-lavrov.txt 2>/dev/null
gsr="${HERALD_EVAL_DIR:-../shared/eval}/plover-gsr.dev.jsonl"
[ -f "$gsr" ] && "$HERALD" ingest --db "$db" "$gsr" 2>/dev/null
printf '%s\n' '{"id": "xss-test", "title": "Markup <b>in</b> a story", "published": "2023-03-05", "text": "Officials in Kyiv said <script>window.__xss=1</script> the <b>bold</b> plan was rejected by Russia on Monday."}' > "$tmp/xss.jsonl"
"$HERALD" ingest --db "$db" "$tmp/xss.jsonl" 2>/dev/null
# dated fixtures of the browser test's own: USA and RUS, one story a day from 2024-01-01
"$HERALD" ingest --db "$db" web-tests/fixtures/dyad-weeks.jsonl 2>/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$HERALD" serve --db "$db" --addr "127.0.0.1:$port" 2>"$tmp/serve.log" &
server=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/api/articles?limit=1" >/dev/null 2>&1 && break
  sleep 0.2
done
HERALD_URL="http://127.0.0.1:$port" SCREENSHOT_DIR=$shots node --test web-tests/ui.test.mjs
