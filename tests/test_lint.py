"""The vagueness lint: every rule hit and near miss, formats, config, suppression, exit codes."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from minutes import Options, process
from minutes.cli import main
from minutes.errors import ConfigError
from minutes.lint import LintConfig, rule_table

HEADER = "周例会纪要\n会议时间：2024年6月12日（周三）14:00\n参会人员：周强（产品部）、郑涛（研发部）、冯雪（市场部）\n\n"


def findings(body: str, config: LintConfig | None = None, name: str = "draft.txt"):
    minutes = process(name, (HEADER + body).encode("utf-8"), options=Options(lint_config=config))
    return [(f.rule, f.text) for f in minutes.lint]


def rules_of(body: str, rule: str, **kw) -> list[str]:
    return [text for r, text in findings(body, **kw) if r == rule]


# --------------------------------------------------------------------------- #
# Phrase rules: hit and near miss
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("body, flagged", [
    ("待办：\n1. 郑涛尽快提交接口文档。\n", ["尽快"]),
    ("待办：\n1. 冯雪：宣传方案，ASAP\n", ["ASAP"]),
    ("二、备注\n下次讨论会暂定7月中旬召开。\n", ["7月中旬"]),
    ("待办：\n1. 郑涛：版本规划，Q3内完成\n", ["Q3内"]),
    ("待办：\n1. 周强：排查问题，有问题及时反馈。\n", ["及时"]),
    ("待办：\n1. 冯雪：盡快確認場地\n", ["盡快"]),
])
def test_lint_vague_time_hits(body, flagged):
    assert rules_of(body, "vague-time") == flagged


def test_lint_a_month_alone_timing_a_task_is_a_vague_time():
    minutes = process("notes.txt", ("生产周会\n日期：2025年9月10日\n二、措施\n1. 备件询价：邓卫9月12日前提交。\n"
                                    "2. 设备年度保养：邓卫10月份安排。\n").encode("utf-8"))
    assert ("vague-time", "10月份") in [(f.rule, f.text) for f in minutes.lint]
    assert [(a.owner, a.deadline) for a in minutes.action_items] == [("邓卫", "2025-09-12"), ("邓卫", None)]


def test_lint_a_whole_month_a_decided_activity_runs_in_is_not_vague():
    minutes = process("notes.txt", "安全例会\n日期：2025年5月28日\n会议决定：6月开展安全生产月活动，由安环部牵头。\n".encode("utf-8"))
    assert not [f for f in minutes.lint if f.rule == "vague-time"]


@pytest.mark.parametrize("title", ["生产部周例会纪要（9月第2周）", "2025年下半年预算评审会", "近期重点工作推进会"])
def test_lint_the_title_names_the_meeting_and_times_no_work(title):
    minutes = process("notes.txt", f"{title}\n日期：2025年9月10日\n1. 柯敏9月12日前提交周报。\n".encode("utf-8"))
    assert not [f for f in minutes.lint if f.rule == "vague-time"]


@pytest.mark.parametrize("body", [
    "待办：\n1. 郑涛6月20日前提交接口文档，收到后及时同步。\n",      # 及时 in a fixed-date sentence
    "一、情况\n11月上旬运费账单存在重复计算。\n",                      # a period named in a report
    "依据：今年上半年线上投放ROI偏低。\n",                             # grounds report facts
    "二、说明\n填写说明：截止时间不要写“尽快”，请写具体日期。\n",       # mentioned, not used
    "注意事项\n1. 时间节点须写明具体日期，不得填写“尽快”“近期”等表述。\n",  # each alone in its quotes
    "备注：请勿使用“尽快安排、近期处理”这类说法。\n",                   # inside a quote after a marker
    "决定部门周报提交时间调整为每周五16:00前。\n",                     # a recurring time
])
def test_lint_vague_time_near_misses(body):
    assert rules_of(body, "vague-time") == []


@pytest.mark.parametrize("body, flagged", [
    ("待办：\n1. 销售岗JD由相关部门尽快补充。\n", ["相关部门"]),
    ("二、其他\n1. 各部门6月底前报送本部门预算。\n", ["各部门"]),
    ("待办：\n1. 大家研究一下工具选型\n", ["大家"]),
    # "each X" in an owner cell or field names no one, whatever X is
    ("| 事项 | 负责人 | 完成时间 |\n|---|---|---|\n| 上报整改台账 | 各病区护士长 | 6月20日 |\n", ["各病区护士长"]),
    ("待办：\n1. 清点库存 负责人：每个班组 6月20日前\n", ["每个班组"]),
    ("待辦：\n1. 清點庫存 負責人：各門市店長 6月20日前\n", ["各門市店長"]),
    # "each X" as the doer in a sentence, however the words were cut
    ("待办：\n1. 各店店长3月7日前清出中岛陈列位。\n", ["各店店长"]),
    ("待办：\n1. 各病区护士长本周内上报整改台账。\n", ["各病区护士长"]),
    ("待办：\n1. 每个班组长周五前提交值班名单。\n", ["每个班组长"]),
])
def test_lint_vague_owner_hits(body, flagged):
    assert rules_of(body, "vague-owner") == flagged


@pytest.mark.parametrize("body", [
    "待办：\n1. 周强6月14日前更新制度并发给各部门。\n",     # a recipient
    "待办：\n1. 冯雪牵头制定方案，6月20日前报周强，抄送各部门。\n",  # 抄送
    "出席：周强、郑涛，以及各部门负责人\n",               # attendees
    "二、待改进\n4. 各部门数据口径不一，核对耗时两天。\n",      # a description
])
def test_lint_vague_owner_near_misses(body):
    assert rules_of(body, "vague-owner") == []


@pytest.mark.parametrize("body, flagged", [
    ("待办：\n1. 郑涛跟客户沟通一下，争取月底前恢复对账。\n", ["沟通一下", "争取"]),
    ("会议决定：奖励原则上自7月起执行。\n", ["原则上"]),
    ("待办：\n1. 客服部、销售部请配合一下，6月20日前完成排班。\n", ["配合一下"]),
])
def test_lint_vague_action_hits(body, flagged):
    assert rules_of(body, "vague-action") == flagged


def test_lint_vague_action_near_miss_a_checkable_verb():
    assert rules_of("待办：\n1. 郑涛6月20日前提交评审意见。\n", "vague-action") == []


@pytest.mark.parametrize("body, flagged", [
    ("二、讨论\n郑涛：我认为研发应该对这次事故负主要责任。\n", ["我认为", "应该"]),
    ("二、讨论\n冯雪：个人觉得奖励偏低。\n", ["个人觉得"]),
    ("二、讨论\n周强：这次上线应该再推迟一周。\n", ["应该"]),
])
def test_lint_subjective_hits(body, flagged):
    assert rules_of(body, "subjective") == flagged


@pytest.mark.parametrize("body", [
    "二、讨论\n郑涛：需求说明书第4.2条写明系统应该保证同一批次只计算一次。\n",   # cites a requirement
    "附：整改要点\n- 对账任务应该支持幂等。\n",                                 # a requirement, no speaker
    "一、人力\n按照制度第12条，考核结果应该在转正日前录入系统。\n",              # a rule
])
def test_lint_subjective_near_misses(body):
    assert rules_of(body, "subjective") == []


@pytest.mark.parametrize("body, flagged", [
    ("待办：\n1. 财务部下月初启动年度审计准备。\n", "下月初"),                      # part of a month before the work
    ("待办：\n4. 周杰：对账系统改造，9月中旬\n", "9月中旬"),                       # ending the item as its deadline
    ("二、议定事项\n校运会定在10月中下旬举行，具体日期另行通知。\n", "10月中下旬"),
    ("二、后续安排\n新版排班系统计划于年中上线试运行。\n", "年中"),                 # 于 + period + verb
    ("三、下一步\n社区团购项目拟于下半年在两个城区试点。\n", "下半年"),
    ("会议确定各门店Q3将全面推行电子价签。\n", "Q3"),                               # a plan word after a quarter
    ("二、下一步\n2025年Q2季度预计完成新仓选址。\n", "Q2季度"),
    ("二、決議\n會議決定下季度將啟動新制服採購。\n", "下季度"),
    ("二、议定事项\n二期工程验收另行择期。\n", "择期"),                            # 择期 ending the work's clause
    ("二、要求\n各科室近期要对急救药品效期进行一次全面清查。\n", "近期"),
])
def test_lint_vague_periods_and_dual_words_that_time_work(body, flagged):
    assert any(flagged in text for text in rules_of(body, "vague-time"))


@pytest.mark.parametrize("body", [
    "一、经营情况\n三季度营收同比增长8%，其中线上渠道贡献过半。\n",       # a period of figures
    "一、情况通报\n二季度完成了仓库搬迁，搬迁费用低于预算。\n",          # done: a report
    "一、情况\n三、四季度将是全年的销售旺季。\n",                       # a plan word, then a description
    "一、情况\n由于上半年采购的设备陆续到货，仓储压力增大。\n",           # 由于 is no 于
    "一、情况\n设备供应商在5月中旬已全部到货。\n",
    "议题三：Q2季度渠道拓展计划说明\n",                                  # a topic's name
    "一、疗效分析\n近期疗效评价显示两组无明显差异。\n",                   # 近期疗效: short-term efficacy
    "三、整改措施\n对择期剖宫产产妇统一实行术前营养评估。\n",             # 择期: elective
    "一、情况\n近期，部分门店出现缺货。\n",                              # when things happened
    "二、讨论\n王芳：这个接口先不改 因为供应商下个版本要重构 现在改了回头还得返工\n",  # a reason
])
def test_lint_periods_and_dual_words_that_describe_are_not_vague_times(body):
    assert rules_of(body, "vague-time") == []


@pytest.mark.parametrize("body, flagged", [
    ("三、工作要求\n各部门要在6月28日前报送自查表。\n", ["各部门"]),
    ("三、工作要求\n1. 安全生产月期间，有关单位须做好节日值班安排。\n", ["有关单位"]),
    ("三、工作要求\n各單位應於月底前回報盤點結果。\n", ["各單位"]),
])
def test_lint_vague_party_opening_a_duty_is_a_vague_owner(body, flagged):
    assert rules_of(body, "vague-owner") == flagged


@pytest.mark.parametrize("body", [
    "一、情况\n相关部门需要的材料已经备齐。\n",            # a need described
    "二、讨论\n大家一致认为方案可行，无需再议。\n",         # a view, no duty
    "二、讨论\n周强：大家要不要再等一周？\n",               # a question
])
def test_lint_vague_party_without_a_duty_is_not_flagged(body):
    assert rules_of(body, "vague-owner") == []


def test_lint_opinion_modal_is_found_where_a_name_guess_runs_over_it():
    assert rules_of("二、讨论\n白露：应该先和资料室对一遍台账。\n", "subjective") == ["应该"]


@pytest.mark.parametrize("body, flagged", [
    ("二、讨论\n冯雪：先看看情况再说。\n", ["看看"]),              # 看看 with nothing checkable
    ("二、讨论\n郑涛：这个方案我们再看看。\n", ["再看看"]),
    ("待办：\n1. 周强：接口文档大概下周给初稿。\n", ["大概"]),      # a hedge on work handed out
])
def test_lint_soft_words_hedging_work(body, flagged):
    assert rules_of(body, "vague-action") == flagged


@pytest.mark.parametrize("body", [
    "待办：\n1. 刘洋周四去仓库看看货架承重。\n",                  # 看看 a concrete thing: a check
    "一、情况\n本次调研样本大概在300份左右，覆盖三个城市。\n",      # an estimate of a fact
    "一、情况\n新系统基本上能覆盖现有审批流程。\n",                # a report
])
def test_lint_soft_words_on_facts_or_concrete_checks_are_not_flagged(body):
    assert rules_of(body, "vague-action") == []


# --------------------------------------------------------------------------- #
# Item rules
# --------------------------------------------------------------------------- #
def test_lint_item_rules():
    body = ("待办：\n1. 英文说明书补充翻译，6月20日前定稿。\n2. 郑涛：整理接口清单\n3. 郑涛、冯雪负责联合验收，6月21日前\n"
            "4. 周强负责验收，郑涛协助，6月21日前\n")
    got = findings(body)
    assert ("missing-owner", "英文说明书补充翻译，定稿") in got
    assert ("missing-deadline", "整理接口清单") in got
    assert [t for r, t in got if r == "multiple-owners"] == ["联合验收"]       # not 周强负责，郑涛协助
    assert not [t for r, t in got if r == "missing-owner" and "验收" in t]


def test_lint_undetermined_and_conditional_deadlines_are_missing_not_vague():
    got = findings("待办：\n1. 郑涛：框架协议审核，收到协议后3个工作日内反馈\n2. 冯雪：培训计划，时间待定\n")
    assert [r for r, _ in got].count("missing-deadline") == 2
    assert not [r for r, _ in got if r == "vague-time"]


def test_lint_hedge_on_a_fixed_day_keeps_the_day():
    minutes = process("d.txt", (HEADER + "待办：\n1. 冯雪争取月底前提交需求表。\n").encode(), options=Options())
    assert minutes.action_items[0].deadline == "2024-06-30"
    assert [(f.rule, f.text) for f in minutes.lint] == [("vague-action", "争取")]


def test_lint_extra_rules_past_deadline_and_duplicate():
    got = findings("待办：\n1. 郑涛2023年5月1日前提交报告。\n2. 冯雪：整理名单，6月20日前\n3. 冯雪：整理名单，6月21日前\n")
    assert ("past-deadline", "2023-05-01") in got
    assert [r for r, _ in got].count("duplicate-task") == 1


def test_lint_every_rule_has_label_message_and_suggestion():
    for rule in rule_table().values():
        assert rule.label != rule.id and rule.message and rule.suggestion, rule.id


def test_lint_findings_carry_the_rules_label():
    minutes = process("d.txt", (HEADER + "待办：\n1. 郑涛尽快提交接口文档。\n").encode(), options=Options())
    assert {f.rule: f.label for f in minutes.lint}["vague-time"] == rule_table()["vague-time"].label == "时间表述模糊"


# --------------------------------------------------------------------------- #
# Config and suppression
# --------------------------------------------------------------------------- #
def test_lint_config_from_pyproject_found_upward(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.minutes.lint]\ndisable = ["subjective"]\nfail-on = "error"\n'
        '[tool.minutes.lint.severity]\nvague-time = "error"\n'
        '[tool.minutes.lint.add-words]\nvague-time = ["改日"]\n'
        '[tool.minutes.lint.drop-words]\nvague-action = ["争取"]\n', encoding="utf-8")
    sub = tmp_path / "notes" / "2024"
    sub.mkdir(parents=True)
    config = LintConfig.load(start=sub)
    assert config.source == tmp_path / "pyproject.toml" and config.fail_on == "error"
    body = "二、讨论\n郑涛：我觉得改日再议，争取下周定。\n"
    got = findings(body, config=config)
    assert ("vague-time", "改日") in got
    assert not [r for r, _ in got if r == "subjective"]
    assert not [t for r, t in got if t == "争取"]


def test_lint_config_dot_minutes_toml_and_errors(tmp_path):
    (tmp_path / ".minutes.toml").write_text('disable = ["vague-action"]\n', encoding="utf-8")
    assert LintConfig.load(start=tmp_path).disabled == {"vague-action"}
    bad = tmp_path / "bad.toml"
    bad.write_text('[lint]\ndisable = ["no-such-rule"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no-such-rule"):
        LintConfig.load(bad)
    bad.write_text('[lint]\nfail-on = "fatal"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="fatal"):
        LintConfig.load(bad)


@pytest.mark.parametrize("body, kept", [
    ("待办：\n<!-- minutes-disable-next-line vague-time -->\n1. 郑涛尽快提交方案\n", []),
    ("待办：\n1. 郑涛尽快提交方案 <!-- minutes-disable-line vague-time -->\n", []),
    ("<!-- minutes-disable vague-time -->\n待办：\n1. 郑涛尽快提交方案\n<!-- minutes-enable -->\n2. 冯雪尽快确认\n",
     ["尽快"]),
    ("# minutes-disable-file\n待办：\n1. 郑涛尽快提交方案\n", []),
    ("待办：\n<!-- minutes-disable-next-line subjective -->\n1. 郑涛尽快提交方案\n", ["尽快"]),
])
def test_lint_inline_suppression(body, kept):
    assert rules_of(body, "vague-time", name="draft.md") == kept


def test_lint_suppression_comment_is_not_an_action_item():
    minutes = process("d.md", (HEADER + "## 待办\n<!-- minutes-disable vague-time -->\n- 郑涛：提交方案，6月20日前\n").encode())
    assert [a.task for a in minutes.action_items] == ["提交方案"]


# --------------------------------------------------------------------------- #
# Output formats, exit codes, positions
# --------------------------------------------------------------------------- #
@pytest.fixture()
def draft(tmp_path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(HEADER + "待办：\n1. 郑涛尽快提交接口文档。\n", encoding="utf-8")
    return path


def test_lint_text_output_is_compiler_style(draft, capsys):
    assert main(["lint", str(draft)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(l.startswith(f"{draft}:6:6: error vague-time,missing-deadline ") for l in lines)
    assert any("写明具体日期和时间，如“6月19日（周三）17:00前”" in l for l in lines)


@pytest.mark.parametrize("fail_on, status", [("error", 1), ("warning", 1), ("info", 1)])
def test_lint_exit_status_follows_fail_on(draft, fail_on, status, capsys):
    assert main(["lint", "--fail-on", fail_on, str(draft)]) == status


def test_lint_exit_zero_when_clean_and_two_on_input_error(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text(HEADER + "待办：\n1. 郑涛6月20日前提交接口文档。\n", encoding="utf-8")
    assert main(["lint", "--fail-on", "error", str(clean)]) == 0
    assert main(["lint", str(clean), str(tmp_path / "missing.pdf")]) == 2
    assert "missing.pdf" in capsys.readouterr().err


def test_lint_json_output_has_contract_entries(draft, capsys):
    main(["lint", "--format", "json", str(draft)])
    data = json.loads(capsys.readouterr().out)
    entry = next(e for e in data[0]["lint"] if e["rule"] == "vague-time")
    assert set(entry) >= {"rule", "text", "line", "column", "severity", "message", "suggestion"}
    assert (entry["rule"], entry["text"], entry["line"], entry["column"]) == ("vague-time", "尽快", 6, 6)


def test_lint_sarif_is_2_1_0(draft, capsys):
    main(["lint", "--format", "sarif", str(draft)])
    sarif = json.loads(capsys.readouterr().out)
    check_sarif(sarif)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "vague-time")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (result["ruleId"], result["level"], region["startLine"], region["startColumn"]) == ("vague-time", "warning", 6, 6)


def check_sarif(sarif: dict) -> None:
    """The parts of the SARIF 2.1.0 schema a consumer relies on."""
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(sarif["runs"], list) and sarif["runs"]
    for run in sarif["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        ids = [r["id"] for r in driver["rules"]]
        assert len(ids) == len(set(ids))
        for rule in driver["rules"]:
            assert rule["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
        for result in run["results"]:
            assert isinstance(result["message"]["text"], str) and result["message"]["text"]
            assert result["level"] in ("none", "note", "warning", "error")
            assert result["ruleId"] in ids and ids[result["ruleIndex"]] == result["ruleId"]
            for location in result["locations"]:
                physical = location["physicalLocation"]
                assert physical["artifactLocation"]["uri"]
                if "region" in physical:
                    assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1


def test_lint_docx_positions_paragraph_and_table_cell(tmp_path, capsys):
    doc = Document()
    doc.add_paragraph("会议时间：2024年6月12日 14:00")
    doc.add_paragraph("待办：")
    doc.add_paragraph("郑涛尽快提交接口文档。")
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(["任务", "负责人", "截止时间"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["替换合同模板", "相关部门", "尽快"]):
        table.cell(1, c).text = text
    path = tmp_path / "draft.docx"
    doc.save(path)
    main(["lint", "--format", "json", str(path)])
    lint = json.loads(capsys.readouterr().out)[0]["lint"]
    located = {(f["rule"], f["text"]): f["location"] for f in lint}
    assert located[("vague-time", "尽快")] in ({"paragraph": 3, "column": 3}, {"table": 1, "row": 2, "cell": 3, "column": 1})
    assert located[("vague-owner", "相关部门")] == {"table": 1, "row": 2, "cell": 2, "column": 1}
    main(["lint", str(path)])
    text = capsys.readouterr().out
    assert f"{path}:p3:3: error vague-time,missing-deadline " in text
    assert f"{path}:t1r2c2:1: error vague-owner,missing-owner " in text
    assert "    p3 | 郑涛尽快提交接口文档。" in text


def test_lint_fix_writes_a_copy_with_placeholders(draft, capsys):
    original = draft.read_bytes()
    main(["lint", "--fix", str(draft)])
    fixed = draft.with_name("draft.fixed.txt")
    assert draft.read_bytes() == original
    assert "郑涛【截止日期待定】提交接口文档" in fixed.read_text(encoding="utf-8")


def test_lint_fix_docx_replaces_words_split_over_runs(tmp_path, capsys):
    doc = Document()
    doc.add_paragraph("会议时间：2024年6月12日")
    p = doc.add_paragraph()
    for chunk in ("销售岗JD由相关", "部门尽", "快补充。"):
        p.add_run(chunk)
    path = tmp_path / "draft.docx"
    doc.save(path)
    main(["lint", "--fix", str(path)])
    text = [p.text for p in Document(path.with_name("draft.fixed.docx")).paragraphs]
    assert text[1] == "销售岗JD由【负责人待定】【截止日期待定】补充。"
    assert Document(path).paragraphs[1].text == "销售岗JD由相关部门尽快补充。"


@pytest.mark.parametrize("line, rule, words", [
    ("- Bob to follow up with the vendor ASAP", "vague-time", "ASAP"),
    ("- Bob to follow up with the vendor by 6/20", "vague-action", "follow up"),
    ("- Relevant teams to review the checklist by 6/20", "vague-owner", "Relevant teams"),
    ("- Alice: I think the launch should slip", "subjective", "I think"),
    ("- Carol: take a look at the dashboard, TBD", "missing-deadline", "take a look at the dashboard"),
])
def test_lint_english_equivalents(line, rule, words):
    assert words in rules_of("## Action items\n" + line + "\n", rule, name="sync.md")


def test_lint_no_later_than_is_a_deadline_not_vague():
    assert rules_of("## Action items\n- Bob: send the report no later than 6/20\n", "vague-time", name="s.md") == []


def _vague_findings(text: str) -> list[tuple[str, str]]:
    minutes = process("n.txt", text.encode("utf-8"), options=Options(ref_date=date(2025, 3, 4)))
    return [(f.rule, f.text) for f in minutes.lint if f.rule.startswith("vague")]


@pytest.mark.parametrize("task, flagged", [
    ("李娜3月10日前和供应商讨论下报价", ("vague-action", "讨论下")),
    ("王强3月12日前加强下巡检记录", ("vague-action", "加强下")),
    ("周杰3月9日前找财务聊一聊预算", ("vague-action", "聊一聊")),
    ("何静3月9日前跟一下物流进度", ("vague-action", "跟一下")),
    ("張偉年後統計各門店名單", ("vague-time", "年後")),
    ("赵敏后续再对比两个方案的报价", ("vague-time", "后续")),
    ("孙丽后期要补齐巡检照片", ("vague-time", "后期")),
    ("孙丽以后统一安排巡检照片整理", ("vague-time", "以后")),      # from now on, but no fixed time
])
def test_lint_soft_verbs_said_a_little_and_later_words_that_time_work(task, flagged):
    assert flagged in _vague_findings(f"周会\n日期：2025年3月4日\n待办：\n1. {task}。\n")


@pytest.mark.parametrize("line", [
    "会议讨论下一次会议的主持人。",            # 下一次: the next one, not "a little"
    "孙丽3月8日前统计下门店客流。",            # 统计下 still yields a result
    "一、近期的问题回顾",                     # describes, times nothing
    "后续行动：陈晨3月20日前整理工单。",        # a label of what follows
    "设备到货以后，陈晨3月20日前完成安装。",    # 以后 tells an order
    "两年后复评一次。",                       # counted from the meeting
    "邱刚3月6日前跟客户确认后续对账安排。",     # a thing to come, not work timed
    "值班表以后统一周五下午5点前发到群里。",     # from now on, a fixed time: a standing rule
    "今後一律每週一上午報送周報。",
    "报销单今后均在每月25日前交财务部。",
])
def test_lint_descriptive_uses_of_time_words_and_measurable_verbs_are_not_flagged(line):
    findings = _vague_findings(f"周会\n日期：2025年3月4日\n{line}\n")
    assert not [f for f in findings if f[1] in ("讨论下", "统计下", "近期", "后续", "以后", "年后", "今後", "今后")], findings


@pytest.mark.parametrize("line", ["因报销单据递交不及时，会议决定每月5日前统一收单。", "上月有两次巡检未及时记录，原因已查明。"])
def test_lint_a_negated_timing_word_tells_how_it_went_and_times_no_work(line):
    assert rules_of(f"行政例会\n时间：2025年5月12日\n{line}\n1. 邬倩5月16日前整理收单清单。\n", "vague-time") == []
