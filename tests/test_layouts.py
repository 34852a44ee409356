"""Layouts read by their content, not by their words (issue: extraction that holds on real minutes).

Each case is a note written for the test in a shape the dev notes do not use; none is
taken from the scoring corpus.
"""
from __future__ import annotations

from datetime import date

import pytest
from wordfiles import word_file

from minutes import Options, process
from minutes.labels import field_of, role_of_heading


def run(text: str, name: str = "notes.md", ref: date | None = None):
    return process(name, text.encode("utf-8"), options=Options(ref_date=ref))


def tasks(minutes) -> list[tuple]:
    return [(a.task, a.owner, a.deadline) for a in minutes.action_items]


# --------------------------------------------------------------------------- #
# One label matcher
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("label, groups, field", [
    ("负责人", ("record",), "owner"),
    ("負責人（部門/姓名）", ("record",), "owner"),           # Traditional, with a note in brackets
    ("时　间", ("meeting",), "date"),                        # spaced out to line up in a form
    ("评审会议时间", ("meeting",), "date"),                   # head word: a kind of 时间
    ("验收时间", ("record",), "deadline"),
    ("实际完成时间", ("record",), "status"),                  # a modifier turns it into progress
    ("计划开始时间", ("record",), None),                      # a start is no deadline
    ("牵头单位", ("record",), "owner_department"),
    ("协同部门", ("record",), "collaborators"),
    ("Chair 主持人", ("meeting",), "host"),                   # bilingual: the Han part decides
    ("Location 会场", ("meeting",), "location"),
    ("Owners", ("record",), "owner"),                        # English plural
    ("ReviewDate", ("meeting",), "date"),                    # camelCase
    ("TODO 小周", ("content",), None),                        # a name is no label
])
def test_labels_match_listed_bilingual_and_head_words(label, groups, field):
    match = field_of(label, *groups)
    assert (match.field if match and match.field != "none" else None) == field


@pytest.mark.parametrize("heading, role", [
    ("三、跟進事項", "actions"),
    ("上期行动项回顾", "status"),
    ("会议决议", "decisions"),
    ("遗留问题", "questions"),
    # what a deliberation came to is decided; what an inspection found, or how a talk went, is not
    ("讨论结果", "decisions"),
    ("研究决定", "decisions"),
    ("會議討論結論", "decisions"),
    ("讨论情况", "info"),
    ("检查结果", None),
    # discussion and its outcome under one heading: each line says which it is
    ("讨论与决定", None),
    ("討論及結論", None),
    ("议程及讨论结果", None),
    # a pair whose parts are sections of two kinds: problems and the measures against them
    ("问题与措施", None),
    ("決議與行動項", None),
    ("參、決議", "decisions"),                 # a numbering's 、 pairs nothing
])
def test_labels_heading_roles(heading, role):
    assert role_of_heading(heading) == role


# --------------------------------------------------------------------------- #
# Tables by column content
# --------------------------------------------------------------------------- #
UNKNOWN_HEADERS = """# 仓库搬迁协调会

会议日期：2025年3月10日

| 编码 | 承接人 | 落实内容 | 完成节点 |
|---|---|---|---|
| W-01 | 戚明远 | 盘点二号库存货并出具差异清单 | 3月14日 |
| W-02 | 司徒静 | 联系搬家公司确认车辆与报价 | 3月12日前 |
| W-03 | 阮小青 | 新库区货架安装验收 | 3月20日 |
"""


def test_layouts_table_columns_typed_by_their_cells():
    m = run(UNKNOWN_HEADERS)
    assert tasks(m) == [("盘点二号库存货并出具差异清单", "戚明远", "2025-03-14"),
                        ("联系搬家公司确认车辆与报价", "司徒静", "2025-03-12"),
                        ("新库区货架安装验收", "阮小青", "2025-03-20")]


def test_layouts_table_without_any_header_words_in_word():
    rows = [["序", "人", "要做的事", "何时"],
            ["1", "欧阳倩", "整理本季度客户回访记录并归档", "4月3日"],
            ["2", "柯文博", "更新售后维修价目表", "4月8日前"]]
    m = process("t.docx", word_file(["会议时间：2025年3月31日 15:00"], rows))
    assert tasks(m) == [("整理本季度客户回访记录并归档", "欧阳倩", "2025-04-03"),
                        ("更新售后维修价目表", "柯文博", "2025-04-08")]


def test_layouts_table_done_rows_are_no_items():
    m = run("""# 技术委员会待办跟踪
会议日期：2024-09-02

| Raised | Item | Owner | State |
|---|---|---|---|
| 2024-08-05 | 发布 3.2 版本的迁移指南 | 冯启航 | 2024-08-19: close |
| 2024-08-19 | 评估日志组件替换方案 | 侯雨桐 | open |
| 2024-08-19 | 整理社区贡献者名单 | 侯雨桐 | 进行中 |
""")
    assert [t[0] for t in tasks(m)] == ["评估日志组件替换方案", "整理社区贡献者名单"]


def test_layouts_table_with_progress_columns_is_a_tracker_not_new_work():
    m = run("""# 周例会
会议日期：2024-05-06

## 任务跟踪
| 任务 | 负责人 | 计划完成 | 实际进度 | 是否滞后 |
|---|---|---|---|---|
| 供应商资质复审 | 聂可欣 | 5月3日 | 80% | 是 |
| 新员工入职手册修订 | 仇立 | 5月10日 | 40% | 否 |
""")
    assert m.action_items == []


def test_layouts_plan_column_dates_its_rows_and_splits_listed_tasks():
    m = run("""# 第五次站会
* 时间：2024.3.18 20:00

| 成员 | 今日已完成 | 明日计划 | 遇到的困难 |
| --- | --- | --- | --- |
| 符嘉怡 | 登录页样式 | #12 编写注册接口单元测试<br/>#13 修复头像上传报错 | 无 |
| 詹宇轩 | 无 | #15 整理部署文档 | 服务器权限还没批 |
""")
    assert tasks(m) == [("#12 编写注册接口单元测试", "符嘉怡", "2024-03-19"),
                        ("#13 修复头像上传报错", "符嘉怡", "2024-03-19"),
                        ("#15 整理部署文档", "詹宇轩", "2024-03-19")]


def test_layouts_timeline_table_is_not_a_task_list():
    m = run("""# 停电事件复盘
会议日期：2024-07-02

| 时间 | 事件 |
|---|---|
| 09:12 | 配电室跳闸，机房切换至UPS供电 |
| 09:40 | 值班电工到场排查 |
| 10:05 | 恢复市电供电 |
""")
    assert m.action_items == []


# --------------------------------------------------------------------------- #
# The meeting's own date
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("note, day, start", [
    ("### 20240812-接口联调问题及分工\n与会人员：宁远 柯蓝\n", "2024-08-12", None),             # in the heading
    ("品控周会 2024.5.13（一）9:30 @二楼会议室\n主持 仲秋\n", "2024-05-13", "09:30"),          # in the title line
    ("# Design review\n\n**Date:** Thu, Apr 11 2024, 15:00\n", "2024-04-11", "15:00"),           # English, by the grammar
    ("# Revue produit\n\nDate : mardi 3 décembre 2024, 14h\nAnimateur : 方舟\n", "2024-12-03", None),   # French, by dateparser
    ("合作方例会\n日期：12 de diciembre de 2024\n主持：韦一\n", "2024-12-12", None),                       # Spanish
    ("協力會議\n日期：2024년 3월 5일\n", "2024-03-05", None),                                                 # Korean
    ("供应商对账会\n会议日期：05-Mar-2024\n", "2024-03-05", None),
    ("某区住建局\n\n二〇二四年三月五日上午，局长在三楼会议室主持召开安全生产专题会。\n", "2024-03-05", None),
    ("學務處會議紀錄\n開會時間：中華民國113年10月2日（星期三）下午2時\n", "2024-10-02", "14:00"),   # ROC year
    ("汇报日期：2024-06-1914:00\n", "2024-06-19", "14:00"),                                        # a time glued to the date
])
def test_layouts_meeting_date_where_notes_put_it(note, day, start):
    m = run(note, name="n.md").meeting
    assert (m.date, m.start_time) == (day, start)


@pytest.mark.parametrize("note, host, recorder, location", [
    ("值守碰头会 2024.4.26（五）16:00 @仓储部小会议室\n主持 闻人澈 / 记录 车瑶\n", "闻人澈", "车瑶", "仓储部小会议室"),
    ("设备例会 2024-04-26 ＠二号厂房培训室\n主持人 辛悦 | 记录 牛犇\n", "辛悦", "牛犇", "二号厂房培训室"),
    ("设备例会 2024-04-26 @所有人\n主持 辛悦 / 记录 牛犇\n", "辛悦", "牛犇", None),          # @ people names no place
])
def test_layouts_terse_header_lines_with_spaced_labels_and_a_room_after_at(note, host, recorder, location):
    m = run(note + "\nTODO\n· 更换滤芯 → 牛犇，周五\n", name="n.txt")
    assert (m.meeting.host, m.meeting.recorder, m.meeting.location) == (host, recorder, location)


def test_layouts_a_header_sentence_with_fields_after_its_date():
    m = run("华南新仓启用项目进度跟踪表\n周例会：2024年6月4日（周二）9:30，项目办公室。主持：闻静；记录：钮然。\n"
            "待办：\n1. 钮然6月7日前提交排班表。\n", name="n.txt")
    assert (m.meeting.date, m.meeting.start_time, m.meeting.host, m.meeting.recorder) == ("2024-06-04", "09:30", "闻静", "钮然")
    assert [a.owner for a in m.action_items] == ["钮然"]


@pytest.mark.parametrize("opening, host, recorder, location", [
    ("2024年5月7日下午，区卫健局在四楼会议室召开院感防控推进会。会议由副局长欧阳敏主持，各科室负责人参加，办公室严蕾记录。",
     "欧阳敏", "严蕾", "四楼会议室"),
    ("2024年5月7日15:00在质控中心会议室召开问题协调会，主持：晏青（质控科），记录：祁岚，参加：门诊部、药剂科。",
     "晏青", "祁岚", "质控中心会议室"),
])
def test_layouts_roles_and_place_from_an_opening_sentence(opening, host, recorder, location):
    m = run(opening + "\n\n会议要求，药剂科5月10日前完成处方点评。\n", name="n.txt")
    assert (m.meeting.host, m.meeting.recorder, m.meeting.location) == (host, recorder, location)
    assert [a.owner for a in m.action_items] == ["药剂科"]          # the opening hands out no work


def test_layouts_meeting_date_is_not_the_issue_date_nor_an_agenda_date():
    m = run("市场监管所会议纪要\n\n市场监管所办公室　　2024年5月9日\n\n"
            "2024年5月7日下午，所长在二楼会议室主持召开节前食品安全检查部署会。\n").meeting
    assert m.date == "2024-05-07"
    m = run("促销碰头会\n\n1. 节奏\n- 主会场 8/20 10:00 开\n", name="n.txt").meeting
    assert m.date is None                     # a date inside the content is no meeting date


def test_layouts_meeting_date_without_year_takes_the_nearest_year():
    m = run("周会\n会议时间：1月3日 10:00\n", ref=date(2024, 12, 28)).meeting
    assert m.date == "2025-01-03"
    m = run("Point hebdo\nDate : 3 janvier\n", ref=date(2024, 12, 28)).meeting
    assert m.date == "2025-01-03"
    m = run("Point hebdo\nDate : 3 janvier\n").meeting
    assert m.date is None                     # no year and no reference date: unknown


# --------------------------------------------------------------------------- #
# Noise is not content
# --------------------------------------------------------------------------- #
def test_layouts_email_routing_signature_and_quote_are_no_content():
    m = run("发件人: 卜晓东 <buxd@example.cn>\n发送时间: 2025年2月11日 18:05\n收件人: 设备部; 安环部\n"
            "主题: 【纪要】锅炉房改造协调会\n\n各位好，纪要如下：\n\n会议时间：2025年2月11日 14:00\n\n"
            "待办：\n1. 安环部蓝欣：提交动火作业审批单，2月14日前。\n\n以上，谢谢！\n\n卜晓东\n设备部 | 主管\n"
            "电话：021-5555xxxx\n\n-----原始邮件-----\n发件人: 蓝欣\n主题: 关于锅炉房\n下周一前请把图纸发我。\n", name="mail.txt")
    assert tasks(m) == [("提交动火作业审批单", "蓝欣", "2025-02-14")]
    assert m.meeting.date == "2025-02-11"


@pytest.mark.parametrize("note, location", [
    ("季度安全例会纪要\n会议时间\n2024年4月2日 9:30\n会议地点\n三楼会议室\n主持人\n邵岚\n参会人员\n邵岚、柯文、韦青\n\n"
    "待办事项\n1. 柯文4月9日前更换消防栓标识。\n", "三楼会议室"),
    ("季度安全例會紀錄\n\n會議時間\n\n2024年4月2日 9:30\n\n會議地點\n\n三樓會議室\n\n主持人\n\n邵嵐\n\n出席人員\n\n邵嵐、柯文、韋青\n",
     "三樓會議室"),
])
def test_layouts_a_form_pasted_as_text_has_its_labels_on_lines_of_their_own(note, location):
    """Copied out of a Word form, each cell becomes a line: the label line and the line under it."""
    m = run(note, name="n.txt")
    assert (m.meeting.date, m.meeting.start_time, m.meeting.location) == ("2024-04-02", "09:30", location)
    assert len(m.meeting.attendees) == 3 and m.meeting.host == m.meeting.attendees[0]


@pytest.mark.parametrize("note", [
    "業主委員會會議紀錄\n\n日期：2024年3月8日（星期五）\n時間：下午2時\n地點：會所\n\n跟進事項：\n1. 管理處於3月15日前更換大堂照明。\n",
    "食堂管理小组会议\n日期：2024-03-08\n时间：14:00\n主题：菜价调整\n\n待办：\n1. 管理处于3月15日前更换餐具消毒柜。\n",
])
def test_layouts_a_form_opening_with_date_and_time_is_no_email(note):
    """日期：/时间：/主题： are a minutes form's fields too: without 发件人 or 收件人 they start no mail,
    and what follows is no quoted message."""
    m = run(note, name="n.txt")
    assert m.meeting.date == "2024-03-08" and [a.deadline for a in m.action_items] == ["2024-03-15"]


@pytest.mark.parametrize("furniture", ["— 2 —", "第 1 页 共 3 页", "内部资料，请勿外传", "（共印 8 份）", "——————————",
                                       "最后编辑：任一 2025-02-11 18:30", "审批人签字：________  ____年__月__日"])
def test_layouts_page_furniture_inside_an_action_list_is_no_item(furniture):
    m = run(f"周例会\n会议时间：2025年2月10日\n\n待办：\n1. 邝敏周三前提交预算表。\n{furniture}\n2. 翟远周五前完成巡检。\n",
            name="n.txt")
    assert [t[1] for t in tasks(m)] == ["邝敏", "翟远"]


def test_layouts_traffic_light_priorities_and_struck_rows_in_a_table():
    m = run("# 故障复盘\n\n会议日期：2024-10-21\n\n| 优先级 | 改进项 | Owner | 期限 |\n|---|---|---|---|\n"
            "| 🔴 | 给订单库加只读副本 | @qiao-n | 本周五 |\n| 🟡 | 补慢查询告警 | @wen.y | 11/1 |\n"
            "| 🟢 | 复盘文档归档 | @wen.y | 11月中旬 |\n| 🟢 | ~~更换连接池组件~~ | ~~@qiao-n~~ | 不做了 |\n")
    assert [(a.task, a.priority) for a in m.action_items] == [
        ("给订单库加只读副本", "high"), ("补慢查询告警", "medium"), ("复盘文档归档", "low")]


def test_layouts_a_row_without_a_deadline_column_takes_the_day_in_its_task():
    m = run("# SIG 例会\n\n会议日期：2024-09-02\n\n| 提出日期 | 事项 | 负责人 | 状态 |\n|---|---|---|---|\n"
            "| 20240805 | 9月底前在双周会上汇报内存子系统的选型 | 阎松 | open |\n"
            "| 20240819 | 整理 9月10日之前的 CI 失败记录 | 濮阳青 | open |\n")
    assert [(a.task, a.deadline) for a in m.action_items] == [
        ("在双周会上汇报内存子系统的选型", "2024-09-30"), ("整理 9月10日之前的 CI 失败记录", None)]


def test_layouts_struck_through_work_in_an_open_box_is_cancelled():
    m = run("# 周会\n会议日期：2025-03-03\n\n## 待办\n- [ ] ~~采购投影仪 @巫晨~~\n- [ ] 盘点备品备件 @温岚 3月第一周\n")
    assert [a.owner for a in m.action_items] == ["温岚"]
    assert ("vague-time", "3月第一周") in [(f.rule, f.text) for f in m.lint]


def test_layouts_chat_system_lines_and_done_marks_are_no_items():
    m = run("# 周会\n会议日期：2025-03-03\n\n## 待办\n- ✅ 更新值班表 @巫晨\n- ~~采购投影仪 @巫晨~~（取消）\n"
            "- 跟进发票报销 @温岚 —— close\n- 盘点备品备件 @温岚 周五前\n- 温岚撤回了一条消息\n")
    assert tasks(m) == [("盘点备品备件", "温岚", "2025-03-07")]


CHAT_EXPORT = ("微信群聊记录\n导出时间：2024-05-21 18:00\n\n2024-05-20 星期一\n\n"
               "[15:00:05] 申屠岚(行政部)：今天我来主持，@阚明 麻烦记一下纪要\n"
               "[15:00:40] 阚明(行政部)：好的\n"
               "[15:20:11] 申屠岚(行政部)：\n分工如下：\n· 阚明：整理会议室预订规则，周三前\n· 郜帆：更新访客登记表，周五前\n"
               "[15:21:02] 郜帆(前台)：收到\n[15:21:30] 阚明(行政部)：👌 没问题\n")


def test_layouts_chat_messages_with_their_writers_department():
    """[时间] 姓名(部门)：… messages: the bare day line dates the meeting (not the export), the writer who
    says 我来主持 chairs, the one asked to 记一下纪要 keeps the minutes, and replies after the list are no tasks."""
    m = run(CHAT_EXPORT, name="chat.txt")
    assert (m.meeting.date, m.meeting.host, m.meeting.recorder) == ("2024-05-20", "申屠岚", "阚明")
    assert tasks(m) == [("整理会议室预订规则", "阚明", "2024-05-22"), ("更新访客登记表", "郜帆", "2024-05-24")]


@pytest.mark.parametrize("opening, host, recorder", [
    ("上官悦：这次由我主持，请司马青做一下记录。", "上官悦", "司马青"),
    ("Kevin: 我主持一下，@林岚 帮忙记纪要", "Kevin", "林岚"),
])
def test_layouts_roles_said_in_a_transcript_are_meeting_info_not_tasks(opening, host, recorder):
    m = run(f"仓储周会 转写稿\n会议时间：2024年6月3日\n{opening}\n林岚：盘点差异我周三前查清。\n", name="t.txt")
    assert (m.meeting.host, m.meeting.recorder) == (host, recorder)
    assert [t[1] for t in tasks(m)] == ["林岚"]


# --------------------------------------------------------------------------- #
# Sections read by their lines
# --------------------------------------------------------------------------- #
def test_layouts_unknown_heading_over_work_handed_out_is_an_actions_section():
    m = run("装修协调会\n会议时间：2025年4月2日 9:00\n\n【收尾工作】\n1. 灯具更换：祝涛，4月5日前\n"
            "2. 地面打蜡 - 房佳 - 下周一\n3. 家具验收（鄂明）\n4. 垃圾清运：物业部\n", name="n.txt")
    assert [(t, o) for t, o, _ in tasks(m)] == [("灯具更换", "祝涛"), ("地面打蜡", "房佳"), ("家具验收", "鄂明"),
                                                ("垃圾清运", "物业部")]


def test_layouts_a_caption_above_a_list_heads_it():
    m = run("值班碰头会 2025.1.20\n\n背景\n- 去年春节共接警12起\n\nTODO\n- 排班表 → 骆颖，1月22日前\n"
            "- 应急物资清点 → 冷峰，节前\n", name="n.txt")
    assert [(t, o) for t, o, _ in tasks(m)] == [("排班表", "骆颖"), ("应急物资清点", "冷峰")]


def test_layouts_topic_with_a_presenter_is_no_task():
    m = run("# 社区例会\n会议日期：2025-05-06\n\n## 议程\n- 2.0 版本发布回顾 —— @lin-qi\n- 文档站改版（@ouyang）\n"
            "## 记录\n- 下一版计划 6 月发布\n")
    assert m.action_items == []


# --------------------------------------------------------------------------- #
# People as teams write them
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("line, owner", [
    ("采购部：补齐供应商审计报告（联系人：屠睿），5月30日前", "屠睿"),
    ("质量部蒋晓：修订检验规程，5月30日前", "蒋晓"),
    ("会务组（Vivian）：打印参会手册，5月30日前", "Vivian"),
    ("打印参会手册 -- 牛犇，5月30日前", "牛犇"),
    ("固定资产盘点，财务部和行政部一起弄，5月30日前", "财务部"),
])
def test_layouts_owner_shapes(line, owner):
    m = run(f"行政例会\n会议时间：2025年5月20日\n\n待办：\n1. {line}\n", name="n.txt")
    assert [a.owner for a in m.action_items] == [owner]


@pytest.mark.parametrize("line, owner, department", [
    ("会议要求，巡检台账由设备部司马岚整理，5月30日前报送。", "司马岚", "设备部"),          # department, then the name
    ("会议要求，消防演练由安保部主管晏青牵头，5月30日前完成。", "晏青", "安保部"),           # …with a post between
    ("门禁系统升级，由信息中心牵头（阙宇），5月30日前。", "阙宇", "信息中心"),              # the one who answers, in brackets
])
def test_layouts_a_person_named_for_a_department_owns_the_task(line, owner, department):
    m = run(f"行政例会\n会议时间：2025年5月20日\n\n{line}\n", name="n.txt")
    assert [(a.owner, a.owner_department) for a in m.action_items] == [(owner, department)]


@pytest.mark.parametrize("cell, owner, department", [
    ("客服中心/郦敏", "郦敏", "客服中心"),
    ("人力资源部（芮琳）", "芮琳", "人力资源部"),
    ("售后服务部（联系人：龙婷）", "龙婷", "售后服务部"),
    ("财务部（财务总监）", "财务部", "财务部"),               # a post in brackets names no one
])
def test_layouts_owner_cell_with_a_department_and_its_person(cell, owner, department):
    m = run(f"| 事项 | 负责人 | 完成时间 |\n|---|---|---|\n| 更新报销指引 | {cell} | 2025-05-30 |\n", name="n.md")
    assert [(a.owner, a.owner_department) for a in m.action_items] == [(owner, department)]


@pytest.mark.parametrize("line, task, deadline", [
    ("· 5/10 之前的差旅报销审核 → 鄢娟，3个工作日内", "5/10 之前的差旅报销审核", "2025-05-23"),
    ("· 月底前的库存差异复核：韩冰，下周三", "月底前的库存差异复核", "2025-05-28"),
])
def test_layouts_a_date_describing_the_task_is_not_its_deadline(line, task, deadline):
    """A time before 的 says what the task is about; the day after the owner is when it is due."""
    m = run(f"周会\n会议时间：2025年5月20日\n\n待办：\n{line}\n", name="n.txt")
    assert [(a.task, a.deadline) for a in m.action_items] == [(task, deadline)]


def test_layouts_names_written_with_their_posts():
    """主席 鄔明遠校長 chairs; 教務處（閻秀琴主任） in a 辦理單位 column is the person who answers for it."""
    m = process("t.docx", word_file(["會議時間：2024年9月11日上午10時", "主席：鄔明遠校長", "紀錄：許雅筑"],
                                     [["辦理單位", "交辦事項", "完成期限"], ["教務處（閻秀琴主任）", "彙整段考命題進度", "9月27日"],
                                      ["總務處", "完成監視系統汰換招標", "10月31日"]]))
    assert (m.meeting.host, m.meeting.recorder) == ("鄔明遠", "許雅筑")
    assert [(a.owner, a.owner_department) for a in m.action_items] == [("閻秀琴", "教務處"), ("總務處", "總務處")]


def test_layouts_two_departments_with_a_slash_are_two_owners():
    m = run("| 事项 | 负责人 | 完成时间 |\n|---|---|---|\n| 更新报销指引 | 财务部/行政部 | 2025-05-30 |\n", name="n.md")
    assert [f.rule for f in m.lint if f.rule == "multiple-owners"] == ["multiple-owners"]


def test_layouts_attendees_listed_under_an_empty_label_without_indent_in_word():
    m = process("t.docx", word_file(["会议时间：2026年1月14日 9:00", "参会人员：", "总经办 邵宏（总经理）", "销售部 高峰",
                                     "人力资源部 秦川", "议程：", "经营情况", "待办：", "1. 高峰1月20日前提交续约清单。"]))
    assert m.meeting.attendees == ["邵宏", "高峰", "秦川"]
    assert [(a.owner, a.owner_department) for a in m.action_items] == [("高峰", "销售部")]


def test_layouts_attendee_section_lists_handles_links_and_mail():
    m = run("# 2025-02-12 SIG 例会\n\n## 与会人员\n- [qiu-lan](https://example.org/qiu-lan)\n- @ma_yun(ma@example.org)\n"
            "- wu.dan@example.com\n- 贾岚 祁思远\n\n## 纪要\n- 讨论了发布节奏\n")
    assert m.meeting.attendees == ["qiu-lan", "ma_yun", "wu.dan@example.com", "贾岚", "祁思远"]


def test_layouts_traditional_script_speakers_chair_and_hedges():
    """發言人2 is a numbered speaker, 副總經理趙建國…主持召開 names the chair, 瞭解一下 hedges."""
    m = run("2024年3月21日下午，公司副總經理趙建國在辦公樓三樓會議室主持召開安全生產專題會議。\n\n"
            "發言人1：那導出超時這個誰來處理\n發言人2：這個我這邊跟一下下週二之前吧\n發言人1：行 那就下週二\n"
            "發言人3：採購那邊我去瞭解一下\n", name="t.txt", ref=date(2024, 3, 21))
    assert (m.meeting.host, m.meeting.location) == ("趙建國", "辦公樓三樓會議室")
    assert ("發言人2", "2024-03-26") in [(a.owner, a.deadline) for a in m.action_items]
    assert "瞭解一下" in [f.text for f in m.lint if f.rule == "vague-action"]


def test_layouts_work_handed_to_everyone_in_a_turn_is_flagged_as_no_ones():
    m = run("仓储周会 转写稿\n会议时间：2025-04-15\n[00:01:10] 宗岩：先说退货区。\n[00:02:30] 霍青：退货区上周多了三成。\n"
            "[00:05:45] 宗岩：另外退货区的货架标签，大家回去都看一下。\n[00:06:10] 宗岩：今天先到这。\n", name="t.txt")
    assert m.meeting.date == "2025-04-15"             # a labelled date over time-stamped turns is no day divider
    assert [(a.owner, a.vague_owner) for a in m.action_items] == [(None, "大家")]
    assert {"vague-owner", "missing-owner"} <= {f.rule for f in m.lint}


TURNS = ("配送周会 录音整理\n录音时间：2025-04-15 09:30\n参会：甘霖、裴敏、蓝青\n"
         "[00:00:10] 甘霖：先说夜班，分拣堆住了。\n"
         "[00:01:40] 裴敏：人这块我可以从佛山调三个过去，下周一上午之前到位。\n"
         "[00:02:05] 甘霖：行，裴敏你来调。\n"
         "[00:05:02] 甘霖：另外夜班的排班，蓝青这个月底前重新排，把时效拉回36小时以内。\n"
         "[00:05:20] 蓝青：没问题。\n")


WECHAT = ("微信聊天记录导出\n群聊：门店巡检群\n\n———— 2024年11月12日 ————\n\n"
          "卢晓峰 10:01\n先说冷柜。@庞岚 你那边什么情况\n\n"
          "庞岚 10:03\n两台压缩机声音大，厂家说周四来看\n\n"
          "卢晓峰 10:25\n我觉得可以再加一次夜间巡检，@闵雯 你出个夜间巡检排班表\n\n"
          "闵雯 10:30\n好的，我周五前发群里\n\n"
          "卢晓峰 10:31\n行，就交给@庞岚，11.14前把维修单报上来\n")


def test_layouts_chat_questions_views_and_replies_that_name_the_day():
    """你那边什么情况 is a question; the ask after 我觉得… is still an ask; the reply 我周五前发群里
    gives the asked task its day; a cut @ or 行， leaves no litter in the task."""
    m = run(WECHAT, name="chat.txt")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("闵雯", "2024-11-15"), ("庞岚", "2024-11-14")]
    assert m.action_items[0].task == "出个夜间巡检排班表"
    assert "@" not in m.action_items[1].task and not m.action_items[1].task.startswith("行")


def test_layouts_spoken_commitments_keep_their_words_and_targets_are_no_deadlines():
    """到位 after a date carries the sentence before it; 行，你来调 hands back what was offered;
    拉回36小时以内 is a target, not a second deadline."""
    m = run(TURNS, name="t.txt")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("裴敏", "2025-04-21"), ("蓝青", "2025-04-30")]
    assert "佛山调三个" in m.action_items[0].task and "36小时以内" in m.action_items[1].task


def test_layouts_unpunctuated_transcript_commitments_belong_to_numbered_speakers():
    m = run("录音时间：2025-06-03 15:00\n发言人1：好 那开始吧 上周那个对账差异谁来查\n"
            "发言人2：嗯 这个我这边来查一下下周二之前吧\n发言人1：行 那就下周二\n"
            "发言人3：我觉得这个问题不大 月底前再看\n", name="t.txt")
    assert [(o, d) for _, o, d in tasks(m)] == [("发言人2", "2025-06-10")]


# --------------------------------------------------------------------------- #
# --explain
# --------------------------------------------------------------------------- #
def test_layouts_explain_says_which_layout_read_each_block_and_why():
    note = ("巡检周会\n会议时间：2025年3月3日\n\n【本周安排】\n1. 更换灭火器：乔楠，3月5日前\n2. 检查应急灯 - 白羽 - 周五\n\n"
            "| 编码 | 承接人 | 落实内容 | 完成节点 |\n|---|---|---|---|\n| A1 | 戚明远 | 清理消防通道 | 3月7日 |\n"
            "| A2 | 司徒静 | 补充急救箱药品 | 3月6日 |\n\n— 2 —\n")
    m = process("n.md", note.encode("utf-8"), options=Options(explain=True))
    blocks = {b.layout: b for b in m.explain}
    assert blocks["sections"].role == "actions" and "分派工作" in blocks["sections"].evidence
    assert blocks["sections"].items == 2
    assert blocks["table"].items == 2 and "承接人 → owner" in blocks["table"].evidence
    assert blocks["noise"].evidence == "页码"
    assert "explain" in m.to_dict() and "explain" not in run(note).to_dict()


# --------------------------------------------------------------------------- #
# Priority marks, groups and roles
# --------------------------------------------------------------------------- #
def test_layouts_priority_marks_follow_the_notes_legend():
    m = run("装车调度会 2025-07-01\n（◆ 为普通，★ 为特急）\n\n分工\n- ★ 冷链车辆检修：卫东，7月3日前\n"
            "- 🟢 整理装车照片：甘露，7月5日前\n- 月台清洁：甘露，7月4日前\n", name="n.txt")
    assert [(a.task, a.priority) for a in m.action_items] == [
        ("冷链车辆检修", "high"), ("整理装车照片", "low"), ("月台清洁", "medium")]


def test_layouts_group_members_and_roles_own_their_lines():
    m = run("平台周会 2025-07-07\n参会：魏然、邹宁、丰禾\n\n本周安排\n"
            "   后端小组（魏然、邹宁）：网关限流改造，7月11日前\n   前端：新版首页联调，7月10日\n"
            "   丰禾：整理接口文档，周三前\n", name="n.txt")
    assert [(a.owner, a.owner_department, a.collaborators) for a in m.action_items] == [
        ("魏然", "后端小组", ["邹宁"]), ("前端", "前端", []), ("丰禾", None, [])]


# --------------------------------------------------------------------------- #
# The meeting's own title
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("note, title", [
    ("恒远物流有限公司\n第三季度安全生产例会\n会议纪要\n\n会议时间：2025年7月8日\n", "第三季度安全生产例会"),
    ("微信聊天记录导出\n群聊：门店筹备群\n\n———— 2025年7月8日 ————\n", None),
    ("某市交通运输局会议纪要（节选）\n\n2025年7月8日上午，局长主持召开第7次局务会议，研究道路养护工作。\n",
     "第7次局务会议"),
])
def test_layouts_title_is_the_meeting_not_the_organisation_series_or_banner(note, title):
    assert run(note, name="n.txt").meeting.title == title


def test_layouts_form_with_labels_over_values():
    rows = [["会议主题", "时间", "地点/线上", "参会部门及人员"],
            ["年中盘点复核会", "2025年6月30日 15:00", "线上（腾讯会议）", "仓储部：屈南、蓝天；财务部：费雯"]]
    m = process("t.docx", word_file([], rows)).meeting
    assert (m.title, m.date, m.start_time, m.location) == ("年中盘点复核会", "2025-06-30", "15:00", "线上（腾讯会议）")
    assert m.attendees == ["屈南", "蓝天", "费雯"] and set(m.departments) == {"仓储部", "财务部"}


# --------------------------------------------------------------------------- #
# 下次例会前: the next meeting's date when the notes give it
# --------------------------------------------------------------------------- #
def test_layouts_before_the_next_meeting_is_its_date_when_stated():
    note = ("教研组例会\n会议时间：2025年3月5日\n\n待办：\n1. 庞悦下次例会前提交期中命题初稿。\n\n"
            "下次例会：2025年3月19日（周三）15:30\n")
    m = run(note, name="n.txt")
    assert [(a.owner, a.deadline, a.deadline_text) for a in m.action_items] == [("庞悦", "2025-03-19", "下次例会前")]
    undated = run(note.replace("下次例会：2025年3月19日（周三）15:30\n", ""), name="n.txt")
    assert undated.action_items[0].deadline is None
    assert "missing-deadline" in {f.rule for f in undated.lint}


def test_layouts_header_line_of_fields_set_apart_by_bars():
    m = run("Platform Weekly Sync\n2025-05-20 (Tue) 14:00-14:30 | Host: Ruby | Notes: Owen\n\n"
            "== Action items ==\n- [ ] @Owen publish the release notes — Thu\n", name="n.txt")
    assert (m.meeting.date, m.meeting.start_time, m.meeting.host, m.meeting.recorder) == \
        ("2025-05-20", "14:00", "Ruby", "Owen")
    assert [a.owner for a in m.action_items] == ["Owen"]


def test_layouts_a_name_the_notes_define_for_an_organisation_acts_as_a_party():
    m = run("设备采购谈判记录\n时间：2025年4月8日 10:00\n供应商：恒盛机电设备有限公司（以下简称“恒盛”）\n\n"
            "恒盛承诺首批两台设备于4月30日前到货。\n恒盛须于4月15日前提供设备检测报告。\n", name="n.txt")
    assert [(a.owner, a.deadline) for a in m.action_items] == [("恒盛", "2025-04-30"), ("恒盛", "2025-04-15")]
