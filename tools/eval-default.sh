#!/usr/bin/env bash
# Measures a model on every held-out set, as reported in models/default/MODEL.md: decoding as the model's
# config.json says (beam search with its language model for the shipped model), plus the unseen fsdd speaker
# with the digits vocabulary (tools/digits.txt, issue 6's grammar goal), and three sets 10 dB quieter than recorded
# (level robustness: quiet microphones and recordings).
# Usage: tools/eval-default.sh [MODEL_DIR [EVAL OPTIONS...]]
#   e.g. tools/eval-default.sh models/default --decoder greedy   (the greedy column of the model card)
# Needs data/ from tools/build-corpus.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
model="${1:-models/default}"
shift || true
for m in data/dev-synth.tsv data/dev-synth-noisy.tsv data/dev-fsdd.tsv data/dev-matthes.tsv data/dev-allison.tsv audio-samples/transcripts.tsv; do
  ./verbatim eval --model "$model" --worst 3 "$@" "$m"
  echo
done
# A word list needs beam search: with --decoder greedy the digits row is left out (verbatim refuses the pair).
case " $* " in
  *" greedy "*|*"--decoder=greedy"*) ;;
  *)
    echo "== dev-fsdd with the digits vocabulary (tools/digits.txt)"
    ./verbatim eval --model "$model" --worst 3 "$@" --vocabulary tools/digits.txt data/dev-fsdd.tsv
    ;;
esac
for m in data/dev-synth.tsv data/dev-matthes.tsv data/dev-allison.tsv; do
  echo
  echo "== $m 10 dB quieter"
  ./verbatim eval --model "$model" --worst 3 "$@" --gain -10 "$m"
done
