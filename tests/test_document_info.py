"""What a 纪要 says around its decisions and items (minutes/extract/document_info.py).

Notes that carry each field give it as written; notes that lack it give None / empty,
never a made-up value. Notes are the tests' own (tests/written_notes.py).
"""
from __future__ import annotations

import json

import pytest
from wordfiles import word_file
from written_notes import FORMAL, PLAIN, WEEKLY

from minutes import process
from minutes.model import minutes_from_dict


def run(text: str, name: str = "notes.txt"):
    return process(name, text.encode("utf-8"))


@pytest.fixture(scope="module")
def formal():
    return run(FORMAL)


@pytest.mark.parametrize("field, expected", [
    ("doc_number", "〔2024〕第17期"),
    ("issuer", "江川区人民政府办公室"),
    ("issue_date", "2024-03-14"),
    ("distribution", "区委办公室，区人大常委会办公室，区政协办公室"),
    ("cc", "区住建局，区财政局，区审计局，各街道办事处"),
    ("next_meeting", "4月18日（周四）上午9:00，听取第二批实施方案编制情况汇报"),
    ("observers", ["赵红"]),
    ("absent", ["孙伟"]),
    ("affiliations", {"王立新": "区住建局", "陈芳": "区财政局", "赵红": "区审计局", "孙伟": "区城管局"}),
    ("person_notes", {"刘建明": "副区长", "孙伟": "出差"}),
])
def test_document_info_formal_notes_give_each_field_as_written(formal, field, expected):
    assert getattr(formal.meeting, field) == expected


def test_document_info_opening_is_the_notes_own_lead_paragraph(formal):
    assert formal.meeting.opening.startswith("2024年3月12日下午，副区长刘建明")
    assert "听取了区住建局关于2024年老旧小区改造进展情况的汇报" in formal.meeting.opening


def test_document_info_title_is_not_the_issuing_office(formal):
    assert formal.meeting.title == "关于老旧小区改造推进工作的专题会议"


@pytest.mark.parametrize("field", ["doc_number", "issuer", "issue_date", "signer", "distribution", "cc",
                                   "next_meeting", "opening", "observers", "absent", "affiliations",
                                   "person_notes"])
def test_document_info_plain_notes_invent_nothing(field):
    assert not getattr(run(PLAIN).meeting, field)


def test_document_info_sections_keep_the_source_order_and_headings(formal):
    assert [(s.heading, s.role) for s in formal.sections] == [
        ("基本情况", "info"), ("会议议定事项", "decisions"), ("会议要求", "actions")]
    assert [d.section for d in formal.decisions] == [1, 1]
    assert {a.section for a in formal.action_items} == {2}


def test_document_info_background_figures_are_carried(formal):
    (background,) = formal.sections[0].paragraphs
    assert "总投资约1.86亿元" in background and "中央补助资金6200万元" in background


def test_document_info_every_line_goes_to_an_item_or_is_carried_as_written(formal):
    """Whatever the extraction does not read stays in the document, numbering and all."""
    lines = FORMAL.splitlines()
    requirements = [n for n, line in enumerate(lines, 1) if line[:2] in ("1.", "2.", "3.")]
    read = {e.location.line for a in formal.action_items for e in a.evidence.values()}
    carried = formal.sections[2].closing
    for n in requirements:
        assert (n in read) != (lines[n - 1] in carried), lines[n - 1]


def test_document_info_frame_lines_are_not_paragraphs(formal):
    every = [p for s in formal.sections for p in s.paragraphs + s.closing]
    assert not any(w in p for p in every for w in ("印发", "出席", "抄送", "下次会议"))


def test_document_info_notes_without_headings_have_no_sections():
    minutes = run(PLAIN)
    assert minutes.sections == []
    assert all(d.section is None for d in minutes.decisions)
    assert all(a.section is None for a in minutes.action_items)


def test_document_info_open_question_and_next_meeting_heading():
    minutes = run(WEEKLY)
    assert minutes.open_questions == ["关于外包夜班方案，会上未达成一致，待成本测算后再议。"]
    assert minutes.meeting.next_meeting == "4月2日（周二）14:00，地点不变"
    assert [s.heading for s in minutes.sections] == ["背景", "讨论事项", "工作安排", "下次会议"]
    assert minutes.sections[3].paragraphs == minutes.sections[3].closing == []
    assert minutes.sections[0].paragraphs[0].startswith("2月来电量6.2万通")
    assert minutes.sections[1].closing == ["关于外包夜班方案，会上未达成一致，待成本测算后再议。"]


@pytest.mark.parametrize("head, number, issuer", [
    ("市交通运输局\n会议纪要\n江交纪〔2023〕5号\n", "江交纪〔2023〕5号", "市交通运输局"),
    ("华远集团有限公司会议纪要\n第8期\n", "第8期", "华远集团有限公司"),
    ("文号：〔2024〕第3期\n", "〔2024〕第3期", None),
])
def test_document_info_doc_number_and_issuer_forms(head, number, issuer):
    minutes = run(head + "\n设备更新专题会议纪要\n\n会议时间：2024年4月2日\n结论：同意更新。\n")
    assert (minutes.meeting.doc_number, minutes.meeting.issuer) == (number, issuer)


@pytest.mark.parametrize("line, field, value", [
    ("抄报：市住建局。", "cc", "市住建局"),
    ("主送：各部门", "distribution", "各部门"),
    ("签发：刘建明", "signer", "刘建明"),
    ("印发日期：2024年4月3日", "issue_date", "2024-04-03"),
])
def test_document_info_frame_labels(line, field, value):
    minutes = run("设备更新会\n\n会议时间：2024年4月2日\n结论：同意更新。\n\n" + line + "\n")
    assert getattr(minutes.meeting, field) == value


def test_document_info_observer_noted_inside_the_attendee_line():
    minutes = run("周例会\n日期：2024-04-01\n出席：市场部 何琳、顾斌；销售部 方舟（列席）\n结论：同意。\n")
    assert minutes.meeting.observers == ["方舟"]
    assert "方舟" not in minutes.meeting.person_notes


def test_document_info_word_figures_table_is_carried():
    data = word_file(["会议时间：2024年4月2日", "一、经营数据"],
                     [["指标", "目标", "实际"], ["营收", "1,200万元", "1,350万元"]],
                     title="经营分析会")
    minutes = process("经营分析会.docx", data)
    (section,) = minutes.sections
    assert section.tables == [[["指标", "目标", "实际"], ["营收", "1,200万元", "1,350万元"]]]


def test_document_info_fields_survive_the_json_round_trip(formal):
    again = minutes_from_dict(json.loads(json.dumps(formal.to_dict(), ensure_ascii=False)))
    assert again.meeting == type(formal.meeting)(**{**vars(formal.meeting), "evidence": {}})
    assert [s.heading for s in again.sections] == [s.heading for s in formal.sections]
    assert [d.section for d in again.decisions] == [d.section for d in formal.decisions]
    assert [a.section for a in again.action_items] == [a.section for a in formal.action_items]


@pytest.mark.parametrize("bad, message", [
    ({"sections": [{"heading": "x", "paragraphs": "not a list"}]}, "sections[0].paragraphs"),
    ({"action_items": [{"task": "x", "section": "2"}]}, "action_items[0].section"),
    ({"meeting": {"affiliations": ["x"]}}, "meeting.affiliations"),
])
def test_document_info_bad_json_fields_are_named(bad, message):
    from minutes.errors import BadExtraction
    with pytest.raises(BadExtraction, match=message.replace("[", r"\[").replace("]", r"\]")):
        minutes_from_dict(bad)
