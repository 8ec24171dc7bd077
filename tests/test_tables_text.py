"""Task tables exported to text: tab- and space-aligned columns."""

from __future__ import annotations

import pytest

from planparse import parse_text
from planparse.tables_text import find_table_rows

TAB_TABLE = (
    "附件:任务分解表\n"
    "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
    "1\t建立健全工作机制\t县委宣传部\t县文明办、县教育局\t2022年6月底前\n"
    "2\t开展专项整治行动\t县公安局\t\t2022年9月\n"
    "3\t完善基础设施\t县住建局和县交通运输局\t各乡镇人民政府等\t长期坚持\n"
    "\n以上任务请各单位认真落实。\n"
)

SPACE_TABLE = (
    "序号   重点任务                 责任单位              完成时间\n"
    "1      推进垃圾分类             市城管局、市住建局     2021年12月\n"
    "2      整治背街小巷             各区人民政府           2022年6月\n"
)


def rows(text: str) -> list[tuple[str | None, list[str], list[str], list[str], str | None]]:
    return [(r.task, [u.name for u in r.owners], list(r.lead), list(r.support), r.deadline) for r in find_table_rows(text)]


def test_tab_separated_table_with_lead_and_support_columns() -> None:
    assert rows(TAB_TABLE) == [
        ("建立健全工作机制", ["县委宣传部", "县文明办", "县教育局"], ["县委宣传部"], ["县文明办", "县教育局"], "2022年6月底前"),
        ("开展专项整治行动", ["县公安局"], ["县公安局"], [], "2022年9月"),
        ("完善基础设施", ["县住建局", "县交通运输局", "各乡镇人民政府"], ["县住建局", "县交通运输局"], ["各乡镇人民政府"], "长期坚持"),
    ]


def test_space_aligned_table() -> None:
    assert rows(SPACE_TABLE) == [
        ("推进垃圾分类", ["市城管局", "市住建局"], [], [], "2021年12月"),
        ("整治背街小巷", ["各区人民政府"], [], [], "2022年6月"),
    ]


def test_offsets_point_at_the_cells() -> None:
    row = find_table_rows(TAB_TABLE)[0]
    assert TAB_TABLE[row.task_start : row.task_start + 8] == "建立健全工作机制"
    unit = row.owners[1]
    assert TAB_TABLE[unit.start : unit.end] == "县文明办"


@pytest.mark.parametrize(
    "text",
    [
        "序号\t姓名\t职务\n1\t张三\t局长\n",  # a member list, no unit column
        "责任单位\t县委宣传部\n",  # a label and a value, no header
        "一、工作目标\t到2022年底完成\n",
        "各单位  要高度重视  认真落实\n",
    ],
)
def test_not_task_tables(text: str) -> None:
    assert find_table_rows(text) == []


def test_table_rows_become_tasks_with_iso_deadlines() -> None:
    doc = parse_text("某县工作方案\n一、主要任务\n" + TAB_TABLE).documents[0]
    assert [t.heading for t in doc.tasks] == ["建立健全工作机制", "开展专项整治行动", "完善基础设施"]
    assert [t.deadline for t in doc.tasks] == ["2022-06", "2022-09", None]
    assert doc.tasks[0].label == "table" and doc.tasks[0].section == "1"


INDICATORS = (
    "主要指标如下:\n"
    "指标名称\t2020年\t2023年目标\n"
    "规模以上工业增加值年均增长(%)\t5.2\t≥8\n"
    "工业企业上云数量(家)\t1350\t≥3000\n"
    "单位工业增加值能耗累计下降(%)\t—\t15\n"
    "PM2.5平均浓度(微克/立方米)\t41\t≤35\n"
    "\n三、重点任务\n"
)


def test_indicator_table_rows_are_targets() -> None:
    from planparse.tables_text import find_indicator_rows

    got = [(r.metric, r.op, r.value, r.unit, r.change) for r in find_indicator_rows(INDICATORS)]
    assert got == [
        ("规模以上工业增加值年均增长", ">=", 8, "%", "increase"),
        ("工业企业上云数量", ">=", 3000, "家", None),
        ("单位工业增加值能耗累计下降", ">=", 15, "%", "decrease"),
        ("PM2.5平均浓度", "<=", 35, "微克/立方米", None),
    ]


def test_indicator_table_with_an_index_column_and_goals_below_their_baseline() -> None:
    from planparse.tables_text import find_indicator_rows

    text = (
        "序号\t指标名称\t2022年基期值\t2025年目标值\t指标属性\n"
        "1\t每千名老年人拥有养老床位数（张）\t32\t38\t预期性\n"
        "2\t养老机构护理型床位占比（%）\t48\t≥60\t约束性\n"
        "3\t公办养老机构床位空置率（%）\t38\t30\t预期性\n"
        "4\t困难老年人家庭适老化改造（户）\t—\t3000\t预期性\n"
    )
    got = [(r.metric, r.op, r.value, r.unit) for r in find_indicator_rows(text)]
    assert got == [
        ("每千名老年人拥有养老床位数", ">=", 38, "张"),
        ("养老机构护理型床位占比", ">=", 60, "%"),
        ("公办养老机构床位空置率", "<=", 30, "%"),  # below its baseline: a ceiling
        ("困难老年人家庭适老化改造", ">=", 3000, "户"),
    ]


def test_an_earlier_year_column_is_the_baseline() -> None:
    from planparse.tables_text import find_indicator_rows

    text = "指标名称      2023年      2025年目标\n获得用水用气时间(个工作日)      5      3\n市场主体数量(万户)      4.2      5\n"
    got = [(r.metric, r.op, r.value, r.unit) for r in find_indicator_rows(text)]
    assert got == [("获得用水用气时间", "<=", 3, "个工作日"), ("市场主体数量", ">=", 5, "万户")]


@pytest.mark.parametrize(
    "text",
    [
        "指标名称\t2020年\n规模以上工业增加值(%)\t5.2\n",  # a baseline only: no goal column
        "序号\t指标\t属性\n1\t森林覆盖率\t约束性\n",  # no goal or year column
    ],
)
def test_not_indicator_goals(text: str) -> None:
    from planparse.tables_text import find_indicator_rows

    assert find_indicator_rows(text) == []
