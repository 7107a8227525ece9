#!/usr/bin/env python3
"""Leave-one-set-out check of decoder settings from `verbatim tune-lm` outputs (one file per held-out set).

For each set, the (alpha, beta, blank penalty) with the lowest mean relative WER (WER / WER at the model's own
settings) over the OTHER sets is chosen and its WER on the left-out set is printed beside the model's settings' WER.
Settings that win only on the sets that chose them show up as losses here.
The same for a confidence-dependent weight: from `tune-lm --confident-lm-weights ...` outputs, the (threshold, weight)
rules, and one weight for every utterance, are compared relative to one weight.
Usage: tools/leave-one-out.py --model models/default runs/check-decoder/tune-*.txt
"""
import argparse
import json
import os
import re
import sys

# One row of a tune-lm grid: the row's value, then one WER per column ("  0.75   35.26%   34.19%").
GRID_ROW = re.compile(r"\s+([\d.]+)((?:\s+[\d.]+%)+)\s*$")


def columns(line):
    """The column values of a tune-lm grid's header line ("alpha \\ beta  2  3", "above \\ weight  1.00  1.25")."""
    return [float(x) for x in line.split()[3:]]


def cells(line, cols):
    """(row value, column value, WER %) for each cell of a tune-lm grid row under the header `cols`; [] otherwise."""
    m = GRID_ROW.match(line)
    if not m or cols is None:
        return []
    return [(float(m.group(1)), c, float(x.rstrip("%"))) for c, x in zip(cols, m.group(2).split())]


def read_grid(path):
    """{(alpha, beta, blank penalty): WER %} from one tune-lm output."""
    grid, blank, betas = {}, None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"blank penalty ([\d.]+), oov penalty", line)
            if m:
                blank = float(m.group(1))
                continue
            if line.startswith("alpha \\ beta"):
                betas = columns(line)
                continue
            for alpha, beta, wer in cells(line, betas):
                if blank is None:
                    sys.exit(f"{path}: give tune-lm --blank-penalties so that the grid names them")
                grid[(alpha, beta, blank)] = wer
    if not grid:
        sys.exit(f"{path}: no tune-lm grid in it")
    return grid


def read_confidence_grid(path):
    """{(threshold, weight) or "one": WER %} from one `tune-lm --confident-lm-weights` output."""
    grid, weights = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.search(r"one weight \(alpha ([\d.]+)\): WER ([\d.]+) %", line)
            if m:
                grid["one"] = float(m.group(2))
                continue
            if line.startswith("above \\ weight"):
                weights = columns(line)
                continue
            for above, w, wer in cells(line, weights):
                grid[(above, w)] = wer
    if "one" not in grid or len(grid) < 2:
        sys.exit(f"{path}: no tune-lm --confident-lm-weights grid in it")
    return grid


def confidence_main(model, paths):
    with open(os.path.join(model, "config.json"), encoding="utf-8") as f:
        d = json.load(f)["decoder"]
    above = float(d.get("confidentAbove", 0))
    own = (above, float(d.get("confidentLmWeight", 0))) if above > 0 else "one"
    names = [os.path.basename(g).removeprefix("tune-").removesuffix(".txt") for g in paths]
    grids = dict(zip(names, (read_confidence_grid(g) for g in paths)))
    keys = set.intersection(*(set(g) for g in grids.values()))
    if own not in keys:
        sys.exit(f"the model's rule {own} is not in every grid: add it to the tune-lm grid")

    def name(k):
        return "one weight" if k == "one" else f"weight {k[1]} above {k[0]}"

    def score(k, sets):
        return sum(grids[s][k] / grids[s]["one"] if grids[s]["one"] else 1.0 for s in sets) / len(sets)

    keys = sorted(keys, key=lambda k: (k != "one", str(k)))
    print(f"model: {name(own)}, alpha {d['lmWeight']} otherwise")
    wins = 0
    for s in names:
        others = [x for x in names if x != s]
        k = min(keys, key=lambda k: score(k, others))
        if grids[s][k] < grids[s]["one"]:
            wins += 1
        print(f"left out {s:16s} chosen by the others: {name(k)}: WER {grids[s][k]:.2f} % "
              f"(one weight {grids[s]['one']:.2f} %, model {grids[s][own]:.2f} %)")
    best = min(keys, key=lambda k: score(k, names))
    print(f"best over all sets: {name(best)}: " + ", ".join(f"{s} {grids[s][best]:.2f} %" for s in names)
          + f" (mean relative {score(best, names):.4f})")
    print(f"rules chosen without a set beat one weight on it for {wins} of {len(names)} sets")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True, help="model folder whose config.json holds the settings to check")
    ap.add_argument("grids", nargs="+", help="tune-lm outputs, one per set")
    a = ap.parse_args()
    if len(a.grids) < 3:
        sys.exit("need at least three sets")
    with open(a.grids[0], encoding="utf-8") as f:
        if "above \\ weight" in f.read():
            confidence_main(a.model, a.grids)
            return
    with open(os.path.join(a.model, "config.json"), encoding="utf-8") as f:
        d = json.load(f)["decoder"]
    own = (float(d["lmWeight"]), float(d["wordBonus"]), float(d["blankPenalty"]))
    names = [os.path.basename(g).removeprefix("tune-").removesuffix(".txt") for g in a.grids]
    grids = dict(zip(names, (read_grid(g) for g in a.grids)))
    keys = set.intersection(*(set(g) for g in grids.values()))
    if own not in keys:
        sys.exit(f"the model's settings {own} are not in every grid: add them to the tune-lm grid")
    keys = sorted(keys)

    def score(k, sets):
        return sum(grids[s][k] / grids[s][own] if grids[s][own] else 1.0 for s in sets) / len(sets)

    print(f"model settings alpha {own[0]}, beta {own[1]}, blank penalty {own[2]}")
    wins = 0
    for s in names:
        others = [x for x in names if x != s]
        k = min(keys, key=lambda k: score(k, others))
        if grids[s][k] < grids[s][own]:
            wins += 1
        print(f"left out {s:16s} chosen by the others: alpha {k[0]}, beta {k[1]}, blank {k[2]}: "
              f"WER {grids[s][k]:.2f} % (model settings {grids[s][own]:.2f} %)")
    best = min(keys, key=lambda k: score(k, names))
    print(f"best over all sets: alpha {best[0]}, beta {best[1]}, blank {best[2]}: "
          + ", ".join(f"{s} {grids[s][best]:.2f} %" for s in names) + f" (mean relative {score(best, names):.4f})")
    print(f"settings chosen without a set beat the model's on it for {wins} of {len(names)} sets")


if __name__ == "__main__":
    main()
