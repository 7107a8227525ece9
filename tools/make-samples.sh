#!/usr/bin/env bash
# Regenerate audio-samples/ (held-out clips + transcripts.tsv + README.md) from a built corpus.
#   tools/make-samples.sh [--out data] [--seed 1] [--real ../shared/data/real]
# Needs data/synth/dev-synth.tsv: run tools/build-corpus.sh first (any --hours; dev-synth depends only on --seed).
set -euo pipefail
OUT=data; SEED=1; REAL=../shared/data/real
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --real) REAL="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$(dirname "$HERE")"
rm -f audio-samples/*.wav
nice -n 5 python3 "$HERE/corpus.py" samples --out "$OUT" --seed "$SEED" --real "$REAL" --samples-dir audio-samples
