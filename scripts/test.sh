#!/usr/bin/env bash
# Herald's whole test run: unit and integration tests, bounded fuzzing of
# the readers (property tests), the browser test of `herald serve`, then the
# quality gate over the development gold sets when ../shared/eval is present.
set -euo pipefail
cd "$(dirname "$0")/.."

if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --release --no-fail-fast
else
  cargo test --workspace --release --no-fail-fast
fi

bash scripts/ui-test.sh
bash scripts/quality-gate.sh
