#!/usr/bin/env bash
# Checks a confidence-dependent language model weight (decoder.confidentLmWeight above decoder.confidentAbove) against
# sets that did not choose it (leave one set out), as tools/check-decoder.sh does for alpha and beta.
# Usage: tools/check-confidence.sh [MODEL_DIR [OUT_DIR]]   (defaults: models/default, runs/check-confidence)
# Runs `verbatim tune-lm --confident-lm-weights` on six held-out sets, each alone (all of dev-synth and
# dev-synth-noisy, matthes, allison, fsdd, audio-samples; thresholds 0.7-0.9, weights 1.0 and 1.25 for the confident
# utterances, the model's lmWeight for the others), then tools/leave-one-out.py: for each set, the rule with the
# lowest mean WER relative to one weight on the other five, measured on the one left out. Needs data/ from
# tools/build-corpus.sh; about 6 min on two cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
model="${1:-models/default}"
out="${2:-runs/check-confidence}"
mkdir -p "$out"
for m in data/dev-synth.tsv data/dev-synth-noisy.tsv data/dev-matthes.tsv data/dev-allison.tsv data/dev-fsdd.tsv \
    audio-samples/transcripts.tsv; do
  s=$(basename "$m" .tsv)
  [ "$s" = transcripts ] && s=audio-samples
  ./verbatim tune-lm --model "$model" --dev "$m" --limit 400 --confident-lm-weights 1.0,1.25 \
    --confident-above 0.7,0.75,0.8,0.85,0.9 > "$out/tune-$s.txt"
done
python3 tools/leave-one-out.py --model "$model" "$out"/tune-*.txt | tee "$out/leave-one-out.txt"
