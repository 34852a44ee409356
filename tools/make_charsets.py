#!/usr/bin/env python3
"""Regenerate nlp_models/charsets/: common Han characters and the Traditional→Simplified map.

    pip install opencc-python-reimplemented && python tools/make_charsets.py

Facts taken: character frequencies from jieba's dictionary, and OpenCC's
one-character Traditional→Simplified table (TSCharacters.txt, Apache-2.0).
Only this script needs OpenCC; minutes reads the generated files.
"""
import collections
import os
from pathlib import Path

import jieba
import opencc

OUT = Path(__file__).resolve().parent.parent / "nlp_models" / "charsets"


def t2s_pairs() -> dict[str, str]:
    table = Path(os.path.dirname(opencc.__file__)) / "dictionary" / "TSCharacters.txt"
    pairs = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        simp = simp.split()[0] if simp.split() else ""
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            pairs[trad] = simp
    return pairs


def common_han(pairs: dict[str, str], n: int = 3500) -> str:
    freq = collections.Counter()
    for line in (Path(os.path.dirname(jieba.__file__)) / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, count, *_ = line.split()
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                freq[ch] += int(count)
    simplified = [ch for ch, _ in freq.most_common(n)]
    back = collections.defaultdict(list)
    for trad, simp in pairs.items():
        back[simp].append(trad)
    return "".join(sorted(set(simplified) | {t for ch in simplified for t in back[ch]}))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pairs = t2s_pairs()
    (OUT / "t2s.tsv").write_text("".join(f"{t}\t{s}\n" for t, s in sorted(pairs.items())), encoding="utf-8")
    (OUT / "common_han.txt").write_text(common_han(pairs) + "\n", encoding="utf-8")
    print(f"{len(pairs)} Traditional→Simplified pairs, common set written to {OUT}")


if __name__ == "__main__":
    main()
