#!/usr/bin/env python3
"""Regenerate nlp_models/segmenter/words.txt: jieba's dictionary without its rare words.

    python tools/make_segmenter_dict.py [--min-frequency 10]

The rule pipeline keeps its own terms and every listed name whole, so jieba only
has to cut ordinary words; the frequent 105k of jieba's 349k entries do that and
load in a fifth of the time (a faster cold start). Source: jieba's dict.txt (MIT).
"""
import argparse
import os
from pathlib import Path

import jieba

OUT = Path(__file__).resolve().parent.parent / "nlp_models" / "segmenter" / "words.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-frequency", type=int, default=10)
    args = parser.parse_args()
    source = Path(os.path.dirname(jieba.__file__)) / "dict.txt"
    kept = [line for line in source.read_text(encoding="utf-8").splitlines()
            if line.split() and int(line.split()[1]) >= args.min_frequency]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} words written to {OUT}")


if __name__ == "__main__":
    main()
