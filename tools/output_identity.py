"""Record what `minutes extract` says about a set of notes, and later check it says the same.

    python tools/output_identity.py record ref.jsonl ../shared/corpus/dev ../shared/corpus/real tests/notes
    python tools/output_identity.py compare ref.jsonl      # same files, this checkout's code

For a change that must not change output (a speed-up, a refactoring): record with the
code before it, compare with the code after. Each file is extracted by
`python -m minutes extract --format jsonl --explain --ref-date D` (lint included; the
explain table too, so a block read differently shows even when the items come out the
same), in a fresh process per batch. The comparison is field by field: a difference
names the file and the JSON path (``action_items[3].deadline``) with both values.
Exit code 0 when every file matches, 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".md", ".docx"}
REF_DATE = "2024-06-03"        # fixed, so notes without a meeting date do not count from today
BATCH = 40


def note_files(paths: list[str]) -> list[str]:
    files: list[str] = []
    for path in map(Path, paths):
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES) if path.is_dir() else [path]
        files += [str(p.resolve()) for p in found if ".fixed." not in p.name]
    return files


def extract(files: list[str], ref_date: str = REF_DATE, python: str = sys.executable,
            env: dict | None = None) -> dict[str, dict]:
    """{file: extraction JSON} from `minutes extract --format jsonl`, BATCH files per process."""
    out: dict[str, dict] = {}
    for i in range(0, len(files), BATCH):
        batch = files[i:i + BATCH]
        command = [python, "-m", "minutes", "extract", "--format", "jsonl", "--explain", "--ref-date", ref_date, *batch]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env or os.environ.copy())
        lines = done.stdout.splitlines()
        if len(lines) != len(batch):
            raise SystemExit(f"expected {len(batch)} lines from minutes extract, got {len(lines)}:\n{done.stderr}")
        out.update(zip(batch, map(json.loads, lines)))
    return out


def differences(before, after, path: str = "") -> Iterator[str]:
    """Every JSON path where two values differ, with both values."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after), key=str):
            yield from differences(before.get(key, "<absent>"), after.get(key, "<absent>"), f"{path}.{key}")
    elif isinstance(before, list) and isinstance(after, list):
        for i in range(max(len(before), len(after))):
            yield from differences(before[i] if i < len(before) else "<absent>",
                                   after[i] if i < len(after) else "<absent>", f"{path}[{i}]")
    elif before != after:
        yield f"{path.lstrip('.') or '(root)'}: {json.dumps(before, ensure_ascii=False)} → " \
              f"{json.dumps(after, ensure_ascii=False)}"


def record(reference: Path, paths: list[str], ref_date: str) -> int:
    results = extract(note_files(paths), ref_date)
    with reference.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"ref_date": ref_date, "paths": paths}, ensure_ascii=False) + "\n")
        for source, result in results.items():
            handle.write(json.dumps({"file": source, "output": result}, ensure_ascii=False) + "\n")
    print(f"recorded {len(results)} files in {reference}")
    return 0


def compare(reference: Path) -> int:
    lines = reference.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    expected = {row["file"]: row["output"] for row in map(json.loads, lines[1:])}
    actual = extract(list(expected), header["ref_date"])
    changed = 0
    for source, before in expected.items():
        found = list(differences(before, actual[source]))
        changed += bool(found)
        for line in found[:20]:
            print(f"{source}: {line}")
    print(f"{len(expected) - changed} of {len(expected)} files identical")
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="verb", required=True)
    rec = sub.add_parser("record", help="extract every note and save the JSON")
    rec.add_argument("reference", type=Path)
    rec.add_argument("paths", nargs="+", help="notes or folders of notes")
    rec.add_argument("--ref-date", default=REF_DATE)
    cmp = sub.add_parser("compare", help="extract the recorded notes again and compare field by field")
    cmp.add_argument("reference", type=Path)
    args = parser.parse_args(argv)
    if args.verb == "record":
        return record(args.reference, args.paths, args.ref_date)
    return compare(args.reference)


if __name__ == "__main__":
    sys.exit(main())
