"""Ledger databases for the tests: a fresh SQLite file per test, and the PostgreSQL database
named by MINUTES_TEST_PG (one per session, emptied between tests).

Import the fixtures into a test module (``from ledgerdb import ledger_url, pg_url``);
``ledger_url`` runs each test once on SQLite and once on PostgreSQL, skipping the
PostgreSQL run with the reason when MINUTES_TEST_PG is unset.
"""
from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text
from wordfiles import free_port, wait_until_up

from minutes.ledger.store import resolve_target

PG_ENV = "MINUTES_TEST_PG"
NOTES = Path(__file__).resolve().parent / "ledger_notes"
PG_SKIP = (f"{PG_ENV} is unset: no PostgreSQL to run the ledger tests on "
           "(.ci/run starts one; locally: pg_ctlcluster <version> main start and set "
           f"{PG_ENV}=postgresql://user:pass@127.0.0.1/db)")


@lru_cache(maxsize=None)
def _engine(url: str):
    return create_engine(resolve_target(url))


def reset_pg(url: str, *, drop: bool) -> None:
    """Empty the shared database: drop the schema (start of session, migration tests) or only its rows."""
    with _engine(url).begin() as conn:
        if drop:
            conn.execute(text("DROP TABLE IF EXISTS history, pending, tasks, meetings, alembic_version CASCADE"))
            conn.execute(text("DROP FUNCTION IF EXISTS minutes_history_append_only()"))
        else:
            present = {r[0] for r in conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))}
            tables = [t for t in ("history", "pending", "tasks", "meetings") if t in present]
            if tables:
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
def pg_session_url():
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_SKIP)
    reset_pg(url, drop=True)
    return url


@pytest.fixture
def pg_url(pg_session_url):
    reset_pg(pg_session_url, drop=False)
    return pg_session_url


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_url")


@contextmanager
def live_servers(env_extra: dict[str, str], count: int = 1) -> Iterator[list[str]]:
    """``count`` `minutes serve` processes with these MINUTES_* settings, started together; their base URLs."""
    env = {**os.environ, "MINUTES_PROCESSES": "1", **env_extra}
    ports = [free_port() for _ in range(count)]
    processes = [subprocess.Popen([sys.executable, "-m", "minutes", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for port in ports]
    bases = [f"http://127.0.0.1:{port}/" for port in ports]
    try:
        for base, process in zip(bases, processes):
            wait_until_up(base, process)
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
            process.stderr.close()


