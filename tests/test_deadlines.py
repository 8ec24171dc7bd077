"""Deadlines of tasks and targets, looked up in one document's dates."""

from __future__ import annotations

import pytest

from planparse.extract.deadlines import Deadlines


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2020年底前,全市森林覆盖率达到45%", "2020-12"),
        ("力争2019年6月,建成区绿化覆盖率达到40%", "2019-06"),
        ("12月底前完成整改,整改率达到100%", "--12"),
        ("2014年成功创建省级文明城市,知晓率达到90%", "2014"),
        ("于3月召开动员大会,参会率达到95%", "--03"),  # the price of the simple rule
        ("2019年3月召开动员大会,参会率达到95%", None),  # a date that is no deadline
    ],
)
def test_deadline_of_a_target(sentence: str, expected: str | None) -> None:
    text = "某县工作方案\n" + sentence + "。"
    target = text.index("率达到")
    found = Deadlines(text).at(target - 4, target + 7)
    assert (found.iso() if found else None) == expected


def test_the_deadline_stays_in_its_sentence() -> None:
    text = "到2020年底前完成改造。知晓率达到90%。"
    k = text.index("知晓率")
    assert Deadlines(text).at(k, k + 9) is None
    assert Deadlines(text).at(0, 11) is not None


def test_only_the_documents_stretch_is_read() -> None:
    text = "到2019年底前完成。\n第二篇\n知晓率达到90%。"
    k = text.index("第二篇")
    assert Deadlines(text, k, len(text)).at(k, len(text)) is None


def test_many_items_in_one_long_sentence_are_found_once() -> None:
    text = "到2020年底前," + "知晓率达80%以上、" * 2000
    dl = Deadlines(text)
    found = [dl.at(k, k + 8) for k in range(8, len(text), 9)]
    assert {p.iso() if p else None for p in found} <= {"2020-12", None}
    assert found[0] is not None and found[0].iso() == "2020-12"
