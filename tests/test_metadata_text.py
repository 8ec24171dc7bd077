"""Tests of planparse.metadata_text: issuing date, document number, issuer, references."""

from __future__ import annotations

import json

import pytest

from planparse.metadata_text import (
    find_doc_number,
    find_issue_date,
    find_issuer,
    find_references,
)
from test_phases_text import FIXTURES, sample_documents


def test_sample_against_gold() -> None:
    gold = json.loads((FIXTURES / "000_cb6a3499aac80017.gold.json").read_text(encoding="utf-8"))
    docs = sample_documents()
    for doc, g in zip(docs, gold["documents"], strict=True):
        d = find_issue_date(doc)
        assert (d.iso() if d else None) == g["date"]
        n = find_doc_number(doc)
        assert (n.value if n else None) == g["doc_number"]
        if n is not None:
            assert doc[n.start : n.end] == n.text


def test_sample_doc4_issuer_and_doc2_references() -> None:
    docs = sample_documents()
    issuer = find_issuer(docs[3])
    assert issuer is not None and issuer.value == "盐城市滨海质量技术监督局办公室"
    assert find_issuer(docs[1]) is None  # redacted: "********2018年7月31日"
    numbers = [r.number for r in find_references(docs[1]) if r.number]
    assert numbers == ["营委〔2018〕91号", "营委办〔2018〕32号"]


DATE_CASES: list[tuple[str, str | None]] = [
    ("XX方案\n一、目标\n到2020年底完成。\n********2018年7月31日", "2018-07-31"),
    ("XX方案\n正文。\nXX县教育局\n2018年7月31日", "2018-07-31"),
    ("关于印发XX的通知\n请遵照执行。\n附件:1、XX方案\n二○一一年九月十日\n主题词:方案\n"
     "XX局办公室2011年9月12日印发\nXX方案\n一、指导思想", "2011-09-10"),
    ("XX方案\n正文。\nXX局办公室 2011年9月10日印发", "2011-09-10"),
    ("XX方案\n正文\nXX县人民政府\n2019年3月1日\n", "2019-03-01"),
    ("XX方案\n正文\nXX县人民政府(盖章)\n二〇二一年十二月三日", "2021-12-03"),
    ("XX方案\n(2019年3月1日)\n一、总体要求", "2019-03-01"),
    # dates inside body sentences do not count
    ("XX方案\n5月28日召开动员大会。2013年6月完成申报。", None),
    ("XX方案\n(一)宣传发动阶段(2010年3月1日—7月30日)。", None),
    ("XX方案\n时间:2019年3月1日", None),
    ("XX方案\n1、2019年3月1日前完成摸底", None),
    ("XX方案\nXX县人民政府\n20xx年x月x日", None),
    ("XX方案\n2019年3月", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_find_issue_date(text: str, expected: str | None) -> None:
    d = find_issue_date(text)
    assert (d.iso() if d else None) == expected
    if d is not None:
        assert text[d.start : d.end] == d.text


DOCNO_CASES: list[tuple[str, str | None]] = [
    ("第四篇:XX\n滨质技监发〔2011〕32号\n关于印发XX的通知", "滨质技监发〔2011〕32号"),
    ("XX市人民政府办公室文件\nX政办发【2019】12号\n关于印发XX的通知", "X政办发〔2019〕12号"),
    ("X教发[2020]3号\nXX方案", "X教发〔2020〕3号"),
    ("X教发(2020)3号\nXX方案", "X教发〔2020〕3号"),
    ("  X政发〔2019〕第5号    签发人:张三\nXX方案", "X政发〔2019〕第5号"),
    # cited numbers are not the document's own
    ("XX方案\n根据《关于印发<XX方案>的通知》(营委【2018】91号)文件要求,制定本方案。", None),
    ("XX方案\n按照X政发〔2019〕5号文件精神,制定本方案。", None),
    ("XX方案\n(营委【2018】91号)", None),
    ("〔2011〕32号", None),
]


@pytest.mark.parametrize(("text", "expected"), DOCNO_CASES)
def test_find_doc_number(text: str, expected: str | None) -> None:
    m = find_doc_number(text)
    assert (m.value if m else None) == expected
    if m is not None:
        assert text[m.start : m.end] == m.text


ISSUER_CASES: list[tuple[str, str | None]] = [
    ("XX方案\n正文。\nXX县教育局\n2018年7月31日", "XX县教育局"),
    ("XX方案\n正文。\nXX县教育局 2018年7月31日", "XX县教育局"),
    ("XX方案\n正文。\n中共XX县委办公室\n\n2019年3月1日", "中共XX县委办公室"),
    ("XX方案\n正文。\nXX县人民政府(盖章)\n2019年3月1日", "XX县人民政府"),
    ("XX方案\n正文。\nXX办公室2011年9月10日印发", "XX办公室"),
    ("XX方案\n正文。\n********2018年7月31日", None),
    ("XX方案\n三、认真做好各项准备工作。\n2019年3月1日", None),
    ("XX方案\n正文。", None),
]


@pytest.mark.parametrize(("text", "expected"), ISSUER_CASES)
def test_find_issuer(text: str, expected: str | None) -> None:
    m = find_issuer(text)
    assert (m.value if m else None) == expected
    if m is not None:
        assert text[m.start : m.end] == m.text


def test_find_references() -> None:
    text = (
        "根据《中共XX县委关于印发<XX方案>的通知》(营委【2018】91号)文件要求,"
        "按照《四川省文明城市测评细则》要求,认真贯彻《公民道德建设实施纲要》。"
    )
    refs = find_references(text)
    assert [(r.title, r.number) for r in refs] == [
        ("中共XX县委关于印发<XX方案>的通知", "营委〔2018〕91号"),
        ("四川省文明城市测评细则", None),
        ("公民道德建设实施纲要", None),
    ]
    r = refs[0]
    assert text[r.title_start : r.title_end] == r.title
    assert r.number_start is not None and r.number_end is not None
    assert text[r.number_start : r.number_end] == "营委【2018】91号"
    assert text[r.start : r.end] == "《中共XX县委关于印发<XX方案>的通知》(营委【2018】91号)"


@pytest.mark.parametrize("text", ["", "没有引用的正文。", "《未闭合的书名", "《》"])
def test_find_references_none(text: str) -> None:
    assert find_references(text) == []


def test_doc_number_from_a_web_information_table() -> None:
    text = "某市实施方案\n索引号:113508/2022-00141  主题分类:城乡建设\n发布机构:某市人民政府办公室  文号:汀政办发[2022]41号\n一、总体要求\n"
    m = find_doc_number(text)
    assert m is not None and m.value == "汀政办发〔2022〕41号"
