"""The speed work must not change a result: each shortcut against the slow path it replaces."""
from __future__ import annotations

import itertools
import re

import pytest

from minutes import deadlines, resources


def _deadline_words() -> list[str]:
    """Every word of deadlines.yaml, as written: the probes below are built from the rule data."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                found.append(str(key))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.append(node)

    walk(resources.load_yaml("deadlines.yaml"))
    return sorted({w for w in found if w.strip()})


_FRAMES = ["{}", "请于{}前完成", "3月{}", "下{}", "2024年{}底", "{}12点", "15日{}内", "{} 3 days", "5个{}", "{}后3天内"]


def _probes() -> list[str]:
    words = _deadline_words()
    pairs = [a + b for a, b in itertools.islice(itertools.product(words[::7], words[::11]), 4000)]
    return [frame.format(w) for frame in _FRAMES for w in words] + pairs


def test_deadlines_rule_word_check_never_hides_a_match():
    """A rule is skipped when none of its trigger words occurs; every match must hold one."""
    grammar = deadlines._grammar()
    texts = [t.translate(grammar.lex.fold) for t in _probes()]
    matched = 0
    for _, rule in grammar.rules:
        for text in texts:
            for m in rule.pattern.finditer(text):
                if m.end() > m.start():
                    matched += 1
                    assert rule.needs is None or rule.needs.search(m.group()), (rule.name, m.group())
    assert matched > 1000          # the probes reach the rules


@pytest.mark.parametrize("text", ["明天下午3点前", "下周三前", "月底", "3个工作日内", "国庆节前", "by Friday EOD",
                                  "6/20", "2024年6月12日", "收到协议后3个工作日内", "Q3", "尽快", "待定"])
def test_deadlines_word_check_changes_no_answer(text):
    grammar = deadlines._grammar()
    folded = text.translate(grammar.lex.fold)
    unchecked = [rule._replace(needs=None) for _, rule in grammar.rules]
    full = [(c.start, c.end, c.rule.name) for c in grammar.candidates(folded)]
    grammar_without = deadlines._Grammar.__new__(deadlines._Grammar)
    grammar_without.lex, grammar_without.prefix = grammar.lex, grammar.prefix
    grammar_without.rules = tuple(enumerate(unchecked))
    assert full == [(c.start, c.end, c.rule.name) for c in grammar_without.candidates(folded)]
    assert full


def test_dependencies_each_one_is_imported_by_minutes():
    """A declared dependency that nothing imports only slows installs (dateparser was one);
    a database driver counts when the code names it (postgresql+psycopg)."""
    import tomllib
    from importlib.metadata import packages_distributions
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    declared = {re.split(r"[<>=\[ ;]", d, maxsplit=1)[0].lower().replace("_", "-")
                for d in tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]}
    source = "\n".join(p.read_text(encoding="utf-8") for p in (root / "minutes").rglob("*.py"))
    imported = {m.group(1) for m in re.finditer(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", source, re.M)}
    providers = packages_distributions()
    used = {dist.lower().replace("_", "-") for name in imported for dist in providers.get(name, [])}
    named = {d for d in declared if re.search(rf"\+{re.escape(d)}\b", source)}
    assert declared - used - named == set()
