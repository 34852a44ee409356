"""Measure the task ledger: filing 1,000 meetings, and `track overdue` on a ledger of 100,000 tasks.

    python bench/ledger.py [--db URL] [--meetings 1000] [--tasks 100000] [--repeat 20] [NOTES...]

1. Filing: the notes (default: the dev corpus ../shared/corpus/dev, else examples/) are
   extracted once each; 1,000 meetings are made from them by moving each copy's meeting
   date and deadlines on by whole weeks (every copy a different meeting), then filed one
   by one, each in its own transaction, into an empty ledger. Extraction is timed apart.
2. Escalation: a second empty ledger gets 100,000 tasks from about 16,700 meetings over three
   years (20 projects, 200 owners, 15 departments; old tasks mostly closed, as in a ledger kept for years),
   then ``Ledger.overdue(as_of)`` — what `minutes track overdue` runs — is timed, and
   the query plan printed to show the partial index of open tasks at work.

SQLite files go to a temporary folder; ``--db postgresql://…`` measures PostgreSQL (its
tables are dropped first: give a scratch database).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text  # noqa: E402

from minutes.errors import MinutesError  # noqa: E402
from minutes.ledger.store import open_ledger  # noqa: E402
from minutes.ledger.tables import history, meetings, tasks  # noqa: E402
from minutes.model import Minutes  # noqa: E402
from minutes.pipeline import Options, process  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
SUFFIXES = (".txt", ".md", ".docx")
AS_OF = date(2025, 6, 30)
TASKS_PER_MEETING = 6           # about what one meeting of the dev notes hands out


def notes(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    folder = CORPUS if CORPUS.is_dir() else ROOT / "examples"
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and not p.name.startswith("."))


def extract_all(files: list[Path]) -> tuple[list[Minutes], float]:
    start, found = time.perf_counter(), []
    for path in files:
        try:
            found.append(process(path, options=Options(ref_date=date(2024, 1, 8), lint=False)))
        except MinutesError as exc:
            print(f"  skipped {exc}", file=sys.stderr)
    return found, time.perf_counter() - start


def shifted(minutes: Minutes, weeks: int, n: int) -> Minutes:
    """The same meeting ``weeks`` later: its date and every deadline move together."""
    move = lambda iso: _move(iso, weeks) if iso else iso  # noqa: E731
    meeting = replace(minutes.meeting, date=move(minutes.meeting.date or "2024-01-08"))
    items = [replace(a, deadline=move(a.deadline)) for a in minutes.action_items]
    reports = [replace(r, deadline=move(r.deadline)) for r in minutes.progress]
    return replace(minutes, source=f"gen-{n:04d}-{Path(minutes.source).name}", meeting=meeting,
                   action_items=items, progress=reports)


def _move(iso: str, weeks: int) -> str:
    day = date.fromisoformat(iso[:10]) + timedelta(weeks=weeks)
    return day.isoformat() + iso[10:]


def bench_filing(db: str | None, base: list[Minutes], count: int) -> dict:
    ledger = _fresh(db, "filing.db")
    generated = [shifted(base[i % len(base)], i // len(base), i) for i in range(count)]
    times, created, updated, pending = [], 0, 0, 0
    start = time.perf_counter()
    for minutes in generated:
        t0 = time.perf_counter()
        result = ledger.file(minutes, actor="bench")
        times.append(time.perf_counter() - t0)
        created, updated, pending = created + len(result.created), updated + len(result.updated), pending + len(result.pending)
    total = time.perf_counter() - start
    ledger.close()
    return {"meetings": count, "seconds": total, "per_second": count / total, "p50_ms": _ms(times, 50),
            "p95_ms": _ms(times, 95), "tasks": created, "updated": updated, "pending": pending}


def bench_overdue(db: str | None, count: int, repeat: int) -> dict:
    ledger = _fresh(db, "overdue.db")
    fill(ledger, count)
    runs, cpu, found = [], [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        found = ledger.overdue(AS_OF)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    plan = _plan(ledger)
    ledger.close()
    return {"tasks": count, "overdue": len(found), "median_ms": _ms(runs, 50), "p95_ms": _ms(runs, 95),
            "best_ms": min(runs) * 1000, "cpu_ms": _ms(cpu, 50), "plan": plan}


def fill(ledger, count: int) -> None:
    """``count`` tasks with deadlines over three years before and after AS_OF; older ones mostly done."""
    rng = random.Random(20250630)
    start = AS_OF - timedelta(days=3 * 365)
    rows = []
    for n in range(1, count + 1):
        due = start + timedelta(days=rng.randrange(3 * 365 + 60))
        age = (AS_OF - due).days
        closed = rng.random() < (0.97 if age > 30 else 0.6 if age > 0 else 0.1)
        project = f"项目{n % 20:02d}"
        rows.append({"id": f"{project}-{due.year}-{n:06d}", "project": project, "year": due.year, "seq": n,
                     "task": f"第{n}项：核对供应商{n % 97}号的对账单并提交差异说明", "owner": f"员工{n % 200:03d}",
                     "department": f"部门{n % 15:02d}", "collaborators": "[]", "deadline": due.isoformat(),
                     "priority": ("high", "medium", "low")[n % 3], "status": "已完成" if closed else "进行中",
                     "progress": 100 if closed else rng.randrange(0, 100, 10), "meeting_id": 1 + n // TASKS_PER_MEETING,
                     "created_at": "2025-01-01T00:00:00", "updated_at": "2025-01-01T00:00:00"})
    filed = [{"id": m, "fingerprint": f"bench-{m}", "title": f"项目{m % 20:02d}周例会", "source": f"bench-{m}.txt",
              "date": (start + timedelta(days=m % (3 * 365))).isoformat(), "project": f"项目{m % 20:02d}",
              "filed_at": "2025-01-01T00:00:00", "filed_by": "bench"} for m in range(1, 2 + count // TASKS_PER_MEETING)]
    with ledger.writing() as conn:
        conn.execute(insert(meetings), filed)
        for chunk in range(0, len(rows), 5000):
            conn.execute(insert(tasks), rows[chunk:chunk + 5000])
        conn.execute(insert(history), [{"task_id": r["id"], "field": "created", "new": r["task"],
                                        "meeting_id": r["meeting_id"],
                                        "actor": "bench", "at": r["created_at"]} for r in rows])
    with ledger.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


def _plan(ledger) -> str:
    query = f"SELECT id FROM tasks WHERE status <> '已完成' AND deadline < '{AS_OF.isoformat()}'"
    with ledger.reading() as conn:
        if ledger.is_sqlite:
            return "; ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + query)))
        return " / ".join(r[0].strip() for r in conn.execute(text("EXPLAIN " + query)))


def _fresh(db: str | None, name: str):
    if db is None:
        return open_ledger(str(Path(tempfile.mkdtemp(prefix="minutes-bench-")) / name))
    ledger = open_ledger(db)
    with ledger.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS history, pending, tasks, meetings, alembic_version CASCADE"))
        conn.execute(text("DROP FUNCTION IF EXISTS minutes_history_append_only()"))
    ledger.close()
    return open_ledger(db)


def _ms(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))] * 1000


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="postgresql://… scratch database (default: SQLite files in a temporary folder)")
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("notes", nargs="*")
    args = parser.parse_args(argv)

    base, seconds = extract_all(notes(args.notes))
    print(f"extracted {len(base)} notes once: {seconds:.1f} s "
          f"({sum(len(m.action_items) for m in base)} action items, {sum(len(m.progress) for m in base)} progress reports)")
    filing = bench_filing(args.db, base, args.meetings)
    print(f"filing {filing['meetings']} meetings: {filing['seconds']:.1f} s, {filing['per_second']:.0f} meetings/s, "
          f"p50 {filing['p50_ms']:.1f} ms, p95 {filing['p95_ms']:.1f} ms per meeting; "
          f"{filing['tasks']} tasks created, {filing['updated']} tasks updated, {filing['pending']} reports pending")
    print("  (copies of one set of notes file identical tasks, so a copy's progress reports match several tasks "
          "equally and wait for a person, as the matching rule says)")
    overdue = bench_overdue(args.db, args.tasks, args.repeat)
    print(f"track overdue on {overdue['tasks']:,} tasks ({overdue['overdue']:,} overdue): median "
          f"{overdue['median_ms']:.1f} ms, p95 {overdue['p95_ms']:.1f} ms, best {overdue['best_ms']:.1f} ms "
          f"over {args.repeat} runs; CPU time of this process: median {overdue['cpu_ms']:.1f} ms "
          f"(wall time includes waiting for the cores; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"  plan: {overdue['plan']}")


if __name__ == "__main__":
    main()
