"""Small builders shared by the tests: Word files made in code, and a free local port."""
from __future__ import annotations

import io
import socket
from typing import Optional

import docx


def word_file(lines: list[str], rows: Optional[list[list[str]]] = None, *, title: Optional[str] = None,
              heading: Optional[str] = None) -> bytes:
    """A .docx: an optional title, paragraphs, an optional heading, then an optional table."""
    document = docx.Document()
    if title:
        document.add_heading(title, 0)
    for line in lines:
        document.add_paragraph(line)
    if heading:
        document.add_heading(heading, 2)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
