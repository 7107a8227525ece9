#!/usr/bin/env bash
# Measures a model on every held-out set (greedy decoding), as reported in models/default/MODEL.md.
# Usage: tools/eval-default.sh [MODEL_DIR]   (default models/default; needs data/ from tools/build-corpus.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
model="${1:-models/default}"
for m in data/dev-synth.tsv data/dev-synth-noisy.tsv data/dev-fsdd.tsv data/dev-matthes.tsv data/dev-allison.tsv audio-samples/transcripts.tsv; do
  ./verbatim eval --model "$model" --worst 3 "$m"
  echo
done
