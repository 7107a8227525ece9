#!/usr/bin/env bash
# Every measurement of the model card's "Accuracy" section for one model folder, into one directory, so that a run's
# candidate weights and the shipped folder are compared on the same sets (session 20's rule, MODEL.md "Training").
# Usage: tools/measure-run.sh MODEL_DIR OUT_DIR
#   e.g. java -jar target/verbatim.jar average --bits 8 --out runs/ship \
#          $(ls -d runs/default/snapshots/step-*00 | tail -5)
#        cp models/default/lm.bin runs/ship/ && tools/measure-run.sh runs/ship runs/eval
# Writes OUT_DIR/beam.txt and greedy.txt (tools/eval-default.sh), per-voice.txt (tools/per-voice.py on greedy
# dev-synth), fit.txt (greedy on 250 synthetic training utterances), rev-beam-*.txt and rev-greedy-*.txt (matthes and
# allison through sox `reverb 40 50 60`), loud-*.txt (greedy, 10 dB louder) and samples.txt (transcribe
# audio-samples/). The reverberant copies are made once in data/lvl/, the training sample again for each new corpus.
# Needs data/ from tools/build-corpus.sh and sox; about 7 min on two cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -eq 2 ] || { echo "usage: tools/measure-run.sh MODEL_DIR OUT_DIR" >&2; exit 2; }
model=$1
out=$2
for f in data/train.tsv data/dev-synth.tsv data/dev-matthes.tsv data/dev-allison.tsv; do
  [ -s "$f" ] || { echo "tools/measure-run.sh: $f is missing: run tools/build-corpus.sh first" >&2; exit 1; }
done
mkdir -p "$out" data/lvl/rev
lvl=$(cd data/lvl && pwd)
for s in matthes allison; do
  man="$lvl/$s-rev.tsv"
  [ -s "$man" ] && continue
  : > "$man.tmp"
  while IFS=$'\t' read -r path text; do
    wav="$lvl/rev/$s-$(basename "$path")"
    sox -R -V1 "$path" -r 16000 -c 1 "$wav" reverb 40 50 60
    printf '%s\t%s\n' "$wav" "$text" >> "$man.tmp"
  done < "data/dev-$s.tsv"
  mv "$man.tmp" "$man"
done
# 250 synthetic training lines (the model has heard them): how well it fits what it learns from. Drawn again whenever
# data/train.tsv is newer (each session builds another share of the corpus).
[ "$lvl/fit.tsv" -nt data/train.tsv ] || python3 - "$lvl/fit.tsv" <<'PY'
import random, sys
with open("data/train.tsv") as f:
    lines = sorted(set(l for l in f if "/synth/" in l))
random.seed(31)
with open(sys.argv[1], "w") as f:
    f.writelines(random.sample(lines, 250))
PY
tools/eval-default.sh "$model" > "$out/beam.txt" 2>&1
tools/eval-default.sh "$model" --decoder greedy > "$out/greedy.txt" 2>&1
./verbatim eval -m "$model" --decoder greedy --per-utterance "$out/per-utterance-synth.tsv" data/dev-synth.tsv \
  > /dev/null 2>&1
python3 tools/per-voice.py "$out/per-utterance-synth.tsv" > "$out/per-voice.txt"
./verbatim eval -m "$model" --decoder greedy "$lvl/fit.tsv" > "$out/fit.txt" 2>&1
for s in matthes allison; do
  ./verbatim eval -m "$model" "$lvl/$s-rev.tsv" > "$out/rev-beam-$s.txt" 2>&1
  ./verbatim eval -m "$model" --decoder greedy "$lvl/$s-rev.tsv" > "$out/rev-greedy-$s.txt" 2>&1
done
for s in fsdd matthes allison; do
  ./verbatim eval -m "$model" --decoder greedy --gain 10 "data/dev-$s.tsv" > "$out/loud-$s.txt" 2>&1
done
./verbatim transcribe -m "$model" audio-samples/ > "$out/samples.txt" 2>&1
grep -H -o 'utterances: [0-9]* .*WER: [0-9.]* %.*CER: [0-9.]* %' "$out"/*.txt | sed 's/  (words[^)]*)//'
