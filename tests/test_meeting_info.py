"""The meeting's information as people write it where no tidy label gives it: who took part,
when it started, where it sat, who chaired and who took notes.

Every note here is written for the test (a chat post, an e-mail, a Word form, a
Traditional-script note, an opening sentence); none is taken from the scoring corpus.
"""
from __future__ import annotations

import pytest
from wordfiles import word_file

from datetime import date

from minutes import Options, process


def meeting_of(text: str, name: str = "notes.txt"):
    return process(name, text.encode("utf-8")).meeting


# --------------------------------------------------------------------------- #
# Who took part
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("note, attendees, departments", [
    # an e-mail: people under department headings in brackets
    ("主题：三季度渠道复盘会纪要\n时间：2024年9月26日 14:00\n与会者：\n【渠道部】\n唐一帆、葛佩\n【财务部】\n施雨桐\n\n"
     "一、回款情况\n九月回款率91%。\n", ["唐一帆", "葛佩", "施雨桐"], {"渠道部", "财务部"}),
    # Traditional script: 部門：people lines under an empty label
    ("資訊設備汰換會議\n日期：2024年5月7日\n出席人員：\n資訊室：林宜蓁、蔡孟儒\n總務處：陳冠廷\n\n討論事項\n一、筆電汰換。\n",
     ["林宜蓁", "蔡孟儒", "陳冠廷"], {"資訊室", "總務處"}),
    # a 列席 note with a comma inside its bracket keeps the person and the department
    ("采购评审会\n日期：2024-03-12\n参会人员：龙晓、符佳\n列席：郑雅（法务部，第三项议题）\n",
     ["龙晓", "符佳", "郑雅"], {"法务部"}),
    # two-character names padded to the width of three
    ("党支部学习会\n日期：2024年6月28日\n出席：邱志明　　汪　洋　　孔令辉\n", ["邱志明", "汪洋", "孔令辉"], None),
    # a list label that names the members who sit (出席代表, 与会嘉宾)
    ("职工代表座谈会\n日期：2024年12月3日\n出席代表：沈嘉禾、雷鸣远、苗一诺\n与会嘉宾：工会办公室 鲍素琴\n",
     ["沈嘉禾", "雷鸣远", "苗一诺", "鲍素琴"], None),
    # the writer of the note is no attendee by name
    ("展会筹备碰头\n日期：2024-08-19\n参加：丁浩、严可，我做记录\n", ["丁浩", "严可"], None),
    # ranks after the names, with a space, glued or with the department in brackets; the list runs on
    ("病区质控会\n日期：2025年4月9日\n参加人员：卞文轩 主任医师、宓春燕 副主任护师（护理部）、\n"
     "阙志远主治医师、乐佳怡 护士长\n\n一、质控数据\n", ["卞文轩", "宓春燕", "阙志远", "乐佳怡"], None),
    # a list in lines indented under its label, each name with its office and post after it
    ("协调会纪要\n日期：2025年4月9日\n出席：籍振国　区政府副区长\n　　　经海燕　区财政局副局长\n"
     "　　　冷志成　区住建局局长\n记录：官婷\n\n一、关于资金\n", ["籍振国", "经海燕", "冷志成", "官婷"], None),
    # parents named by their child, the teacher's post before her name and her title after it
    ("家委会会议\n日期：2025年8月26日\n出席：班主任 鲁雅琴老师；家委会成员 邬可馨妈妈（主任）、罗一鸣爸爸、庄晓彤妈妈\n",
     ["鲁雅琴", "邬可馨妈妈", "罗一鸣爸爸", "庄晓彤妈妈"], None),
    # a standing glued before the name; a Latin given name with a Han surname
    ("课题组会\n日期：2025年12月1日\n参加：梅立新老师，博士生卜雨桐、舒博涵，硕士生东方悦\n", ["梅立新", "卜雨桐", "舒博涵", "东方悦"], None),
    ("增长周会\n日期：2025-06-10\n参与者：@Vivian 周（PM）、@Leo、@Hank 许\n", ["Vivian 周", "Leo", "Hank 许"], None),
])
def test_meeting_attendee_lists_as_people_write_them(note, attendees, departments):
    m = meeting_of(note)
    assert m.attendees == attendees
    if departments is not None:
        assert set(m.departments) == departments


@pytest.mark.parametrize("note, host, recorder, attendees", [
    ("周例会\n日期：2024-04-08\n主持：房立\n记录：伍珊\n参会：钱涛、祁悦\n", "房立", "伍珊", ["房立", "钱涛", "祁悦", "伍珊"]),
    ("季度經營會議\n時間：2024年7月2日\n主席：副總經理 韋立群\n紀錄：秘書室 郭佩芸\n出席：業務部 林子豪、財務部 蘇怡君\n",
     "韋立群", "郭佩芸", ["韋立群", "林子豪", "蘇怡君", "郭佩芸"]),
    # the role in brackets after a name in the attendee list, in any of its labels
    ("Infra sync\nDate: 2025-03-06\nAttendees: Dana Wu (chair), Omar Reyes, Lena Park (scribe)\n",
     "Dana Wu", "Lena Park", ["Dana Wu", "Omar Reyes", "Lena Park"]),
    ("周例会\n日期：2024-04-08\n参会：房立（主持人）、钱涛、伍珊（纪要整理）\n", "房立", "伍珊", ["房立", "钱涛", "伍珊"]),
    # the chair's post before the name in the list of those present
    ("管委會會議\n日期：2025年8月14日\n出席：主席 鄧家明先生、委員 何美玲女士\n記錄：何美玲\n", "鄧家明", "何美玲", ["鄧家明", "何美玲"]),
])
def test_meeting_chair_and_note_taker_are_attendees(note, host, recorder, attendees):
    m = meeting_of(note)
    assert (m.host, m.recorder, m.attendees) == (host, recorder, attendees)


def test_meeting_chat_posts_give_writers_their_departments_and_the_call_its_people():
    chat = ("钉钉群聊记录\n群名：门店巡检协调群\n\n2024-10-15 星期二\n\n"
            "[14:00:06] 系统消息：葛薇 发起了语音会议\n"
            "[14:00:31] 葛薇(运营部)：人到齐了，先说上周巡检结果\n"
            "[14:02:10] 柯南星(安保部)：三家店的消防通道有堆货\n"
            "[14:05:44] 冉静(商品部)：堆货是新到的秋装，明天清走\n"
            "[14:20:02] 系统消息：语音会议已结束，参会人：葛薇、柯南星、冉静、包宇\n")
    m = meeting_of(chat)
    assert m.attendees == ["葛薇", "柯南星", "冉静", "包宇"]
    assert set(m.departments) == {"运营部", "安保部", "商品部"}
    assert (m.date, m.start_time) == ("2024-10-15", "14:00")


@pytest.mark.parametrize("other_side", ["合作方：远帆物流科技有限公司 运营总监 葛天舒、项目经理 吉安",
                                        "客户：远帆物流 运营总监 葛天舒；项目经理 吉安"])
def test_meeting_the_other_sides_people_follow_our_list(other_side):
    note = ("合作洽谈纪要\n时间：2024年8月20日 10:00\n地点：本公司5楼洽谈室\n我方参会：商务部 卢静、邵宁；法务部 易凡\n"
            f"{other_side}\n记录：邵宁\n\n一、报价\n对方报价每单3.2元。\n")
    assert meeting_of(note).attendees == ["卢静", "邵宁", "易凡", "葛天舒", "吉安"]


@pytest.mark.parametrize("opening, attendees, departments", [
    ("2024年11月5日上午，公司在行政楼二层会议室召开年终考核准备会。会议由人事总监钟岚主持，行政部、人事部、财务部负责同志参加，"
     "人事部闫琪记录。", [], {"行政部", "人事部", "财务部"}),     # departments only: no list of people
    ("2024年6月3日14:00在生产调度室召开质量碰头会，主持：侯建（生产部），参加：施晓（质量部）、舒畅（采购部）、秦牧（生产部）。",
     ["侯建", "施晓", "舒畅", "秦牧"], {"质量部", "采购部", "生产部"}),
])
def test_meeting_an_opening_sentence_says_who_took_part(opening, attendees, departments):
    m = meeting_of(opening + "\n\n会议决定，下月起执行新办法。\n")
    assert set(m.attendees) == set(attendees)
    assert set(m.departments) >= departments


# --------------------------------------------------------------------------- #
# When it started
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("chat, start", [
    # WeChat: the first post announces the time; the meeting starts then, not at the post
    ("微信聊天记录导出\n群聊：社区团购运营群\n———— 2024年5月6日 ————\n叶青 19:52\n@所有人 晚上8点线上碰一下下周的排品\n"
     "叶青 20:01\n先看数据\n常乐 20:03\n上周销量前十都是水果\n", "20:00"),
    ("微信聊天记录导出\n———— 2024年5月6日 ————\n叶青 13:40\n各位，下午两点半准时开始，先过报价\n"
     "常乐 14:31\n报价单已更新\n叶青 14:33\n好\n", "14:30"),
    # no time said: the first post after the day line
    ("钉钉聊天记录\n2024-07-02 星期二\n[09:15:40] 伍岳(仓储部)：开始吧，先说盘点\n[09:16:02] 简宁(财务部)：差异表发群里了\n", "09:15"),
    # a deadline said in the first post is no start
    ("微信聊天记录导出\n———— 2024年5月6日 ————\n叶青 09:05\n10点前把报价发我\n常乐 09:06\n收到\n", "09:05"),
])
def test_meeting_chat_start_time_said_or_first_post(chat, start):
    assert meeting_of(chat).start_time == start


@pytest.mark.parametrize("opening, start", [
    ("今天下午3点在三楼开了个短会，过一下展会物料。", "15:00"),
    ("系统将于晚上10点开始停机维护，请提前保存。", None),       # a time of something else, not a meeting
])
def test_meeting_start_said_in_an_opening_line(opening, start):
    assert meeting_of(f"展会物料碰头\n日期：2024-09-12\n{opening}\n张岚负责物料清单，周五前。\n").start_time == start


@pytest.mark.parametrize("opening, day", [
    ("各位好，今天（6/12）下午的讨论纪要如下，如有遗漏请补充：", "2025-06-12"),
    ("今日10月9日碰头，要点如下。", "2025-10-09"),
    ("今天（2025.3.4）的沟通要点：", "2025-03-04"),
    ("各位好，下面是讨论要点，6/30前请反馈。", None),                  # a deadline, no "today"
])
def test_meeting_today_and_its_date_in_an_opening_line_give_the_meeting_day(opening, day):
    m = process("mail.txt", f"主题：纪要\n{opening}\n- 张岚：物料清单，周五前\n".encode("utf-8"),
                options=Options(ref_date=date(2025, 6, 1))).meeting
    assert m.date == day


@pytest.mark.parametrize("words", ["下周三例会", "今天下午的碰头会", "初五上午开会", "Monday sync", "周五前交材料"])
def test_meeting_a_day_is_read_only_where_figures_or_a_month_are_written(words):
    """The meeting reader does not parse a title or an opening line for its day when it writes no
    figure and no 月 (meeting._DAY_WRITTEN): this holds as long as the date reader finds none there."""
    from minutes.extract.meeting import _DAY_WRITTEN
    from minutes.extract.when import parse_when
    assert not _DAY_WRITTEN.search(words)
    assert parse_when(words, date(2025, 6, 1)).day is None


def test_meeting_transcript_offsets_are_no_start_time():
    note = ("设备例会 录音整理\n录音日期：2024-06-11\n[00:00:05] 毛伟：开始吧\n[00:01:12] 江帆：二号线上周停机两次\n"
            "[00:03:40] 毛伟：周五前出维修方案\n")
    assert meeting_of(note).start_time is None


def test_meeting_a_form_time_cell_without_its_year_gives_the_start():
    data = word_file(["跨部门问题反馈单", "发起日期：2024年6月3日", "发起部门：客服部"],
                     [["时间", "参与部门/人员", "内容"], ["6月3日 15:30", "客服部 汤晴；IT部 车明", "确认为短信网关故障。"]],
                     heading="沟通记录")
    m = process("反馈单.docx", data).meeting
    assert (m.date, m.start_time) == ("2024-06-03", "15:30")
    assert m.attendees == ["汤晴", "车明"]


# --------------------------------------------------------------------------- #
# Where it sat
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("note, location", [
    ("月度例会：2024年4月2日（周二）10:00，综合楼3层会议室。主持：田蕾；记录：龚晨。\n\n一、通报\n3月销售额环比增长8%。\n",
     "综合楼3层会议室"),
    ("物业联席会\n时间：2024年9月3日\n会场：报告厅灯光检修过了，话筒还缺两支\n", None),
    ("年会筹备会\n日期：2024-12-02\n地点：线下集中，总部18层多功能厅\n", "总部18层多功能厅"),
    ("新品评审会\n日期：2024-02-20\n地点：研发楼B座502\n", "研发楼B座502"),
])
def test_meeting_location_is_a_place_not_a_sentence(note, location):
    assert meeting_of(note).location == location


def test_meeting_a_word_tracker_gives_its_place_in_the_header_line():
    data = word_file(["项目周会：2024年7月9日（周二）9:00，二期工地项目部会议室。主持：霍岩；记录：阮菲。"],
                     [["任务", "责任人", "计划完成时间", "进度"], ["基坑验收", "霍岩", "2024-07-12", "80%"]],
                     title="二期工程进度跟踪表")
    m = process("跟踪表.docx", data).meeting
    assert (m.location, m.host, m.recorder, m.start_time) == ("二期工地项目部会议室", "霍岩", "阮菲", "09:00")


# --------------------------------------------------------------------------- #
# Who chaired and who took notes
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("line, role, person", [
    ("主持：行政总监 卓雅琪", "host", "卓雅琪"),
    ("主持人：项目经理 Alice", "host", "Alice"),
    ("記錄：秘書 韓淑芬", "recorder", "韓淑芬"),
    ("记录：会议助手自动生成", "recorder", None),
    ("整理：录音转写后人工核对", "recorder", None),
    ("记录：季嵘", "recorder", "季嵘"),
])
def test_meeting_role_is_the_person_not_the_post_or_a_process(line, role, person):
    assert getattr(meeting_of(f"安全例会\n日期：2024-05-14\n{line}\n"), role) == person


def test_meeting_chair_of_the_next_meeting_is_not_this_ones():
    note = ("# 社区双周会\n\n- 时间：2024-03-06 20:00\n- 主持人：@lin-wei\n\n## 讨论\n\n- 文档站迁移完成。\n\n"
            "## 下次会议安排\n\n- 时间：2024-03-20\n- 轮值主持人：@zhou-ke\n")
    assert meeting_of(note, "notes.md").host == "lin-wei"


def test_meeting_chair_named_by_a_long_handle_in_a_sentence():
    note = "# 开源共建例会\n\n- 参会人：本次共 9 人参会。本次会议由 maintainer-zhao2024 主持。\n- 时间：2024-10-09 19:30\n"
    assert meeting_of(note, "notes.md").host == "maintainer-zhao2024"


@pytest.mark.parametrize("issued, opening, day", [
    ("县政府办公室　　　　2025年3月4日", "3月2日上午，副县长主持召开防汛工作专题会议。", "2025-03-02"),
    ("印发日期：2026年1月5日", "12月29日下午，区教育局在三楼会议室召开期末工作会议。", "2025-12-29"),
])
def test_meeting_a_yearless_opening_takes_its_year_from_the_date_the_notes_state(issued, opening, day):
    m = meeting_of(f"会议纪要\n{issued}\n\n{opening}现纪要如下：\n一、关于值班安排。\n")
    assert m.date == day


def test_meeting_a_chair_called_by_surname_and_title_is_the_attendee_of_that_surname():
    m = meeting_of("课题组会\n日期：2025年12月1日\n主持：梅教授\n参加：梅立新老师、卜雨桐、舒博涵\n记录：舒博涵\n")
    assert (m.host, m.attendees) == ("梅立新", ["梅立新", "卜雨桐", "舒博涵"])


def test_meeting_people_in_the_clauses_before_the_attendance_verb_took_part():
    m = meeting_of("院长办公会议纪要\n10月28日下午，院长龚德明主持召开院长办公会，副院长葛宏、鲍丽华，"
                   "医务部、护理部负责人参加会议。\n一、关于陪护管理\n", )
    assert (m.attendees, set(m.departments)) == (["龚德明", "葛宏", "鲍丽华"], {"医务部", "护理部"})


@pytest.mark.parametrize("line, place, start", [
    ("2025.6.9 周一 下午3点 区域办公室", "区域办公室", "15:00"),
    ("2024年5月8日 14:00 三楼会议室", "三楼会议室", "14:00"),
    ("2024年5月8日（周三） 行政楼201", "行政楼201", None),
])
def test_meeting_a_place_after_the_day_on_the_line_under_the_title(line, place, start):
    meeting = meeting_of(f"部门周会\n{line}\n参会：闫冰、尤佳\n\n1. 闫冰周五前提交报告\n")
    assert (meeting.location, meeting.start_time) == (place, start)


def test_meeting_a_mails_sending_time_is_no_start_time_and_its_senders_signature_no_work():
    meeting = meeting_of("寄件者: 潘志豪 <zhihao@example.com.tw>\n寄件日期: 2024年11月5日 星期二 下午 5:40\n收件者: 業務部\n"
                         "主旨: 11/5 週會紀錄\n\n出席：潘志豪、江雅婷\n\n一、決議事項\n(1) 年底促銷維持原方案。\n")
    assert (meeting.date, meeting.start_time, meeting.attendees) == ("2024-11-05", None, ["潘志豪", "江雅婷"])


@pytest.mark.parametrize("line, attendees", [
    ("到会：区域经理乔野，店长邵文静（滨江店）、宁涛，品控专员容欣", ["乔野", "邵文静", "宁涛", "容欣"]),
    ("参会：设计师蓝青、牧野，测试主管芦洋", ["蓝青", "牧野", "芦洋"]),
])
def test_meeting_a_post_with_its_own_modifier_glued_before_a_name(line, attendees):
    assert meeting_of(f"周会\n{line}\n\n1. 宁涛周五前提交报告\n").attendees == attendees


def test_meeting_a_committees_chair_is_its_host():
    meeting = meeting_of("药事委员会会议纪要\n会议时间：2024年9月26日 15:00\n主任委员：副院长 薛振宇\n出席委员：薛振宇、柏美琳\n")
    assert meeting.host == "薛振宇"


@pytest.mark.parametrize("first, second", [("园长-潘丽华 17:32", "保育员-韦倩 17:40"), ("潘丽华－行政主管 17:32", "韦倩 17:40")])
def test_meeting_a_chat_header_joining_a_post_to_the_name_names_the_person(first, second):
    meeting = meeting_of(f"【教职工群】\n2025-04-14 周一\n\n{first}\n今天下午会议分工：韦倩周五前交节目方案\n\n{second}\n收到\n")
    assert meeting.attendees == ["潘丽华", "韦倩"]


@pytest.mark.parametrize("post", ["[09:30] 柯蓝: 早，开始站会，今天来的有 @奥马尔 @蒋琪", "[09:30] 柯蓝: 人齐了，到场的有：奥马尔、蒋琪"])
def test_meeting_a_post_listing_who_came_gives_them_and_its_writer_and_no_task(post):
    m = process("chat.txt", f"#ops 导出 2025-07-08\n\n{post}\n[09:33] 柯蓝: 奥马尔你周三前把退货原因汇总一下\n".encode("utf-8"))
    assert sorted(m.meeting.attendees) == sorted(["奥马尔", "蒋琪", "柯蓝"])
    assert [a.owner for a in m.action_items] == ["奥马尔"]


@pytest.mark.parametrize("opening", [
    "2025年5月8日下午，园区管委会在二楼报告厅召开企业座谈会。招商科科长纪文涛主持，十余家企业代表参加，办公室贺蕾记录。",
    "2025年5月8日下午，园区管委会在二楼报告厅召开企业座谈会，纪文涛主持，办公室贺蕾记录。",
])
def test_meeting_the_chair_named_after_a_body_that_convened(opening):
    meeting = meeting_of("企业座谈会纪要\n\n" + opening + "\n")
    assert (meeting.host, meeting.recorder, meeting.location) == ("纪文涛", "贺蕾", "二楼报告厅")


@pytest.mark.parametrize("labels, attendees", [
    (("会议名称", "日期", "会议地点/方式", "参会部门及人员"), ["钟敏", "汤磊"]),
    (("会议主题", "时间", "地点及形式", "出席领导及人员"), ["钟敏", "汤磊"]),
])
def test_meeting_a_form_pasted_with_joined_labels_on_their_own_lines(labels, attendees):
    title, when, where, who = labels
    meeting = meeting_of(f"会议纪要\n\n{title}\n仓储安全检查会\n{when}\n2025年4月9日 15:00\n{where}\n"
                         f"二号仓会议室\n{who}\n仓储部 钟敏、安保部 汤磊\n")
    assert (meeting.title, meeting.location, meeting.attendees) == ("仓储安全检查会", "二号仓会议室", attendees)


def test_meeting_a_noun_ending_in_a_label_word_alone_on_a_line_is_no_label():
    meeting = meeting_of("周会纪要\n时间：2025年4月9日\n参会人员：钟敏、汤磊\n技术人员\n汤磊\n")
    assert meeting.attendees == ["钟敏", "汤磊"]


@pytest.mark.parametrize("words, can", [
    ("庞莉", True), ("欧阳瑶", True), ("小蒋", True), ("祁工", True), ("Marcus", True), ("@jason.w", True),
    ("4月28日", False), ("待定", False), ("紧急", False), ("进行中", False), ("2025-06-30", False), ("✅", False),
])
def test_meeting_a_slot_piece_is_parsed_for_a_name_only_when_it_could_hold_one(words, can):
    from minutes.parties import could_name_a_person, name_shaped, parties_as_read
    assert could_name_a_person(words) is can
    if not can:          # the pre-check is exact: nothing it skips would have given a name-shaped person
        assert not any(p.kind == "person" and name_shaped(p.name) for p in parties_as_read(words))
