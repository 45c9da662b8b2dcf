"""A text that starts with its body (database exports often drop the title line) is read,
not refused: the title comes from its 印发 notice, else --title, else the file's name,
with a warning; its region from the issuer the notice names, else the body.

The cases are corpus plans with their title lines cut off in a temporary copy."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from plankg.cli import app as cli
from plankg.loaders import read_plan
from tests.corpus import PLANS, require_corpus


def _cut(tmp_path, plan: str, drop: range, name: str):
    require_corpus()
    lines = (PLANS / plan).read_text(encoding="utf-8").split("\n")
    kept = [line for i, line in enumerate(lines, start=1) if i not in drop]
    path = tmp_path / name
    path.write_text("\n".join(kept), encoding="utf-8")
    return path


def test_the_title_the_notice_names(tmp_path):
    # 无废城市: line 9, “无废城市”建设试点工作方案, cut; the notice before it reads
    # 国务院办公厅关于印发“无废城市”建设 / 试点工作方案的通知 … 国务院办公厅 / 2018年12月29日
    path = _cut(tmp_path, "09-guobanfa-wufeichengshi.txt", range(9, 10), "plan.txt")
    plan = read_plan(path)
    assert plan.title == "“无废城市”建设试点工作方案"
    assert plan.text[plan.body.start : plan.body.start + 6] == "“无废城市”"  # in the notice
    assert (plan.region, plan.region_level) == ("全国", "national")  # 国务院办公厅
    assert (plan.period_start, plan.period_end) == (2018, 2020)
    assert len(plan.tasks) == 20  # the body reads as with its title
    assert any("the title is the one the 印发 notice names" in w for w in plan.warnings)


def test_the_body_alone_is_titled_by_its_file_name(tmp_path):
    # The notice and the title (lines 1-9) cut: the body starts 「“无废城市”是以创新…」.
    path = _cut(tmp_path, "09-guobanfa-wufeichengshi.txt", range(1, 10), "无废城市试点工作方案.txt")
    plan = read_plan(path)
    assert plan.title == "无废城市试点工作方案"
    assert len(plan.tasks) == 20 and [c.title for c in plan.chapters][:2] == ["总体要求", "主要任务"]
    assert plan.region == ""  # no issuer, and the body names no division
    assert any("titled by the file's name" in w for w in plan.warnings)
    assert any(w.startswith("no region") for w in plan.warnings)


def test_title_option_on_inspect_and_export(tmp_path):
    # 安徽 行动计划 without its first line, 安徽省工业互联网创新发展行动计划（2021-2023年）
    path = _cut(tmp_path, "02-anhui-gongyehulianwang-xingdong.txt", range(1, 2), "export.txt")
    given = "安徽省工业互联网创新发展行动计划（2021-2023年）"
    out = tmp_path / "plan.json"
    result = CliRunner().invoke(cli, ["export", str(path), "--title", given, "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["title"] == "安徽省工业互联网创新发展行动计划"
    assert (plan["region"], plan["period_start"], plan["period_end"]) == ("安徽", 2021, 2023)
    assert plan["id"] == "anhui-gongyehulian-2021-2023"  # as read from the whole text
    assert any("titled by --title" in w for w in plan["warnings"])
    result = CliRunner().invoke(cli, ["inspect", str(path), "--title", given])
    assert result.exit_code == 0 and "安徽省工业互联网创新发展行动计划 (安徽, 2021-2023" in result.output
    # Without it, the file's name; the region from the body (安徽 most named), no start year
    plan = read_plan(path)
    assert (plan.title, plan.region, plan.period_end) == ("export", "安徽", 2023)


def test_title_option_on_load_names_one_plan(tmp_path):
    require_corpus()
    files = [str(PLANS / "02-anhui-gongyehulianwang-xingdong.txt"), str(tmp_path / "b.txt")]
    result = CliRunner().invoke(cli, ["load", *files, "--title", "某某行动计划"])
    assert result.exit_code == 2
    assert "--title names one plan: expected one plan file, got 2" in result.output


def test_a_line_that_cites_a_plan_is_no_title(tmp_path):
    # 浙江 内涝 规划 without line 1 (its title): its preamble cites 《关于印发县城排水设施建设
    # 实施方案的通知》 in a sentence and 《…城市易涝区域整治三年行动方案（2020-2022年）》;
    # neither is the plan's title or period. 北京 生态修复 规划 (wrapped PDF text) without lines 1-2: a wrapped line
    # that stops inside 《北京城市总体规划 is no title either.
    zhejiang = read_plan(_cut(tmp_path, "04-zhejiang-neilao-shisiwu.txt", range(1, 2), "浙江.txt"))
    assert zhejiang.title == "浙江"
    assert (zhejiang.period_start, zhejiang.period_end) != (2020, 2022)
    assert len(zhejiang.tasks) == 21
    beijing = read_plan(_cut(tmp_path, "05-beijing-shengtaixiufu-guihua.txt", range(1, 3), "b.txt"))
    assert beijing.title == "b" and len(beijing.tasks) == 34


def test_the_region_from_a_signature_under_the_body(tmp_path):
    # 无废城市 without its notice and title (lines 1-9), signed at the end as a ministry
    # would sign it: the signature is not the last measure's text, and names the issuer.
    path = _cut(tmp_path, "09-guobanfa-wufeichengshi.txt", range(1, 10), "signed.txt")
    path.write_text(
        path.read_text(encoding="utf-8") + "\n生态环境部\n2018年12月29日\n", encoding="utf-8"
    )
    plan = read_plan(path)
    assert (plan.region, plan.region_level) == ("全国", "national")
    assert str(plan.published) == "2018-12-29"
    assert (plan.period_start, plan.period_end) == (2018, 2020)
    assert not plan.text[plan.body.start : plan.body.end].rstrip().endswith("生态环境部")


def test_a_notice_that_is_the_plan_itself(tmp_path):
    # The 综保区 opinion with its title line ending in 通知 instead of 若干意见: a notice that
    # is itself the plan (not 关于印发…) is titled by its own line.
    require_corpus()
    text = (PLANS / "07-guowuyuan-zongbaoqu.txt").read_text(encoding="utf-8")
    text = text.replace("高质量发展的若干意见", "高质量发展的通知", 1)
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    plan = read_plan(path)
    assert plan.title == "国务院关于促进综合保税区高水平开放高质量发展的通知"
    assert (plan.region, len(plan.tasks)) == ("全国", 21)
    assert not any("no title line" in w for w in plan.warnings)


def test_a_forwarding_notice_names_the_title(tmp_path):
    path = _cut(tmp_path, "09-guobanfa-wufeichengshi.txt", range(9, 10), "forwarded.txt")
    path.write_text(path.read_text(encoding="utf-8").replace("关于印发", "关于转发"), "utf-8")
    assert read_plan(path).title == "“无废城市”建设试点工作方案"


def test_an_issuer_behind_a_label_in_the_page(tmp_path):
    path = _cut(tmp_path, "09-guobanfa-wufeichengshi.txt", range(1, 10), "labelled.txt")
    path.write_text(path.read_text(encoding="utf-8") + "\n来源：生态环境部\n", encoding="utf-8")
    assert read_plan(path).region == "全国"


def test_the_page_lines_before_a_body_without_title(tmp_path):
    path = _cut(tmp_path, "09-guobanfa-wufeichengshi.txt", range(1, 10), "paged.txt")
    page = "索引号：000014349/2018-00215\n发布机构：国务院办公厅\n发布日期：2018-12-29\n"
    path.write_text(page + path.read_text(encoding="utf-8"), encoding="utf-8")
    plan = read_plan(path)
    assert (plan.region, str(plan.published)) == ("全国", "2018-12-29")
    assert plan.text[plan.body.start :].startswith("“无废城市”是以创新")
