#!/usr/bin/env python3
"""Error rates of one eval run grouped by voice: which unseen voices fail.

Usage: tools/per-voice.py PER_UTT.tsv [--out data]
PER_UTT.tsv is `verbatim eval --per-utterance PER_UTT.tsv data/dev-synth.tsv` (or the noisy set); voices come from
the synthesis metadata in OUT/synth/*.tsv (matched by file name, so the noisy copies match their clean originals).
Lines without metadata (real speech) are grouped as "other". Rates are corpus-level within each group.
"""
import argparse
import glob
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("per_utt")
    ap.add_argument("--out", default="data")
    ap.add_argument("--variants", action="store_true", help="espeak-ng voices by accent and variant (default: accent)")
    a = ap.parse_args()
    voice = {}
    for man in glob.glob(os.path.join(a.out, "synth", "*.tsv")):
        other = os.path.basename(man)[:-4].endswith("-other")
        with open(man) as f:
            for ln in f:
                c = ln.rstrip("\n").split("\t")
                if len(c) < 8:
                    continue
                if other:
                    engine, v = c[3], c[4]
                else:
                    engine, v = "espeak-ng", c[3] + ("+" + c[4] if a.variants and c[4] != "default" else "")
                voice[os.path.basename(c[0])] = f"{engine} {v}"
    groups = {}
    with open(a.per_utt) as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header[:3] == ["id", "ref", "hyp"], f"{a.per_utt}: not an eval --per-utterance file"
        for ln in f:
            c = ln.rstrip("\n").split("\t")
            name = os.path.basename(c[0])
            key = voice.get(name) or voice.get(name.split("-", 2)[-1], "other")   # noisy copies: KIND-NNNN-name
            g = groups.setdefault(key, [0, 0, 0, 0, 0])
            g[0] += 1
            for i in range(4):
                g[i + 1] += int(c[3 + i])
    tot_chars = sum(g[4] for g in groups.values())
    print(f"{'voice':34s} {'utts':>5s} {'WER %':>6s} {'CER %':>6s} {'share of chars':>15s}")
    for k, g in sorted(groups.items(), key=lambda kv: -kv[1][3] / max(kv[1][4], 1)):
        print(f"{k:34s} {g[0]:5d} {100 * g[1] / max(g[2], 1):6.1f} {100 * g[3] / max(g[4], 1):6.1f} "
              f"{100 * g[4] / max(tot_chars, 1):14.1f}%")


if __name__ == "__main__":
    main()
