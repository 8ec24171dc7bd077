"""Tests of planparse.owners_text: unit lists and assignments of responsible units."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.owners_text import find_owner_lists, is_unit_name, split_units


def _names(s: str) -> list[str]:
    return [u.name for u in split_units(s)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("校长室、大队部、教务处", ["校长室", "大队部", "教务处"]),
        ("经济开发区、蓝田办事处和石马山镇、六亩塘镇",
         ["经济开发区", "蓝田办事处", "石马山镇", "六亩塘镇"]),
        ("市卫生局、市人口和计划生育局", ["市卫生局", "市人口和计划生育局"]),
        ("市委宣传部、市文明办等", ["市委宣传部", "市文明办"]),
        ("团 市委、市文明办等单位", ["团市委", "市文明办"]),
        ("市文化广电和旅游局等有关部门", ["市文化广电和旅游局"]),
        ("市发展和改革委员会、市住房和城乡建设局", ["市发展和改革委员会", "市住房和城乡建设局"]),
        ("市委组织部和市人社局及市财政局", ["市委组织部", "市人社局", "市财政局"]),
        ("环卫公司、公用事业办和各村(社区)", ["环卫公司", "公用事业办", "各村(社区)"]),
        ("市教育局,市公安局;市卫生局", ["市教育局", "市公安局", "市卫生局"]),
        ("各乡镇(街道、社区)、市直有关部门", ["各乡镇(街道、社区)", "市直有关部门"]),
        ("市工业和信息化局", ["市工业和信息化局"]),
        ("市委和市政府", ["市委", "市政府"]),
        ("市城管局以及市园林局", ["市城管局", "市园林局"]),
        ("县教育局与县卫健委", ["县教育局", "县卫健委"]),
        ("市科学技术与工业信息化局", ["市科学技术与工业信息化局"]),
        ("经济开", ["经济开"]),
        ("", []),
        ("、,;", []),
        # cell lines joined by spaces; names written with a space stay whole
        ("县水利局 县疾病预防控制中心 各乡镇人民政府", ["县水利局", "县疾病预防控制中心", "各乡镇人民政府"]),
        ("县委 宣传部", ["县委宣传部"]),
        ("县人民政府 办公室", ["县人民政府办公室"]),
        # a dash or 无 in a table cell names no unit
        ("—", []),
        ("无", []),
        ("总务处、卫生室和食堂", ["总务处", "卫生室", "食堂"]),
        # notes about the list are no units
        ("省卫生健康委、省委宣传部、省广电局,列第一位者为牵头单位,下同", ["省卫生健康委", "省委宣传部", "省广电局"]),
    ],
)
def test_split_units(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_split_units_spans_are_raw_offsets() -> None:
    units = split_units("团 市委、 市文明办等", offset=100)
    assert [(u.name, u.start, u.end) for u in units] == [
        ("团市委", 100, 104),
        ("市文明办", 106, 110),
    ]


@pytest.mark.parametrize(
    ("name", "ok"),
    [("市教育局", True), ("各村(社区)", True), ("蓝田办事处", True), ("局", False),
     ("信息宣传人员", False), ("做好全区工作", False)],
)
def test_is_unit_name(name: str, ok: bool) -> None:
    assert is_unit_name(name) is ok


def _owners(text: str) -> list[list[str]]:
    return [[u.name for u in o.owners] for o in find_owner_lists(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # label on the task line, ended by 。
        ("1、加强学校管理。继续规范办学行为。责任部门:校长室、财务室。\n2、下一项",
         [["校长室", "财务室"]]),
        # inline bracket after a paragraph, 和 joining two units, spaced name, trailing 等
        ("二是开展多种创建活动。文明家庭比例达20%以上(责任单位:经济开发区、蓝田办事处和"
         "石马山镇、团 市委、市文明办等)。三是",
         [["经济开发区", "蓝田办事处", "石马山镇", "团市委", "市文明办"]]),
        # a name with 和 inside, bracket left without 。
        ("七是完善公共卫生体系建设(责任单位:市卫生局、市人口和计划生育局)\n",
         [["市卫生局", "市人口和计划生育局"]]),
        # unclosed at the cut end of a line: keep what is there
        ("(5)狠抓安全生产(责任单位:市煤炭局、经济开\n(6)下一项", [["市煤炭局", "经济开"]]),
        # two lists on one line
        ("一是教育。(责任单位:市教育局)。二是科技。(责任单位:市科技局、市科协)。",
         [["市教育局"], ["市科技局", "市科协"]]),
        # full-width brackets and colon
        ("加强宣传（责任单位：市委宣传部、市广电局）", [["市委宣传部", "市广电局"]]),
        ("【牵头单位:市司法局】", [["市司法局"]]),
        ("负责单位:市住建局", [["市住建局"]]),
        ("主责单位:市水务局 ", [["市水务局"]]),
        # the same label twice on consecutive lines: two lists
        ("责任单位:市住建局\n责任单位:市水务局", [["市住建局"], ["市水务局"]]),
        ("责任处室:办公室、法规处", [["办公室", "法规处"]]),
        # prose assignments
        ("由环卫公司、公用事业办和各村(社区)负责具体实施。",
         [["环卫公司", "公用事业办", "各村(社区)"]]),
        ("区教育局负责做好全区中小学校园安全工作。", [["区教育局"]]),
        ("此项工作由市委宣传部负责。", [["市委宣传部"]]),
        ("市委宣传部牵头,市文明办、市教育局配合,开展道德模范评选。",
         [["市委宣传部", "市文明办", "市教育局"]]),
        ("由县民政局牵头负责,县财政局、县人社局配合。", [["县民政局", "县财政局", "县人社局"]]),
        ("县农业农村局要具体负责组织实施。", [["县农业农村局"]]),
        ("市财政局为牵头单位。", [["市财政局"]]),
        # a task object instead of a verb after 负责
        ("县教育局负责全县学校创建工作,县卫健局负责医疗卫生机构创建工作。", [["县教育局"], ["县卫健局"]]),
    ],
)
def test_find_owner_lists_owners(text: str, expected: list[list[str]]) -> None:
    assert _owners(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "各单位要负责做好本单位的创建工作。",
        "各级各部门要负责抓好落实。",
        "各有关单位负责做好宣传发动。",
        "各学校(单位)要负责落实。",
        "各单位主要负责同志要亲自抓、负总责。",
        "实行校长负责制,各班主任对本班创建工作负总责。",
        "局办公室负责信息宣传人员,及时上报创建信息。",
        "并指定局监察室李强同志负责督查工作。",
        "各责任单位要加强协调,确保任务落实。",
        "严格执行首问负责制、服务承诺制等各项规章制度。",
        "未成年人思想道德建设责任单位,要结合实际制定措施。",
        "领导小组负责负责教育系统指挥、规划创建工作。",
        "各乡镇要成立专门组织,明确专人负责。",
        "积极配合公安、文化、工商等有关部门加强对隐患的打击力度。",
        "完成时限:2019年底前",
        "交流期间由接收学校负责日常管理和年度考核。",
        "实行“年级组统筹、班主任负责、教师轮流”的方式。",  # a slogan in quotation marks
        "班主任负责本班学生报名和点名。",  # a post, not a unit
        "由所在单位负责做好保障。",
        "",
    ],
)
def test_find_owner_lists_negative(text: str) -> None:
    assert find_owner_lists(text) == []


def test_lead_support_deadline_grouped() -> None:
    text = "(一)加强组织领导。\n牵头单位:市委办\n配合单位:市政府办、市委组织部\n完成时限:长期坚持\n(二)下一项"
    (ol,) = find_owner_lists(text)
    assert [u.name for u in ol.owners] == ["市委办", "市政府办", "市委组织部"]
    assert ol.lead == ("市委办",)
    assert ol.support == ("市政府办", "市委组织部")
    assert ol.deadline == "长期坚持"
    assert ol.role == "lead"
    assert ol.label == "牵头单位"
    assert ol.anchor_start == 0
    assert text[ol.start:ol.end].startswith("牵头单位")
    assert text[ol.start:ol.end].endswith("长期坚持")


def test_bracket_lead_support_deadline_in_one_bracket() -> None:
    text = "3.开展志愿服务活动(牵头单位:团市委;配合单位:市文明办;完成时限:2019年6月底前)。"
    (ol,) = find_owner_lists(text)
    assert ol.lead == ("团市委",)
    assert ol.support == ("市文明办",)
    assert ol.deadline == "2019年6月底前"
    assert text[ol.start] == "(" and text[ol.end - 1] == ")"
    assert ol.anchor_start == 0


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        ("责任单位:市委宣传部(牵头)、市文明办、市教育局", ("市委宣传部",), ("市文明办", "市教育局")),
        ("责任单位:市委宣传部牵头,市文明办、市教育局配合。", ("市委宣传部",), ("市文明办", "市教育局")),
        ("牵头单位:市教育局\n责任单位:各县区政府", ("市教育局",), ("各县区政府",)),
        ("责任单位:市公安局;配合单位:市交通局", ("市公安局",), ("市交通局",)),
        ("责任单位:市公安局、市交通局", (), ()),
        ("责任单位:市住房城乡建设局牵头,市发展改革委、市财政局按职责分工负责。",
         ("市住房城乡建设局",), ("市发展改革委", "市财政局")),
        ("【责任单位】市民政局牵头,市财政局、市发展改革委配合", ("市民政局",), ("市财政局", "市发展改革委")),
        ("1.开展建设。(各乡镇人民政府负责,县农业农村局、县财政局配合)", ("各乡镇人民政府",), ("县农业农村局", "县财政局")),
    ],
)
def test_lead_and_support(text: str, lead: tuple[str, ...], support: tuple[str, ...]) -> None:
    (ol,) = find_owner_lists(text)
    assert ol.lead == lead
    assert ol.support == support


def test_annotation_removed_from_name_and_span() -> None:
    text = "责任单位:市委宣传部(牵头)、市文明办"
    (ol,) = find_owner_lists(text)
    first = ol.owners[0]
    assert first.name == "市委宣传部"
    assert text[first.start:first.end] == "市委宣传部"


def test_person_labels() -> None:
    (only_person,) = find_owner_lists("责任领导:张三 副市长\n")
    assert only_person.kind == "person"
    assert [u.name for u in only_person.owners] == ["张三副市长"]
    (mixed,) = find_owner_lists("(责任领导:李四;责任单位:市教育局)")
    assert mixed.kind == "unit"
    assert mixed.leaders == ("李四",)
    assert [u.name for u in mixed.owners] == ["市教育局"]


def test_prose_lead_support_roles() -> None:
    (ol,) = find_owner_lists("市委宣传部牵头,市文明办、市教育局配合,开展评选。")
    assert ol.source == "prose"
    assert ol.role == "lead"
    assert ol.lead == ("市委宣传部",)
    assert ol.support == ("市文明办", "市教育局")


def _anchor_text(text: str, n: int = 8) -> list[str]:
    return [text[o.anchor_start:o.anchor_start + n] for o in find_owner_lists(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # inline enumerations each with their own list
        ("一是开展市民文明教育。内容(责任单位:市文明办)。二是开展多种创建活动。内容(责任单位:团市委)。",
         ["一是开展市民文明", "二是开展多种创建"]),
        # sub-points 一是…四是 inside a numbered item: the item is the anchor
        ("(4)维护城市环境卫生。一是理顺体制。二是清理占道。四是加强环境管理(责任单位:市城管局)。",
         ["(4)维护城市环"]),
        # a phase heading then a numbered item on the same line: the item wins
        ("(一)宣传发动阶段(2010年3月1日—7月30日)。主要任务是:动员部署。1.完成工作部署。5月28日召开大会"
         "(责任单位:市委办、市政府办)。",
         ["1.完成工作部署"]),
        # the paragraph under a heading line: the heading is the anchor
        ("2.加强诚信教育,打造诚信涟源。\n以诚信为主题,深入开展系列活动(责任单位:市工商局)。\n",
         ["2.加强诚信教育,"]),
        # label on its own line below the item
        ("1.加强组织领导。\n成立领导小组。\n责任单位:市委办\n", ["1.加强组织领导"]),
        # no marker anywhere: the line (or segment) start
        ("深入开展系列活动(责任单位:市工商局)。", ["深入开展系列活动"]),
        ("某段落。\n深入开展系列活动(责任单位:市工商局)。", ["深入开展系列活动"]),
    ],
)
def test_anchor_start(text: str, expected: list[str]) -> None:
    got = _anchor_text(text, len(expected[0]))
    assert got == expected


def test_real_sample_lines() -> None:
    text = (
        "8、进一步强化对文明创建活动的领导。学校成立专门领导小组,制定创建工作实施方案和工作计划,"
        "开展定期检查和经常性的督查督办工作。责任部门:校长室。\n"
        "(3)提高城市管理水平。交通路口阻塞率小于2%(责任单位:市城管局、市市政局、市公安交警大队)。\n"
        "(2)继续巩固“严打”斗争成果,整治社会风气。消除社会丑恶现象(责任单位:市委政法委、市公安局、"
        "市委610办、市妇联)。\n"
    )
    lists = find_owner_lists(text)
    assert _owners(text) == [
        ["校长室"],
        ["市城管局", "市市政局", "市公安交警大队"],
        ["市委政法委", "市公安局", "市委610办", "市妇联"],
    ]
    assert [text[o.anchor_start:o.anchor_start + 3] for o in lists] == ["8、进", "(3)", "(2)"]
    assert all(o.label == "责任单位" or o.label == "责任部门" for o in lists)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="市局办和及、,()责任单位牵头负责由:。\n 等各镇", max_size=80))
def test_spans_hold_the_names(text: str) -> None:
    for ol in find_owner_lists(text):
        assert 0 <= ol.anchor_start <= ol.start < ol.end <= len(text)
        for u in ol.owners:
            assert ol.start <= u.start < u.end <= ol.end
            assert "".join(text[u.start:u.end].split()) == u.name
    for u in split_units(text):
        assert "".join(text[u.start:u.end].split()) == u.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a leadership group's coordinating role is not a task assignment
        ("县美丽乡村建设工作领导小组负责统筹协调,各乡镇党委、政府是责任主体。", []),
        ("领导小组办公室负责日常工作。", []),
        # 和 between a unit and a generic 部门 list splits
        ("(责任单位:区政务服务中心和各相关部门)", [["区政务服务中心", "各相关部门"]]),
    ],
)
def test_coordinating_bodies_and_generic_departments(text: str, expected: list[list[str]]) -> None:
    assert [[u.name for u in ol.owners] for ol in find_owner_lists(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进车辆新能源化。(市生态环境局、市公安局、市交通运输局按职责分工负责)", [["市生态环境局", "市公安局", "市交通运输局"]]),
        ("由环卫公司、公用事业办和各村(社区)负责具体实施。", [["环卫公司", "公用事业办", "各村(社区)"]]),
    ],
)
def test_prose_assignment_in_brackets(text: str, expected: list[list[str]]) -> None:
    assert [[u.name for u in ol.owners] for ol in find_owner_lists(text)] == expected


@pytest.mark.parametrize(
    ("text", "owners", "lead", "support"),
    [
        ("1.完善核心制度。牵头科室:医务科 配合科室:护理部、院感科\n", ["医务科", "护理部", "院感科"], ["医务科"], ["护理部", "院感科"]),
        ("(责任部门:政教处和各班主任)", ["政教处", "各班主任"], [], []),
    ],
)
def test_department_labels_of_hospitals_and_schools(text: str, owners: list[str], lead: list[str], support: list[str]) -> None:
    (ol,) = find_owner_lists(text)
    assert ([u.name for u in ol.owners], list(ol.lead), list(ol.support)) == (owners, lead, support)


def test_the_closing_interpretation_clause_assigns_no_task() -> None:
    assert find_owner_lists("第十二条 本意见自印发之日起施行,由县教育局负责解释。") == []
