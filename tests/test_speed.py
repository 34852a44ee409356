"""The speed work must not change a result: each shortcut against the slow path it replaces."""
from __future__ import annotations

import itertools
import re

import pytest

from minutes import deadlines, resources
from minutes.textnorm import fold_word


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
    texts = [fold_word(t) for t in _probes()]
    matched = 0
    for _, rule in grammar.rules:
        for text in texts:
            for _, start, end in deadlines._rule_matches(rule.pattern, text):
                if end > start:
                    matched += 1
                    assert not rule.needs or _holds_one(text[start:end], rule.needs), (rule.name, text[start:end])
    assert matched > 1000          # the probes reach the rules


def test_deadlines_one_scan_finds_every_rule_whose_words_a_line_holds():
    """The rules tried on a line come from one scan that sees only the longest word starting at
    each place: a shorter word there (下 in 下周, 周 inside 下周三) and words overlapping it
    still count, exactly as when every rule looks for its own words."""
    grammar = deadlines._grammar()
    for text in [fold_word(t) for t in _probes()[::5]]:
        expected = {rule.name for _, rule in grammar.rules
                    if _holds_one(text, rule.needs or rule.triggers)
                    and all(_holds_one(text, words) for words in rule.needs_also)}
        assert {rule.name for _, rule in _rules_tried(grammar, text)} == expected, text


def _rules_tried(grammar, text: str):
    gate = grammar.gate
    present = gate.words_in(text)
    return [(order, rule) for order, rule in grammar.rules
            if present >> order & 1 and present & gate.other_words[order] == gate.other_words[order]]


def _holds_one(text: str, words) -> bool:
    return any(word in text for word in words)


@pytest.mark.parametrize("text", ["明天下午3点前", "下周三前", "月底", "3个工作日内", "国庆节前", "by Friday EOD",
                                  "6/20", "2024年6月12日", "收到协议后3个工作日内", "Q3", "尽快", "待定"])
def test_deadlines_word_check_changes_no_answer(text):
    grammar = deadlines._grammar()
    folded = fold_word(text)
    unchecked = [rule._replace(needs=frozenset()) for _, rule in grammar.rules]
    full = [(c.start, c.end, c.rule.name) for c in grammar.candidates(folded)]
    grammar_without = deadlines._Grammar.__new__(deadlines._Grammar)
    grammar_without.lex, grammar_without.prefix = grammar.lex, grammar.prefix
    grammar_without.rules = tuple(enumerate(unchecked))
    assert full == [(c.start, c.end, c.rule.name) for c in grammar_without.candidates(folded)]
    assert full


def test_dependencies_each_one_is_imported_by_minutes():
    """A declared dependency that nothing imports only slows installs;
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


# --------------------------------------------------------------------------- #
# The start-up cache (minutes/startcache.py)
# --------------------------------------------------------------------------- #
import importlib.util  # noqa: E402
import marshal  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from minutes import startcache  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_PATTERNS = [
    (r"(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]", 0),
    (r"(?<![A-Za-z])(?:eod|cob)(?![A-Za-z])", re.I),
    (r"^(?:负责人|责任人)[:：]\s*+(\S+)$", re.M),
]
_TEXTS = ["请于6月20日前完成", "EOD Friday", "负责人：张伟\n责任人: 李娜", "无关的一行"]


def _fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MINUTES_CACHE_DIR", str(tmp_path))
    startcache.reset()


@pytest.mark.parametrize("pattern, flags", _PATTERNS)
def test_startcache_regex_read_back_behaves_as_re_compile(tmp_path, monkeypatch, pattern, flags):
    _fresh_cache(tmp_path, monkeypatch)
    first = startcache.compile_regex(pattern, flags)
    startcache.reset()                          # saves, and the next compile reads the file
    again = startcache.compile_regex(pattern, flags)
    plain = re.compile(pattern, flags)
    assert (tmp_path / "regexes.marshal").is_file()
    for compiled in (first, again):
        assert (compiled.pattern, compiled.flags, compiled.groupindex) == (plain.pattern, plain.flags, plain.groupindex)
        assert [m.groups() for t in _TEXTS for m in compiled.finditer(t)] == \
               [m.groups() for t in _TEXTS for m in plain.finditer(t)]
    startcache.reset()


def test_startcache_patterns_no_run_asks_for_any_more_are_dropped(tmp_path, monkeypatch):
    """Rules edited many times leave patterns nobody compiles again: they do not pile up."""
    _fresh_cache(tmp_path, monkeypatch)
    for edit in range(12):                      # each run compiles this version's four patterns
        for day in range(4):
            startcache.compile_regex(rf"第{edit}版规则{day}[0-9]+天内")
        startcache.reset()
    stored = marshal.loads((tmp_path / "regexes.marshal").read_bytes())[1]
    assert 4 <= len(stored) <= 6 and (r"第11版规则3[0-9]+天内", 0) in stored
    for day in range(3):                        # a run that needs fewer patterns drops none it shares
        startcache.compile_regex(rf"第11版规则{day}[0-9]+天内")
    startcache.compile_regex(r"另一种运行[0-9]+")
    startcache.reset()
    stored = marshal.loads((tmp_path / "regexes.marshal").read_bytes())[1]
    assert (r"第11版规则3[0-9]+天内", 0) in stored and (r"另一种运行[0-9]+", 0) in stored


@pytest.mark.parametrize("garbage", [b"", b"not marshal at all", b"\xe3\x00\x00\x00\x00\x00"])
def test_startcache_corrupt_file_is_ignored(tmp_path, monkeypatch, garbage):
    _fresh_cache(tmp_path, monkeypatch)
    (tmp_path / "regexes.marshal").write_bytes(garbage)
    assert startcache.compile_regex(r"[0-9]+天内").search("3天内完成").group() == "3天内"
    startcache.reset()


def test_startcache_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("MINUTES_CACHE_DIR", "off")
    startcache.reset()
    assert startcache.table("words", ROOT / "README.md", lambda: {"a": 1}) == {"a": 1}
    assert startcache.compile_regex(r"周[一二三]").search("下周三") is not None
    startcache.reset()
    assert startcache.folder() is None


def test_startcache_table_is_rebuilt_when_its_source_changes(tmp_path, monkeypatch):
    _fresh_cache(tmp_path, monkeypatch)
    source = tmp_path / "words.txt"
    source.write_text("会议 10\n", encoding="utf-8")
    assert startcache.table("words", source, lambda: {"会议": 10}) == {"会议": 10}
    assert startcache.table("words", source, lambda: {"never": 0}) == {"会议": 10}      # read back
    source.write_text("会议 10\n纪要 5\n", encoding="utf-8")
    assert startcache.table("words", source, lambda: {"会议": 10, "纪要": 5}) == {"会议": 10, "纪要": 5}


def test_startcache_segmenter_table_is_jiebas_own(tmp_path, monkeypatch):
    import jieba
    from minutes.resources import model_path
    from minutes.segmenter import jieba_tokenizer
    reference = jieba.Tokenizer(dictionary=str(model_path("segmenter/words.txt")))
    reference.initialize()
    cached = jieba_tokenizer(model_path("segmenter/words.txt"))
    assert (cached.FREQ, cached.total) == (reference.FREQ, reference.total)
    assert list(cached.cut("请研发部下周三前提交测试报告")) == list(reference.cut("请研发部下周三前提交测试报告"))


def _run(code: str, tmp_path, **env) -> dict:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MINUTES_CACHE_DIR": str(tmp_path), **env})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_startcache_keeps_no_word_of_a_document(tmp_path):
    """A note's people become regexes (the gazetteer); none of that may reach the cache on disk."""
    note = tmp_path / "周会.txt"
    note.write_text("会议时间：2024年6月14日\n参会人员：欧阳霁岚、司空晏\n待办：\n1. 欧阳霁岚负责整理需求，6月20日前完成。\n",
                    encoding="utf-8")
    cache = tmp_path / "cache"
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "minutes", "extract", "--format", "jsonl", str(note)], cwd=ROOT,
                              capture_output=True, timeout=120, env={**os.environ, "MINUTES_CACHE_DIR": str(cache)})
        assert done.returncode == 0 and "欧阳霁岚".encode() in done.stdout
    stored = b"".join(p.read_bytes() for p in cache.iterdir())
    assert (cache / "regexes.marshal").is_file()
    assert "霁岚".encode() not in stored and "司空晏".encode() not in stored


# --------------------------------------------------------------------------- #
# Lighter imports
# --------------------------------------------------------------------------- #
def test_nlp_spacy_loads_without_its_command_line(tmp_path):
    found = _run("import json, sys\nfrom minutes.nlp import build_nlp\nbuild_nlp()\n"
                 "loaded = [m for m in ('typer', 'weasel', 'rich', 'spacy.cli', 'pkg_resources') if m in sys.modules]\n"
                 "import spacy.cli\n"
                 "print(json.dumps({'loaded': loaded, 'download': callable(spacy.cli.download)}))", tmp_path)
    assert found == {"loaded": [], "download": True}


def test_service_main_process_imports_no_pipeline_libraries(tmp_path):
    found = _run("import json, sys\nfrom minutes.service import create_app\ncreate_app()\n"
                 "print(json.dumps([m for m in ('spacy', 'jieba', 'jieba_fast_dat', 'sqlalchemy', 'openpyxl', 'docxtpl') "
                 "if m in sys.modules]))", tmp_path)
    assert found == []


# --------------------------------------------------------------------------- #
# The tokenizer's shortcuts against spaCy's own
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text", [
    "会议时间：2024年6月14日 14:30", "  张伟  负责\t整理需求 \n\n 李娜：收到 ", "a b  c   d\n", " ", "结论：\u3000同意上线",
    "1. 市场部 尽快 调整方案\r\n2. 法务部审核", "\n\n 张伟：follow up  ASAP\u3000 \n", "王芳\t \t李娜 ",
])
def test_tokenizer_words_and_spaces_match_spacys(text):
    from spacy.util import get_words_and_spaces
    from minutes.components.tokenizer import words_and_spaces
    from minutes.nlp import build_nlp
    from minutes.textnorm import fold_word
    words = list(build_nlp().tokenizer._cut(text, None, fold_word(text)))
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_tokenizer_kept_words_and_norms_are_the_docs_own():
    from minutes.components.tokenizer import doc_text, doc_words
    from minutes.nlp import analyse
    text = "会议纪要\n张伟负责整理需求，6月20日前完成 ASAP。\n  李娜 协助 测试部  "
    doc = analyse(text)
    assert doc_text(doc) == doc.text == text
    assert doc_words(doc) == ([t.text for t in doc], [bool(t.whitespace_) for t in doc])
    from minutes.textnorm import fold_word
    assert [t.norm_ for t in doc] == [fold_word(t.text) for t in doc]


# --------------------------------------------------------------------------- #
# tools/output_identity.py
# --------------------------------------------------------------------------- #
def _identity_tool():
    spec = importlib.util.spec_from_file_location("output_identity", ROOT / "tools" / "output_identity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_output_identity_names_the_field_that_changed():
    tool = _identity_tool()
    before = {"action_items": [{"owner": "张伟", "deadline": "2024-06-20"}], "lint": []}
    after = {"action_items": [{"owner": "张伟", "deadline": "2024-06-21"}], "lint": [{"rule": "vague-time"}]}
    assert list(tool.differences(before, after)) == [
        'action_items[0].deadline: "2024-06-20" → "2024-06-21"', 'lint[0]: "<absent>" → {"rule": "vague-time"}']


def test_output_identity_same_output_in_any_process():
    """The repo's own notes come out the same whatever the hash seed (set order) of the process."""
    tool = _identity_tool()
    notes = tool.note_files([str(ROOT / "examples")])
    runs = [tool.extract(notes, env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2")]
    assert runs[0] == runs[1] and len(runs[0]) == len(notes) >= 4


# --------------------------------------------------------------------------- #
# The segmenter (minutes/segmenter.py): compiled and pure Python, both against jieba's own cut
# --------------------------------------------------------------------------- #
_SEGMENTER_TEXTS = [
    "会议决定由研发部牵头，下周三前完成支付模块联调并提交测试报告。",
    "高雅琴将于5月12日前把APP 6.4版本的回归用例（共312条）跑完，通过率不低于95%。",
    "參會人員：陳主任、林組長；會議決議：追蹤系統上線時間另行通知。",
    "Kevin 王凯(PM) 负责 Q3 OKR 对齐，ETA 2024-07-15；C++/C# SDK 由 #infra 组维护。",
    "  \t缩进的行\r\n第二行  两个空格\n\n空行之后 ",
    "尽快落实相关部门配合一下的事项，原则上本月底前办结。",
    "哈哈哈哈好好好，一一一核对，谢谢谢谢！研究研究再说。",              # ties between equally probable paths
    "良品率提升到98.5%，单价下调0.3元，12.5.6版、v2.1、5%+、-5%、a.b、+#&_",
    "ＡＢＣ１２３％．全角，\u3000两个\u3000全角空格；emoji 🙂 与扩展汉字 𠀀𠀁",
    "", "一", "a", " ", "\r", "\r\n\r\n", "\n\r", "%", "。",
]


@pytest.fixture(scope="module")
def segmenters():
    """(jieba's own tokenizer, the pure-Python segmenter, the compiled one) on our dictionary."""
    from minutes.resources import model_path
    from minutes.segmenter import CompiledSegmenter, Segmenter, _compiled, jieba_tokenizer
    dictionary = model_path("segmenter/words.txt")
    compiled = _compiled(dictionary)
    assert isinstance(compiled, CompiledSegmenter), "jieba_fast_dat is a dependency: the compiled segmenter must load"
    return jieba_tokenizer(dictionary), Segmenter(jieba_tokenizer(dictionary)), compiled


def _hmm_unseen_han() -> list[str]:
    """Han characters jieba's HMM never saw: in a run of them every labelling is impossible,
    and the C++ HMM breaks the ties among those otherwise than jieba's."""
    from jieba import finalseg
    seen = set().union(*finalseg.emit_P.values())
    return [c for c in map(chr, range(0x4E00, 0x9FD6)) if c not in seen]


def _random_texts(count: int, seed: int, jieba_tokenizer) -> list[str]:
    """Han (common, rare, unseen by the HMM), dictionary words and repeated ones, Latin, digits,
    numbers with % and decimals, signs, spaces, line breaks, full-width forms, other planes."""
    import random
    rng = random.Random(seed)
    words = sorted(w for w, f in jieba_tokenizer.FREQ.items() if f and len(w) > 1)[::97]
    pools = [
        (sorted(set("".join(_SEGMENTER_TEXTS))), 30),
        ([chr(rng.randint(0x4E00, 0x9FD5)) for _ in range(400)], 10),
        (_hmm_unseen_han()[::20], 6),
        (words, 20),
        (["哈哈", "一一", "谢谢", "好好", "研究", "试试看"], 4),
        (list("abcxyzABCXYZ0123456789"), 10),
        (["62%", "0.3", "12.5%", "v2.1", "3.14.15", "5%+"], 4),
        (list("+#&._%-，。、；：！？（）()[]【】“”'/\\@*~—…·|"), 8),
        ([" ", "  ", "\t", "\n", "\r\n", "\r", "\u3000", "\xa0", "\u200b"], 5),
        ([chr(c) for c in range(0xFF01, 0xFF5F)], 4),
        (["\U00020000", "🙂", "㐀", "\u9FD6", "\u9FFF", "\ufeff", "\x00", "\ud800"], 2),
    ]
    choices, weights = [p for p, _ in pools], [w for _, w in pools]
    return ["".join(rng.choice(rng.choices(choices, weights)[0]) for _ in range(rng.randint(1, 60)))
            for _ in range(count)]


@pytest.mark.parametrize("which", ["compiled", "python"])
def test_segmenter_cuts_as_jieba_does(segmenters, which):
    jieba_tokenizer, python, compiled = segmenters
    ours = compiled if which == "compiled" else python
    for text in _SEGMENTER_TEXTS + _random_texts(4000, 12, jieba_tokenizer):
        assert ours.cut(text) == list(jieba_tokenizer.cut(text)), repr(text)


def test_segmenter_runs_the_hmm_cannot_label_are_cut_by_jiebas_own(segmenters):
    """Where every labelling is impossible, the C++ HMM's answer is not jieba's; such a run is
    recognised by its probability (the HMM's floor) and handed to jieba's HMM."""
    from jieba import finalseg
    from jieba_fast_dat import _jieba_fast_dat_functions_py3 as native
    from minutes.segmenter import _HMM_FLOOR
    jieba_tokenizer, python, compiled = segmenters
    unseen = _hmm_unseen_han()
    runs = ["".join(unseen[i::97][:n]) for i in range(12) for n in (2, 3, 5, 8)]
    floored = [run for run in runs if native._finalseg_viterbi_cpp(run)[0] <= _HMM_FLOOR / 2]
    assert len(floored) == len(runs)
    assert any(native._finalseg_viterbi_cpp(run)[1] != "".join(finalseg.viterbi(run, "BMES", finalseg.start_P,
               finalseg.trans_P, finalseg.emit_P)[1]) for run in floored)        # the C++ would differ here
    for run in runs:
        text = f"关于{run}的问题"
        assert compiled.cut(text) == python.cut(text) == list(jieba_tokenizer.cut(text))


def test_segmenter_cuts_every_note_as_jieba_does(segmenters, monkeypatch):
    """Every text the pipeline hands the segmenter while it reads tests/notes, and each note whole."""
    from minutes import pipeline
    from minutes.nlp import build_nlp
    from minutes.read import decode_text
    jieba_tokenizer, python, compiled = segmenters
    tokenizer = build_nlp().tokenizer
    asked: list[str] = []

    class Recording:
        def cut(self, text):
            asked.append(text)
            return tokenizer_segmenter.cut(text)

    tokenizer_segmenter = tokenizer._jieba
    monkeypatch.setattr(tokenizer, "_jieba", Recording())
    notes = sorted(p for p in (ROOT / "tests" / "notes").iterdir() if p.suffix in (".txt", ".md", ".docx"))
    for note in notes:
        pipeline.process(str(note), note.read_bytes())
    texts = [decode_text(n.read_bytes(), n.name)[0] for n in notes if n.suffix != ".docx"]
    assert len(notes) > 40 and len(asked) > 1000
    for text in asked + texts:
        assert compiled.cut(text) == python.cut(text) == list(jieba_tokenizer.cut(text)), repr(text[:60])


def test_segmenter_compiled_trie_holds_jiebas_word_table(segmenters):
    jieba_tokenizer, python, compiled = segmenters
    assert compiled.total == jieba_tokenizer.total
    assert all(compiled.frequency(w) == f for w, f in jieba_tokenizer.FREQ.items())      # prefixes (0) too
    assert compiled.frequency("不在词典里的词") == python.frequency("不在词典里的词") == 0


def test_segmenter_patterns_and_hmm_tables_are_jiebas():
    import pickle
    from importlib.resources import files

    import jieba
    from jieba import finalseg
    from minutes import segmenter
    assert [(p.pattern, p.flags) for p in (segmenter._BLOCK, segmenter._SPACE, segmenter._HAN, segmenter._LATIN)] == \
           [(p.pattern, p.flags) for p in (jieba.re_han_default, jieba.re_skip_default, finalseg.re_han, finalseg.re_skip)]
    assert segmenter._HMM_FLOOR == finalseg.MIN_FLOAT
    wheel = files("jieba_fast_dat.finalseg")
    assert [pickle.loads(wheel.joinpath(f"prob_{n}.p").read_bytes()) for n in ("start", "trans", "emit")] == \
           [finalseg.start_P, finalseg.trans_P, finalseg.emit_P]          # what its C++ HMM is loaded with


@pytest.mark.parametrize("setting, expected", [("", "CompiledSegmenter"), ("compiled", "CompiledSegmenter"),
                                               ("python", "Segmenter"), (" Python ", "Segmenter")])
def test_segmenter_setting_chooses_the_implementation(monkeypatch, setting, expected):
    from minutes.resources import model_path
    from minutes.segmenter import load
    monkeypatch.setenv("MINUTES_SEGMENTER", setting)
    chosen = load(model_path("segmenter/words.txt"))
    assert type(chosen).__name__ == expected
    assert chosen.cut("请研发部下周三前提交测试报告") == ["请", "研发部", "下", "周三", "前", "提交", "测试", "报告"]


@pytest.mark.parametrize("missing", ["package", "private parts"])
def test_segmenter_falls_back_to_python_without_a_usable_jieba_fast_dat(monkeypatch, missing):
    from minutes.errors import ConfigError
    from minutes.resources import model_path
    from minutes.segmenter import Segmenter, load
    if missing == "package":
        monkeypatch.setitem(sys.modules, "jieba_fast_dat", None)          # as when no wheel is installed
    else:
        from jieba_fast_dat import _jieba_fast_dat_functions_py3 as native
        monkeypatch.delattr(native, "_get_DAG_and_calc")                   # as a release that renamed it
    monkeypatch.delenv("MINUTES_SEGMENTER", raising=False)
    assert type(load(model_path("segmenter/words.txt"))) is Segmenter
    monkeypatch.setenv("MINUTES_SEGMENTER", "compiled")
    with pytest.raises(ConfigError, match="jieba_fast_dat 无法导入"):
        load(model_path("segmenter/words.txt"))


def test_segmenter_unknown_setting_is_a_clear_error(monkeypatch):
    from minutes.errors import ConfigError
    from minutes.resources import model_path
    from minutes.segmenter import load
    monkeypatch.setenv("MINUTES_SEGMENTER", "cpp")
    with pytest.raises(ConfigError, match="MINUTES_SEGMENTER='cpp' 不是可用的分词方式"):
        load(model_path("segmenter/words.txt"))


def segmenter_module():
    from minutes import segmenter
    return segmenter


def _trie_cache(tmp_path, monkeypatch):
    """A fresh start-up cache folder, a working folder and a temp folder, all empty."""
    import tempfile
    folders = [tmp_path / name for name in ("cache", "work", "tmp")]
    for folder in folders[1:]:
        folder.mkdir()
    monkeypatch.setenv("MINUTES_CACHE_DIR", str(folders[0]))
    monkeypatch.chdir(folders[1])
    monkeypatch.setattr(tempfile, "tempdir", str(folders[2]))
    return folders


def test_segmenter_compiled_trie_is_kept_in_the_startup_cache_only(segmenters, tmp_path, monkeypatch):
    from minutes.resources import model_path
    from minutes.segmenter import _compiled
    from jieba_fast_dat.utils import CacheManager
    cache, work, tmp = _trie_cache(tmp_path, monkeypatch)
    its_own = lambda: {p: p.stat().st_mtime_ns for p in CacheManager.TMP_DIR.glob("jieba_fast_dat*")}
    before = its_own()
    text = "会议决定由研发部牵头，下周三前完成联调。"
    first = _compiled(model_path("segmenter/words.txt"))
    assert [p.name for p in cache.iterdir()] == ["segmenter-trie.marshal"]
    assert list(work.iterdir()) == list(tmp.iterdir()) == [] and its_own() == before
    monkeypatch.setattr(segmenter_module(), "_trie_table", None)            # so it must be read back
    again = _compiled(model_path("segmenter/words.txt"))
    assert first.cut(text) == again.cut(text) == segmenters[1].cut(text)


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "flipped bytes"])
def test_segmenter_corrupt_trie_cache_is_rebuilt(segmenters, tmp_path, monkeypatch, damage):
    """A damaged trie must never reach the C++ (it would read out of bounds): the cache is rebuilt."""
    from minutes.resources import model_path
    from minutes.segmenter import _compiled
    cache, _, _ = _trie_cache(tmp_path, monkeypatch)
    dictionary = model_path("segmenter/words.txt")
    _compiled(dictionary)
    stored = cache / "segmenter-trie.marshal"
    whole = stored.read_bytes()
    middle = len(whole) // 2
    stored.write_bytes({"garbage": b"not a trie at all", "empty": b"", "truncated": whole[:middle],
                        "flipped bytes": whole[:middle] + bytes(b ^ 0xFF for b in whole[middle:middle + 64])
                        + whole[middle + 64:]}[damage])
    text = "哈哈哈，请研发部下周三前提交测试报告（通过率95%）。"
    assert _compiled(dictionary).cut(text) == segmenters[1].cut(text)
    monkeypatch.setattr(segmenter_module(), "_trie_table", None)            # written whole again: read back
    assert _compiled(dictionary).cut(text) == segmenters[1].cut(text)


def test_segmenter_unwritable_or_no_cache_still_cuts(segmenters, tmp_path, monkeypatch):
    from minutes.resources import model_path
    from minutes.segmenter import _compiled
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    text = "研究研究，下周三前完成。"
    for setting in (str(blocker / "cache"), "off"):
        monkeypatch.setenv("MINUTES_CACHE_DIR", setting)
        assert _compiled(model_path("segmenter/words.txt")).cut(text) == segmenters[1].cut(text)
    assert blocker.read_text() == "not a folder"


def test_segmenter_pipeline_output_is_the_same_with_either(tmp_path):
    """`minutes extract` on the repo's notes: the same JSON with the pure-Python segmenter as with the compiled one."""
    tool = _identity_tool()
    notes = tool.note_files([str(ROOT / "tests" / "notes")])[::2]
    runs = [tool.extract(notes, env={**os.environ, "MINUTES_SEGMENTER": setting}) for setting in ("python", "compiled")]
    assert runs[0] == runs[1] and len(runs[0]) == len(notes) > 20
    assert not any("error" in extraction for extraction in runs[0].values())


@pytest.fixture(scope="module")
def reference_ruler():
    """spaCy's SpanRuler over the patterns as written, none of them split."""
    from spacy.pipeline import SpanRuler
    from minutes.lexicon import phrase_patterns
    from minutes.nlp import build_nlp
    ruler = SpanRuler(build_nlp(), "reference", spans_key="reference", phrase_matcher_attr="NORM")
    ruler.add_patterns(phrase_patterns())
    return ruler


def _lexicon_spans(doc) -> list[tuple]:
    """The lexicon spans the pipeline keeps, as (label, start, end, start_char, end_char, id)."""
    from minutes.nlp import LEXICON_KEY
    return list(doc.user_data[LEXICON_KEY])


def _ruler_spans(doc, key: str) -> list[tuple]:
    return [(s.label_, s.start, s.end, s.start_char, s.end_char, s.id_) for s in doc.spans[key]]


@pytest.mark.parametrize("text", [
    "优先级 高：请技术部在周五前完成接口联调",
    "【P1】更新报价单，优先级为中，@周敏 跟进",
    "(p3) 整理归档；紧急程度 = 低；Amy 负责",
    "優先級: 高 ＠Kevin 今天处理 [P0] 服务器告警",
    "任务的优先顺序为高，紧急程度：特急；优先级 是 P2",
    "Priority: urgent — Linda 负责，（P4）以后再说",
    "请 @王芳 @ 跟进，优先顺序：",
    "紧急程度：高\n请跟进 @",
])
def test_nlp_split_token_patterns_find_the_same_spans(reference_ruler, text):
    """Token patterns split by their first token's choices, spelled out as phrases where the
    tokenizer cuts them word for word, and tried only where their first word is, find exactly
    the spans the patterns as written find."""
    from minutes.lexicon import token_patterns
    from minutes.nlp import analyse, as_phrases, build_nlp, first_token_alternatives
    split = [p for e in token_patterns() for a in first_token_alternatives(e) for p in as_phrases(a, build_nlp().make_doc)]
    assert any(isinstance(p["pattern"], str) for p in split) and any(isinstance(p["pattern"], list) for p in split)
    doc = reference_ruler(analyse(text))
    assert sorted(_lexicon_spans(doc)) == sorted(_ruler_spans(doc, "reference"))
    token_labels = {p["label"] for p in token_patterns()} - {"LATIN_NAME"}
    assert any(label in token_labels for label, *_ in _ruler_spans(doc, "reference"))


_TOKEN_PATTERNS = {
    "fixed first words": [
        {"label": "AT", "pattern": [{"ORTH": "@"}, {"IS_PUNCT": False}]},
        {"label": "DUE", "pattern": [{"NORM": "截止"}, {"NORM": {"IN": ["日期", "时间"]}, "OP": "?"}, {"IS_DIGIT": True}]},
        {"label": "DUE", "id": "lower", "pattern": [{"LOWER": "due"}, {"IS_SPACE": False, "OP": "!"}]},
    ],
    "a first word told by a set": [
        {"label": "AT", "pattern": [{"ORTH": "@"}, {"IS_PUNCT": False}]},
        {"label": "NUM", "pattern": [{"IS_DIGIT": True}, {"ORTH": "月"}]},
    ],
    "a pattern of any length": [
        {"label": "AT", "pattern": [{"ORTH": "@"}, {"IS_PUNCT": False, "OP": "+"}]},
    ],
    "an optional first word": [
        {"label": "DUE", "pattern": [{"NORM": "截止", "OP": "?"}, {"IS_DIGIT": True}]},
    ],
}


@pytest.mark.parametrize("kind", sorted(_TOKEN_PATTERNS))
@pytest.mark.parametrize("text", [
    "请@张伟 跟进，截止日期 20 号；截止 15 @",
    "Due 6月3日 交付 due\n@ @李娜。截止",
    "@",
])
def test_lexicon_matcher_finds_what_spacys_span_ruler_finds(kind, text):
    """Token patterns tried on a window from each fixed first word, or on the whole Doc when a
    pattern has none or no fixed length, find the spans spaCy's SpanRuler finds, in its order."""
    from spacy.pipeline import SpanRuler
    from minutes.components.lexicon_matcher import LexiconMatcher
    from minutes.nlp import build_nlp
    nlp = build_nlp()
    patterns = _TOKEN_PATTERNS[kind] + [{"label": "PHRASE", "pattern": "截止"}, {"label": "PHRASE", "pattern": "交付"}]
    ours = LexiconMatcher(nlp)
    ours.add_patterns(patterns)
    reference = SpanRuler(nlp, "reference", spans_key="reference", phrase_matcher_attr="NORM")
    reference.add_patterns(patterns)
    doc = reference(ours(nlp.make_doc(text)))
    assert _lexicon_spans(doc) == _ruler_spans(doc, "reference")


def _role_by_every_vote(lines, read):
    """The section role as it was read before the shortcut: every line asked every question."""
    from minutes.layouts.sections import MIN_SHARE
    votes = {"actions": sum(1 for u in lines if read.assigns(u)),
             "decisions": sum(1 for u in lines if read.decides(u)),
             "status": sum(1 for u in lines if read.reports(u))}
    role, count = max(votes.items(), key=lambda kv: kv[1])
    if count and count >= MIN_SHARE * len(lines) and not (role == "actions" and votes["decisions"]):
        return role, count
    return None, 0


@pytest.mark.parametrize("size", [2, 3, 4])
def test_sections_role_asks_assignment_only_as_far_as_needed(size):
    """Every way `size` lines can assign, decide and report gives the role (and the count in its
    evidence) that asking every line every question gives, asking each line at most once."""
    from minutes.layouts.sections import LineReading, Section, _role_from_lines
    from minutes.model import Location, Paragraph
    from minutes.units import Unit
    lines = [Unit(text=f"第{i}行", origin=Paragraph(text=f"第{i}行", location=Location(line=i + 1)), start=0, index=i)
             for i in range(size)]
    cases = list(itertools.product([False, True], repeat=3 * size))
    asked_in_all = 0
    for answers in cases:
        table = {id(u): answers[3 * i:3 * i + 3] for i, u in enumerate(lines)}
        asked = []
        full = LineReading(assigns=lambda u: table[id(u)][0], decides=lambda u: table[id(u)][1],
                           reports=lambda u: table[id(u)][2])
        counted = LineReading(assigns=lambda u: asked.append(u) or table[id(u)][0], decides=full.decides,
                              reports=full.reports)
        expected_role, count = _role_by_every_vote(lines, full)
        role, evidence = _role_from_lines(Section(heading=lines[0], lines=lines), counted)
        found_count = int(re.search(r"中(\d+)行", evidence).group(1)) if evidence else 0
        assert (role, found_count) == (expected_role, count), answers
        assert len(asked) == len({id(u) for u in asked}) <= size
        asked_in_all += len(asked)
    assert asked_in_all < size * len(cases)          # the shortcut skips some questions


@pytest.mark.parametrize("text", [
    "参会：区财政局、街道办事处\n由市住建委牵头，会同区交通局推进\n本部门下周汇报",
    "各部门注意：\n采购部\n售后服务中心于5月8日前提交清单；IT部配合\n这部分由大家讨论",
    "行政部 王芳\r\n人事部负责招聘\n\n项目组、支付组、BU\n质量部门周会",
    "無部門的一行\n由區財政局牽頭\n全局统筹，该组跟进",
])
def test_lexicon_departments_found_line_by_line_as_in_the_whole_text(text):
    """Looking for departments only on lines that hold a suffix finds what one pass over the
    whole folded text finds."""
    from minutes.lexicon import department_finder, find_departments
    from minutes.textnorm import fold
    folded = fold(text).lower()
    whole = [m.span(1) for m in department_finder().finditer(folded)]
    assert whole and list(find_departments(folded)) == whole


@pytest.mark.parametrize("text", [
    "Priority: High，Kevin 和 Amy 周五前提交，Owner 是 Linda",
    "会后 David to review the draft；Urgent 事项请 Tom 跟进",
    "没有拉丁名字的一行：请行政部周三前确认",
])
def test_nlp_word_regex_patterns_give_the_rulers_spans_in_its_order(reference_ruler, text):
    """One-word regex patterns (LATIN_NAME) tried word by word leave the lexicon spans exactly as
    the span ruler with those patterns leaves them, order included."""
    from minutes.nlp import analyse
    doc = reference_ruler(analyse(text))
    assert _lexicon_spans(doc) == _ruler_spans(doc, "reference")
