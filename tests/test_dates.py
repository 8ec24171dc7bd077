"""Tests of planparse.dates: single dates, ranges and year inference."""

from __future__ import annotations

import pytest

from planparse.dates import DatePoint, DateRange, find_dates, infer_years, parse_range

# text -> list of (iso, text as written, precision, part, invalid, placeholder)
FIND_CASES: list[tuple[str, list[tuple[str | None, str, str, str | None, bool, bool]]]] = [
    ("2013年2月", [("2013-02", "2013年2月", "month", None, False, False)]),
    ("2013年2月1日", [("2013-02-01", "2013年2月1日", "day", None, False, False)]),
    ("2013.2.1", [("2013-02-01", "2013.2.1", "day", None, False, False)]),
    ("2013-02-01", [("2013-02-01", "2013-02-01", "day", None, False, False)]),
    ("2013/2/1", [("2013-02-01", "2013/2/1", "day", None, False, False)]),
    ("二○一一年九月十日", [("2011-09-10", "二○一一年九月十日", "day", None, False, False)]),
    ("二〇二一年十二月", [("2021-12", "二〇二一年十二月", "month", None, False, False)]),
    ("9月19日", [("--09-19", "9月19日", "day", None, False, False)]),
    ("10月中旬", [("--10", "10月中旬", "month", "中旬", False, False)]),
    ("2019年底", [("2019-12", "2019年底", "month", "年底", False, False)]),
    ("年底前完成", [(None, "年底", "month", "年底", False, False)]),
    ("每月月底报送", [(None, "月底", "month", "月底", False, False)]),
    ("上半年", [(None, "上半年", "year", "上半年", False, False)]),
    ("第一季度", [(None, "第一季度", "year", "第一季度", False, False)]),
    ("3月份", [("--03", "3月份", "month", None, False, False)]),
    ("2019年度", [("2019", "2019年", "year", None, False, False)]),
    ("2020年春节前", [("2020", "2020年春节", "year", "春节", False, False)]),
    ("2020年元旦", [("2020-01-01", "2020年元旦", "day", "元旦", False, False)]),
    ("2月30日", [(None, "2月30日", "day", None, True, False)]),
    ("2019年13月", [(None, "2019年13月", "month", None, True, False)]),
    ("20xx年", [(None, "20xx年", "year", None, False, True)]),
    ("_月_日", [(None, "_月_日", "day", None, False, True)]),
    ("2020年2月29日", [("2020-02-29", "2020年2月29日", "day", None, False, False)]),
    ("5月28日召开动员大会", [("--05-28", "5月28日", "day", None, False, False)]),
    ("********2018年7月31日", [("2018-07-31", "2018年7月31日", "day", None, False, False)]),
    ("2019年 3 月 1 日", [("2019-03-01", "2019年 3 月 1 日", "day", None, False, False)]),
    ("3月5号前", [("--03-05", "3月5号", "day", None, False, False)]),
    ("二〇一九年三月上旬", [("2019-03", "二〇一九年三月上旬", "month", "上旬", False, False)]),
    ("2019年下半年", [("2019", "2019年下半年", "year", "下半年", False, False)]),
    (
        "从2018年开始,2019.3—2019.6",
        [
            ("2018", "2018年", "year", None, False, False),
            ("2019-03", "2019.3", "month", None, False, False),
            ("2019-06", "2019.6", "month", None, False, False),
        ],
    ),
    # not dates
    ("滨质技监发〔2011〕32号", []),
    ("通过3年扎实有效的创建工作", []),
    ("背诵社会主义核心价值观“24个字”", []),
    ("统一月报制度", []),
    ("研发经费支出占GDP比重1.2%", []),
    ("增长2019.5%", []),
    ("1—3年内", []),
    ("每10万人拥有专利", []),
    ("党的十九大精神", []),
    ("明年", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_dates(
    text: str, expected: list[tuple[str | None, str, str, str | None, bool, bool]]
) -> None:
    got = [(p.iso(), p.text, p.precision, p.part, p.invalid, p.placeholder) for p in find_dates(text)]
    assert got == expected
    for p in find_dates(text):
        assert text[p.start : p.end] == p.text


# range text -> (start iso, end iso, start_text, end_text)
RANGE_CASES: list[tuple[str, tuple[str | None, str | None, str | None, str | None]]] = [
    ("2013年2月—3月", ("2013-02", "2013-03", "2013年2月", "3月")),
    ("2013年4月—10月", ("2013-04", "2013-10", "2013年4月", "10月")),
    ("2013年11月—2013年12月", ("2013-11", "2013-12", "2013年11月", "2013年12月")),
    ("2018年8月-10月", ("2018-08", "2018-10", "2018年8月", "10月")),
    ("2018年11月-2019年6月", ("2018-11", "2019-06", "2018年11月", "2019年6月")),
    ("9月19日-9月21日", ("--09-19", "--09-21", "9月19日", "9月21日")),
    ("9月22日-10月15日", ("--09-22", "--10-15", "9月22日", "10月15日")),
    ("10月16日-检查前", ("--10-16", None, "10月16日", "检查前")),
    ("2010年3月1日—7月30日", ("2010-03-01", "2010-07-30", "2010年3月1日", "7月30日")),
    ("2010年8月—2013年5月", ("2010-08", "2013-05", "2010年8月", "2013年5月")),
    ("2013年6月", ("2013-06", "2013-06", "2013年6月", "2013年6月")),
    ("2014年9月—10月", ("2014-09", "2014-10", "2014年9月", "10月")),
    ("5月30日一6月4日", ("--05-30", "--06-04", "5月30日", "6月4日")),
    ("2019年3月–4月", ("2019-03", "2019-04", "2019年3月", "4月")),
    ("2019年3月~5月", ("2019-03", "2019-05", "2019年3月", "5月")),
    ("2019年3月到5月", ("2019-03", "2019-05", "2019年3月", "5月")),
    ("即日起至2019年6月", (None, "2019-06", "即日起", "2019年6月")),
    ("2019年底前", (None, "2019-12", None, "2019年底")),
    ("2019年上半年", ("2019-01", "2019-06", "2019年上半年", "2019年上半年")),
    ("2019年下半年", ("2019-07", "2019-12", "2019年下半年", "2019年下半年")),
    ("2020年第一季度", ("2020-01", "2020-03", "2020年第一季度", "2020年第一季度")),
    ("2020年三季度", ("2020-07", "2020-09", "2020年三季度", "2020年三季度")),
    ("2019年10月中旬", ("2019-10", "2019-10", "2019年10月中旬", "2019年10月中旬")),
    ("2019年3月上旬至4月底", ("2019-03", "2019-04", "2019年3月上旬", "4月底")),
    ("2019年11月至次年3月", ("2019-11", "2020-03", "2019年11月", "次年3月")),
    ("2019年11月至翌年2月", ("2019-11", "2020-02", "2019年11月", "翌年2月")),
    ("2019年11月-3月", ("2019-11", "2020-03", "2019年11月", "3月")),
    ("2019.3—2019.6", ("2019-03", "2019-06", "2019.3", "2019.6")),
    ("2019年3月1日至2019年3月31日", ("2019-03-01", "2019-03-31", "2019年3月1日", "2019年3月31日")),
    ("2022年1-3月", ("2022-01", "2022-03", "2022年1", "3月")),
    ("9月19-21日", ("--09-19", "--09-21", "9月19", "21日")),
    ("2019-2021年", ("2019", "2021", "2019", "2021年")),
    ("二〇二一年十二月", ("2021-12", "2021-12", "二〇二一年十二月", "二〇二一年十二月")),
    ("3月份", ("--03", "--03", "3月份", "3月份")),
    ("4月底前", (None, "--04", None, "4月底")),
    ("2020年春节前", (None, "2020", None, "2020年春节")),
    ("2019年3月起", ("2019-03", None, "2019年3月", None)),
    ("截至2019年6月底", (None, "2019-06", None, "2019年6月底")),
    ("2019年10月上旬-中旬", ("2019-10", "2019-10", "2019年10月上旬", "中旬")),
    ("2019年12月—2020年1月", ("2019-12", "2020-01", "2019年12月", "2020年1月")),
    ("二○一一年九月十日至十月十五日", ("2011-09-10", "2011-10-15", "二○一一年九月十日", "十月十五日")),
    ("2013年6月—验收前", ("2013-06", None, "2013年6月", "验收前")),
    ("20xx年x月", (None, None, "20xx年x月", "20xx年x月")),
    # fixed-date festivals without a year; a start that is no date keeps its words
    ("2024年11月1日至元旦", ("2024-11-01", "2025-01-01", "2024年11月1日", "元旦")),
    ("2024年元旦至春节期间", ("2024-01-01", None, "2024年元旦", "春节期间")),
    ("春节后至2025年3月底", (None, "2025-03", "春节后", "2025年3月底")),
    # an end at month precision in the start's month does not roll into the next year
    ("2024年国庆节后至10月底", ("2024-10-01", "2024-10", "2024年国庆节", "10月底")),
    ("2024年10月20日至10月底", ("2024-10-20", "2024-10", "2024年10月20日", "10月底")),
    # a month in Chinese numerals alone ends a range
    ("二〇二四年三月至六月", ("2024-03", "2024-06", "二〇二四年三月", "六月")),
    ("二〇二四年十一月至次年二月", ("2024-11", "2025-02", "二〇二四年十一月", "次年二月")),
    # runs of quarters with the first 季度 left out
    ("2023年第二至三季度", ("2023-04", "2023-09", "2023年第二至三季度", "2023年第二至三季度")),
    ("2023年二、三季度", ("2023-04", "2023-09", "2023年二、三季度", "2023年二、三季度")),
    ("2023年第三至第四季度", ("2023-07", "2023-12", "2023年第三至第四季度", "2023年第三至第四季度")),
    ("2023年第1-2季度", ("2023-01", "2023-06", "2023年第1-2季度", "2023年第1-2季度")),
]


@pytest.mark.parametrize(("text", "expected"), RANGE_CASES)
def test_parse_range(
    text: str, expected: tuple[str | None, str | None, str | None, str | None]
) -> None:
    r = parse_range(text)
    assert r is not None
    assert (r.start_iso(), r.end_iso(), r.start_text, r.end_text) == expected
    assert not r.year_inferred


@pytest.mark.parametrize("text", ["", "检查前", "动员部署", "〔2011〕32号", "3年", "明年"])
def test_parse_range_none(text: str) -> None:
    assert parse_range(text) is None


def test_parse_range_offsets() -> None:
    text = "时间:2013年2月—3月。"
    r = parse_range(text)
    assert r is not None and r.start is not None and r.end is not None
    assert text[r.span_start : r.span_end] == "2013年2月—3月"
    assert text[r.start.start : r.start.end] == "2013年2月"
    assert text[r.end.start : r.end.end] == "3月"


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("9月19日-9月21日", 2011, ("2011-09-19", "2011-09-21")),
        ("11月—2月", 2019, ("2019-11", "2020-02")),
        ("上半年", 2021, ("2021-01", "2021-06")),
        ("年底前", 2021, (None, "2021-12")),
    ],
)
def test_parse_range_default_year(text: str, year: int, expected: tuple[str | None, str | None]) -> None:
    r = parse_range(text, default_year=year)
    assert r is not None
    assert (r.start_iso(), r.end_iso()) == expected
    assert r.year_inferred


def test_parse_range_default_month() -> None:
    r = parse_range("19日-21日", default_year=2020, default_month=3)
    assert r is not None
    assert (r.start_iso(), r.end_iso()) == ("2020-03-19", "2020-03-21")
    assert (r.start_text, r.end_text) == ("19日", "21日")
    assert parse_range("19日-21日") is not None  # no month known: no ISO form
    assert parse_range("19日-21日").start_iso() is None  # type: ignore[union-attr]


def test_relative_year_with_default() -> None:
    r = parse_range("明年3月至6月", default_year=2019)
    assert r is not None
    assert (r.start_iso(), r.end_iso()) == ("2020-03", "2020-06")


def _ranges(*texts: str) -> list[DateRange]:
    out = []
    for t in texts:
        r = parse_range(t)
        assert r is not None
        out.append(r)
    return out


def _isos(ranges: list[DateRange]) -> list[tuple[str | None, str | None]]:
    return [(r.start_iso(), r.end_iso()) for r in ranges]


INFER_CASES: list[tuple[tuple[str, ...], int | None, int | None, list[tuple[str | None, str | None]]]] = [
    # doc 4 of the sample: years from the document date
    (
        ("9月19日-9月21日", "9月22日-10月15日", "10月16日-检查前"),
        2011,
        None,
        [("2011-09-19", "2011-09-21"), ("2011-09-22", "2011-10-15"), ("2011-10-16", None)],
    ),
    # the previous phase carries the year; a smaller month is the next year
    (
        ("2019年11月—12月", "1月—6月", "7月"),
        None,
        None,
        [("2019-11", "2019-12"), ("2020-01", "2020-06"), ("2020-07", "2020-07")],
    ),
    # stages before the first dated stage count backwards
    (
        ("11月—12月", "2020年1月—6月"),
        None,
        None,
        [("2019-11", "2019-12"), ("2020-01", "2020-06")],
    ),
    # the title's year when nothing else gives one
    (
        ("5月30日一6月4日", "9月20日一9月30日"),
        None,
        2021,
        [("2021-05-30", "2021-06-04"), ("2021-09-20", "2021-09-30")],
    ),
    # the document's year wins over the title's
    (("3月—4月",), 2018, 2021, [("2018-03", "2018-04")]),
    # nothing gives a year: ISO without a year
    (
        ("5月30日一6月4日", "9月20日一9月30日"),
        None,
        None,
        [("--05-30", "--06-04"), ("--09-20", "--09-30")],
    ),
    # written years stay as written
    (
        ("2013年2月—3月", "2013年4月—10月"),
        2011,
        2020,
        [("2013-02", "2013-03"), ("2013-04", "2013-10")],
    ),
    # a yearless range between two dated ones crossing a new year
    (
        ("2019年10月—11月", "12月—2月", "2020年3月"),
        None,
        None,
        [("2019-10", "2019-11"), ("2019-12", "2020-02"), ("2020-03", "2020-03")],
    ),
]


@pytest.mark.parametrize(("texts", "doc_year", "context_year", "expected"), INFER_CASES)
def test_infer_years(
    texts: tuple[str, ...],
    doc_year: int | None,
    context_year: int | None,
    expected: list[tuple[str | None, str | None]],
) -> None:
    got = infer_years(_ranges(*texts), doc_year=doc_year, context_year=context_year)
    assert _isos(got) == expected


def test_infer_years_flags() -> None:
    got = infer_years(_ranges("2013年2月—3月", "4月—5月"), doc_year=None)
    assert [r.year_inferred for r in got] == [False, True]
    assert got[1].start is not None and got[1].start.year_inferred


def test_iso_forms() -> None:
    assert DatePoint(2013, None, None, "year", "2013年", 0, 5).iso() == "2013"
    assert DatePoint(None, 5, 30, "day", "5月30日", 0, 5).iso() == "--05-30"
    assert DatePoint(None, 5, None, "month", "5月", 0, 2).iso() == "--05"
    assert DatePoint(None, None, None, "year", "20xx年", 0, 5, placeholder=True).iso() is None
    assert DatePoint(None, 2, 30, "day", "2月30日", 0, 5, invalid=True).iso() is None
