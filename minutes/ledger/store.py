"""open_ledger(target) -> Ledger: where the ledger lives, its schema kept current, safe writes.

Where: ``--db PATH|URL``, else the MINUTES_DB variable, else ``minutes.db`` in the working
directory. A path is a SQLite file (created on first use, nothing to install); a URL
``postgresql://user:pass@host/db`` is a PostgreSQL database (driver psycopg) that several
``minutes serve`` processes can share.

Safety:
* every write is one transaction holding the ledger's write lock — SQLite ``BEGIN
  IMMEDIATE`` (other writers wait up to MINUTES_DB_TIMEOUT seconds, default 10), a
  PostgreSQL transaction-level advisory lock — so concurrent filings never allocate one
  task ID twice nor file one meeting twice; readers are never blocked (SQLite WAL);
* opening a ledger upgrades its schema with the shipped Alembic migrations, in one
  transaction, so an old ledger is brought up to date without loss;
* a damaged, locked, unreachable or too-new database is a LedgerUnavailable in Chinese
  naming it, never a traceback.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator, Optional, TypeVar

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from ..errors import LedgerUnavailable
from ..model import Minutes
from . import filing, queries
from .records import Change, Filing, Pending, Task

T = TypeVar("T")
ENV_DB, ENV_TIMEOUT = "MINUTES_DB", "MINUTES_DB_TIMEOUT"
DEFAULT_FILE = "minutes.db"
DEFAULT_TIMEOUT = 10.0
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE_LOCK = 0x6D696E7574          # PostgreSQL advisory lock key of the ledger ("minut")
_WRITE = "minutes_ledger_write"


def resolve_target(target: Optional[str] = None) -> str:
    """The database URL for ``--db`` / MINUTES_DB / minutes.db."""
    value = (target or os.environ.get(ENV_DB) or DEFAULT_FILE).strip()
    if "://" not in value:
        return URL.create("sqlite", database=str(Path(value).expanduser().resolve())).render_as_string()
    try:
        url = make_url(value)
    except ArgumentError:
        raise LedgerUnavailable(f"'{value}' 不是有效的数据库地址；应为文件路径，或 postgresql://用户:密码@主机/库名") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise LedgerUnavailable(f"不支持 '{url.get_backend_name()}' 数据库；台账可用 SQLite 文件或 PostgreSQL")
    return url.render_as_string(hide_password=False)


def open_ledger(target: Optional[str] = None, *, timeout: Optional[float] = None, create: bool = True) -> "Ledger":
    """The ledger at ``target`` (see resolve_target), upgraded as needed; a new SQLite file is made
    only when ``create`` (filing makes the ledger, looking at one that is not there is a mistake)."""
    ledger = Ledger(resolve_target(target), timeout=_timeout(timeout))
    if not create and ledger.is_sqlite and not Path(ledger.url.database).exists():
        raise LedgerUnavailable(f"台账数据库 '{ledger.name}' 不存在；先用 minutes track add 登记会议，"
                                "或用 --db 或 MINUTES_DB 指定已有的台账")
    ledger.migrate()
    return ledger


def _timeout(given: Optional[float]) -> float:
    if given is not None:
        return given
    raw = os.environ.get(ENV_TIMEOUT, "")
    try:
        return float(raw) if raw.strip() else DEFAULT_TIMEOUT
    except ValueError:
        raise LedgerUnavailable(f"{ENV_TIMEOUT}={raw!r} 不是秒数") from None


class Ledger:
    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT):
        self.url = make_url(url)
        self.timeout = timeout
        self.name = self.url.database if self.is_sqlite else self.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @cached_property
    def engine(self) -> Engine:
        if self.is_sqlite:
            _check_folder(Path(self.url.database))
            engine = create_engine(self.url, connect_args={"timeout": self.timeout})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(self.url, pool_pre_ping=True,
                             connect_args={"connect_timeout": max(1, int(self.timeout))})

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()

    # ----------------------------------------------------------------- transactions
    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction holding the write lock: all of it is kept, or none."""
        with self._errors(), self.engine.connect() as conn:
            conn = conn.execution_options(**{_WRITE: True})
            with conn.begin():
                if not self.is_sqlite:
                    conn.execute(text(f"SET LOCAL lock_timeout = '{int(self.timeout * 1000)}ms'"))
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                yield conn

    def write(self, work: Callable[[Connection], T]) -> T:
        with self.writing() as conn:
            return work(conn)

    def read(self, work: Callable[[Connection], T]) -> T:
        with self.reading() as conn:
            return work(conn)

    # ----------------------------------------------------------------- what the ledger does
    def file(self, minutes: Minutes, *, project: Optional[str] = None, actor: str) -> Filing:
        """File one meeting (see filing.py); the same notes twice change nothing."""
        return self.write(lambda conn: filing.file_minutes(conn, minutes, project=project, actor=actor))

    def tasks(self, **filters) -> list[Task]:
        """Filters: owner, department, status, overdue_as_of (a date), project."""
        return self.read(lambda conn: queries.list_tasks(conn, **filters))

    def task(self, task_id: str) -> Task:
        return self.read(lambda conn: queries.get_task(conn, task_id))

    def overdue(self, as_of: date) -> list[Task]:
        return self.read(lambda conn: queries.overdue(conn, as_of))

    def set(self, task_id: str, changes: dict, *, actor: str) -> tuple[Task, list[Change]]:
        return self.write(lambda conn: queries.set_task(conn, task_id, changes, actor))

    def pending(self, *, include_resolved: bool = False) -> list[Pending]:
        return self.read(lambda conn: queries.pending_reports(conn, include_resolved=include_resolved))

    def confirm(self, pending_id: int, task_id: str, *, actor: str) -> tuple[Task, list[Change]]:
        return self.write(lambda conn: queries.confirm(conn, pending_id, task_id, actor))

    def meetings(self) -> list[dict]:
        return self.read(queries.meetings_filed)

    def history(self) -> list[Change]:
        return self.read(queries.changes_of)

    # ----------------------------------------------------------------- schema
    def migrate(self) -> None:
        """Bring the schema to the newest migration, in the write transaction."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        scripts = ScriptDirectory(str(MIGRATIONS))
        head = scripts.get_current_head()
        with self.reading() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
            raise LedgerUnavailable(f"台账数据库 '{self.name}' 的结构版本为 {current}，比本程序的版本 {head} 更新；"
                                    "请升级 minutes 后再使用")
        with self.writing() as conn:
            self._refuse_foreign(conn, current)
            upgrade(conn, head)

    def _refuse_foreign(self, conn: Connection, current: Optional[str]) -> None:
        """A database with tables but no migration record belongs to something else: leave it alone."""
        if current is None and [t for t in inspect(conn).get_table_names() if t != "alembic_version"]:
            raise LedgerUnavailable(f"'{self.name}' 已有其他数据表，不是 minutes 台账；请换一个文件或数据库")

    # ----------------------------------------------------------------- errors
    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except LedgerUnavailable:
            raise
        except DBAPIError as exc:
            raise LedgerUnavailable(self._explain(_first_line(exc.orig), exc.connection_invalidated)) from None
        except sqlite3.Error as exc:        # raised while a connection is set up, before SQLAlchemy wraps it
            raise LedgerUnavailable(self._explain(_first_line(exc), False)) from None
        except SQLAlchemyError as exc:
            raise LedgerUnavailable(f"台账数据库 '{self.name}' 出错：{exc.__class__.__name__}: {_first_line(exc)}") from None

    def _explain(self, detail: str, invalidated: bool) -> str:
        lowered = detail.lower()
        where = f"台账数据库 '{self.name}'"
        if "not a database" in lowered or "malformed" in lowered or "file is encrypted" in lowered:
            return f"{where} 已损坏或不是 SQLite 数据库文件（{detail}）；请从备份恢复，或用 --db 指定另一个文件"
        if "locked" in lowered or "lock timeout" in lowered or "busy" in lowered:
            return (f"{where} 正被其他程序占用，等待 {self.timeout:g} 秒后仍未释放；请稍后重试"
                    f"（可用 {ENV_TIMEOUT} 调整等待秒数）")
        if "readonly" in lowered or "read-only" in lowered:
            return f"{where} 是只读的，无法写入；请检查文件权限"
        if "unable to open" in lowered:
            return f"{where} 无法打开（目录不存在或没有权限）"
        if invalidated or "connect" in lowered or "connection" in lowered:
            return f"无法连接 {where}：{detail}"
        return f"{where} 出错：{detail}"


def upgrade(conn: Connection, revision: str = "head") -> None:
    """Run the shipped migrations on ``conn`` up to ``revision``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise LedgerUnavailable(f"台账数据库 '{path}' 无法创建：目录 '{path.parent}' 不存在")
    if path.is_dir():
        raise LedgerUnavailable(f"'{path}' 是一个目录，不是台账数据库文件")


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
    """Transactions are begun by _sqlite_begin, not by the driver; WAL lets readers run beside a writer."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
