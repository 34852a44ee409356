"""A Word package read part by part (minutes/docx_package.py).

Only the parts the reader asks for are read; of the style table, only the styles the
paragraphs name (and those they are based on). Each test writes a .docx of its own,
then changes one part the way another producer (or damage) would, and checks what the
reader gives back.
"""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from wordfiles import RawWord, para

from minutes.cli import main
from minutes.docx_package import StyleTable
from minutes.errors import CorruptInput
from minutes.model import Paragraph
from minutes.read import read_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def rewritten(data: bytes, name: str, change) -> bytes:
    """The package with one entry's bytes changed (or dropped when change gives None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == name:
                blob = change(blob)
                if blob is None:
                    continue
            target.writestr(info, blob)
    return out.getvalue()


def headings(data: bytes) -> list[tuple[int, str]]:
    blocks = read_document("议程.docx", data).blocks
    return [(b.heading, b.text) for b in blocks if isinstance(b, Paragraph) and b.heading]


def styled_minutes() -> bytes:
    """Minutes whose topic headings use a house style based on Word's Heading 2, two steps up."""
    styled = '<w:p><w:pPr><w:pStyle w:val="{}"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>'
    return (RawWord().style("TopicBase", "议题基础", "Heading2").style("Topic", "议题标题", "TopicBase")
            .body("物业服务季度协调会纪要", styled.format("Topic", "一、电梯维保合同续签"),
                  "维保单位报价上涨百分之八。", styled.format("Heading1", "二、下季度安排"))).bytes()


# --------------------------------------------------------------------------- #
# The style table, one style at a time
# --------------------------------------------------------------------------- #
def _prefixed(blob: bytes) -> bytes:
    """Another writer's prefix for the same namespace (ns0: instead of w:)."""
    return blob.replace(b"xmlns:w=", b"xmlns:ns0=").replace(b"<w:", b"<ns0:").replace(b"</w:", b"</ns0:") \
        .replace(b" w:", b" ns0:")


def _default_namespace(blob: bytes) -> bytes:
    """Elements in the default namespace, attributes still prefixed (they must be)."""
    blob = blob.replace(b"<w:", b"<").replace(b"</w:", b"</")
    return re.sub(rb"<styles ", b'<styles xmlns="' + W.encode() + b'" ', blob, count=1)


def _entity_in_an_id(blob: bytes) -> bytes:
    """An id written with a character reference: the cut cannot read it, the whole part is parsed."""
    return blob.replace(b'w:styleId="TopicBase"', b'w:styleId="Topic&#66;ase"')


def _utf16(blob: bytes) -> bytes:
    text = blob.decode("utf-8")
    text = re.sub(r"encoding=['\"]UTF-8['\"]", "encoding='UTF-16'", text, count=1, flags=re.I)
    return text.encode("utf-16")


@pytest.mark.parametrize("change", [_prefixed, _default_namespace, _entity_in_an_id, _utf16],
                         ids=["other-prefix", "default-namespace", "entity-in-id", "utf-16"])
def test_docx_package_style_table_read_the_same_however_it_is_written(change):
    data = styled_minutes()
    expected = [(2, "一、电梯维保合同续签"), (1, "二、下季度安排")]
    assert headings(data) == expected
    assert headings(rewritten(data, "word/styles.xml", change)) == expected


@pytest.mark.parametrize("chunk", [7, 64, 4096])
def test_docx_package_style_table_cut_the_same_in_any_chunks(chunk, monkeypatch):
    """The style part is inflated a chunk at a time: a tag cut by a chunk's end is read whole."""
    monkeypatch.setattr(StyleTable, "_CHUNK", chunk)
    assert headings(styled_minutes()) == [(2, "一、电梯维保合同续签"), (1, "二、下季度安排")]


def test_docx_package_style_named_twice_the_first_one_counts():
    data = (RawWord().style("Agenda", "议程", "Heading3").style("Agenda", "议程（修订）", "Heading1")
            .body('<w:p><w:pPr><w:pStyle w:val="Agenda"/></w:pPr><w:r><w:t>三、其他事项</w:t></w:r></w:p>',
                  "无。")).bytes()
    assert headings(data) == [(3, "三、其他事项")]


def test_docx_package_style_based_on_itself_ends():
    data = (RawWord().style("Loop", "循环样式", "Loop")
            .body('<w:p><w:pPr><w:pStyle w:val="Loop"/></w:pPr><w:r><w:t>会后事项</w:t></w:r></w:p>')).bytes()
    assert [b.text for b in read_document("议程.docx", data).blocks] == ["会后事项"]


def test_docx_package_damaged_style_a_paragraph_names_is_reported_with_its_part():
    data = rewritten(styled_minutes(), "word/styles.xml",
                     lambda blob: blob.replace(b'w:styleId="Topic">', b'w:styleId="Topic"><w:name w:val=">'))
    with pytest.raises(CorruptInput) as info:
        read_document("议程.docx", data)
    assert "/word/styles.xml" in info.value.message and "议程.docx" in info.value.message


# --------------------------------------------------------------------------- #
# Parts nobody reads, parts that are missing
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("name", ["word/settings.xml", "word/theme/theme1.xml", "docProps/core.xml"])
def test_docx_package_damaged_part_the_reader_never_needs_costs_nothing(name):
    data = rewritten(RawWord().body("安全生产例会纪要", "周伟负责消防通道清理，本周五前完成。").bytes(), name,
                     lambda blob: blob[: len(blob) // 3])
    assert [b.text for b in read_document("例会.docx", data).blocks] == ["安全生产例会纪要", "周伟负责消防通道清理，本周五前完成。"]


@pytest.mark.parametrize(("name", "change", "words"), [
    ("_rels/.rels", lambda blob: None, "没有主文档"),
    ("[Content_Types].xml",
     lambda blob: blob.replace(b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"),
     "不是 Word 文档"),
    ("word/document.xml", lambda blob: blob[:-40], "/word/document.xml 部件已损坏"),
], ids=["no-package-relations", "main-part-not-word", "damaged-body"])
def test_docx_package_not_a_readable_word_file_says_why(name, change, words):
    data = rewritten(RawWord().body("纪要正文").bytes(), name, change)
    with pytest.raises(CorruptInput) as info:
        read_document("纪要.docx", data)
    assert words in info.value.message and "纪要.docx" in info.value.message


def test_docx_package_header_part_missing_from_the_zip_is_skipped():
    data = RawWord().body("项目周会纪要", "李娜负责更新排期。").header("内部资料 注意保密").bytes()
    header = next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if re.match(r"word/header\d*\.xml$", n))
    document = read_document("周会.docx", rewritten(data, header, lambda blob: None))
    assert [b.text for b in document.blocks] == ["项目周会纪要", "李娜负责更新排期。"] and not document.furniture


# --------------------------------------------------------------------------- #
# Writing back: lint --fix
# --------------------------------------------------------------------------- #
def test_docx_package_lint_fix_changes_the_body_and_copies_every_other_entry(tmp_path, capsys):
    path = tmp_path / "草稿.docx"
    path.write_bytes(RawWord().body("采购评审会纪要", para("供应商资质复核由相关部门尽快完成。"))
                     .header("第 1 页").bytes())
    main(["lint", "--fix", str(path)])
    fixed = path.with_name("草稿.fixed.docx")
    with zipfile.ZipFile(path) as before, zipfile.ZipFile(fixed) as after:
        assert before.namelist() == after.namelist()
        changed = [n for n in before.namelist() if before.read(n) != after.read(n)]
    assert changed == ["word/document.xml"]
    texts = [p.text for p in docx.Document(fixed).paragraphs]
    assert texts[1] == "供应商资质复核由【负责人待定】【截止日期待定】完成。"
