"""The working text: script, width, lost marks, joined lines, and the offset map."""

from __future__ import annotations

import pytest

from planparse.normalize import fold_width, normalize, restore_lost_marks, to_simplified


@pytest.mark.parametrize(
    ("raw", "working"),
    [
        # Traditional to Simplified, full-width to half-width
        ("實施方案（試行）", "实施方案(试行)"),
        ("知曉率達８０％以上，支持率達９０％。", "知晓率达80%以上,支持率达90%。"),
        ("責任單位：市委宣傳部", "责任单位:市委宣传部"),
        ("\u3000\u3000一、指導思想", "  一、指导思想"),
        # lost quotation marks and document-number brackets
        ("堅持以鄧小平理論和?三個代表?重要思想為指導", "坚持以邓小平理论和“三个代表”重要思想为指导"),
        ("濱質技監發?2011?32號", "滨质技监发〔2011〕32号"),
        ("?我為‘雙創’獻一策? ?城市管理大家談?等欄目", "“我为‘双创’献一策” “城市管理大家谈”等栏目"),
        ("这是为什么?", "这是为什么?"),
        # redaction stars and spaces are kept
        ("********縣教育局 王 雄", "********县教育局 王 雄"),
    ],
)
def test_character_mapping(raw: str, working: str) -> None:
    assert normalize(raw).text == working


@pytest.mark.parametrize(
    ("raw", "working"),
    [
        # a sentence broken mid-word (sample, doc 1)
        ("二是要繼續優化未成年人成長的環境,正\n確引導學生正確的世界觀", "二是要继续优化未成年人成长的环境,正确引导学生正确的世界观"),
        # the same after an earlier sentence: an inline "二是" is not a run-in heading
        ("一是加強學習。二是要繼續優化環境,正\n確引導學生", "一是加强学习。二是要继续优化环境,正确引导学生"),
        # a number broken inside an unclosed bracket (sample, doc 4)
        ("第二階段:強勢推進、全面提高階段(9月22日-10月1\n5日)\n1、提高職工素質", "第二阶段:强势推进、全面提高阶段(9月22日-10月15日)\n1、提高职工素质"),
        # a title broken before its last character (sample, doc 2)
        ("關于創建省級文明城市工作實施方\n案\n為全面提升", "关于创建省级文明城市工作实施方案\n为全面提升"),
        # an unclosed book-title mark
        ("關于印發《濱海質監局文明城市創建\n實施方案》的通知", "关于印发《滨海质监局文明城市创建实施方案》的通知"),
        # a name cut at the end of a list under a label
        ("成员:周海、王丽萍、赵\n刚、孙志远", "成员:周海、王丽萍、赵刚、孙志远"),
        ("成员:周海、王丽萍、\n孙志远", "成员:周海、王丽萍、孙志远"),
        # a label broken inside its bracket
        ("采取分散供水方式解决。(责任单\n位:县水利局、县财政局)", "采取分散供水方式解决。(责任单位:县水利局、县财政局)"),
        # a number broken outside brackets
        ("计划于2019年10月1\n5日前完成全部整改", "计划于2019年10月15日前完成全部整改"),
        # a page-number line between the halves of a sentence is dropped
        ("各单位要高度重视,认真组织,确保各项工作\n- 3 -\n落到实处。", "各单位要高度重视,认真组织,确保各项工作落到实处。"),
        ("各单位要高度重视,认真组织,确保各项\n第 2 页 共 5 页\n工作落到实处。", "各单位要高度重视,认真组织,确保各项工作落到实处。"),
        # CRLF line ends become LF
        ("一、指导思想\r\n坚持问题导向。\r\n", "一、指导思想\n坚持问题导向。\n"),
        # a label inside a bracket waits for its value on the next line
        ("降低农村物流成本。(牵头单位:\n省邮政管理局、省交通运输厅)", "降低农村物流成本。(牵头单位:省邮政管理局、省交通运输厅)"),
        # a running head repeated at a page break goes with the page number; the banner stays
        ("XX省人民政府办公厅文件\n一、总体要求\n(牵头单位:省商务厅;配合单位:省财\n— 2 —\nXX省人民政府办公厅文件\n"
         "政厅、各市人民政府)\n",
         "XX省人民政府办公厅文件\n一、总体要求\n(牵头单位:省商务厅;配合单位:省财政厅、各市人民政府)\n"),
    ],
)
def test_broken_lines_are_joined(raw: str, working: str) -> None:
    assert normalize(raw).text == working


@pytest.mark.parametrize(
    "raw",
    [
        "副组长:李卫国\n赵佑\n皋骞",  # one name per line
        "一、指导思想\n坚持问题导向。",  # a heading
        "(一)抓好干部学习教育\n把干部学习教育融入到学校教育中来。",  # heading then body
        "抄送:县文明城市创建指挥部,市局办公室\n盐城市滨海质量技术监督局办公室2011年9月10日印发",  # label line
        "2、滨海县质量技术监督局创建省级文明城市工作领导小组成员名单\n二○一一年九月十日",  # date line
        "副市长 邱超文 市政协副主席、常委\n成 员:童建武 市委宣传部副部长",  # role label line
        "各单位要高度重视,认真组织实施。\n二是加强督查。",  # inline enumeration
        "根据要求,结合实际,制定本方案如下:\n一、总体要求",  # colon ends
        "组长:\n张三",  # a label outside brackets keeps its line
        "广泛宣传发动,形成浓厚氛围(责任单位:市委宣传部)\n(2)加强城市绿化",  # closing bracket
        "1\t建立健全工作机制\t县委宣传部\t县文明办、县教育局\t2022年6月底前\n2\t开展专项整治",  # table rows
        "1      推进垃圾分类,强化宣传       市城管局、市住建局\n2      整治背街小巷",  # aligned columns
    ],
)
def test_real_breaks_are_kept(raw: str) -> None:
    assert normalize(raw).text == raw


@pytest.mark.parametrize(
    "raw",
    [
        "第二階段:強勢推進(9月22日-10月1\n5日)\r\n- 2 -\r\n1、提高職工素質,正\n確引導",
        "???\n\n\r\r\n  \u3000",
        "",
        "a\nb\n",
    ],
)
def test_offsets_map_back_to_the_same_characters(raw: str) -> None:
    nt = normalize(raw)
    direct = restore_lost_marks(fold_width(to_simplified(raw)))
    for i, ch in enumerate(nt.text):
        j = nt.to_original(i)
        assert direct[j] == ch or (ch == "\n" and direct[j] == "\r")


def test_sample_offsets(sample_text: str) -> None:
    nt = normalize(sample_text)
    # every working character comes from the original character it maps to
    direct = restore_lost_marks(fold_width(to_simplified(sample_text)))
    assert all(direct[nt.to_original(i)] == c for i, c in enumerate(nt.text))
    assert len(nt.text) < len(sample_text)


def test_span_end_does_not_swallow_a_deleted_break() -> None:
    nt = normalize("实施方\n案\n正文")
    assert nt.text.startswith("实施方案\n")
    span = nt.span(0, 4)
    assert (span.start, span.end) == (0, 5)
    assert "实施方\n案\n正文"[span.start : span.end] == "实施方\n案"
