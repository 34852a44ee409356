"""Extraction of the forms people really write (issue: extraction core).

Every note here is written for the test; none is taken from the scoring corpus.
"""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from wordfiles import word_file

from minutes import Options, process


def run(text: str, name: str = "notes.txt", ref: date | None = None):
    return process(name, text.encode("utf-8"), options=Options(ref_date=ref))


def docx_bytes(build) -> bytes:
    doc = Document()
    build(doc)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def table_docx(before: list[str], rows: list[list[str]], heading: str | None = None) -> bytes:
    """A Word file: some paragraphs, an optional heading, then one table."""
    return word_file(before, rows, heading=heading)


def items(minutes):
    return {a.task: a for a in minutes.action_items}


def one(minutes, words: str):
    found = [a for a in minutes.action_items if words in a.task]
    assert len(found) == 1, f"{words!r} not found once in {[a.task for a in minutes.action_items]}"
    return found[0]


HEADER = "会议时间：2024年6月12日（周三）14:00-15:30\n会议地点：2号会议室\n主持人：周强\n记录人：吴敏\n" \
         "参会人员：周强（产品部）、吴敏（产品部）、郑涛（研发部）、冯雪（市场部）\n\n"


# --------------------------------------------------------------------------- #
# Meeting information
# --------------------------------------------------------------------------- #
def test_extract_meeting_fields_from_labelled_lines():
    m = run("新版官网上线协调会 会议纪要\n\n" + HEADER).meeting
    assert (m.title, m.date, m.start_time, m.location, m.host, m.recorder) == \
        ("新版官网上线协调会", "2024-06-12", "14:00", "2号会议室", "周强", "吴敏")
    assert m.attendees == ["周强", "吴敏", "郑涛", "冯雪"]
    assert set(m.departments) == {"产品部", "研发部", "市场部"}


@pytest.mark.parametrize("line, attendees, departments", [
    ("参会：客服部 何静、马骁；质量部 田野", ["何静", "马骁", "田野"], {"客服部", "质量部"}),
    ("参会：采购部：王立、邓佳；IT部：冯工", ["王立", "邓佳", "冯工"], {"采购部", "IT部"}),
    ("参会：范强、黎明（销售部）；夏律师（法务部）", ["范强", "黎明", "夏律师"], {"销售部", "法务部"}),
    ("在场：老陈(市场) 小林(运营) Amy(销售)", ["老陈", "小林", "Amy"], {"市场", "运营", "销售"}),
    ("参与: Kevin 王凯(PM), 周婧(前端)", ["Kevin 王凯", "周婧"], None),
    ("出席：周海（财务总监）、方明（销售部），以及各部门负责人，共23人", ["周海", "方明"], {"销售部"}),
    # a post nobody listed before the name (出纳, 资料员, 家长代表): the name is the person
    ("参加人员：出纳 邝丽、资料员 仇月、家长代表 钮丹", ["邝丽", "仇月", "钮丹"], None),
    ("到会：保洁主管 满春燕　质检员 鄢立　业主代表 尉迟敏", ["满春燕", "鄢立", "尉迟敏"], None),
    # one entry of a list (apart by 、) with a unit or function before the name: the name is the person
    ("参会：柯敏、质检 卢涛、仓储 孟欣、計劃 韋佳", ["柯敏", "卢涛", "孟欣", "韋佳"], None),
    # …but a word ending as no post does, before a name, in a list apart by spaces, is a name with a rare surname
    ("到会：钭明 韩雪 乜红", ["钭明", "韩雪", "乜红"], None),
    # posts before and courtesy titles after the names, as Hong Kong minutes write them
    ("出席 Present：主席 鄧家明先生、司庫 吳志雄先生、委員 Kenneth Chan先生", ["鄧家明", "吳志雄", "Kenneth Chan"], None),
    # a titled surname with the full name after it in brackets is that person
    ("参会：郝书记（郝建军）、谭老师（谭雪梅）、戚工", ["郝建军", "谭雪梅", "戚工"], None),
])
def test_extract_attendee_list_forms(line, attendees, departments):
    m = run(f"周例会\n日期：2024-06-03\n{line}\n").meeting
    assert m.attendees == attendees
    if departments is not None:
        assert set(m.departments) == departments


@pytest.mark.parametrize("lines", [
    "参加单位及人员：\n甲方：工程部 冼伟、房晓\n乙方：项目经理 喻强，安全员 訾红\n",
    "与会各方：\n业主单位：冼伟、房晓\n总包单位：喻强、訾红\n",
    "出席人員：\n委託方：冼偉、房曉\n受託方：喻強、訾紅\n",
])
def test_extract_attendees_listed_by_side_under_an_empty_label(lines):
    """The people of each side on their own line (甲方：…, 业主单位：…) under an empty attendee label:
    the sides are no departments, their people are the attendees."""
    m = run(f"项目协调会\n日期：2024-06-03\n{lines}\n一、议题\n讨论进度。\n").meeting
    assert len(m.attendees) == 4 and m.attendees[0] in ("冼伟", "冼偉") and m.attendees[-1] in ("訾红", "訾紅")


@pytest.mark.parametrize("lead_in", [
    "@所有人 今天例会要点如下，请各位店长认真看完：",
    "以上为本次例会要点，请大家知悉。",
    "請各位同仁查收本紀要：",
])
def test_extract_asking_people_to_read_the_message_is_no_task(lead_in):
    m = run(f"店长例会\n日期：2025年3月4日\n{lead_in}\n1、周强3月7日前清点中岛陈列位。\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("周强", "2025-03-07")]
    assert not [f for f in m.lint if f.rule in ("vague-owner", "missing-owner")]


@pytest.mark.parametrize("line, owner", [
    ("3、葛新写情况说明，本周五下班前交给我。", "葛新"),           # a name nobody listed, then a one-character verb
    ("3、郜岚订下周例会的会议室，周三前确认。", "郜岚"),
    ("3、邴慧写一版报价单，周四前发群里。", "邴慧"),
])
def test_extract_unlisted_name_before_a_short_verb_owns_the_task(line, owner):
    m = run(f"店长例会\n日期：2025年3月4日\n{line}\n")
    assert [a.owner for a in m.action_items] == [owner]


def test_extract_a_weekday_is_no_name_though_its_stem_is_a_surname():
    m = run("店长例会\n日期：2025年3月4日\n[10:02] 郁芳：我来联系厂家，周四前出维修方案。\n"
            "[10:03] 柏林：周六统一盘点。\n")
    assert all(not (a.owner or "").startswith(("周四", "周六")) for a in m.action_items)


@pytest.mark.parametrize("note", [
    "二、措施\n1. 卢涛明天下班前出8D初步报告，两周内完成整改验证。\n",
    "卢涛明天下班前提交8D初步报告，9月24日前完成整改验证。\n",
    "待辦：\n- 盧濤明天下班前提交8D初步報告；9月24日前完成整改驗證\n",
])
def test_extract_a_second_dated_task_in_the_line_keeps_the_doer_before_it(note):
    m = run("生产周会\n日期：2025年9月10日\n" + note)
    assert [(a.owner, a.deadline) for a in m.action_items] in ([("卢涛", "2025-09-11"), ("卢涛", "2025-09-24")],
                                                              [("盧濤", "2025-09-11"), ("盧濤", "2025-09-24")])


def test_extract_a_second_task_with_its_own_doer_keeps_it():
    m = run("生产周会\n日期：2025年9月10日\n卢涛周五前提交8D报告，9月24日前由柯敏组织整改验证。\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("卢涛", "2025-09-12"), ("柯敏", "2025-09-24")]


@pytest.mark.parametrize("line, owner, deadline", [
    ("- [ ] Bob: fix #4520 before the RC2 cut (ETA 3/12)", "Bob Martins", "2025-03-12"),   # a date's slash, no who/when pair
    ("- [ ] Alice: rotate the staging keys (EOD 3/7)", "Alice Chen", "2025-03-07"),
    ("- [ ] Bob – update the runbook – TBD", "Bob Martins", None),                          # TBD, EOD: no names
])
def test_extract_english_action_lines_with_acronyms_and_dates_in_brackets(line, owner, deadline):
    m = run(f"# SIG sync 2025-03-06\n\n**Attendees:** Alice Chen, Bob Martins\n\n## Action items\n{line}\n", name="n.md")
    assert [(a.owner, a.deadline) for a in m.action_items] == [(owner, deadline)]


@pytest.mark.parametrize("line, owner, helpers", [
    ("年会方案由韩雪、郑涛共同策划，韩雪负责，6月20日前报周强。", "韩雪", ["郑涛"]),
    ("期中試卷由戚老師和倪老師共同命題，戚老師負責，6月24日前交初稿。", "戚老師", ["倪老師"]),
])
def test_extract_those_who_do_it_together_with_the_one_responsible_are_collaborators(line, owner, helpers):
    m = run(f"组务会\n日期：2025年6月12日\n参会：周强、韩雪、郑涛\n{line}\n")
    assert [(a.owner, a.collaborators) for a in m.action_items] == [(owner, helpers)]
    assert not [f for f in m.lint if f.rule == "multiple-owners"]


@pytest.mark.parametrize("header1, header2", [("发言人1 00:00:05", "发言人2 00:01:40"), ("Speaker 1 00:00:05", "Speaker 2 00:01:40")])
def test_extract_a_speech_to_text_export_without_punctuation(header1, header2):
    """Numbered speakers on their own lines, words paused with spaces, no punctuation: the floor given
    in the meeting is no task, each addressed request is one, and a budget settled is a decision."""
    note = (f"会议转写 | 市场部周会\n2025年5月20日 14:02\n参会人：左岚、裴昊、晏欣、戈阳\n\n{header1}\n"
            "好我们开始吧 上周的数据晏欣你先说一下\n\n"
            f"{header2}\n那素材这块裴昊你这周五之前出三套新的 然后晏欣你下周一把新素材上线\n\n"
            f"{header1.replace('1', '3')}\n预算就定在十五万 戈阳你明天把预算申请提交给财务\n")
    m = run(note)
    assert [(a.owner, a.deadline) for a in m.action_items] == [
        ("裴昊", "2025-05-23"), ("晏欣", "2025-05-26"), ("戈阳", "2025-05-21")]
    assert [d.text for d in m.decisions] == ["预算就定在十五万"]


@pytest.mark.parametrize("line, owner", [
    ("5. 国庆期间值班表由闫小青编排，9月26日前公布。", "闫小青"),       # the segmenter reads 表由 as one word
    ("5. 應急預案由閆小青修訂，9月26日前報送。", "閆小青"),
])
def test_extract_a_marker_glued_to_the_word_before_still_hands_out_the_work(line, owner):
    m = run(f"生产周会\n日期：2025年9月10日\n参会：柯敏、闫小青\n二、措施\n{line}\n")
    assert [(a.owner, a.deadline) for a in m.action_items] in ([(owner, "2025-09-26")], [("闫小青", "2025-09-26")])


def test_extract_a_name_after_a_word_ending_in_a_marker_character_is_no_owner():
    m = run("生产周会\n日期：2025年9月10日\n参会：柯敏、张三\n理由张三已说明，9月26日前公布。\n")
    assert not [a for a in m.action_items if a.owner == "张三"]


@pytest.mark.parametrize("line, owner", [
    ("4、上月盘点差异大的二店，店长葛新写情况说明，本周五下班前交给我。", "葛新"),   # a post glued before a name nobody listed
    ("3、项目经理滕志远负责组织清理，本周五前恢复通行。", "滕志远"),
    ("2、安全员苗青本周五前完成排水沟疏通。", "苗青"),
])
def test_extract_a_post_written_before_an_unlisted_name_leaves_the_name_the_owner(line, owner):
    m = run(f"店长例会\n日期：2025年3月4日\n{line}\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [(owner, "2025-03-07")]
    assert not m.action_items[0].task.startswith(("店长", "项目经理", "安全员"))


def test_extract_an_at_handle_owner_is_the_handle_as_written():
    m = run("# Storage sync 2025-03-06\n\n**Attendees:** Priya Nair, Bob Martins\n\n## Action items\n"
            "- [ ] @priya to re-run the suite — by Friday\n- [ ] Bob: fix the flaky test by 3/12\n", name="n.md")
    assert [a.owner for a in m.action_items] == ["priya", "Bob Martins"]


@pytest.mark.parametrize("header", [["序号", "姓名", "部门", "职务", "联系电话"], ["签到", "单位", "职务"]])
def test_extract_a_sign_in_sheet_gives_the_attendees_and_no_work(header):
    rows = [header] + [row[:len(header)] for row in (["1", "鲁振华", "厂部", "厂长", "13900001111"],
                                                      ["2", "柏红", "安环部", "部长", "13900002222"])]
    if header[0] == "签到":
        rows = [header, ["鲁振华", "厂部", "厂长"], ["柏红", "安环部", "部长"]]
    data = word_file(["安全月度例会", "会议时间：2025年6月5日 9:00", "参会人员签到表"], rows)
    m = process("sign-in.docx", data, options=Options())
    assert m.meeting.attendees == ["鲁振华", "柏红"] and not m.action_items


def test_extract_a_name_column_beside_the_work_is_its_owner():
    data = word_file(["站会", "日期：2025年6月5日"], [["姓名", "今日完成", "明日计划"],
                                                    ["鲁振华", "无", "整理接口文档"], ["柏红", "联调", "压测报告"]])
    m = process("standup.docx", data, options=Options())
    assert [a.owner for a in m.action_items] == ["鲁振华", "柏红"]


@pytest.mark.parametrize("owner_line", ["责任人：信息部 庄毅", "责任人：庄毅（信息部）"])
def test_extract_a_form_result_whose_owner_field_names_the_person_of_the_department_doing_it(owner_line):
    """A pasted feedback form: the solution says the department does it, the 责任人 field names its person."""
    note = ("跨部门协作沟通与问题反馈表\n\n发起部门\n客服中心\n发起日期\n2025年7月8日\n详细描述\n"
            "退货审核需要两次签字，耗时3天。期望改为系统自动流转。\n处理结果\n"
            "解决方案/协作内容：信息部上线退货自动审批流程，仓储部、财务部配合测试\n完成时间：7月18日\n" + owner_line + "\n")
    m = run(note)
    assert [(a.owner, a.owner_department, a.collaborators, a.deadline) for a in m.action_items] == [
        ("庄毅", "信息部", ["仓储部", "财务部"], "2025-07-18")]
    assert not m.decisions and not [f for f in m.lint if f.rule == "multiple-owners"]


def test_extract_absent_people_are_not_attendees():
    m = run("周例会\n日期：2024-06-03\n出席：张三、李四、王五\n缺席：王五（出差）\n").meeting
    assert m.attendees == ["张三", "李四"] and m.absent == ["王五"]


def test_extract_meeting_info_from_an_opening_sentence():
    m = run("关于食堂改造的专题会议纪要\n\n2024年3月5日上午，副总经理钱立在办公楼二层会议室主持召开专题会议。\n").meeting
    assert (m.date, m.host, m.location) == ("2024-03-05", "钱立", "办公楼二层会议室")


def test_extract_meeting_info_from_a_form_table():
    def build(doc):
        doc.add_heading("会议纪要", 0)
        table = doc.add_table(rows=2, cols=4)
        for cell, text in zip(table.rows[0].cells, ["会议名称", "年度预算评审会", "会议时间", "2024年1月8日 9:30-11:00"]):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ["主持人", "许诺", "记录人", "袁丽"]):
            cell.text = text
    m = process("form.docx", docx_bytes(build)).meeting
    assert (m.title, m.date, m.start_time, m.host, m.recorder) == ("年度预算评审会", "2024-01-08", "09:30", "许诺", "袁丽")


@pytest.mark.parametrize("value, start", [("下午3点", "15:00"), ("下午2:00～3:30", "14:00"), ("上午9:30-11:00", "09:30"),
                                          ("14:30", "14:30")])
def test_extract_start_time_forms(value, start):
    m = run(f"例会\n会议日期：2024年5月8日\n会议时间：{value}\n").meeting
    assert m.start_time == start


# --------------------------------------------------------------------------- #
# Decisions and rationale
# --------------------------------------------------------------------------- #
def test_extract_decision_label_with_rationale_list():
    m = run(HEADER + "一、议题：发布节奏\n结论：新版官网定于7月1日上线。\n依据：\n（1）压测已通过；\n（2）客服培训已完成。\n")
    assert [d.text for d in m.decisions] == ["新版官网定于7月1日上线"]
    assert m.decisions[0].rationale == ["压测已通过", "客服培训已完成"]
    assert m.decisions[0].topic == "发布节奏"


@pytest.mark.parametrize("line, text, rationale", [
    ("会议决定暂停旧版下载入口。依据：旧版投诉占比超过四成。", "暂停旧版下载入口", ["旧版投诉占比超过四成"]),
    ("经讨论，一致同意采用方案B。", "同意采用方案B", []),        # the agreement verb says what was decided
    ("会议确定了新版报销流程，下月起执行。", "新版报销流程，下月起执行", []),      # the aspect particle goes with the verb
    ("会议达成共识，周报改为双周报。", "周报改为双周报", []),
    ("会议通过共识，旧接口年底下线。", "旧接口年底下线", []),
    ("- 结论: 首页改版推迟 - reason: 设计资源不足", None, None),
    ("会议原则上同意导师制方案，细则下次讨论。", "会议原则上同意导师制方案，细则下次讨论", []),
])
def test_extract_decision_cues(line, text, rationale):
    m = run(HEADER + line + "\n")
    assert len(m.decisions) == 1
    if text is not None:
        assert m.decisions[0].text == text and m.decisions[0].rationale == rationale


def test_extract_decision_section_items_and_nested_rationale():
    m = run("# 复盘会\n\n- 日期：2024-07-01\n\n## 结论\n\n- 大促前必须完成全链路压测。\n  - 依据：本次超时源于连接池上限。\n"
            "- 优惠券配置改为双人复核。\n", name="notes.md")
    assert [d.text for d in m.decisions] == ["大促前必须完成全链路压测", "优惠券配置改为双人复核"]
    assert m.decisions[0].rationale == ["本次超时源于连接池上限"]


@pytest.mark.parametrize("note, name", [
    ("# 门店巡检复盘\n\n## 讨论结果\n\n- 自下月起，闭店检查改为店长与值班主管双签。\n"
     "- 冷柜温度记录改为每两小时一次，理由：上月两次断电都在夜间发现滞后。\n", "n.md"),
    ("采购例会\n三、研究决定\n1. 办公用纸统一向两家定点供应商采购。\n2. 单笔五千元以下的零星采购由部门自行比价。\n", "n.txt"),
    ("採購例會\n三、會議討論結果\n1. 辦公用紙統一向兩家定點供應商採購。\n2. 單筆五千元以下的零星採購由部門自行比價。\n", "n.txt"),
])
def test_extract_decisions_under_a_heading_naming_a_deliberations_outcome(note, name):
    """讨论结果 / 研究决定 head the list of what was agreed, though no line repeats 决定 or 同意;
    a grounds clause inside an entry (，理由：…) is its rationale."""
    m = run(note, name=name)
    assert len(m.decisions) == 2 and not m.action_items
    if "理由" in note:
        assert m.decisions[1].rationale == ["上月两次断电都在夜间发现滞后"]


@pytest.mark.parametrize("line, decision", [
    ("大家一致认为，复盘会应在事故后三个工作日内召开。", "复盘会应在事故后三个工作日内召开"),
    ("全体组员一致赞成取消周六补课。", "取消周六补课"),
    ("與會者一致認為，展位改在B館。", "展位改在B館"),
])
def test_extract_a_view_all_hold_is_a_decision(line, decision):
    m = run(f"组务会\n日期：2025年10月15日\n{line}\n")
    assert [d.text for d in m.decisions] == [decision]


@pytest.mark.parametrize("line", [
    "5、值班表以后统一周日晚上8点前发，不再另行通知。",
    "今後一律走線上審批，紙質單據不再受理。",
    "即日起，会议室预约不再通过前台登记。",
])
def test_extract_a_standing_rule_from_now_on_is_a_decision(line):
    m = run(f"店长例会\n日期：2025年3月4日\n参会：周强\n{line}\n")
    assert len(m.decisions) == 1 and not m.action_items
    assert not [f for f in m.lint if f.rule == "vague-time"]


def test_extract_a_duty_from_now_on_with_its_doer_is_no_standing_rule():
    m = run("店长例会\n日期：2025年3月4日\n参会：周强\n周强以后统一负责周报汇总，每周五下班前发群里。\n")
    assert not m.decisions


@pytest.mark.parametrize("line, decision", [
    ("会议审议通过《差旅费管理办法（修订）》。", "审议通过《差旅费管理办法（修订）》"),
    ("会议研究同意设立客户服务中心。", "研究同意设立客户服务中心"),
    ("會議討論通過年度預算。", "討論通過年度預算"),
])
def test_extract_a_deliberation_verb_before_the_decision_head(line, decision):
    m = run(f"办公会\n日期：2025年11月12日\n一、审议事项\n1. {line}\n")
    assert [d.text for d in m.decisions] == [decision]


@pytest.mark.parametrize("line", ["上次會議記錄獲一致通過。", "《年度预算》获全票通过。"])
def test_extract_a_statement_closing_on_its_adoption_is_a_decision(line):
    assert len(run(f"管委会\n日期：2025年8月14日\n{line}\n").decisions) == 1


@pytest.mark.parametrize("line, decision", [
    ("经投票，方案B胜出。", "方案B胜出"),                                   # a vote is a deliberation
    ("会议确认按原计划推进。", "按原计划推进"),                              # 确认 after who confirmed
    ("结论是先做小程序，App往后放。", "先做小程序，App往后放"),
    ("We agreed to postpone the launch to Q3.", "postpone the launch to Q3"),
    ("It was decided that the budget stays at 50k.", "the budget stays at 50k"),
    ("Approved the Q3 hiring plan.", "Approved the Q3 hiring plan"),
])
def test_extract_decisions_said_in_other_words(line, decision):
    m = run(f"周会\n日期：2025年9月10日\n参会：柯敏、张三\n{line}\n")
    assert [d.text for d in m.decisions] == [decision]


def test_extract_a_bare_confirm_at_the_start_of_a_line_is_a_task():
    m = run("周会\n日期：2025年9月10日\n参会：柯敏、张三\n确认供应商报价，张三周五前。\n")
    assert not m.decisions and [a.owner for a in m.action_items] == ["张三"]


def test_extract_an_agenda_items_bilingual_title_is_no_decision():
    m = run("管委會會議\n日期：2025年8月14日\n1. 通過上次會議記錄 Confirmation of previous minutes\n"
            "上次會議記錄獲一致通過。\n2. 確定年度預算 Approval of the annual budget\n委員會同意年度預算為港幣52萬元。\n")
    assert len(m.decisions) == 2 and all("minutes" not in d.text and "budget" not in d.text for d in m.decisions)


def test_extract_an_assessment_of_the_meeting_is_no_decision():
    m = run("组务会\n日期：2025年10月15日\n会议认为，当前应收账款偏高，回款压力较大。\n")
    assert not m.decisions


def test_extract_work_handed_out_after_a_discussion_is_an_action_not_a_decision():
    m = run("组务会\n日期：2025年10月15日\n经讨论，年终总结由庞欣负责起草，11月5日前交初稿。\n")
    assert not m.decisions and [(a.owner, a.deadline) for a in m.action_items] == [("庞欣", "2025-11-05")]


def test_extract_discussion_and_outcome_heading_leaves_each_line_to_itself():
    m = run("周例会\n二、讨论及结论\n张工介绍了新版排班系统的试用情况。\n会议决定：下周起全员切换新版排班系统。\n")
    assert [d.text for d in m.decisions] == ["下周起全员切换新版排班系统"]


@pytest.mark.parametrize("note, name", [
    ("# 渠道评审\n\n## 决议\n\n✅ 经销商返利改为按季结算\n- 依据：月结对账工作量过大\n\n✅ 华南区先行试点\n", "n.md"),
    ("渠道评审\n会议决定\n√ 经销商返利改为按季结算\n  · 依据：月结对账工作量过大\n√ 华南区先行试点\n", "n.txt"),
    ("渠道評審\n議定事項\n☑ 經銷商返利改為按季結算\n- 依據：月結對賬工作量過大\n☑ 華南區先行試點\n", "n.txt"),
])
def test_extract_decision_entries_marked_by_a_symbol(note, name):
    """Under a decisions heading a ✅ / √ / ☑ in front is the entry's bullet, even when the
    rationale under it is a list: the entries are decisions, without the mark."""
    m = run(note, name=name)
    assert len(m.decisions) == 2
    assert m.decisions[0].text.endswith("返利改为按季结算") or m.decisions[0].text.endswith("返利改為按季結算")
    assert m.decisions[0].text[0] == "经" or m.decisions[0].text[0] == "經"
    assert len(m.decisions[0].rationale) == 1 and m.decisions[1].text.endswith(("先行试点", "先行試點"))


@pytest.mark.parametrize("note", [
    "物業管理處會議\n3. 討論事項\n   3.1 外牆維修\n       工程部報告，報價三份已收齊。\n       議決：外牆維修由報價最低的承辦商承接。\n",
    "校车协调会\n商定事项：\n1. 校车线路增加东苑站点\n",
    "门店例会\n【会上确定】\n· 周末早班提前半小时开门\n",
])
def test_extract_decision_labels_of_every_office(note):
    """议决 (議決), 商定事项, 会上确定 label decisions as 决议 does."""
    m = run(note, name="n.txt")
    assert [d.text for d in m.decisions] in (["外牆維修由報價最低的承辦商承接"], ["校车线路增加东苑站点"],
                                           ["周末早班提前半小时开门"])


def test_extract_a_caption_ends_the_decisions_label_above_it():
    """【会上确定】 then 【后续安排】: the work under the second caption is work, not decisions."""
    m = run("发布会筹备会\n【会上确定】\n· 发布会定在1月9日下午\n\n【后续安排】\n1. 场地合同盖章：邵敏，12月13日前\n"
            "2. 嘉宾名单终稿：霍然，12月16日前\n", name="n.txt", ref=date(2024, 12, 10))
    assert [d.text for d in m.decisions] == ["发布会定在1月9日下午"]
    assert [(a.owner, a.deadline) for a in m.action_items] == [("邵敏", "2024-12-13"), ("霍然", "2024-12-16")]


def test_extract_decisions_numbered_with_circled_figures_on_one_line():
    m = run("结算系统评审会\n决议事项\n①结算周期改为按周。②首批上线门店定为8家，5月6日起试运行。③对账单按日推送财务。\n")
    assert [d.text for d in m.decisions] == ["结算周期改为按周", "首批上线门店定为8家，5月6日起试运行", "对账单按日推送财务"]


@pytest.mark.parametrize("note, expected", [
    ("# 行政例会\n\n- 日期：2025-03-04\n\n## 决议\n\n- 由于报名人数不足，秋季研学活动取消\n"
     "- 为便于跨部门对账，月度报表统一改用新模板\n- 周例会改为线上召开，以便外地同事参加\n"
     "- 暂不采购新服务器，因为现有资源利用率不到三成\n",
     [("秋季研学活动取消", ["报名人数不足"]), ("月度报表统一改用新模板", ["为便于跨部门对账"]),
      ("周例会改为线上召开", ["以便外地同事参加"]), ("暂不采购新服务器", ["现有资源利用率不到三成"])]),
    ("物业协调会\n日期：2025年3月4日\n经研究，因场地档期冲突，报价也偏高，所以年会改在1月20日举行。\n"
     "由于施工噪音投诉集中，夜间施工时间定为晚上8点前。\n客服部3月8日前发布通知。\n",
     [("年会改在1月20日举行", ["场地档期冲突，报价也偏高"]), ("夜间施工时间定为晚上8点前", ["施工噪音投诉集中"])]),
    ("校務會議\n日期：2025年3月4日\n決議事項：\n1. 由於預算超支，宣傳冊改為電子版。\n2. 為確保考場秩序，期末考試增派監考兩人。\n",
     [("宣傳冊改為電子版", ["預算超支"]), ("期末考試增派監考兩人", ["為確保考場秩序"])]),
])
def test_extract_grounds_written_into_the_decision_sentence(note, expected):
    """Grounds as prose (由于…，/ 因…，所以… / 为便于…，/ …，以便… / …，因为…) are the decision's
    rationale, and the decision is what remains; a purpose keeps its word, a cause drops it."""
    m = run(note, name="n.md" if note.startswith("#") else "n.txt")
    assert [(d.text, d.rationale) for d in m.decisions] == expected


def test_extract_grounds_in_a_task_stay_with_the_task():
    m = run("周会\n日期：2025年3月4日\n待办：\n1. 由于系统升级，张伟3月5日前通知各门店。\n", name="n.txt",
            ref=date(2025, 3, 4))
    assert m.decisions == [] and [(a.owner, a.deadline) for a in m.action_items] == [("张伟", "2025-03-05")]


@pytest.mark.parametrize("note, name, deadlines", [
    ("# 读书会筹备会\n\n## 会议信息\n\n1. 会议时间：2025-04-02 19:30\n\n2. 下次开会时间：2025-04-09 19:30\n\n"
     "3. **在下次开会前完成：**\n\n    1. 场地预订@林雪\n\n    2. 书单初稿 @顾城\n", "n.md", ["2025-04-09", "2025-04-09"]),
    ("义诊协调会\n时间：2025年4月2日\n4月10日前完成：\n1. 韩梅联系医院，确定义诊医生名单\n2. 李雷4月8日前布置场地\n",
     "n.txt", ["2025-04-10", "2025-04-08"]),
    ("# 义诊协调会\n\n- 时间：2025年4月2日\n\n## 4月2日会议待办\n\n- 韩梅联系医院\n- 李雷布置场地\n", "n.md", [None, None]),
])
def test_extract_a_caption_of_work_with_a_day_gives_its_tasks_that_day(note, name, deadlines):
    """``4月10日前完成：`` / ``下次开会前完成：`` over a list: the day of each task that names none;
    a heading's bare date is the meeting's, no deadline."""
    m = run(note, name=name, ref=date(2025, 4, 2))
    assert [a.deadline for a in m.action_items] == deadlines


@pytest.mark.parametrize("line, title", [
    ("# 【3.15】第四次会议纪要", "【3.15】第四次会议"),
    ("# 【周例会纪要】", "周例会纪要"),
    ("# 【会议纪要】产品评审会", "产品评审会"),
])
def test_extract_title_keeps_a_bracket_that_sets_off_part_of_it(line, title):
    m = run(line + "\n\n- 时间：2025-03-15\n\n## 待办\n1. 张伟3月20日前提交报告\n", name="n.md")
    assert m.meeting.title == title


def test_extract_every_concluding_sentence_of_a_paragraph_and_grounds_given_first():
    m = run("物业协调会\n经讨论，会议明确地库照明改造定于5月10日开工。鉴于B区投诉最多，会议决定先改B区。"
            "客服部5月8日前发布施工通知。\n")
    assert [d.text for d in m.decisions] == ["地库照明改造定于5月10日开工", "先改B区"]
    assert m.decisions[1].rationale == ["B区投诉最多"]
    assert [a.owner for a in m.action_items] == ["客服部"]


@pytest.mark.parametrize("line, decided", [
    ("年会日期还是定12月28日（周六），不改了。", "年会日期还是定12月28日（周六），不改了"),
    ("本学期公开课时间定在11月22日，地点在阶梯教室。", "本学期公开课时间定在11月22日，地点在阶梯教室"),
    ("首批试点门店定为6家，下月起试点。", "首批试点门店定为6家，下月起试点"),
    ("业务部建议店庆提前至6月上旬，避开竞品促销。", None),             # proposed, not settled
    ("下次例会定于5月20日（周一）下午召开。", None),                     # the next meeting, not a decision
])
def test_extract_a_setting_fixed_in_a_statement_is_a_decision(line, decided):
    m = run(HEADER + "二、讨论情况\n" + line + "\n")
    assert [d.text for d in m.decisions] == ([decided] if decided else [])


@pytest.mark.parametrize("line, decided", [
    ("经评审小组评议，授予李明“年度优秀员工”称号。", "授予李明“年度优秀员工”称号"),
    ("經管理委員會審議，本年度物業費維持每平方米2.5元不變。", "本年度物業費維持每平方米2.5元不變"),
    ("经党支部集体研究后，推荐王芳为入党积极分子，报上级党委审批。", "推荐王芳为入党积极分子，报上级党委审批"),
    ("经校务会讨论，决定寒假放假时间为1月20日。", "寒假放假时间为1月20日"),
    ("经讨论，建议下月再议。", None),                                     # a proposal, not an outcome
    ("经排查，故障原因是交换机老化。", None),                               # a finding, not a deliberation
    ("经讨论，未形成一致意见。", None),
])
def test_extract_the_outcome_of_a_deliberation_is_a_decision(line, decided):
    """经 + the body that deliberated + 研究/评议/审议…, then the outcome: the outcome is decided,
    whatever verb (or none) states it."""
    m = run(HEADER + "二、讨论情况\n" + line + "\n")
    assert [d.text for d in m.decisions] == ([decided] if decided else [])


@pytest.mark.parametrize("caption", ["那就这么定：", "商定如下：", "最后拍板：", "就這麼定了："])
def test_extract_a_caption_that_settles_heads_a_list_of_decisions(caption):
    """A line that only says the meeting settled (那就这么定：) heads the list under it like 结论："""
    m = run(HEADER + "讨论了节后排班。\n" + caption + "\n1. 门诊周六上午增开一个诊室。\n"
            "2. 化验室延长到晚八点。\n分工：\n· 郑涛：排班表周三前发群里\n")
    assert [d.text for d in m.decisions] == ["门诊周六上午增开一个诊室", "化验室延长到晚八点"]
    assert [(a.owner, a.task) for a in m.action_items] == [("郑涛", "排班表发群里")]


@pytest.mark.parametrize("lines, expected", [
    ("三、新系统上线\n背景：旧系统维保合同年底到期，厂家不再续保。\n会议同意新系统于1月1日切换上线。\n",
     [("同意新系统于1月1日切换上线", ["旧系统维保合同年底到期，厂家不再续保"])]),
    ("三、倉庫搬遷\n緣由：舊倉庫租約三月到期，房東不再續租。\n經討論，同意遷至新園區倉庫。\n",
     [("同意遷至新園區倉庫", ["舊倉庫租約三月到期，房東不再續租"])]),
    ("三、考勤\n依据：《员工手册》第十二条。\n决定：迟到三次以上扣当月全勤奖。\n",
     [("迟到三次以上扣当月全勤奖", ["《员工手册》第十二条"])]),
])
def test_extract_grounds_labelled_before_the_decision_they_lead_to(lines, expected):
    """背景：/ 缘由：/ 依据： on the line right before a decision of the same item are its grounds."""
    m = run(HEADER + lines)
    assert [(d.text, d.rationale) for d in m.decisions] == expected


def test_extract_a_background_before_work_stays_where_it_is():
    m = run(HEADER + "三、客诉\n背景：本季度客诉上升两成。\n郑涛：周五前整理客诉清单。\n")
    assert m.decisions == [] and [a.task for a in m.action_items] == ["整理客诉清单"]
    assert any("本季度客诉上升两成" in p for s in m.sections for p in s.paragraphs)


@pytest.mark.parametrize("line, owner", [
    ("- 劉工負責倉庫盤點系統升級，11月8日前完成。", "劉工"),
    ("- 鄭經理負責年會場地預訂，下週五前完成。", "鄭經理"),
    ("- 蕭敏負責供應商對賬，本週內完成。", "蕭敏"),
])
def test_extract_a_name_in_traditional_script_is_a_name(line, owner):
    """Surnames and titles are listed in Simplified script; a name written in Traditional (劉工,
    鄭經理) is the same name, given as written."""
    m = run("會議時間：2024年10月14日\n參會人員：倉儲部 許立、方圓\n\n待辦：\n" + line + "\n")
    assert [a.owner for a in m.action_items] == [owner]


def test_extract_discussion_without_conclusion_is_no_decision():
    m = run(HEADER + "二、价格\n销售部提出增加一档规格，会上未达成一致，待下次再议。\n")
    assert m.decisions == []


def test_extract_sentence_level_decision_keeps_the_task_after_it():
    m = run("关于场地的专题会议纪要\n\n2024年4月2日，会议在行政楼召开。\n\n"
            "一、关于场地保障。会议明确，新办公区租期定为三年。由行政部牵头，财务部配合，于4月20日前签订租赁合同。\n")
    assert [d.text for d in m.decisions] == ["新办公区租期定为三年"]
    item = one(m, "签订租赁合同")
    assert (item.owner, item.collaborators, item.deadline) == ("行政部", ["财务部"], "2024-04-20")


# --------------------------------------------------------------------------- #
# Action items: the forms
# --------------------------------------------------------------------------- #
def test_extract_todo_section_owner_deadline_helper():
    m = run(HEADER + "待办：\n（1）郑涛输出接口文档，5个工作日内提交产品部；\n（2）冯雪牵头制定推广方案，郑涛协助，6月14日前提交；\n"
            "（3）宣传海报由冯雪尽快确认。\n")
    first, second, third = m.action_items
    assert (first.owner, first.owner_department, first.deadline) == ("郑涛", "研发部", "2024-06-19")
    assert (second.owner, second.collaborators, second.deadline) == ("冯雪", ["郑涛"], "2024-06-14")
    assert (third.owner, third.deadline, third.deadline_text) == ("冯雪", None, "尽快")
    assert "郑涛" not in first.task and "5个工作日内" not in first.task


@pytest.mark.parametrize("line, owner, deadline", [
    ("任务：更新报价单；负责人：冯雪；时限：6月20日", "冯雪", "2024-06-20"),
    ("整理客户名单，负责人：郑涛，6月18日前完成。", "郑涛", "2024-06-18"),
    ("修订合同模板。负责人：吴敏；截止：下周五；协作：冯雪", "吴敏", "2024-06-21"),
    ("支付网关扩容 —— 负责人：郑涛，截止：2024-09-30，优先级：高", "郑涛", "2024-09-30"),
    # fields after the task with spaces only: the words before the label are the task, and the
    # owner's value ends where a date starts
    ("清点仓库库存 负责人：冯雪 6月20日前", "冯雪", "2024-06-20"),
    ("更新值班表 责任人：吴敏 下周五", "吴敏", "2024-06-21"),
    ("核對供應商發票 負責人：蕭敏 6/18", "蕭敏", "2024-06-18"),
])
def test_extract_inline_fields(line, owner, deadline):
    item = run(HEADER + "三、行动项\n1. " + line + "\n").action_items[0]
    assert (item.owner, item.deadline) == (owner, deadline)
    assert "负责人" not in item.task and "截止" not in item.task


def test_extract_department_line_with_person_and_date_in_brackets():
    m = run(HEADER + "二、上线前检查清单\n1. 研发部：提交性能测试报告（郑涛/6月18日）\n2. 市场部、研发部：联合验收（冯雪、郑涛/6月21日）\n"
            "3. 销售部：渠道价格政策（待定/尽快）\n")
    first, joint, undecided = m.action_items
    assert (first.task, first.owner, first.owner_department, first.deadline) == \
        ("提交性能测试报告", "郑涛", "研发部", "2024-06-18")
    assert (joint.owner, joint.collaborators, joint.owners) == ("冯雪", ["郑涛"], ["冯雪", "郑涛"])
    assert (undecided.owner, undecided.deadline) == ("销售部", None)


def test_extract_table_rows_are_items_with_header_in_any_order():
    m = process("tasks.docx", table_docx(["会议时间：2024年6月12日 14:00", "行动项："], [
        ["截止时间", "优先级", "任务", "配合部门", "负責人"],
        ["6月20日", "高", "完成供应商比价", "财务部", "郑涛"],
        ["合同签订后5个工作日内", "中", "办理预付款审批", "—", "冯雪"],
        ["6月30日", "低", "旧机处置方案", "财务部", "待定"]]))
    assert [(a.task, a.owner, a.deadline, a.priority, a.collaborators) for a in m.action_items] == [
        ("完成供应商比价", "郑涛", "2024-06-20", "high", ["财务部"]),
        ("办理预付款审批", "冯雪", None, "medium", []),
        ("旧机处置方案", None, "2024-06-30", "low", ["财务部"]),
    ]
    assert m.action_items[0].evidence["task"].location.table == 1
    assert m.action_items[0].line is None


def test_extract_template_rows_with_empty_cells_are_not_items():
    def build(doc):
        doc.add_paragraph("行动项：")
        table = doc.add_table(rows=3, cols=3)
        for c, text in enumerate(["任务", "负责人", "截止时间"]):
            table.cell(0, c).text = text
        table.cell(1, 0).text = "整理会议纪要"
        table.cell(1, 1).text = "吴敏"
        table.cell(1, 2).text = "6月14日"
    m = process("template.docx", docx_bytes(build), options=Options(ref_date=date(2024, 6, 12)))
    assert [a.task for a in m.action_items] == ["整理会议纪要"]


def test_extract_sub_tasks_under_a_parent_task():
    m = run("# 任务分配会\n\n- 日期：2024-11-04\n\n## 行动项\n\n- [ ] 冯雪：竞品报告，11月29日前\n"
            "  - [ ] 郑涛：功能对比截图，11月20日前\n", name="plan.md")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("冯雪", "2024-11-29"), ("郑涛", "2024-11-20")]


def test_extract_mentions_todo_and_english_owner_words():
    m = run("需求评审速记\n日期：2025/07/14 10:00\n参与: Amy 刘思雨, Jason 陈杰, 孙浩\n\n## TODO\n"
            "- [ ] PRD 定稿 — owner: Amy, DDL 7/16\n- [ ] [P1] 数据迁移脚本 — owner @Jason, ETA 7/23\n"
            "- [ ] test case review — owner 孙浩, Jason support, DDL 7/22 下班前\n")
    assert [(a.owner.split()[0], a.deadline, a.priority) for a in m.action_items] == [
        ("Amy", "2025-07-16", "medium"), ("Jason", "2025-07-23", "high"), ("孙浩", "2025-07-22", "medium")]
    assert m.action_items[2].collaborators and m.action_items[2].collaborators[0].startswith("Jason")


def test_extract_checked_boxes_and_progress_reports_are_not_items():
    m = run("# 迭代回顾\n\n- 日期：2024-10-29\n\n## 上期行动项回顾\n\n- [x] 杜鹏：单测覆盖率补到70%\n"
            "- CI 缓存优化未完成，已顺延\n\n## 行动项\n\n- [ ] 邱工：CI 缓存优化收尾（上期顺延），本周五前\n"
            "- [x] 黄蕾：会议纪要发群（会上已发）\n", name="retro.md")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("邱工", "2024-11-01")]


@pytest.mark.parametrize("line", [
    "1. 营业收入2.46亿元，同比增长12.3%，完成年度预算的76%。",
    "- 主会场 7/20 00:00 开 → 7/31 24:00 收",
    "2. 8月3日（周六）整体搬迁至3号楼，机房设备原地保留。",
    "3. 客服部本季度离职率18%，目前缺编7人。",
    "- 发布窗口：每周二 22:00-24:00，变更冻结期 6/15-6/20",
    "4. 年度目标：客户满意度不低于95分。",
    "1. 中秋推广方案（负责人：韩雪，原定8月18日）—— 已完成，方案已提交审批。",
    "潘强：我认为二面和终面可以合并。",
])
def test_extract_facts_timelines_kpis_schedules_opinions_are_not_items(line):
    assert run(HEADER + "一、情况通报\n" + line + "\n").action_items == []


def test_extract_progress_table_only_new_assignments_count():
    m = process("progress.docx", table_docx(["会议时间：2024年4月16日（周二）14:00"], [
        ["任务名称", "责任人", "计划完成时间", "实际进度", "解决方案"],
        ["设备安装调试", "梁永", "2024-04-12", "100%", "已完成，转入试运行"],
        ["物料备货", "王敏", "2024-04-20", "70%", "王敏4月18日前向备选供应商询价"],
        ["系统上线", "郭峰", "2024-04-22", "50%", "原任务顺延至4月26日；另由郭峰本周五前提交字段映射表"]],
        heading="一、项目进度跟踪表"))
    assert [(a.owner, a.deadline) for a in m.action_items] == [("王敏", "2024-04-18"), ("郭峰", "2024-04-19")]


def test_extract_record_of_labelled_lines_traditional_script():
    m = run("會議日期：2024年5月8日（星期三）\n出席人員：林志豪、陳怡君（行銷部）\n\n三、待辦事項\n1. 事項：主視覺定稿\n   負責人：林志豪\n"
            "   協辦：陳怡君\n   截止日期：下週五\n   優先順序：高\n")
    item = m.action_items[0]
    assert (item.task, item.owner, item.collaborators, item.deadline, item.priority) == \
        ("主視覺定稿", "林志豪", ["陳怡君"], "2024-05-17", "high")


def test_extract_transcript_commitments_and_assignments():
    m = run("培训筹备会（录音整理）\n时间：2025年8月13日（周三）下午3点\n参会：刘经理（人力资源部）、周琳（行政部）、马工（IT部）\n\n"
            "刘经理：人都到齐了，我们开始。\n马工：账号这块我来负责。清单周五前给到刘经理，9月5号前把账号全部开好。\n"
            "刘经理：周琳，培训手册你那边负责印制。\n周琳：好的，我尽快。\n刘经理：那就这么定，培训就定在9月8号。\n")
    got = [(a.owner, a.deadline) for a in m.action_items]
    assert got == [("马工", "2025-08-15"), ("马工", "2025-09-05"), ("周琳", None)]
    assert [d.text for d in m.decisions] == ["培训就定在9月8号"]


def test_extract_chat_export_turns():
    m = run("项目群聊天记录\n\n张伟 2024-05-13 10:02\n今天同步一下进度\n\n李娜 2024-05-13 10:03\n"
            "我这边设计稿周三前给到前端\n\n张伟 2024-05-13 10:06\n@陈晨 你负责压测方案，下周三前发出来\n")
    assert m.meeting.date == "2024-05-13"
    assert [(a.owner, a.deadline) for a in m.action_items] == [("李娜", "2024-05-15"), ("陈晨", "2024-05-22")]


def test_extract_government_style_numbered_resolutions():
    m = run("专题会议纪要\n\n2024年9月3日上午，副区长刘建明在区政府会议室主持召开专题会议。\n\n"
            "二、关于施工进度。会议要求，区住建局负责9月底前完成全部项目的施工招标。\n三、区城管局要加强现场巡查。\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("区住建局", "2024-09-30"), ("区城管局", None)]


def test_extract_vague_doers_leave_no_owner():
    m = run(HEADER + "二、其他\n1. 吴敏6月14日前更新《入职须知》并发给各部门。\n2. 新员工入职资料，各部门近期统一报送人力资源部。\n"
            "3. 请大家看一下题库，有问题及时反馈。\n")
    first, second, third = m.action_items
    assert first.owner == "吴敏" and first.vague_owner is None
    assert (second.owner, second.vague_owner) == (None, "各部门")
    assert (third.owner, third.vague_owner) == (None, "大家")


@pytest.mark.parametrize("line, priority", [
    ("郑涛修订接口规范，紧急，6月14日前发布。", "high"),
    ("郑涛整理周报，优先级：低，6月14日前。", "low"),
    ("冯雪给客户做一次培训，不急。", "low"),
    ("郑涛：补丁上线，P1，今天 18:00 前", "high"),
    ("高峰提交续约清单，6月14日前。", "medium"),
])
def test_extract_priority_words_govern_only_their_item(line, priority):
    m = run(HEADER.replace("冯雪（市场部）", "冯雪（市场部）、高峰（销售部）") + "待办：\n" + line + "\n")
    assert m.action_items[0].priority == priority


def test_extract_urgency_on_a_heading_governs_its_items():
    m = run("# 故障处置\n\n> 会议时间：2024-03-12 10:20\n\n## 止血措施（特急）\n\n| 措施 | 负责人 | 时限 |\n|---|---|---|\n"
            "| 网关回滚 | 常卫东 | 1小时内 |\n\n## 后续改进\n\n- 小唐：增加配置校验，下周五前\n", name="incident.md")
    assert [(a.priority, a.deadline) for a in m.action_items] == [("high", "2024-03-12T11:20"), ("medium", "2024-03-22")]


# --------------------------------------------------------------------------- #
# Evidence
# --------------------------------------------------------------------------- #
def test_extract_evidence_points_at_the_source_words():
    text = HEADER + "待办：\n（1）郑涛输出接口文档，6月19日前提交产品部；\n"
    m = run(text)
    item = m.action_items[0]
    lines = text.split("\n")
    task = item.evidence["task"]
    deadline = item.evidence["deadline"]
    assert lines[task.location.line - 1][task.location.column - 1:].startswith(task.text)
    assert lines[deadline.location.line - 1][deadline.location.column - 1:].startswith("6月19日前")
    assert item.line == task.location.line


def test_extract_deadlines_count_from_ref_date_when_notes_have_no_date():
    m = run("碰头会\n地点：3F\n- @阿杰 压测，周一前\n", ref=date(2024, 7, 10))
    assert m.meeting.date is None and m.action_items[0].deadline == "2024-07-15"


def test_extract_traditional_text_is_output_as_written():
    m = run("會議日期：2024年5月8日\n出席人員：吳家銘（資訊部）\n\n待辦：\n1. 吳家銘：官網壓力測試，5月31日前\n")
    item = m.action_items[0]
    assert (item.task, item.owner, item.owner_department) == ("官網壓力測試", "吳家銘", "資訊部")


def test_extract_a_letter_whose_lower_case_is_longer_loses_no_task():
    # İ lower-cased is two characters; the words must still be cut where the text has them
    m = run(HEADER + "İzmir展会：郑涛负责联系İSTANBUL代理商，6月20日前完成。\n冯雪负责准备样品，6月18日前完成。\n")
    item = one(m, "联系İSTANBUL代理商")
    assert (item.owner, item.deadline) == ("郑涛", "2024-06-20")
    assert one(m, "准备样品").owner == "冯雪"


def test_extract_email_style_action_items_with_dash_separated_owners():
    m = run("Subject: 周三产品同步会 Action Items\n\nHi all，以下是今天（2024年10月16日）会议的纪要：\n参会：Tom Zhang、李华、王芳、Jerry\n\n"
            "讨论结论：\n1) 移动端改版延后到11月\n\nAction items:\n1) 修复支付页闪退 - @李华 - 10/18\n"
            "2) 更新埋点文档 - Jerry - EOD Friday\n3) 和设计确认新版图标 - 王芳 - TBD\n"
            "4) 整理用户反馈Top10（负责人：Tom Zhang，完成时间：10月23日）\n【待办】王芳：下周一前把竞品分析发群里\n")
    assert m.meeting.date == "2024-10-16"
    assert [d.text for d in m.decisions] == ["移动端改版延后到11月"]
    assert [(a.task, a.owner, a.deadline, a.priority) for a in m.action_items] == [
        ("修复支付页闪退", "李华", "2024-10-18", "medium"), ("更新埋点文档", "Jerry", "2024-10-18", "medium"),
        ("和设计确认新版图标", "王芳", None, "medium"), ("整理用户反馈Top10", "Tom Zhang", "2024-10-23", "medium"),
        ("把竞品分析发群里", "王芳", "2024-10-21", "medium")]


def test_extract_government_form_spaced_labels_units_and_reports():
    m = run("设备采购协调会会议纪要\n\n时　间：2024年11月5日 上午9:00\n地　点：行政楼205\n主持人：钱进\n"
            "参会单位：采购中心、财务处、信息中心\n\n会议内容：\n"
            "1．关于服务器采购。信息中心汇报了采购需求。会议同意按需求清单实施采购，由采购中心负责组织招标，11月20日前完成。\n"
            "2．关于预算。财务处提出预算需在本月内调整到位。会议要求财务处于11月15日前完成预算调整。\n")
    assert (m.meeting.location, m.meeting.start_time) == ("行政楼205", "09:00")
    assert set(m.meeting.departments) == {"采购中心", "财务处", "信息中心"}
    assert [d.text for d in m.decisions] == ["同意按需求清单实施采购"]
    assert [(a.task, a.owner, a.deadline) for a in m.action_items] == [
        ("组织招标", "采购中心", "2024-11-20"), ("预算调整", "财务处", "2024-11-15")]


def test_extract_space_separated_fields_on_one_line():
    m = run(HEADER + "三、下一步工作\n1、工作事项：完成接口联调  责任人：郑涛  配合：冯雪  完成时限：12月20日\n"
            "2、工作内容：夜班排产（责任部门：研发部，6月20日前）\n")
    assert [(a.task, a.owner, a.collaborators, a.deadline) for a in m.action_items] == [
        ("完成接口联调", "郑涛", ["冯雪"], "2024-12-20"), ("夜班排产", "研发部", [], "2024-06-20")]


def test_extract_work_table_with_responsible_unit_column():
    m = process("works.docx", table_docx(["会议时间：2024年8月6日 9:00", "二、工作安排"], [
        ["序号", "工作内容", "责任单位", "责任人", "完成时限"], ["1", "完成二期土建验收", "工程部", "陆工", "8月20日"],
        ["2", "办理竣工备案", "综合办", "", "9月底前"]]))
    assert [(a.owner, a.owner_department, a.deadline) for a in m.action_items] == [
        ("陆工", "工程部", "2024-08-20"), ("综合办", "综合办", "2024-09-30")]


def test_extract_an_overlong_line_is_read_in_pieces():
    line = "；".join(f"{name}负责整理第{i}批资料，6月{i % 15 + 15}日前完成" for i, name in
                    zip(range(1, 61), ["郑涛", "冯雪", "吴敏"] * 20))
    assert len(line) > 1000
    m = run(HEADER + "待办：\n" + line + "。\n")
    assert len(m.action_items) == 60
    assert {a.owner for a in m.action_items} == {"郑涛", "冯雪", "吴敏"}
    assert m.action_items[-1].deadline == "2024-06-15"


def test_extract_evidence_for_collaborators_and_priority():
    text = HEADER + "待办：\n（1）冯雪牵头制定推广方案，郑涛协助，紧急，6月14日前提交；\n"
    item = run(text).action_items[0]
    lines = text.split("\n")
    for key, words in (("collaborators[0]", "郑涛"), ("priority", "紧急")):
        evidence = item.evidence[key]
        assert evidence.text == words
        assert lines[evidence.location.line - 1][evidence.location.column - 1:].startswith(words)


def test_extract_combined_owner_and_deadline_column():
    m = process("combo.docx", table_docx(["会议时间：2024年9月10日（周二）10:00", "参加人员：市场部 王蕾、研发部 高远"], [
        ["序号", "事项", "责任人及完成时限"], ["1", "补充接口文档", "高远（王蕾配合），下周三"], ["2", "续约报价测算", "市场部，月底前"]]))
    assert [(a.owner, a.owner_department, a.collaborators, a.deadline) for a in m.action_items] == [
        ("高远", "研发部", ["王蕾"], "2024-09-18"), ("市场部", "市场部", [], "2024-09-30")]


def test_extract_fields_given_as_sub_lines_of_an_item():
    def build(doc):
        doc.add_paragraph("会议时间：2024年9月10日 10:00")
        doc.add_heading("其他", 2)
        doc.add_paragraph("整理复盘报告并发送客户", style="List Number")
        doc.add_paragraph("负责人：王蕾", style="List Bullet")
        doc.add_paragraph("截止：9月20日", style="List Bullet")
    item = process("sub.docx", docx_bytes(build)).action_items[0]
    assert (item.task, item.owner, item.deadline) == ("整理复盘报告并发送客户", "王蕾", "2024-09-20")


@pytest.mark.parametrize("line, owner", [("李娜尽快整理用户反馈。", "李娜"), ("王强将方案发给客户，6月20日前。", "王强"),
                                         ("欧阳明于6月20日前提交报告。", "欧阳明")])
def test_extract_unlisted_names_by_shape(line, owner):
    assert run("周会\n日期：2024-06-12\n\n待办：\n1. " + line + "\n").action_items[0].owner == owner


def test_extract_common_words_are_not_guessed_as_names():
    m = run("周会\n日期：2024-06-12\n\n一、情况\n1. 方案发给客户后反馈良好。\n2. 单位负责同志参加了会议。\n")
    assert m.action_items == []


def test_extract_tasks_grouped_under_an_owner_line():
    m = run("月度工作会\n日期：2024年7月1日（周一）10:00\n参会：罗琳（市场部）、汪洋（市场部）、郝杰（销售部）\n\n一、下一步计划\n"
            "罗琳：\n1. 完成第三季度投放预算分解（7月5日前）\n2. 对接代理商确认达人名单（7月10日前）\n汪洋：\n1. 官网改版需求评审，本周五前\n\n"
            "二、其他\n7月8日前，郝杰提供渠道销售数据。\n会员日活动方案由汪洋牵头，罗琳配合（7月12日前）。\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [
        ("罗琳", "2024-07-05"), ("罗琳", "2024-07-10"), ("汪洋", "2024-07-05"), ("郝杰", "2024-07-08"), ("汪洋", "2024-07-12")]
    assert m.action_items[-1].collaborators == ["罗琳"]


def test_extract_rationale_paragraph_inside_a_conclusion_cell():
    def build(doc):
        doc.add_paragraph("会议时间：2025年3月19日 14:00")
        table = doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "议题", "结论"
        table.cell(1, 0).text = "审批权限"
        cell = table.cell(1, 1)
        cell.text = "大额合同增加财务复核。"
        cell.add_paragraph("依据：抽查问题合同中大额合同占四成。")
    m = process("cells.docx", docx_bytes(build))
    assert [(d.text, d.rationale, d.topic) for d in m.decisions] == [
        ("大额合同增加财务复核", ["抽查问题合同中大额合同占四成"], "审批权限")]


@pytest.mark.parametrize("line, owner", [
    ("2、由甄少华同志负责场地协调，6月20日前完成。", "甄少华"),          # a courtesy between the name and the work
    ("2、詹秋菊护士长安排夜班交接培训，6月20日前完成。", "詹秋菊"),      # a rank glued after a name nobody listed
    ("2、骆怀远 副教授 牵头修订实验室安全手册，6月20日前完成。", "骆怀远"),
    ("2、莫婉清主治医师整理出院随访名单，6月20日前完成。", "莫婉清"),
])
def test_extract_a_courtesy_or_rank_after_the_name_goes_with_the_owner(line, owner):
    m = run(f"科务会\n日期：2025年6月16日\n{line}\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [(owner, "2025-06-20")]
    assert not m.action_items[0].task.startswith(("同志", "护士长", "副教授", "主治医师"))


def test_extract_a_titled_surname_is_no_post_before_the_next_word():
    m = run("教研组会\n日期：2025年10月10日\n试卷由邓老师和简老师共同命题，邓老师负责，10月24日前交初稿。\n")
    assert [(a.owner, a.collaborators) for a in m.action_items] == [("邓老师", ["简老师"])]


@pytest.mark.parametrize("note", [
    "工作安排：\n一是由甄少华负责场地协调，6月20日前完成；\n二是由骆怀远负责签到表，6月19日前完成；\n",
    "会议要求：\n一是，甄少华负责场地协调，6月20日前完成。\n二是，骆怀远负责签到表，6月19日前完成。\n",
])
def test_extract_yi_shi_er_shi_enumerations_number_the_items(note):
    m = run("筹备会\n日期：2025年6月16日\n" + note)
    assert [(a.task, a.owner) for a in m.action_items] == [("场地协调", "甄少华"), ("签到表", "骆怀远")]


def test_extract_a_boards_resolutions_headed_one_by_one_with_their_tallies():
    m = run("监事会会议决议\n日期：2025年3月28日\n会议以举手表决方式审议通过了以下议案：\n"
            "一、审议通过《2024年度监事会工作报告》\n表决结果：同意3票，反对0票，弃权0票。\n"
            "二、审议未通过《关于调整监事津贴的议案》\n表决结果：同意1票，反对2票，弃权0票。\n"
            "三、确定下次会议议题\n")
    assert [d.text for d in m.decisions] == ["审议通过《2024年度监事会工作报告》", "审议未通过《关于调整监事津贴的议案》"]


@pytest.mark.parametrize("line, decision", [
    ("会议不同意增设华南办事处。", "不同意增设华南办事处"),        # a refusal is decided as much as a consent
    ("会议否决了食堂外包的提议。", "否决了食堂外包的提议"),
    ("經審議，會議未通過調薪方案。", "未通過調薪方案"),
])
def test_extract_a_rejection_keeps_its_negative(line, decision):
    assert [d.text for d in run(f"办公会\n日期：2025年4月22日\n{line}\n").decisions] == [decision]


@pytest.mark.parametrize("line", [
    "授权办公室主任裘晓峰负责办理工商变更登记，5月30日前完成。",
    "委托财务部门春燕负责办理工商变更登记，5月30日前完成。",
])
def test_extract_a_mandate_hands_the_work_to_the_person_named_after_their_post(line):
    m = run(f"股东会\n日期：2025年5月6日\n{line}\n")
    assert [(a.task, a.deadline) for a in m.action_items] == [("办理工商变更登记", "2025-05-30")]
    assert m.action_items[0].owner in ("裘晓峰", "门春燕")


def test_extract_a_listed_person_after_their_unit_owns_work_whose_verb_the_segmenter_does_not_know():
    m = run("科务会\n日期：2025年3月5日\n参会：阚立群、庾海波\n后续处理：\n1. 检验科庾海波加测血氨，明天出结果。\n"
            "2. 设备科冷库温控器已使用八年，故障两次。\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("庾海波", "2025-03-06")]


def test_extract_last_weeks_report_is_no_task_and_this_weeks_plan_is():
    m = run("课题组会\n日期：2025年12月1日\n参加：卜雨桐、舒博涵\n\n卜雨桐：\n上周：跑完了对比实验，效果提升明显。\n"
            "本周计划：和舒博涵一起整理实验记录，周三前发给导师。\n")
    assert [(a.task, a.owner, a.collaborators, a.deadline) for a in m.action_items] == \
        [("整理实验记录，发给导师", "卜雨桐", ["舒博涵"], "2025-12-03")]


@pytest.mark.parametrize("line", ["从下周起统一在OA系统报销，不再收纸质单据。", "自下月起差旅住宿一律走协议酒店。"])
def test_extract_a_rule_from_a_coming_day_on_is_a_decision(line):
    assert len(run(f"行政例会\n日期：2025年12月1日\n{line}\n").decisions) == 1


def test_extract_a_labelled_decision_ends_where_work_is_handed_out_after_it():
    m = run("办公会纪要\n日期：2025年10月28日\n会议决定：自11月起访客一律登记入园。由保卫科牵头，行政部配合，"
            "10月31日前完成登记系统调试；物业公司于11月3日前在东门增设岗亭。\n")
    assert [d.text for d in m.decisions] == ["自11月起访客一律登记入园"]
    assert [(a.owner, a.deadline) for a in m.action_items] == [("保卫科", "2025-10-31"), ("物业公司", "2025-11-03")]


def test_extract_a_must_after_the_owner_goes_with_the_owner():
    m = run("办公会纪要\n日期：2025年10月28日\n会议要求，财务部要进一步细化报销标准，于下月15日前提交审议。\n")
    assert [(a.task, a.owner) for a in m.action_items] == [("进一步细化报销标准，提交审议", "财务部")]


@pytest.mark.parametrize("intro", ["会议讨论了明年招生计划，形成以下意见：", "经研究，议定如下：", "与会人员达成如下共识："])
def test_extract_the_entries_under_a_line_introducing_decisions_are_decisions(intro):
    m = run(f"招生工作会\n日期：2025年11月3日\n一、{intro}\n1. 明年扩招两个班。\n2. 新增专业暂缓申报。\n二、其他\n1. 食堂菜价上调。\n")
    assert [d.text for d in m.decisions] == ["明年扩招两个班", "新增专业暂缓申报"]


def test_extract_a_next_steps_cell_of_a_minutes_form_holds_the_items():
    data = table_docx([], [["会议名称", "四季度消防工作会"], ["会议时间", "2025年9月23日"],
                           ["下一步工作", "1. 消防通道清理：后勤部卢振华牵头，保卫科配合，10月15日前完成。\n2. 冬季检查：各车间自查，11月底前完成。"]])
    m = process("form.docx", data)
    assert [(a.task, a.owner, a.owner_department, a.collaborators, a.deadline) for a in m.action_items] == [
        ("消防通道清理", "卢振华", "后勤部", ["保卫科"], "2025-10-15"), ("冬季检查：自查", None, None, [], "2025-11-30")]
    assert ("vague-owner", "各车间") in [(f.rule, f.text) for f in m.lint]


@pytest.mark.parametrize("line, decision", [
    ("关于周末值班，大家同意按部门轮流。", "同意按部门轮流"),
    ("就年会场地问题，会议决定改在公司食堂举办。", "改在公司食堂举办"),
])
def test_extract_a_decision_after_a_clause_naming_its_matter(line, decision):
    assert [d.text for d in run(f"行政例会\n日期：2025年8月26日\n{line}\n").decisions] == [decision]


@pytest.mark.parametrize("line", ["关于护学岗，大家同意按学号轮流，排班表由邝雪梅做好后发群。", "值日表由邝雪梅做好后发群。"])
def test_extract_the_thing_then_its_doer_after_a_glued_marker_and_an_everyday_verb(line):
    m = run(f"家委会\n日期：2025年8月26日\n出席：邝雪梅、蓝天爸爸\n{line}\n")
    assert [(a.owner, "由" in a.task) for a in m.action_items] == [("邝雪梅", False)]


def test_extract_a_side_written_before_its_person_and_the_party_dealt_with():
    m = run("客户拜访纪要\n拜访时间：2025年5月14日\n我方人员：柏振宇、温若岚\n客户方人员：翟丽萍、茅建中\n后续跟进：\n"
            "1. 客户方茅建中提供产线布局图纸，下周内发给温若岚。\n2. 柏振宇与翟丽萍对接服务协议条款，5月30日前定稿。\n")
    assert [(a.task, a.owner, a.collaborators) for a in m.action_items] == [
        ("提供产线布局图纸，发给温若岚", "茅建中", []), ("与翟丽萍对接服务协议条款，定稿", "柏振宇", [])]
    assert not [f for f in m.lint if f.rule == "multiple-owners"]


def test_extract_a_condition_with_a_doer_inside_a_standing_rule_is_part_of_the_rule():
    m = run("支委会\n日期：2025年6月17日\n会议明确：今后例会每月第一周召开，如遇节假日由组织委员另行通知。\n")
    assert [d.text for d in m.decisions] == ["今后例会每月第一周召开，如遇节假日由组织委员另行通知"]
    assert m.action_items == []


def test_extract_english_minutes_with_initials_for_owners():
    m = run("MINUTES OF THE SAFETY COMMITTEE\nDate: Tuesday 11 March 2025\nPresent: Helen Brooks (Chair, HB), Kwame Mensah (KM)\n"
            "Apologies: Lee Tan\n\n2. Fire drill\nAfter discussion, it was resolved to hold the drill in April.\n\n"
            "Actions\n- KM to book the assembly area by Friday 14 March.\n- HB to brief the staff at the next team meeting.\n")
    assert [d.text for d in m.decisions] == ["hold the drill in April"]
    assert [(a.owner, a.deadline) for a in m.action_items] == [("Kwame Mensah", "2025-03-14"), ("Helen Brooks", None)]


@pytest.mark.parametrize("line", ["@sunyi 介绍了新缓存方案，压测延迟下降两成。", "@sunyi 担心和旧接口冲突，需要补测。"])
def test_extract_a_handle_that_reports_or_worries_is_the_speaker_not_the_doer(line):
    assert run(f"# SIG 例会 2025-09-18\n\n## 议题\n\n- {line}\n").action_items == []


def test_extract_a_conventional_todo_with_its_handle_in_brackets():
    m = run("# SIG 例会 2025-09-18\n\n## TODO\n\n- [ ] TODO(@sunyi): 补充兼容性测试用例，2025-09-30 前提 PR\n")
    assert [(a.task, a.owner, a.deadline) for a in m.action_items] == [("补充兼容性测试用例，提 PR", "sunyi", "2025-09-30")]


def test_extract_a_taiwan_resolution_with_the_work_in_its_clauses():
    m = run("主管會議紀錄\n時間：114年4月8日（星期二）上午9時30分\n出席：生產部 林志豪經理、人資部 蔡佩珊專員\n\n提案一：加班流程案\n"
            "決議：照案通過，由人資部蔡佩珊負責於4月30日前完成系統設定。\n提案二：備料案\n"
            "決議：同意先備足兩個月用量，生產部林志豪會同財務部於下週五前提出採購預算。\n")
    assert m.meeting.date == "2025-04-08"
    assert [d.text for d in m.decisions] == ["照案通過", "同意先備足兩個月用量"]
    assert [(a.owner, a.collaborators, a.deadline) for a in m.action_items] == [
        ("蔡佩珊", [], "2025-04-30"), ("林志豪", ["財務部"], "2025-04-18")]


def test_extract_an_owner_verb_that_is_the_work_stays_in_the_task():
    m = run("业委会会议\n日期：2025年7月12日\n参会委员：邹建国、秦海波\n工作安排：\n1. 由业委会组织验收，8月底前完成。\n")
    assert (m.meeting.attendees, [(a.task, a.owner) for a in m.action_items]) == (["邹建国", "秦海波"], [("组织验收", "业委会")])


def test_extract_a_table_of_agreed_items_with_units_and_dates_is_work():
    data = table_docx(["协调会纪要", "2025年6月5日上午，副区长辛建平主持召开协调会。"],
                      [["序号", "议定事项", "责任单位", "完成时限"],
                       ["1", "制定技术导则并下发各街道", "区住建局", "6月20日前"],
                       ["2", "清理小区周边僵尸车", "区城管局、区交警大队", "6月底前"],
                       ["3", "摸排停车需求并报区住建局", "各街道办事处", "7月10日前"]])
    m = process("jiyao.docx", data, options=Options(ref_date=date(2025, 6, 5)))
    assert m.decisions == []
    assert [(a.owner, a.collaborators, a.deadline) for a in m.action_items] == [
        ("区住建局", [], "2025-06-20"), ("区城管局", ["区交警大队"], "2025-06-30"), (None, [], "2025-07-10")]
    assert {(f.rule, f.text) for f in m.lint if f.rule in ("multiple-owners", "vague-owner")} == {
        ("multiple-owners", "清理小区周边僵尸车"), ("vague-owner", "各街道办事处")}


def test_extract_a_decision_label_ending_a_line_introduces_the_list_of_decisions():
    m = run("防汛会\n日期：2025年7月21日\n经研究，会议决定：\n1. 社区成立防汛应急小分队，由刘畅任队长。\n"
            "2. 汛期内实行24小时值班。\n工作任务：\n1. 毛文斌明早8点前完成隐患排查。\n")
    assert [d.text for d in m.decisions] == ["社区成立防汛应急小分队，由刘畅任队长", "汛期内实行24小时值班"]
    assert [(a.owner, a.deadline) for a in m.action_items] == [("毛文斌", "2025-07-22T08:00")]


def test_extract_a_turn_that_only_confirms_settles_the_proposal_before_it():
    m = run("【语音转写】市场部例会 2025年10月13日\n\n郝敏：还有一个事，今年年会我们就不请外部主持了，由内部同事轮流主持。大家没意见吧？\n"
            "众人：没有。\n郝敏：好，那就这么定了。\n邢佳：今天下班前我把节目单发到群里大家看一下。\n")
    assert [d.text for d in m.decisions] == ["今年年会我们就不请外部主持了，由内部同事轮流主持"]
    assert [(a.owner, a.deadline) for a in m.action_items] == [("邢佳", "2025-10-13")]


def test_extract_brackets_holding_an_owner_field_in_english_and_chinese():
    m = run("Ops sync\nDate: 2025-09-03\nAction items\n- [Owner: Ravi] Update the handover checklist template (due 9/5)\n"
            "- 【负责人：王强】更新交接模板（9月5日前）\n")
    assert [(a.task, a.owner, a.deadline) for a in m.action_items] == [
        ("Update the handover checklist template", "Ravi", "2025-09-05"), ("更新交接模板", "王强", "2025-09-05")]


@pytest.mark.parametrize("line", ["9月1日（周一）全员返岗，食堂同步恢复供餐。", "10月8日统一恢复正常作息时间。"])
def test_extract_a_day_then_what_happens_with_nobody_named_is_a_schedule(line):
    m = run(f"行政例会\n日期：2025年8月20日\n议题一：返岗安排\n1、{line}\n2、欧阳红负责通知各部门，8月25日前完成。\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("欧阳红", "2025-08-25")]


def test_extract_a_work_label_over_a_list_and_a_vague_doer_before_a_recurring_time():
    m = run("防汛会\n日期：2025年7月21日\n工作任务：\n1. 各班组长每晚巡查一次地下车库，发现积水及时上报。\n2. 冉秀英7月23日前更新重点人群名单。\n")
    assert [(a.task, a.owner, a.deadline) for a in m.action_items] == [
        ("每晚巡查一次地下车库，发现积水上报", None, None), ("更新重点人群名单", "冉秀英", "2025-07-23")]
    assert ("vague-owner", "各班组长") in [(f.rule, f.text) for f in m.lint]


def test_extract_an_in_progress_section_reports_and_a_question_is_no_item():
    m = run("**【周会小结】10/20**\n\n⏳ 进行中\n- 会员页改版，Kiki 这周五出高保真\n\n📝 新增 TODO\n"
            "- @林小满 周三前把排期拉出来\n- 灰度策略谁来定？——待定，周四再议\n", ref=date(2025, 10, 20))
    assert [(a.owner, a.deadline) for a in m.action_items] == [("林小满", "2025-10-22")]


def test_extract_decisions_under_a_label_that_ends_in_the_deciding_verb():
    m = run("院感委员会会议纪要\n时间：2025年10月16日\n二、会议讨论并决定：\n（一）手卫生依从率纳入科室绩效考核。\n"
            "（二）多重耐药菌病例实行一患一档管理。\n三、下一步工作要求：\n1. 各临床科室要加强接触隔离。\n")
    assert [d.text for d in m.decisions] == ["手卫生依从率纳入科室绩效考核", "多重耐药菌病例实行一患一档管理"]
    assert ("vague-owner", "各临床科室") in [(f.rule, f.text) for f in m.lint]


@pytest.mark.parametrize("header, reply", [("主任-蒋慧 09:12", "收到"), ("张磊（物业） 09:12", "好的，明白")])
def test_extract_a_chat_message_ends_the_list_the_one_before_it_opened(header, reply):
    m = run(f"【物业服务群】\n2025-05-06 周二\n\n{header}\n今天例会分工如下：\n俞晓丽周四前把报修台账整理好\n"
            f"卓文杰这周内检查一遍消防栓\n\n俞晓丽 09:20\n{reply}\n\n卓文杰 09:21\n好的\n")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("俞晓丽", "2025-05-08"), ("卓文杰", "2025-05-11")]


@pytest.mark.parametrize("sentence, decision, ground", [
    ("考虑到对方新提交了材料，经讨论，决定申请延期开庭。", "申请延期开庭", "对方新提交了材料"),
    ("鉴于样品两次检测不合格，会议决定提请质量委员会复议。", "提请质量委员会复议", "样品两次检测不合格"),
])
def test_extract_a_word_ending_in_a_marker_hands_no_work_out(sentence, decision, ground):
    m = run(f"专题会\n时间：2025年3月3日\n参会：伍强、骆佳\n一、讨论\n{sentence}\n")
    assert [(d.text, d.rationale) for d in m.decisions] == [(decision, [ground])]


@pytest.mark.parametrize("rows", [
    ["| 任务 | 负责部门 | 负责人 | 截止日期 |", "| 完成门禁系统升级 | 信息科 | 闵浩 | 7月15日 |", "| 整理新员工培训材料 | 人事处 | 车琳 | 7月20日前 |"],
    ["任务 | 负责部门 | 负责人 | 截止日期", "完成门禁系统升级 | 信息科 | 闵浩 | 7月15日", "整理新员工培训材料 | 人事处 | 车琳 | 7月20日前"],
])
def test_extract_a_bar_table_typed_in_plain_text_without_a_rule_line(rows):
    m = run("办公会\n时间：2025年7月1日\n参会：闵浩、车琳\n\n工作安排\n" + "\n".join(rows) + "\n")
    assert [(a.task, a.owner, a.owner_department, a.deadline) for a in m.action_items] == [
        ("完成门禁系统升级", "闵浩", "信息科", "2025-07-15"), ("整理新员工培训材料", "车琳", "人事处", "2025-07-20")]


def test_extract_an_arrow_to_a_vague_party_or_to_a_name_before_more_work():
    m = run("区域周会\n2025年6月9日\n参会：柯岚、鲍杰\n\n【本周重点】\n1. 门店盘点 → 柯岚 周五前\n"
            "2. 员工排班方案 → 鲍杰，6月12日前报区域\n3. 新品推广物料 → 各门店店长\n")
    assert [(a.task, a.owner, a.deadline) for a in m.action_items] == [
        ("门店盘点", "柯岚", "2025-06-13"), ("员工排班方案，报区域", "鲍杰", "2025-06-12"), ("新品推广物料", None, None)]
    assert ("vague-owner", "各门店店长") in [(f.rule, f.text) for f in m.lint]


@pytest.mark.parametrize("signature", ["\n武宏\n技术部 项目经理\n电话：010-6655 8899\n", "\n武宏\n"])
def test_extract_a_mail_signature_that_repeats_the_senders_name(signature):
    m = run("发件人: 武宏 <wuhong@example.com>\n发送时间: 2025年3月4日 17:20\n收件人: 技术部\n主题: 3/4 需求评审纪要\n\n"
            "会议时间：2025年3月4日 15:00\n各位好，今天会议待办如下：\n1. 庞玲：3月7日前提交接口文档。\n2. 祁峰负责更新原型，3月10日前完成。\n" + signature)
    assert [(a.owner, a.deadline) for a in m.action_items] == [("庞玲", "2025-03-07"), ("祁峰", "2025-03-10")]


def test_extract_entries_with_bracketed_fields_and_a_noun_ending_in_a_marker_word():
    m = run("教务例会纪要\n2025年8月26日上午，教务处在302室召开例会。教学运行科 祝令怡 记录。\n会议明确以下工作：\n"
            "（一）实验课排课方案（责任单位：实验中心；责任人：宫子健；完成时间：8月29日前）\n"
            "（二）教材发放安排（责任单位：教材科；完成时间：开学前）\n（三）各学院做好新生课程安排，尽快报教务处备案。\n")
    assert [(a.task, a.owner, a.owner_department, a.deadline) for a in m.action_items] == [
        ("实验课排课方案", "宫子健", "实验中心", "2025-08-29"), ("教材发放安排", "教材科", "教材科", None),
        ("做好新生课程安排，报教务处备案", None, None, None)]
    assert m.meeting.recorder == "祝令怡"
    assert {("vague-owner", "各学院"), ("vague-time", "尽快")} <= {(f.rule, f.text) for f in m.lint}


def test_extract_agreed_work_handed_out_from_its_first_word_is_a_task_not_a_decision():
    m = run("乡镇联席会议纪要\n时间：2024年6月14日\n一、关于防汛\n会议议定：由单立新牵头，应急办、农技站配合，6月20日前完成水库汛前检查。\n"
            "二、关于保洁\n会议同意将保洁经费纳入预算。\n")
    assert [d.text for d in m.decisions] == ["同意将保洁经费纳入预算"]
    assert [(a.owner, a.collaborators, a.deadline) for a in m.action_items] == [("单立新", ["应急办", "农技站"], "2024-06-20")]


def test_extract_a_rule_from_now_on_among_the_tasks_is_a_decision_and_a_closing_call_no_task():
    m = run("病区晨会记录\n日期：2025年3月17日\n参加：任雪、祁佳\n护士长强调：\n1. 从本周起夜班交接统一使用电子交接单。\n"
            "2. 任雪周二下班前核对交接班记录。\n请各位按时落实。\n")
    assert [d.text for d in m.decisions] == ["从本周起夜班交接统一使用电子交接单"]
    assert [(a.owner, a.deadline) for a in m.action_items] == [("任雪", "2025-03-18")]


def test_extract_a_yearless_opening_takes_its_year_from_the_date_it_is_signed_with():
    m = run("主题：交接协调会会议纪要\n\n各位同事：\n\n11月20日下午，项目部在物业服务中心召开了交接协调会。现将议定事项纪要如下：\n"
            "1. 地下车库照明整改（负责人：邹建明），11月30日前完成。\n\n项目部 钱晓东\n2024年11月21日\n")
    assert m.meeting.date == "2024-11-20"
    assert [(a.owner, a.deadline) for a in m.action_items] == [("邹建明", "2024-11-30")]


def test_extract_time_stamped_posts_by_writers_with_latin_names_and_the_one_spoken_to():
    m = run("#sales-sync 导出 2025-07-08\n\n[09:30] Maya Lin: 早，开始站会\n[09:31] Omar: 华东区的退货率上周涨了两个点\n"
            "[09:33] Maya Lin: Omar 你周三中午前把退货原因汇总一下\n[09:34] Omar: ok\n[09:35] 蒋琪: 我这周五前出一版复盘报告\n")
    assert m.meeting.attendees == ["Maya Lin", "Omar", "蒋琪"]
    assert [(a.owner, a.deadline[:10]) for a in m.action_items] == [("Omar", "2025-07-09"), ("蒋琪", "2025-07-11")]


def test_extract_a_group_that_all_agreed_decides_and_a_committee_short_name_owns():
    m = run("家长会会议记录\n时间：2024年9月20日\n主持：班主任 莫晓静\n一、关于午餐，家长们一致同意继续由学校食堂供餐。\n"
            "二、后续安排：\n1. 业委会尽快商量一下停车位的分配方案。\n")
    assert [d.text for d in m.decisions] == ["同意继续由学校食堂供餐"]
    assert [(a.owner, a.deadline) for a in m.action_items] == [("业委会", None)]
    assert {("vague-time", "尽快"), ("vague-action", "商量一下")} <= {(f.rule, f.text) for f in m.lint}


def test_extract_a_refusal_in_a_decision_cell_keeps_its_negative():
    m = run("| 议题 | 结论 |\n|---|---|\n| 采购新打印机 | 不同意，预算不足 |\n| 更换门禁 | 同意，下月实施 |\n",
            name="notes.md", ref=date(2025, 3, 12))
    assert [d.text for d in m.decisions][:1] == ["不同意，预算不足"]


def test_extract_english_decision_cells_that_approve_and_reject():
    m = run("# Change board\n\nDate: 2025-03-12\n\n| Change | Decision |\n|---|---|\n| CHG-7 Move the wiki | Approved for the May window |\n"
            "| CHG-8 New printer fleet | Rejected – budget not confirmed |\n", name="notes.md")
    assert [d.text for d in m.decisions] == ["Approved for the May window", "Rejected – budget not confirmed"]


@pytest.mark.parametrize("line, expected", [
    ("会后：更新报价单（销售主管 范晓，周四前）；联系物流商确认运费（祁东，6月3日前）。",
     [("更新报价单", "范晓", "2025-05-29"), ("联系物流商确认运费", "祁东", "2025-06-03")]),
    ("后续：整理评审录音并发群里（祁东，明天下班前）",
     [("整理评审录音并发群里", "祁东", "2025-05-28")]),
    ("后续事项：\n1. 补齐三份合同附件（主编 范晓，6月6日）\n2. 采购投影仪一台（含税，预算3000元以内）",
     [("补齐三份合同附件", "范晓", "2025-06-06"), ("采购投影仪一台（含税，预算3000元以内）", None, None)]),
])
def test_extract_an_owner_and_a_day_in_brackets_after_the_work(line, expected):
    m = run("市场部周会\n时间：2025年5月27日（周二）\n参会：范晓、祁东、严可\n" + line + "\n")
    assert [(a.task, a.owner, a.deadline) for a in m.action_items] == expected


def test_extract_a_caption_above_a_pasted_sheet_heads_its_rows():
    m = run("门店运营周会\n日期：2025-03-10\n参会：庞莉、蒋涛\n讨论\n1. 客流同比下降。\n跟进清单（共享表格导出）\n"
            "编号,任务,负责人,截止日期,备注\n1,更新门店陈列手册,庞莉,2025-03-14,\n2,盘点临期商品,蒋涛,明天,紧急\n")
    assert [(a.task, a.owner, a.deadline, a.priority) for a in m.action_items] == [
        ("更新门店陈列手册", "庞莉", "2025-03-14", "medium"), ("盘点临期商品", "蒋涛", "2025-03-11", "high")]


@pytest.mark.parametrize("kind", ["docx", "md"])
def test_extract_a_decided_work_row_with_no_doer_and_no_day_is_a_decision(kind):
    rows = [["议题", "决议事项", "负责人", "完成时限"],
            ["食堂外包", "续签原供应商一年", "—", "—"],
            ["门禁升级", "更换人脸识别闸机", "侯明", "9月30日"],
            ["车位分配", "按工龄排序抽签", "/", ""]]
    before = ["行政办公会纪要", "时间：2025年9月3日", "参会：侯明、柏玲"]
    if kind == "docx":
        m = process("notes.docx", table_docx(before, rows))
    else:
        table = "\n".join("| " + " | ".join(r) + " |" for r in rows[:1] + [["---"] * 4] + rows[1:])
        m = run("\n".join(before) + "\n\n" + table + "\n", name="notes.md")
    assert [d.text for d in m.decisions] == ["续签原供应商一年", "按工龄排序抽签"]
    assert [(a.task, a.owner, a.deadline) for a in m.action_items] == [("更换人脸识别闸机", "侯明", "2025-09-30")]


@pytest.mark.parametrize("line, decision, rationale", [
    ("客户投诉集中在周末，决定周六增加一名值班客服。", "周六增加一名值班客服", ["客户投诉集中在周末"]),
    ("2. 旧服务器保修已过期，故障频繁，一致决定年底前迁移到云主机。", "年底前迁移到云主机", ["旧服务器保修已过期，故障频繁"]),
    ("会议还确定，年会推迟到1月18日举行。", "年会推迟到1月18日举行", []),
    ("会议同时明确，报销单须附发票原件。", "报销单须附发票原件", []),
])
def test_extract_a_decision_after_the_facts_or_an_adverb(line, decision, rationale):
    m = run("部门例会\n日期：2025年11月20日\n讨论\n" + line + "\n")
    assert [(d.text, d.rationale) for d in m.decisions] == [(decision, rationale)]


@pytest.mark.parametrize("line", ["客户反馈良好，通过率提升到95%。", "这件事的决定权在总部，先等通知。",
                                  "费用偏高，决定因素是运输距离。"])
def test_extract_decision_words_inside_other_words_decide_nothing(line):
    assert run("部门例会\n日期：2025年11月20日\n讨论\n" + line + "\n").decisions == []


def test_extract_numbered_agenda_items_are_topics_not_work():
    m = run("会议纪要\n时间：2025年4月9日\n参会人员：钟敏、汤磊\n议程：1. 仓库盘点 2. 消防检查\n\n议程1：仓库盘点\n结论\n"
            "月底前完成全盘。\n待办\n钟敏负责组织盘点，4月30日前完成。\n议程2：消防检查\n待办\n汤磊更换过期灭火器（4月15日）\n")
    assert [(a.task, a.owner) for a in m.action_items] == [("组织盘点", "钟敏"), ("更换过期灭火器", "汤磊")]


def test_extract_circled_decisions_in_a_cell_whose_first_number_reads_as_its_list_mark():
    m = run("沟通时间,参与人员,决议事项\n2025-04-0915:00,钟敏/汤磊,\"①先盘A区②B区下周再定\"\n")
    assert [d.text for d in m.decisions] == ["先盘A区", "B区下周再定"]


@pytest.mark.parametrize("item, next_line", [
    ("周强下次例会前提交整改方案", "下次例会：6月12日"),
    ("周强负责，下一次会议前提交整改方案", "下次例会定于6月12日"),
    ("周强在下期例会前提交整改方案", "NEXT MEETING: June 12, 2024"),
    ("周强下次例会前提交整改方案", "Next meeting 2024-06-12"),
])
def test_extract_an_item_due_before_the_next_meeting_is_due_on_the_day_the_notes_give_it(item, next_line):
    minutes = process("n.txt", f"质量周会\n会议时间：2024年6月5日\n\n1. {item}\n\n{next_line}\n".encode("utf-8"))
    assert [(a.owner, a.deadline, a.task) for a in minutes.action_items] == [("周强", "2024-06-12", "提交整改方案")]


def test_extract_calendar_warnings_come_from_the_deadlines_the_minutes_give():
    """A year the holiday data does not cover is worth a warning where it dates work, not where a
    background line mentions a holiday of it."""
    background = run("规划研讨会\n时间：2025年3月10日\n参会：龚岚、邬宁\n讨论：二期工程按惯例在2031年国庆节前交付。\n")
    assert background.action_items == [] and not any("2031" in w for w in background.warnings)
    dated = run("规划研讨会\n时间：2031年3月10日\n参会：龚岚、邬宁\n1. 龚岚3个工作日内完成二期验收方案。\n")
    assert [a.deadline for a in dated.action_items] == ["2031-03-13"]
    assert any("2031" in w for w in dated.warnings)


@pytest.mark.parametrize("tail", [
    "发起人满意度\t（处理完成后填写）\n发起部门负责人签字\n接收部门负责人签字\t\n",
    "申请人签名：\n甲方签章：________\n部门负责人签字确认\t日期：____年__月__日\n",
])
def test_extract_a_pasted_forms_sign_off_fields_are_no_work(tail):
    m = run("跨部门问题反馈\n发起日期：2025年6月3日\n参与人员：雷鸣、柏青\n处理结果\n1. 雷鸣：6月5日前恢复报表导出\n\n" + tail)
    assert [(a.task, a.owner) for a in m.action_items] == [("恢复报表导出", "雷鸣")]


@pytest.mark.parametrize("line, owner", [("合同由雷鸣签字，6月6日前完成。", "雷鸣"), ("请财务部负责人签字后交回行政部", "财务部")])
def test_extract_asking_someone_to_sign_is_still_work(line, owner):
    m = run("跨部门问题反馈\n发起日期：2025年6月3日\n参与人员：雷鸣、柏青\n处理结果\n1. " + line + "\n")
    assert [a.owner for a in m.action_items] == [owner]


@pytest.mark.parametrize("entry", ["资产管理部 蒲晓岚：6月12日前完成固定资产盘点", "资产管理部　蒲晓岚：6月12日前完成固定资产盘点",
                                   "蒲晓岚（资产管理部）：6月12日前完成固定资产盘点", "蒲晓岚(资产管理部): 6月12日前完成固定资产盘点"])
def test_extract_a_person_and_their_department_before_the_colon(entry):
    m = run("季度盘点会\n时间：2025年6月5日\n待办：\n1. " + entry + "\n")
    assert [(a.task, a.owner, a.owner_department, a.deadline) for a in m.action_items] == [
        ("固定资产盘点", "蒲晓岚", "资产管理部", "2025-06-12")]
