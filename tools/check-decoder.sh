#!/usr/bin/env bash
# Checks a model's decoder settings against sets that did not choose them (leave one set out).
# Usage: tools/check-decoder.sh [MODEL_DIR [OUT_DIR]]   (defaults: models/default, runs/check-decoder)
# Runs `verbatim tune-lm` on five held-out sets, each alone (the first 100 of dev-synth and dev-synth-noisy, matthes,
# allison, fsdd; a grid of alpha, beta and blank penalty around the shipped settings, the model's beam width and
# out-of-vocabulary penalty), then
# tools/leave-one-out.py: for each set, the setting with the lowest mean relative WER on the other four, measured on
# the one left out, against the model's own settings. Needs data/ from tools/build-corpus.sh; 2-3.5 min on two cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
model="${1:-models/default}"
out="${2:-runs/check-decoder}"
mkdir -p "$out"
for s in dev-synth dev-synth-noisy dev-matthes dev-allison dev-fsdd; do
  ./verbatim tune-lm --model "$model" --dev "data/$s.tsv" --limit 100 \
    --alphas 0.75,1.0,1.25 --betas 1,2,3 --blank-penalties 1.0,1.5,2.0 > "$out/tune-$s.txt"
done
python3 tools/leave-one-out.py --model "$model" "$out"/tune-*.txt | tee "$out/leave-one-out.txt"
