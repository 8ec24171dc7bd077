"""Tests of planparse.phases_text.find_phases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planparse.phases_text import find_phases

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "000_cb6a3499aac80017.txt"


def working_text(raw: str) -> str:
    """The sample as working text (planparse.normalize when available)."""
    try:
        from planparse import normalize

        return normalize.normalize(raw).text
    except ImportError:  # normalize is written separately; approximate it here
        import opencc

        t = raw.replace("\r\n", "\n").replace("\r", "\n")
        t = opencc.OpenCC("t2s").convert(t)
        table = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９，：；（）！？％～．／＋－＝＜＞［］"}
        table[0x3000] = 0x20
        t = t.translate(table)
        t = re.sub(r"(?<=\d)\n(?=\d)", "", t)  # numbers broken over two lines
        return re.sub(r"\?(\d{4})\?", r"〔\1〕", t)


def sample_documents() -> list[str]:
    text = working_text(SAMPLE.read_text(encoding="utf-8"))
    return re.split(r"(?m)^(?=第[一二三四五六七八九十]篇)", text)[1:]


def test_sample_phases_match_gold() -> None:
    gold = json.loads((FIXTURES / "000_cb6a3499aac80017.gold.json").read_text(encoding="utf-8"))
    docs = sample_documents()
    assert len(docs) == len(gold["documents"])
    total = 0
    for doc, g in zip(docs, gold["documents"], strict=True):
        doc_year = int(g["date"][:4]) if g["date"] else None
        for whole in (False, True):
            got = find_phases(doc, doc_year=doc_year, whole_document=whole)
            want = [(p["name"], p["start"], p["end"]) for p in g["phases"]]
            assert [(p.name, p.start, p.end) for p in got] == want
        total += len(g["phases"])
    assert total == 16  # 4 + 5 + 0 + 3 + 4


def test_sample_doc4_years_inferred() -> None:
    doc = sample_documents()[3]
    got = find_phases(doc, doc_year=2011)
    assert [p.year_inferred for p in got] == [True, True, True]
    assert got[2].end_text == "检查前"
    without = find_phases(doc)
    assert [(p.start, p.end) for p in without] == [
        ("--09-19", "--09-21"), ("--09-22", "--10-15"), ("--10-16", None)
    ]


# text -> [(name, start, end)]
LAYOUTS: list[tuple[str, list[tuple[str, str | None, str | None]]]] = [
    (
        "1.创建启动阶段:(2013年2月—3月)对照《全省文明城市测评体系》,查找不足。\n"
        "2.创建实施阶段:(2013年4月—10月)大力营造氛围。\n"
        "4.迎接准备阶段(2014年1月—2月)巩固创建成果。",
        [("创建启动阶段", "2013-02", "2013-03"), ("创建实施阶段", "2013-04", "2013-10"),
         ("迎接准备阶段", "2014-01", "2014-02")],
    ),
    (
        "(一)动员部署阶段:2019年3月至4月。\n(二)集中整治阶段:2019年5月至10月。",
        [("动员部署阶段", "2019-03", "2019-04"), ("集中整治阶段", "2019-05", "2019-10")],
    ),
    (
        "第一阶段(2019年3月—4月):动员部署\n第二阶段(2019年5月—9月):集中整治",
        [("第一阶段:动员部署", "2019-03", "2019-04"), ("第二阶段:集中整治", "2019-05", "2019-09")],
    ),
    (
        "1.动员部署(2020年3月1日—3月15日)\n2.组织实施(3月16日—6月30日)\n3.总结提升(7月)",
        [("动员部署", "2020-03-01", "2020-03-15"), ("组织实施", "2020-03-16", "2020-06-30"),
         ("总结提升", "2020-07", "2020-07")],
    ),
    (
        "(一)动员部署阶段\n时间:2019年3月1日—3月15日。主要任务是召开动员会。\n"
        "(二)组织实施阶段\n(2019年3月16日—6月30日)\n全面开展整治。",
        [("动员部署阶段", "2019-03-01", "2019-03-15"), ("组织实施阶段", "2019-03-16", "2019-06-30")],
    ),
    (
        "(一)宣传发动阶段\n时间:2019年3月",
        [("宣传发动阶段", "2019-03", "2019-03")],
    ),
    (
        "1.集中禁烧阶段:夏季(2021年5月30日一6月4日)、秋季(9月20日一9月30日)。",
        [("集中禁烧阶段", "2021-05-30", "2021-06-04"), ("集中禁烧阶段", "2021-09-20", "2021-09-30")],
    ),
    (
        "(一)宣传发动阶段(2019年11月—12月)\n1.召开动员会(11月5日前)\n2.印发方案(11月10日前)\n"
        "(二)组织实施阶段(1月—6月)\n(三)总结阶段(7月)",
        [("宣传发动阶段", "2019-11", "2019-12"), ("组织实施阶段", "2020-01", "2020-06"),
         ("总结阶段", "2020-07", "2020-07")],
    ),
    (
        "(一)第一阶段:即日起至2019年6月底。\n(二)第二阶段:2019年下半年。",
        [("第一阶段", None, "2019-06"), ("第二阶段", "2019-07", "2019-12")],
    ),
    (
        "一是宣传动员阶段。时间为2020年1月。",
        [("宣传动员阶段", "2020-01", "2020-01")],
    ),
    (
        "第一步:摸底调查(2019年4月)。\n第二步:集中整治(2019年5月—8月)。",
        [("第一步:摸底调查", "2019-04", "2019-04"), ("第二步:集中整治", "2019-05", "2019-08")],
    ),
    (
        "(一)部署阶段(2019.3—2019.4)。\n(二)实施阶段(2019.5—2019.10)。",
        [("部署阶段", "2019-03", "2019-04"), ("实施阶段", "2019-05", "2019-10")],
    ),
    # school weeks: no calendar date (ends kept as text); weeks restated as dates after 即
    (
        "1.宣传发动阶段(2023年9月1日至9月15日)。\n2.集中实施阶段(第3周—第16周)。\n"
        "3.总结表彰阶段(第17周—第19周,即12月25日至1月12日)。",
        [("宣传发动阶段", "2023-09-01", "2023-09-15"), ("集中实施阶段", None, None),
         ("总结表彰阶段", "2023-12-25", "2024-01-12")],
    ),
    # quarters, one of them a run written with the first 季度 left out
    (
        "(一)部署阶段(2023年第一季度)。\n(二)组织实施阶段(第二至三季度)。\n(三)总结验收阶段(第四季度)。",
        [("部署阶段", "2023-01", "2023-03"), ("组织实施阶段", "2023-04", "2023-09"),
         ("总结验收阶段", "2023-10", "2023-12")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUTS)
def test_layouts(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    got = find_phases(text)
    assert [(p.name, p.start, p.end) for p in got] == expected
    assert [p.order for p in got] == list(range(1, len(expected) + 1))


def test_offsets() -> None:
    text = "五、实施步骤\n1、第一阶段:宣传发动,安排部署(2018年8月-10月)。根据创建工作要求。\n"
    (p,) = find_phases(text)
    assert text[p.name_start : p.name_end] == "第一阶段:宣传发动,安排部署"
    assert text[p.range_start : p.range_end] == "2018年8月-10月"
    assert text[p.item_start : p.item_end] == "1、第一阶段:宣传发动,安排部署(2018年8月-10月)。根据创建工作要求。"
    assert (p.start_text, p.end_text, p.marker) == ("2018年8月", "10月", "1、")


def test_context_year_from_title() -> None:
    text = "1.集中禁烧阶段:夏季(5月30日一6月4日)、秋季(9月20日一9月30日)。"
    got = find_phases(text, context_year=2021)
    assert [(p.start, p.end, p.year_inferred) for p in got] == [
        ("2021-05-30", "2021-06-04", True), ("2021-09-20", "2021-09-30", True)
    ]
    assert [(p.start, p.end) for p in find_phases(text)] == [
        ("--05-30", "--06-04"), ("--09-20", "--09-30")
    ]


NEGATIVE = [
    "1.完成工作部署。5月28日召开创建全省文明城市工作动员大会。",
    "(一)2012年成功创建为省级卫生城市,2014年成功创建为省级文明城市。",
    "召开动员大会(2019年3月5日)。",
    "(一)加强领导(责任单位:市委办、市政府办)",
    "时间:2019年3月",
    "义务教育阶段学校办学条件标准化",
    "",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text: str) -> None:
    assert find_phases(text) == []


def test_whole_document_only_stages() -> None:
    text = "1.动员部署(2020年3月1日—3月15日)\n2.组织实施(3月16日—6月30日)"
    assert len(find_phases(text)) == 2
    assert find_phases(text, whole_document=True) == []


def test_stages_written_date_first() -> None:
    text = "第九条 工作分三个阶段推进:2023年9月至2023年12月为试点阶段,选取6所学校先行试点;2024年1月至6月为推广阶段,全面推开;2024年7月至12月为总结阶段,全面总结。"
    got = [(p.name, p.start, p.end) for p in find_phases(text)]
    assert got == [("试点阶段", "2023-09", "2023-12"), ("推广阶段", "2024-01", "2024-06"), ("总结阶段", "2024-07", "2024-12")]


def test_school_weeks_keep_their_text() -> None:
    (p,) = find_phases("2.集中实施阶段(第3周—第16周)。各年级落实。")
    assert (p.start, p.end, p.start_text, p.end_text) == (None, None, "第3周", "第16周")


def test_years_inferred_across_an_undated_stage() -> None:
    text = "1.准备阶段(第1周—第2周)。\n2.实施阶段(第3周—第16周)。\n3.总结阶段(12月20日—1月10日)。"
    phases = find_phases(text, doc_year=2023)
    assert [(p.start, p.end) for p in phases] == [(None, None), (None, None), ("2023-12-20", "2024-01-10")]


@pytest.mark.parametrize("whole", [False, True])
def test_date_first_stages_also_in_a_plan_without_a_timetable(whole: bool) -> None:
    text = "即日起至2023年8月31日为集中整治期,各村民小组要行动起来。"
    assert [(p.name, p.start, p.end) for p in find_phases(text, whole_document=whole)] == [
        ("集中整治期", None, "2023-08-31")
    ]
    text = "2023年9月至2023年12月为试点阶段;2024年1月至6月为推广阶段。"
    assert [(p.name, p.start, p.end) for p in find_phases(text, whole_document=whole)] == [
        ("试点阶段", "2023-09", "2023-12"), ("推广阶段", "2024-01", "2024-06")
    ]


@pytest.mark.parametrize("sep", ["\t", "    "])
def test_a_timetable_written_as_a_table(sep: str) -> None:
    rows = [("阶段", "时间", "主要任务"), ("动员部署阶段", "2024年4月1日—4月30日", "制定任务清单。"),
            ("全面实施阶段", "5月—9月", "组织开展活动。"), ("总结评估阶段", "10月", "开展评估。")]
    text = "分三个阶段推进:\n" + "".join(sep.join(r) + "\n" for r in rows)
    assert [(p.name, p.start, p.end) for p in find_phases(text)] == [
        ("动员部署阶段", "2024-04-01", "2024-04-30"), ("全面实施阶段", "2024-05", "2024-09"),
        ("总结评估阶段", "2024-10", "2024-10"),
    ]


def test_holiday_stages_run_forward() -> None:
    text = ("(一)宣传发动阶段(国庆节后至10月底)。\n(二)排查整治阶段(11月1日至元旦)。\n"
            "(三)重点防控阶段(元旦至春节期间)。\n(四)巩固总结阶段(春节后至2025年3月底)。")
    got = [(p.start, p.end, p.start_text) for p in find_phases(text, doc_year=2024)]
    assert got == [("2024-10-01", "2024-10", "国庆节"), ("2024-11-01", "2025-01-01", "11月1日"),
                   ("2025-01-01", None, "元旦"), (None, "2025-03", "春节后")]

