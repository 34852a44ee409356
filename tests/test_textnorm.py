"""fold / fold_word: the matching view of a text, one character for one character."""
import pytest

from minutes.resources import model_path
from minutes.textnorm import document_memo, fold, fold_word, one_document


@pytest.mark.parametrize("text, folded, word", [
    ("請於下週五前完成", "请于下周五前完成", "请于下周五前完成"),
    ("負責人：王小明（研發部）", "负责人:王小明(研发部)", "负责人:王小明(研发部)"),
    ("ＤＥＭＯ版　上線", "DEMO版 上线", "demo版 上线"),
    ("Review Q3 budget, 不变", "Review Q3 budget, 不变", "review q3 budget, 不变"),
    ("“確認”—OK", '"确认"-OK', '"确认"-ok'),
])
def test_textnorm_fold_brings_traditional_full_width_and_marks_to_one_view(text, folded, word):
    assert fold(text) == folded
    assert fold_word(text) == word


def test_textnorm_fold_changes_no_han_or_ascii_character_the_rule_data_does_not_fold():
    traditional = {}
    for line in model_path("charsets/t2s.tsv").read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        if len(trad) == 1 and len(simp) == 1:
            traditional[trad] = simp
    han_and_ascii = "".join(map(chr, [*range(0x80), *range(0x4E00, 0xA000)]))
    expected = "".join(traditional.get(ch, ch) for ch in han_and_ascii)
    assert fold(han_and_ascii) == expected
    assert fold_word(han_and_ascii) == expected.lower()


@pytest.mark.parametrize("text, folded", [
    ("\U0002005e字表", "\U0002003e字表"),      # a Traditional character past the BMP folds to its Simplified one
    ("進度😀順利", "进度😀顺利"),                  # an emoji past the BMP stays
    ("錯誤\udc80碼", "错误\udc80码"),              # so does a stray surrogate
    ("", ""),
])
def test_textnorm_fold_reads_characters_past_the_bmp_and_stray_surrogates(text, folded):
    assert fold(text) == folded == fold_word(text)


def test_textnorm_one_document_folds_as_ever_and_keeps_nothing_past_the_document():
    texts = ["請於下週五前完成", "ＤＥＭＯ版　上線", "請於下週五前完成", "Review Q3"]
    outside = [(fold(t), fold_word(t)) for t in texts]
    with one_document():
        inside = [(fold(t), fold_word(t)) for t in texts]
        document_memo("found")["請於下週五前完成"] = "kept"
        assert document_memo("found") == {"請於下週五前完成": "kept"}
    assert inside == outside
    assert document_memo("found") is None
    with one_document():
        assert document_memo("found") == {}        # the next document starts with nothing
