"""The task ledger (任务跟踪台账): every action item followed across meetings until it is closed.

    progress.py   reports on earlier tasks, read from the notes (no database needed)
    tables.py     the schema: meetings, tasks, append-only history, reports awaiting a person
    store.py      open_ledger(url) -> Ledger: engine, migrations, transactions, clear errors
    filing.py     a meeting's Minutes into the ledger: new tasks, matched progress reports
    match.py      which task a report refers to: by ID, else owner and task words
    ids.py        task IDs 项目简称-年份-序号
    queries.py    lists, one task and its history, the escalation list, corrections, confirmations
    records.py    what the ledger hands back: Task, Change, Pending, Filing
    views.py      tables for the terminal, dicts for JSON
    export.py     tracker.xlsx / tracker.docx / tasks.ics / tasks.csv
    cli.py        `minutes track …`

Only progress.py is imported by the pipeline; the rest (SQLAlchemy, Alembic) loads when
a ledger is opened.
"""
