"""Documents, titles and section trees over the genre's many layouts."""

from __future__ import annotations

import pytest

from planparse import parse_text
from planparse.segment import clean, is_complete, section_kind


def outline(text: str, doc: int = 0) -> list[tuple[str, int, str]]:
    """(id, level, heading) of every section of one document."""
    out: list[tuple[str, int, str]] = []

    def walk(sections: list) -> None:  # type: ignore[type-arg]
        for s in sections:
            out.append((s.id, s.level, s.heading))
            walk(s.children)

    walk(parse_text(text).documents[doc].sections)
    return out


def tops(text: str, doc: int = 0) -> list[str]:
    return [s.heading for s in parse_text(text).documents[doc].sections]


GB9704 = """某县2024年农村人居环境整治工作方案
为深入推进农村人居环境整治,制定本方案。
一、总体要求
(一)指导思想
以习近平新时代中国特色社会主义思想为指导。
(二)工作目标
到2024年底,农村卫生厕所普及率达到90%以上。
二、重点任务
(一)推进厕所革命
1.加快改厕进度。各乡镇要倒排工期。
(1)完善设施。做好管护。
(2)强化监督。定期检查。
2.提升改厕质量。严格验收。
(二)治理生活垃圾
三、保障措施
"""


def test_gb9704_hierarchy() -> None:
    assert outline(GB9704) == [
        ("1", 1, "总体要求"),
        ("1.1", 2, "指导思想"),
        ("1.2", 2, "工作目标"),
        ("2", 1, "重点任务"),
        ("2.1", 2, "推进厕所革命"),
        ("2.1.1", 3, "加快改厕进度"),
        ("2.1.1.1", 4, "完善设施"),
        ("2.1.1.2", 4, "强化监督"),
        ("2.1.2", 3, "提升改厕质量"),
        ("2.2", 2, "治理生活垃圾"),
        ("3", 1, "保障措施"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # markers 一. 一, 一．and full-width brackets, mixed within one plan (sample doc 1 mixes 一、 and 四.)
        ("方案\n一、指导思想\n内容。\n二.工作目标\n内容。\n三,主要任务\n内容。\n四．实施步骤\n", ["指导思想", "工作目标", "主要任务", "实施步骤"]),
        ("方案\n第一部分 总体要求\n内容。\n第二部分 重点任务\n内容。", ["总体要求", "重点任务"]),
        ("方案\n第一章 总则\n内容。\n第二章 组织领导\n内容。", ["总则", "组织领导"]),
        ("方案\n(一)工作目标\n内容。\n(二)工作措施\n内容。", ["工作目标", "工作措施"]),
        ("方案\n（一）工作目标\n内容。\n（二）工作措施\n内容。", ["工作目标", "工作措施"]),
        ("方案\n1.工作目标\n内容。\n2.工作措施\n内容。", ["工作目标", "工作措施"]),
        ("方案\n1．工作目标\n内容。\n2．工作措施\n内容。", ["工作目标", "工作措施"]),
        ("方案\n①工作目标\n内容。\n②工作措施\n内容。", ["工作目标", "工作措施"]),
        ("方案\n　　一、指导思想\n　　内容。\n　　二、工作目标\n", ["指导思想", "工作目标"]),  # indented
        # a heading run into the previous paragraph after its 。
        ("方案\n一、指导思想\n坚持以人民为中心。二、工作目标\n全面提升。", ["指导思想", "工作目标"]),
        # a heading that runs on into its body after a space or a 。
        ("方案\n一、组织领导 成立领导小组。\n二、工作要求。各单位要高度重视。", ["组织领导", "工作要求"]),
        # trailing punctuation of the heading is dropped
        ("方案\n一、指导思想:\n内容。\n二、工作目标。\n", ["指导思想", "工作目标"]),
    ],
)
def test_marker_styles(text: str, expected: list[str]) -> None:
    assert tops(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # dates, decimals and body sentences starting with numbers are not headings
        "方案\n一、工作目标\n2013年2月完成部署。\n1.5万人参与活动。\n二、工作要求\n",
        # a numbered list that does not continue (3. after 1.) in the body is not a section at top level
        "方案\n一、工作目标\n全面完成。\n三、是一个说法。\n二、工作要求\n",
    ],
)
def test_body_numbers_are_not_headings(text: str) -> None:
    assert tops(text) == ["工作目标", "工作要求"]


def test_table_of_contents_is_skipped() -> None:
    text = "某市行动计划\n目录\n一、总体要求……1\n二、重点任务……3\n三、保障措施……5\n一、总体要求\n坚持问题导向。\n二、重点任务\n做好工作。\n三、保障措施\n加强领导。"
    assert tops(text) == ["总体要求", "重点任务", "保障措施"]


def test_compilation_is_split_into_articles() -> None:
    text = "第一篇:甲校工作方案\n甲校工作方案\n一、目标\n内容。\n第二篇:乙校工作方案\n乙校工作方案\n一、目标\n内容。\n二、步骤\n"
    docs = parse_text(text).documents
    assert [d.title for d in docs] == ["甲校工作方案", "乙校工作方案"]
    assert [len(d.sections) for d in docs] == [1, 2]
    assert [d.index for d in docs] == [1, 2]


def test_a_skipped_top_level_number_keeps_a_known_section() -> None:
    text = "某区实施方案\n一、指导思想\n内容。\n二、工作目标\n内容。\n四、主要任务\n内容。\n五.工作要求\n内容。\n"
    assert tops(text) == ["指导思想", "工作目标", "主要任务", "工作要求"]
    # an unknown heading two numbers on is body text, not a section
    assert tops("某区实施方案\n一、指导思想\n内容。\n二、工作目标\n内容。\n四、其他事项\n内容。\n") == [
        "指导思想", "工作目标"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "某县实施方案\n一 、指 导 思 想\n内容。\n二 、工 作 目 标\n内容。\n",  # spaced letter by letter
        "某县实施方案\n**一、指导思想。**内容。\n**二、工作目标。**内容。\n",  # Markdown bold kept by a web copy
    ],
)
def test_headings_in_display_styles(text: str) -> None:
    assert tops(text) == ["指导思想", "工作目标"]


def test_a_publication_note_is_no_part_of_the_title() -> None:
    text = "关于印发甲县工作方案的通知\n各乡镇:\n现印发给你们。\n甲县人民政府办公室\n2024年3月1日\n(此件公开发布)\n甲县工作方案\n一、总体要求\n内容。\n"
    assert parse_text(text).documents[0].title == "甲县工作方案"


def test_a_notice_issuing_two_documents_gives_two() -> None:
    text = (
        "关于印发甲市工作方案和考核办法的通知\n各县区:\n现印发给你们。\n附件:1.甲市工作方案 2.甲市考核办法\n"
        "甲市人民政府办公室\n2023年3月20日\n附件1\n甲市工作方案\n一、总体要求\n内容。\n二、工作目标\n内容。\n"
        "附件2\n甲市考核办法\n一、考核对象\n内容。\n二、考核内容\n内容。\n"
    )
    docs = parse_text(text).documents
    assert [d.title for d in docs] == ["甲市工作方案", "甲市考核办法"]
    assert [[s.heading for s in d.sections] for d in docs] == [["总体要求", "工作目标"], ["考核对象", "考核内容"]]
    assert docs[0].date == "2023-03-20" and docs[1].date is None


def test_annexes_that_are_tables_stay_in_their_plan() -> None:
    text = (
        "甲市工作方案\n一、总体要求\n内容。\n附件1\n重点任务分解表\n一、宣传\t市委宣传部\n附件2\n联系人名单\n"
        "一、办公室\t张三\n"
    )
    assert len(parse_text(text).documents) == 1


def test_body_mention_of_an_article_does_not_split() -> None:
    text = "甲校工作方案\n一、目标\n内容。\n第三篇:读书心得\n"  # not numbered from 1
    assert len(parse_text(text).documents) == 1


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("濱海質監局\n創建省級文明城市工作實施方案\n為進一步做好工作,制定本方案。\n一、指導思想\n", "滨海质监局创建省级文明城市工作实施方案"),
        ("創建省級文明城市活動 實 施 方 案\n為認真貫徹落實,特制定以下實施方案:\n一、指導思想\n", "创建省级文明城市活动实施方案"),
        ("首页 > 政务公开 > 通知公告\n发布时间:2021-05-20 浏览次数:123\n某县2021年夏秋两季秸秆禁烧工作方案\n为做好秸秆禁烧工作,制定本方案。\n一、工作目标\n", "某县2021年夏秋两季秸秆禁烧工作方案"),
        ("某市教育局关于开展\n文明校园创建活动的实施意见\n各学校:\n一、总体要求\n", "某市教育局关于开展文明校园创建活动的实施意见"),
        ("某某区推进垃圾分类三年行动计划(2019—2021年)\n一、总体要求\n", "某某区推进垃圾分类三年行动计划(2019—2021年)"),
        # no recognisable title: the text starts mid-sentence
        ("的生态环境,推进物质文明建设协调发展,促进经济社会全面进步。\n二、工作目标\n", None),
    ],
)
def test_titles(text: str, title: str | None) -> None:
    assert parse_text(text).documents[0].title == title


def test_banner_and_organ_lines_are_not_titles() -> None:
    text = (
        "桥头镇人民政府\n\n桥头镇政发【2022】3号\n\n桥头镇人民政府\n关于印发《桥头镇2022年防汛抗旱工作实施方案》的通知\n"
        "各村(社区):\n现印发给你们。\n桥头镇人民政府\n2022年3月18日\n"
        "桥头镇2022年防汛抗旱工作实施方案\n为做好防汛工作,制定本方案。\n一、工作目标\n确保安全度汛。\n"
        "抄送:县应急管理局。\n桥头镇党政综合办公室      2022年3月21日印发\n"
    )
    doc = parse_text(text).documents[0]
    assert doc.title == "桥头镇2022年防汛抗旱工作实施方案"
    assert doc.complete is True
    banner = "梅江县人民政府办公室文件\n梅政办发〔2021〕27号    签发人:邓文彬\n梅江县人民政府办公室\n关于印发梅江县冬春农田水利建设实施方案的通知\n各乡镇:\n现印发给你们。\n"
    assert parse_text(banner).documents[0].title == "梅江县人民政府办公室关于印发梅江县冬春农田水利建设实施方案的通知"


def test_covering_notice_keeps_the_plans_title() -> None:
    text = (
        "滨质技监发?2011?32号\n关于印发《滨海质监局文明城市创建\n实施方案》的通知\n机关各科室:\n"
        "现印发给你们,请遵照执行。\n附件:\n1、滨海质监局创建省级文明城市工作实施方案\n二○一一年九月十日\n"
        "抄送:县文明城市创建指挥部\n共印30份\n滨海质监局\n创建省级文明城市工作实施方案\n为进一步做好工作,制定本方案。\n"
        "一、指导思想\n内容。\n二、创建目标\n内容。\n"
    )
    docs = parse_text(text).documents
    assert len(docs) == 1
    assert docs[0].title == "滨海质监局创建省级文明城市工作实施方案"
    assert [s.heading for s in docs[0].sections] == ["指导思想", "创建目标"]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("指导思想", "guiding_ideology"),
        ("指导思想和总体目标", "guiding_ideology"),
        ("总体要求", "guiding_ideology"),
        ("工作目标", "goals"),
        ("目标任务", "goals"),
        ("基本原则", "principles"),
        ("组织领导", "organization"),
        ("成立领导小组", "organization"),
        ("主要任务", "tasks"),
        ("任务分解", "tasks"),
        ("创建内容", "tasks"),
        ("创建标准", "standards"),
        ("实施步骤", "steps"),
        ("时间安排", "steps"),
        ("方法步骤", "steps"),
        ("工作要求", "requirements"),
        ("保障措施", "measures"),
        ("目的", "goals"),
        ("时间进度", "steps"),
        ("活动安排", "steps"),
        ("排查内容", "tasks"),
        ("职责分工", "organization"),
        ("合理安排时间,分步有序推进", "steps"),
        ("附则", "other"),
    ],
)
def test_section_kinds(heading: str, kind: str) -> None:
    assert section_kind(heading) == kind


@pytest.mark.parametrize(
    ("tail", "complete"),
    [
        ("为完成创建目标任务提供资金保证。", True),
        ("********2018年7月31日", True),
        ("某县教育局\n2018年7月31日", True),
        ("共印30份", True),
        ("促进经济社会全面进步和人的全面发展,充分展示“实力、", False),
        ("不断加大领导力度、管理力度和工作力度,不断提升城市文明程度和市民文明素", False),
        # an appendix's table ends with a row, not a sentence
        ("附件:安全工作责任分解表\n序号\t工作内容\t责任人\t完成时间\n7\t应急疏散演练\t陈志刚、黄静\t2023年4月、6月", True),
        ("7  应急疏散演练  陈志刚、黄静  2023年4月、6月", True),
        ("组织开展应急疏散演练,做到  人人", False),
    ],
)
def test_completeness(tail: str, complete: bool) -> None:
    assert is_complete("某方案\n一、指导思想\n" + tail) is complete


@pytest.mark.parametrize(("raw", "cleaned"), [("王 雄", "王雄"), ("团 市委", "团市委"), ("实 施 方 案", "实施方案"), ("Level 2", "Level 2")])
def test_clean(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_section_spans_start_with_their_markers(sample_text: str, sample_result) -> None:  # type: ignore[no-untyped-def]
    from planparse.normalize import fold_width, normalize, to_simplified

    def walk(sections):  # type: ignore[no-untyped-def]
        for s in sections:
            yield s
            yield from walk(s.children)

    count = 0
    for doc in sample_result.documents:
        for s in walk(doc.sections):
            sliced = fold_width(to_simplified(sample_text[s.span.start : s.span.end]))
            assert sliced.startswith(s.marker), (s.id, s.marker, sliced[:20])
            assert clean(normalize(sample_text[s.heading_span.start : s.heading_span.end]).text) == s.heading
            count += 1
    assert count > 100


INLINE = "某校工作方案\n一、主要任务\n1、加强思想道德建设。一是加强学习,提高认识。二是优化环境。\n2、推进平安校园建设。一是强化管理;二是加强教育。\n二、工作要求\n"


def test_inline_enumerations_are_optional_sub_items() -> None:
    assert outline(INLINE) == [("1", 1, "主要任务"), ("1.1", 2, "加强思想道德建设"), ("1.2", 2, "推进平安校园建设"), ("2", 1, "工作要求")]
    doc = parse_text(INLINE, inline_items=True).documents[0]
    items = [(c.id, c.marker, c.heading) for s in doc.sections[0].children for c in s.children]
    assert items == [("1.1.1", "一是", "加强学习"), ("1.1.2", "二是", "优化环境"), ("1.2.1", "一是", "强化管理"), ("1.2.2", "二是", "加强教育")]
    assert [s.heading for s in doc.sections] == ["主要任务", "工作要求"]


def test_inline_enumeration_needs_an_open_section_and_order() -> None:
    doc = parse_text("某校工作方案\n一是加强学习。三是优化环境。\n", inline_items=True).documents[0]
    assert doc.sections == []
