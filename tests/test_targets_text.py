"""Tests of planparse.targets_text: quantitative targets in working text."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from planparse.targets_text import TargetMatch, TargetVocab, find_targets
from planparse.vocab import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "000_cb6a3499aac80017.txt"
SAMPLE_GOLD = FIXTURES / "000_cb6a3499aac80017.gold.json"

Row = tuple[str, str, float, str]

# (phrase, [(metric, op, value, unit), ...]); an empty list: no target at all.
CASES: list[tuple[str, list[Row]]] = [
    # --- from the sample
    ("师生知晓率要达80%以上。", [("知晓率", ">=", 80, "%")]),
    ("营造创建工作浓厚氛围,师生对本市重大典型知晓率达到80%以上。", [("重大典型知晓率", ">=", 80, "%")]),
    ("让学生的参与率为100%,深化中华优秀传统文化教育", [("参与率", "=", 100, "%")]),
    ("使群众对党政机关服务的满意率和对反腐倡廉工作的满意度达90%以上。",
     [("满意率", ">=", 90, "%"), ("满意度", ">=", 90, "%")]),
    ("增强群众创建意识,市民对创建工作的知晓率、支持率达80%以上(责任单位:市文明办)。",
     [("知晓率", ">=", 80, "%"), ("支持率", ">=", 80, "%")]),
    ("加大公民道德教育覆盖面,80%以上的街道建立市民学校,", [("建立市民学校的街道比例", ">=", 80, "%")]),
    ("建立社区卫生服务中心,且95%以上社区卫生服务中心纳入医保定点;",
     [("社区卫生服务中心纳入医保定点比例", ">=", 95, "%")]),
    ("市级文明家庭比例达20%以上,", [("市级文明家庭比例", ">=", 20, "%")]),
    ("窗口行业和执法部门创建文明行业覆盖面达100%(责任单位:市文明办)",
     [("窗口行业和执法部门创建文明行业覆盖面", ">=", 100, "%")]),
    ("采取措施解决择校问题,人均教育经费达420元,学校收费规范有序", [("人均教育经费", ">=", 420, "元")]),
    ("每10万人拥有专利授权数高于全省同类城市水平,研发经费支出占GDP比重1.2%;",
     [("研发经费支出占GDP比重", ">=", 1.2, "%")]),
    ("计划生育率达95%以上,平均预期寿命74岁以上(责任单位:市卫生局)",
     [("计划生育率", ">=", 95, "%"), ("平均预期寿命", ">=", 74, "岁")]),
    ("建设好污水处理系统,城市污水处理率达70%;", [("污水处理率", ">=", 70, "%")]),
    ("市民对公交站点布局与交通便捷的满意率达60%以上(", [("满意率", ">=", 60, "%")]),
    ("提高绿化档次,建成区绿化覆盖率达35%以上,绿地率达30%以上,人均公共绿地面积大于8平方米(",
     [("绿化覆盖率", ">=", 35, "%"), ("绿地率", ">=", 30, "%"), ("人均公共绿地面积", ">", 8, "平方米")]),
    ("做到无非法营运车辆,年交通事故死亡率小于每万辆8人,交通路口阻塞率小于2%(",
     [("年交通事故死亡率", "<", 8, "人/万辆"), ("交通路口阻塞率", "<", 2, "%")]),
    ("做到重点工业企业污染物排放稳定达标率达100%,城市水环境功能区水质达标率达100%且无劣五类水体,",
     [("重点工业企业污染物排放稳定达标率", ">=", 100, "%"), ("水环境功能区水质达标率", ">=", 100, "%")]),
    ("力争市民对政府诚信满意度达90%(", [("政府诚信满意度", ">=", 90, "%")]),
    ("全民法制宣传教育的普及率达80%以上(", [("普及率", ">=", 80, "%")]),
    ("群众安全感达85%以上,对见义勇为的支持率达90%。",
     [("安全感", ">=", 85, "%"), ("支持率", ">=", 90, "%")]),
    ("恩格尔系数小于38%,社保参保率达100%,城镇登记失业率、零就业家庭低于控制目标。",
     [("恩格尔系数", "<", 38, "%"), ("社保参保率", ">=", 100, "%")]),
    # --- comparators
    ("森林覆盖率不低于45%", [("森林覆盖率", ">=", 45, "%")]),
    ("每个社区志愿者人数不少于50人,", [("每个社区志愿者人数", ">=", 50, "人")]),
    ("城镇登记失业率控制在4.5%以内", [("城镇登记失业率", "<=", 4.5, "%")]),
    ("农村贫困发生率不超过2%", [("农村贫困发生率", "<=", 2, "%")]),
    ("办结时间不超过5个工作日", [("办结时间", "<=", 5, "个工作日")]),
    ("农村自来水普及率≥95%", [("农村自来水普及率", ">=", 95, "%")]),
    ("空气质量优良天数比例>80%", [("空气质量优良天数比例", ">", 80, "%")]),
    ("PM2.5年均浓度<35微克/立方米", [("PM2.5年均浓度", "<", 35, "微克/立方米")]),
    ("中小学生体质健康合格率稳定在95%以上", [("体质健康合格率", ">=", 95, "%")]),
    ("县城集中式饮用水水源地水质达标率保持100%", [("集中式饮用水水源地水质达标率", ">=", 100, "%")]),
    ("有效投诉处理率为100%", [("有效投诉处理率", "=", 100, "%")]),
    ("学校体育设施开放率为80%", [("学校体育设施开放率", ">=", 80, "%")]),
    ("其中,农村生活污水治理率达到50%左右", [("农村生活污水治理率", "=", 50, "%")]),
    ("全年接待游客突破500万人次", [("接待游客", ">", 500, "万人次")]),
    ("市民文明素质测评得分不低于85分", [("文明素质测评得分", ">=", 85, "分")]),
    ("考核成绩达到90分以上", [("考核成绩", ">=", 90, "分")]),
    ("基尼系数控制在0.4以下", [("基尼系数", "<=", 0.4, "")]),
    # --- levels reached by a change (提高到 / 降至) and changes
    ("居民健康素养水平提高到20%", [("健康素养水平", ">=", 20, "%")]),
    ("城市污水集中处理率由60%提高到85%", [("污水集中处理率", ">=", 85, "%")]),
    ("单位生产总值能耗降至0.9吨标煤/万元以下", [("单位生产总值能耗", "<=", 0.9, "吨标煤/万元")]),
    ("单位GDP能耗比2010年下降16%", [("单位GDP能耗", ">=", 16, "%")]),
    ("交通事故死亡人数下降10%", [("交通事故死亡人数", ">=", 10, "%")]),
    ("地区生产总值年均增长8%以上", [("地区生产总值", ">=", 8, "%")]),
    ("城镇化率提高5个百分点", [("城镇化率", ">=", 5, "个百分点")]),
    ("学生近视率每年降低0.5个百分点以上", [("近视率", ">=", 0.5, "个百分点")]),
    ("城乡居民收入比2010年翻一番", [("城乡居民收入", ">=", 2, "倍")]),
    ("农民人均纯收入增长12%", [("人均纯收入", ">=", 12, "%")]),
    ("新增城镇就业5000人以上", [("新增城镇就业", ">=", 5000, "人")]),
    ("目前我市森林覆盖率为38%,到2015年森林覆盖率达到45%", [("森林覆盖率", ">=", 45, "%")]),
    # --- values and units
    ("群众满意度达到百分之八十以上", [("满意度", ">=", 80, "%")]),
    ("八成以上的群众知晓创建工作", [("知晓创建工作的群众比例", ">=", 80, "%")]),
    ("人口平均预期寿命达到七十四岁以上", [("人口平均预期寿命", ">=", 74, "岁")]),
    ("城市人均公园绿地面积达到十二平方米", [("人均公园绿地面积", ">=", 12, "平方米")]),
    ("居民人均可支配收入达到25,000元", [("人均可支配收入", ">=", 25000, "元")]),
    ("人均住房面积达到300~500平方米", [("人均住房面积", ">=", 300, "平方米")]),
    ("每万人拥有执业医师数达到20人", [("每万人拥有执业医师数", ">=", 20, "人/万人")]),
    ("每千人口拥有医疗床位数达到4.5张", [("每千人口拥有医疗床位数", ">=", 4.5, "张/千人口")]),
    ("万元GDP能耗下降到0.9吨标煤/万元", [("万元GDP能耗", "<=", 0.9, "吨标煤/万元")]),
    ("文化事业投入达到500万元以上", [("文化事业投入", ">=", 500, "万元")]),
    # --- several metrics, several values
    ("知晓率、满意率分别达到80%和90%", [("知晓率", ">=", 80, "%"), ("满意率", ">=", 90, "%")]),
    ("知晓率、满意率分别达到80%、90%以上", [("知晓率", ">=", 80, "%"), ("满意率", ">=", 90, "%")]),
    ("群众满意度不低于80%、不高于95%", [("满意度", ">=", 80, "%"), ("满意度", "<=", 95, "%")]),
    ("文明交通知晓率、参与率、满意率均达到90%以上",
     [("文明交通知晓率", ">=", 90, "%"), ("参与率", ">=", 90, "%"), ("满意率", ">=", 90, "%")]),
    ("全市建成区绿化覆盖率达到40%、人均公园绿地面积达到12平方米",
     [("绿化覆盖率", ">=", 40, "%"), ("人均公园绿地面积", ">=", 12, "平方米")]),
    ("到2020年,全县森林覆盖率达到60%,林木绿化率达到65%。",
     [("森林覆盖率", ">=", 60, "%"), ("林木绿化率", ">=", 65, "%")]),
    ("力争到2015年全市森林覆盖率达到45%", [("森林覆盖率", ">=", 45, "%")]),
    ("二○一三年底前,市民对创建工作满意率达到85%以上。", [("创建工作满意率", ">=", 85, "%")]),
    ("确保95%以上的适龄儿童接种疫苗", [("接种疫苗的适龄儿童比例", ">=", 95, "%")]),
    ("全市90%以上的行政村建成农家书屋", [("建成农家书屋的行政村比例", ">=", 90, "%")]),
    # --- not targets
    ("盐城市滨海质量技术监督局办公室2011年9月10日印发 共印30份", []),
    ("在娄涟公路入口和五马广场竖立三块巨型广告宣传牌;", []),
    ("各部门明确一名兼职信息员,及时将好人好事上报到局办公室;", []),
    ("从2018年开始,通过3年扎实有效的创建工作,全面提升师生文明素质", []),
    ("保证学生每天一小时体育锻炼时间", []),
    ("让未成年人熟知并背诵社会主义核心价值观“24个字”", []),
    ("大力宣传《公民道德建设实施纲要》20字基本道德规范", []),
    ("滨质技监发〔2011〕32号", []),
    ("1—3年内,市直各单位各部门要成功创建成省、娄底市、涟源市级文明单位。", []),
    ("深入学习贯彻党的十九大精神,践行“三个代表”重要思想", []),
    ("(责任单位:市委政法委、市公安局、市委610办、市妇联)", []),
    ("(3)加强城市绿化。1.组织社会宣传。", []),
    ("每10万人拥有专利授权数高于全省同类城市水平", []),
    ("工作水平达到一个新高度", []),
    ("安排专项经费50万元", []),
    ("二○一一年九月十日", []),
    ("蓝田办事处、六亩塘镇、石马山镇", []),
    ("2013年4月—10月,大力营造氛围", []),
    ("力争2014年全部达到市、娄底市级文明社区", []),
    ("市直机关各抽调一名人员组成督查组", []),
    ("截至2012年底,全市城镇化率达到45%", []),
    ("项目总投资1.2亿元,占地面积3000平方米", []),
    ("全市共有社区56个,常住人口35万人", []),
    ("发放宣传资料10000余份,组织1000名志愿者上街服务", []),
]


def _rows(found: list[TargetMatch]) -> list[Row]:
    return [(t.metric, t.op, t.value, t.unit) for t in found]


@pytest.mark.parametrize(("phrase", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_phrasings(phrase: str, expected: list[Row]) -> None:
    assert _rows(find_targets(phrase)) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 50
    assert sum(1 for _, rows in CASES if not rows) >= 15


@pytest.mark.parametrize(
    ("phrase", "subject", "change", "value_max"),
    [
        ("师生知晓率要达80%以上", "师生", None, None),
        ("市民对创建工作的知晓率达80%以上", "市民", None, None),
        ("恩格尔系数小于38%", None, None, None),
        ("单位GDP能耗比2010年下降16%", None, "decrease", None),
        ("地区生产总值年均增长8%以上", None, "increase", None),
        ("城乡居民收入比2010年翻两番", None, "increase", None),
        ("居民健康素养水平提高到20%", "居民", None, None),
        ("人均住房面积达到300~500平方米", None, None, 500),
        ("能耗增长不超过5%", None, "increase", None),
    ],
)
def test_subject_change_range(phrase: str, subject: str | None, change: str | None, value_max: float | None) -> None:
    (t,) = find_targets(phrase)
    assert (t.subject, t.change, t.value_max) == (subject, change, value_max)


def test_offsets_and_text() -> None:
    text = "提高绿化档次,建成区绿化覆盖率达35%以上,人均公共绿地面积大于8平方米(责任单位:市园林局)"
    a, b = find_targets(text)
    assert a.text == "建成区绿化覆盖率达35%以上" == text[a.start : a.end]
    assert text[a.metric_start : a.metric_end] == "绿化覆盖率"
    assert text[a.value_start : a.value_end] == "35%"
    assert b.text == "人均公共绿地面积大于8平方米"
    assert text[b.value_start : b.value_end] == "8平方米"


def test_shared_value_shares_text_and_span() -> None:
    text = "市民对创建工作的知晓率、支持率达80%以上(责任单位:市文明办)"
    a, b = find_targets(text)
    assert a.text == b.text == "市民对创建工作的知晓率、支持率达80%以上"
    assert (a.value_start, a.value_end) == (b.value_start, b.value_end)
    assert text[b.metric_start : b.metric_end] == "支持率"


def test_inverted_metric_has_no_offsets() -> None:
    (t,) = find_targets("加大公民道德教育覆盖面,80%以上的街道建立市民学校,")
    assert (t.metric_start, t.metric_end) == (-1, -1)
    assert t.text == "80%以上的街道建立市民学校"


def test_multiline_text() -> None:
    text = "一、工作目标\n市民对创建工作的满意率达到85%以上。\n二、工作步骤\n2013年4月—10月,大力营造氛围。"
    (t,) = find_targets(text)
    assert t.metric == "满意率"
    assert "\n" not in t.text


def test_vocabulary_loads() -> None:
    v = load("targets.yaml", TargetVocab)
    assert "达到" in {c.word for c in v.comparators}
    assert "%" in v.units


@pytest.mark.parametrize(
    "hostile",
    ["1" * 200_000, "达80%" * 20_000, "一二三" * 50_000, "每万辆8人" * 20_000, "1," * 100_000,
     "使" * 100_000 + "率达80%", "对的" * 50_000 + "率达80%", "、和" * 100_000, "知晓率达" * 30_000 + "80%"],
)
def test_hostile_input_is_fast(hostile: str) -> None:
    t0 = time.perf_counter()
    find_targets(hostile)
    assert time.perf_counter() - t0 < 5.0


# --------------------------------------------------------------------------- the sample

_FOLD = {chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}
_FOLD["\u3000"] = " "
_KEEP_FULL = set("。、《》“”‘’〔〕【】—…·「」")


def _working_lines(raw: str) -> list[str]:
    """An approximate working text (opencc t2s, full-width fold), line by line."""
    import opencc

    text = opencc.OpenCC("t2s").convert(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(_FOLD.get(c, c) if c not in _KEEP_FULL else c for c in text)
    return text.split("\n")


_PUNCT = re.compile(r"[\s,，、。.;；:：!！?？()（）\[\]【】〔〕《》<>“”\"'‘’「」『』—\-_~～*·…/]+")


def _norm(s: Any) -> str:
    return "" if s is None else _PUNCT.sub("", str(s))


def _metric_match(gold: dict[str, Any], pred: TargetMatch) -> bool:
    """The scorer's rule: one metric contains the other, or ours is in the gold clause."""
    gm, pm, gt = _norm(gold["metric"]), _norm(pred.metric), _norm(gold["text"])
    return bool(pm) and (gm in pm or pm in gm or (len(pm) >= 2 and pm in gt))


def test_sample_targets_match_gold() -> None:
    found = [t for line in _working_lines(SAMPLE.read_text(encoding="utf-8")) for t in find_targets(line)]
    gold = [t for d in json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))["documents"] for t in d["targets"]]
    unmatched = list(found)
    missed = []
    for g in gold:
        hit = next(
            (p for p in unmatched
             if abs(float(p.value) - float(g["value"])) < 1e-6 and p.unit == g["unit"] and p.op == g["op"]
             and _metric_match(g, p)),
            None,
        )
        if hit is None:
            missed.append(g)
        else:
            unmatched.remove(hit)
    tp = len(gold) - len(missed)
    f1 = 2 * tp / (len(gold) + len(found))
    assert len(found) == len(gold), [t.text for t in unmatched]
    assert not missed, missed
    assert f1 >= 0.97
