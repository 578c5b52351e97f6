#!/usr/bin/env bash
# Herald's whole test run: unit and integration tests, bounded fuzzing of
# the readers (property tests), the browser test of `herald serve` (on SQLite
# and on PostgreSQL), then the
# quality gate over the development gold sets when ../shared/eval is present.
set -euo pipefail
cd "$(dirname "$0")/.."

# Formatting, function length and the knowledge-base data checks first: they take seconds.
cargo fmt --all --check
mkdir -p target
for check in check_fn_length check_kb check_cues check_regions check_officeholders; do
  python3 "scripts/$check.py" > "target/$check.log" 2>&1 || { cat "target/$check.log"; echo "scripts/$check.py failed"; exit 1; }
done

# Lints: every crate and test, warnings as errors.
cargo clippy --workspace --all-targets -- -D warnings

# Throwaway PostgreSQL and NATS servers: the tests of the PostgreSQL store
# and of the work queue run on them (never skipped under CI=true).
services=$(mktemp -d)
chmod 755 "$services"
trap 'bash scripts/services.sh stop "$services/s"' EXIT
eval "$(bash scripts/services.sh start "$services/s")"

if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --release --no-fail-fast
else
  cargo test --workspace --release --no-fail-fast
fi

bash scripts/ui-test.sh
HERALD_UI_DB="$HERALD_PG_BASE/herald_ui" bash scripts/ui-test.sh
bash scripts/queue-test.sh
bash scripts/quality-gate.sh
