"""Property tests: whatever the text, parsing never crashes and the output stays truthful.

Two kinds of input: arbitrary Unicode (``st.text()``), and text assembled from the
genre's own pieces (list markers of every style, 第N篇 articles, dates, targets,
owner and leader labels, full-width and Traditional characters, lost-mark ``?``,
stars, line breaks), which reaches far more of the extractors.  For each input:

* no exception;
* every span lies inside the input: ``0 <= start <= end <= len(text)``;
* a section's span, normalised, starts with its marker, and its heading span,
  normalised and cleaned, is its heading;
* the output validates against the JSON Schema that ``planparse schema`` prints, and
  round-trips through :class:`~planparse.models.PlanResult`;
* the same input gives the same output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planparse import parse_text
from planparse.cli import main
from planparse.models import PlanResult, Section
from planparse.normalize import fold_width, normalize, restore_lost_marks, to_simplified
from planparse.segment import clean

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

#: Fragments of real plans, in both scripts and both punctuation widths.
PIECES = [
    # list markers of every style
    "一、", "二、", "三、", "四、", "十一、", "一.", "二 、",
    "(一)", "(二)", "（三）", "（四）", "[五]",
    "1.", "2.", "3、", "4,", "10.", "1)", "１．", "２、",
    "(1)", "(2)", "（３）", "[4]",
    "①", "②", "③", "⑩",
    "一是", "二是",
    # compilations and parts
    "第一篇:", "第二篇:", "第三篇：", "第1篇", "第一部分", "第二章", "第一阶段", "第二阶段(", "阶段(",
    # titles and section headings
    "某县创建省级文明城市工作实施方案", "關於印發《全市工作方案》的通知", "實施方案", "行动计划",
    "指导思想", "工作目標", "組織領導", "实施步骤", "保障措施", "工作要求",
    # dates and periods
    "2013年3月1日", "2013年3月", "二○一三年三月", "二〇一三年", "3月底前", "4月1日-5月30日",
    "至", "-", "—", "～", "年底前", "(2013年3月-6月)", "2013.03.01",
    # targets
    "达80%以上", "达到95%", "提高到90%以上", "不低于100%", "下降5个百分点", "覆盖率达100%", "300~500平方米",
    "知曉率達90%以上", "达80%以上、",
    # owners and people
    "责任单位:", "牵头单位:", "配合单位：", "責任單位:", "市教育局", "市财政局、", "各乡镇人民政府",
    "组长:", "副组长:", "成员:", "組長：", "王 雄", "李明", "(局长)", "市长", "办公室主任",
    # references and numbers
    "《全市创建文明城市工作方案》", "湘政发〔2013〕12号", "?2011?32号",
    # punctuation, noise, layout
    "。", ",", ",", "、", ";", ":", "：", "(", ")", "《", "“", "”", "【", "】",
    "\n", "\n", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\u3000", "\f",
    "?", "??", "*", "****", "- 3 -", "第3页 共10页",
    "ＡＢＣ", "１２３", "％", "\ufeff", "\x00", "\u200b",
    "12345678901234567890", "9" * 40,
    "加強組織領導,落實工作責任。", "认真开展文明创建活动,不断提升服务水平。",
]

_FILLER = st.text(alphabet="的一是在了不和有大这为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龍國學為與們說實現會發這個來時後從對開動經關於點進當" "\n、。,:;()%?*",
    max_size=12,
)

genre_text = st.lists(st.one_of(st.sampled_from(PIECES), _FILLER), max_size=60).map("".join)

_CN_NUMERALS = "一二三四五六七八九十"
_TOP_HEADINGS = ["指导思想", "工作目标", "组织领导", "實施步驟", "主要任务", "保障措施", "工作要求", "時間安排"]
_BODY_LINES = [
    "成立创建工作领导小组:", "组长:王 雄(局长)", "副组长:李明、张华", "成员:各科室负责人。",
    "第一阶段(2013年3月1日-3月31日):宣传发动阶段。", "第二阶段:2013年4月-10月,全面实施。",
    "(三)总结验收阶段(11月底前)。", "群众知晓率达90%以上,满意率达到85%以上。",
    "责任单位:市教育局、市财政局", "牵头单位:市文明办;配合单位:各乡镇人民政府。",
    "根据《全市创建文明城市工作方案》(湘政发〔2013〕12号)精神,制定本方案。",
    "加強組織領導,落實工作責任。", "认真开展文明创建活动,不断提升服务水平。",
]


@st.composite
def plan_text(draw: st.DrawFn) -> str:
    """A plan-shaped text: a title, numbered sections and sub-items, mixed with noise pieces."""
    lines = [draw(st.sampled_from(["某县创建省级文明城市工作实施方案", "關於印發工作方案的通知", ""]))]
    for top in range(1, draw(st.integers(0, 6)) + 1):
        marker = f"{_CN_NUMERALS[top - 1]}{draw(st.sampled_from(['、', '、', '.', ' 、']))}"
        lines.append(marker + draw(st.sampled_from(_TOP_HEADINGS)))
        for sub in range(1, draw(st.integers(0, 3)) + 1):
            style = draw(st.sampled_from(["({})", "（{}）", "{}.", "{}、", ""]))
            numeral = _CN_NUMERALS[sub - 1] if style.startswith(("(", "（")) else str(sub)
            prefix = style.format(numeral) if style else ""
            lines.append(prefix + draw(st.sampled_from(_BODY_LINES)))
            lines.extend(draw(st.lists(st.one_of(st.sampled_from(_BODY_LINES), genre_text), max_size=2)))
    separator = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return separator.join(lines)


any_genre = st.one_of(genre_text, plan_text())


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def iter_spans(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, int]]]:
    """Every span in a model dump: any ``*span`` key holding a dict, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("span") and isinstance(item, dict):
                yield f"{path}.{key}", item
            else:
                yield from iter_spans(item, f"{path}.{key}")
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from iter_spans(item, f"{path}[{k}]")


def all_sections(sections: list[Section]) -> Iterator[Section]:
    for s in sections:
        yield s
        yield from all_sections(s.children)


def normalised(piece: str) -> set[str]:
    """What ``piece`` reads as in the working text.

    :func:`~planparse.normalize.normalize` on the slice alone, and, since a slice
    loses the lines around it (a lone "第3页 共10页" line is a page number to
    ``normalize``, not the rest of a heading), also the character-for-character
    mapping of the slice with its line breaks joined.
    """
    mapped = restore_lost_marks(fold_width(to_simplified(piece)))
    return {normalize(piece).text, mapped.replace("\r", "").replace("\n", "")}


def check_result(text: str, result: PlanResult) -> None:
    data = result.model_dump()
    seen = 0
    for where, span in iter_spans(data):
        seen += 1
        assert 0 <= span["start"] <= span["end"] <= len(text), (where, span, len(text))
    # the named lists all hold spans; the generic walk must have seen each one
    expected = 0
    for doc in result.documents:
        expected += 1 + (doc.title_span is not None)
        expected += sum(2 for _ in all_sections(doc.sections))
        expected += len(doc.phases) + len(doc.targets) + len(doc.tasks) + len(doc.people) + len(doc.references)
    assert seen >= expected
    for doc in result.documents:
        for s in all_sections(doc.sections):
            bodies = [b.lstrip() for b in normalised(text[s.span.start : s.span.end])]
            assert any(b.startswith(s.marker) for b in bodies), (s.marker, [b[:20] for b in bodies])
            headings = {clean(h) for h in normalised(text[s.heading_span.start : s.heading_span.end])}
            assert s.heading in headings, (s.heading, headings)
    again = PlanResult.model_validate_json(result.model_dump_json())
    assert again == result


def check_schema(result: PlanResult, schema: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(result.model_dump_json()), schema)


@PROPERTY_SETTINGS
@given(text=st.text())
def test_arbitrary_unicode(text: str) -> None:
    result = parse_text(text)
    check_result(text, result)


@PROPERTY_SETTINGS
@given(text=any_genre)
@example("一、指导思想\n(一)总体要求\n1.达80%以上\n")
@example("第一篇:某县工作方案\n一、工作目标\n第二篇:某市实施方案\n一、组织领导\n组长:王 雄\n")
@example("一、\n二、\n三、")
@example("?2011?32号。一、工作目标")
def test_genre_pieces(text: str) -> None:
    result = parse_text(text)
    check_result(text, result)


@PROPERTY_SETTINGS
@given(text=any_genre)
def test_deterministic(text: str) -> None:
    first = parse_text(text).model_dump_json()
    assert parse_text(text).model_dump_json() == first


@settings(max_examples=60, deadline=None)
@given(text=st.one_of(any_genre, st.text()))
def test_output_matches_json_schema(text: str, schema: dict[str, Any]) -> None:
    check_schema(parse_text(text), schema)


@PROPERTY_SETTINGS
@given(text=any_genre, script=st.sampled_from(["traditional", "original"]))
def test_other_scripts_keep_spans(text: str, script: str) -> None:
    simplified = parse_text(text)
    other = parse_text(text, script=script)  # type: ignore[arg-type]
    assert [s for _, s in iter_spans(other.model_dump())] == [s for _, s in iter_spans(simplified.model_dump())]


def test_schema_fixture_is_the_models_schema(schema: dict[str, Any]) -> None:
    assert schema == PlanResult.model_json_schema()
    assert "documents" in schema["required"]


def test_check_result_catches_a_bad_span() -> None:
    """The checker itself must be able to fail."""
    text = "某县工作方案\n一、指导思想\n坚持以人为本。\n二、工作目标\n知晓率达90%以上。\n"
    result = parse_text(text)
    check_result(text, result)
    broken = result.model_copy(deep=True)
    broken.documents[0].sections[0].span.end = len(text) + 5
    with pytest.raises(AssertionError):
        check_result(text, broken)
    shifted = result.model_copy(deep=True)
    shifted.documents[0].sections[1].heading_span.start += 1
    with pytest.raises(AssertionError):
        check_result(text, shifted)


def test_output_grows_linearly_with_an_enumeration_of_targets() -> None:
    text = "一、工作目标\n知晓率" + "达80%以上、" * 300 + "\n二、保障措施\n加强领导。"
    result = parse_text(text)
    targets = result.documents[0].targets
    assert len(targets) >= 100
    assert max(len(t.text) for t in targets) <= 60  # "the shortest clause holding metric and number"
    assert len(result.model_dump_json()) < 300 * len(text)
