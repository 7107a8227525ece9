#!/usr/bin/env bash
# Build Verbatim's training / dev corpus (see tools/README.md).
#   tools/build-corpus.sh --hours 6 --seed 1 --out data [--real ../shared/data/real] [--samples] [--dev-count 200]
# Idempotent per seed: existing WAVs are kept, manifests are rewritten. Run from the repository root.
set -euo pipefail

HOURS=6
SEED=1
OUT=data
REAL=../shared/data/real
SAMPLES=0
DEVCOUNT=200
while [ $# -gt 0 ]; do
  case "$1" in
    --hours) HOURS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --real) REAL="$2"; shift 2 ;;
    --dev-count) DEVCOUNT="$2"; shift 2 ;;
    --samples) SAMPLES=1; shift ;;
    -h|--help) sed -n 2,5p "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
cd "$REPO"

# --- Debian packages (Debian main only) -------------------------------------------------------------------
need=()
for pkg in espeak-ng sox python3 wordnet-base fortune-mod fortunes fortunes-min sword-text-web diatheke; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# --- corpus (one process, low priority: synthesis uses about one core) -------------------------------------
PY=(nice -n 5 python3 "$HERE/corpus.py")
COMMON=(--out "$OUT" --seed "$SEED" --hours "$HOURS" --real "$REAL" --dev-count "$DEVCOUNT")
start=$(date +%s)
"${PY[@]}" text "${COMMON[@]}"
"${PY[@]}" synth "${COMMON[@]}"
"${PY[@]}" manifest "${COMMON[@]}"
if [ "$SAMPLES" = 1 ]; then
  "${PY[@]}" samples "${COMMON[@]}" --samples-dir "$REPO/audio-samples"
fi
echo "[done] $(( $(date +%s) - start )) s; manifests in $OUT: train.tsv dev-synth.tsv dev-fsdd.tsv dev-matthes.tsv dev-allison.tsv; stats in $OUT/corpus-stats.txt"
