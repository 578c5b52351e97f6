#!/usr/bin/env bash
# Runs `herald eval` on each development gold set (and `herald eval --ud` on
# the UD English EWT test set) and fails when a figure is below its floor in
# eval/floors.txt (toponym gold by 5-fold cross-validation); checks that `herald eval` agrees with
# the reference scorer shared/eval/score.py figure for figure.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL_DIR="${HERALD_EVAL_DIR:-../shared/eval}"
if [ ! -d "$EVAL_DIR" ]; then
  echo "quality gate: $EVAL_DIR not found; skipping the gold-set floors"
  exit 0
fi
cargo build --release --quiet
HERALD=target/release/herald
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for pair in "plover-gsr.dev.jsonl gsr actors" "articles.gold.jsonl events quotes" "news.dev.jsonl events quotes quiet places" "lgl.geo.jsonl geo"; do
  set -- $pair
  gold="$EVAL_DIR/$1"; shift
  [ -f "$gold" ] || { echo "quality gate: $gold missing; skipped"; continue; }
  # the place ranker is trained on toponym gold: its figures there are cross-validated
  cv=()
  case "$gold" in *.geo.jsonl) cv=(--cv 5) ;; esac
  echo "== herald eval --gold $gold ${cv[*]}"
  if ! "$HERALD" eval --gold "$gold" "${cv[@]}" --records "$tmp/records.jsonl" --floors eval/floors.txt > "$tmp/herald.txt"; then
    status=1
  fi
  cat "$tmp/herald.txt"
  for mode in "$@"; do
    ref=$(python3 "$EVAL_DIR/score.py" "$mode" "$gold" "$tmp/records.jsonl" | tail -n 1)
    if ! grep -qxF "$ref" "$tmp/herald.txt"; then
      echo "quality gate: herald eval disagrees with score.py $mode: $ref"
      status=1
    fi
  done
done
# The tagger and parser on the UD English EWT test set, with its gold tokens.
UD_TEST="${HERALD_UD_DIR:-../shared/data/ud-english-ewt}/en_ewt-ud-test.conllu"
if [ -f "$UD_TEST" ]; then
  echo "== herald eval --ud $UD_TEST"
  "$HERALD" eval --ud "$UD_TEST" --floors eval/floors.txt || status=1
else
  echo "quality gate: $UD_TEST missing; skipped"
fi
if [ "$status" -ne 0 ]; then
  echo "quality gate: FAILED"
  exit 1
fi
echo "quality gate: all floors met, herald eval agrees with score.py"
