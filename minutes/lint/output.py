"""Lint output: compiler-style text, the contract's JSON, and SARIF 2.1.0."""
from __future__ import annotations

import json
from typing import Iterable, Union

from .. import __version__
from ..errors import MinutesError
from ..model import Finding, Location, Minutes
from .config import rule_table

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
Result = tuple[str, Union[Minutes, MinutesError]]


def position(location: Location) -> str:
    """``12:8`` for text; ``p5:3`` for a Word paragraph; ``t2r3c1:4`` for a Word table cell."""
    if location.line is not None:
        return f"{location.line}:{location.column or 1}"
    if location.table is not None:
        return f"t{location.table}r{location.row}c{location.cell}:{location.column or 1}"
    return f"p{location.paragraph or 0}:{location.column or 1}"


def text_report(results: Iterable[Result]) -> str:
    lines = []
    for source, result in results:
        if isinstance(result, MinutesError):
            lines.append(f"{source}: error input-error {result.message}")
            continue
        for f in result.lint:
            lines.append(f"{source}:{position(f.location)}: {f.severity} {f.rule} {f.message}"
                         + (f" → {f.suggestion}" if f.suggestion else ""))
    return "\n".join(lines)


def json_report(results: Iterable[Result]) -> str:
    out = []
    for source, result in results:
        if isinstance(result, MinutesError):
            out.append({"source": source, "error": result.to_dict()})
        else:
            out.append({"source": source, "lint": [f.to_dict() for f in result.lint]})
    return json.dumps(out, ensure_ascii=False, indent=2)


def sarif_report(results: Iterable[Result]) -> str:
    results = list(results)
    rules = list(rule_table().values())
    index = {r.id: i for i, r in enumerate(rules)}
    sarif_results, notifications = [], []
    for source, result in results:
        if isinstance(result, MinutesError):
            notifications.append({"level": "error", "message": {"text": f"{source}: {result.message}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(source)}}}]})
            continue
        sarif_results += [_sarif_result(f, source, index) for f in result.lint]
    run = {
        "tool": {"driver": {
            "name": "minutes", "version": __version__, "semanticVersion": __version__,
            "rules": [{"id": r.id, "name": r.id.replace("-", " ").title().replace(" ", ""),
                       "shortDescription": {"text": r.message.replace("{text}", "…").replace("{task}", "…")},
                       "help": {"text": r.suggestion},
                       "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]}} for r in rules]}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    else:
        run["invocations"] = [{"executionSuccessful": True}]
    return json.dumps({"$schema": _SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def _sarif_result(f: Finding, source: str, index: dict[str, int]) -> dict:
    physical = {"artifactLocation": {"uri": _uri(source)}}
    loc = f.location
    if loc.line is not None:
        physical["region"] = {"startLine": loc.line, "startColumn": loc.column or 1,
                              "endColumn": (loc.column or 1) + len(f.text), "snippet": {"text": f.text}}
    location = {"physicalLocation": physical}
    if loc.line is None:
        where = (f"table {loc.table} row {loc.row} cell {loc.cell}" if loc.table is not None
                 else f"paragraph {loc.paragraph}")
        location["logicalLocations"] = [{"name": where, "kind": "element"}]
        location["properties"] = {k: v for k, v in loc.to_dict().items()}
    result = {"ruleId": f.rule, "level": _SARIF_LEVEL[f.severity], "message": {"text": f.message},
              "locations": [location]}
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.suggestion:
        result["properties"] = {"suggestion": f.suggestion, "words": f.text}
    return result


def _uri(source: str) -> str:
    return source.replace("\\", "/")
