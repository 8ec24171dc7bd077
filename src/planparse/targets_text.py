"""Quantitative targets in working text.

:func:`find_targets` reads a piece of working text (a section body, a paragraph;
newlines allowed) and returns one :class:`TargetMatch` per metric and number of
every quantitative target: a number with a comparator that states a goal to reach
or a bound to keep ("知晓率达80%以上", "恩格尔系数小于38%", "人均教育经费达420元").

How a target is read
--------------------
1. *Values* are found first with four compiled regexes (each opening with a
   literal or a character class, so the scan is fast): Arabic numbers (``1.2``,
   ``25,000``), Chinese numerals (``七十四岁``, via :func:`planparse.numerals.cn_to_int`),
   ``百分之八十`` (80 %), ``八成`` (80 %), per-denominator values (``每万辆8人``:
   8, ``人/万辆``; ``0.9吨标煤/万元``), ranges (``300~500平方米``: 300 with
   ``value_max`` 500) and ``翻一番`` / ``翻两番`` (2 / 4, unit ``倍``).  A value needs a
   unit from ``targets.yaml``; values without a unit are read only right after a
   comparator and for unit-less metrics (``基尼系数小于0.4``).  Numbers after
   ``每``/``第`` are denominators or ordinals, never values.  A per-unit is only made
   from a ``每X`` written with the value ("小于每万辆8人": ``人/万辆``) or right before
   its comparator ("每百户不低于50平方米": ``平方米/百户``; not for periods: "每年不少于2次"
   is a filler); a ``人口`` denominator counts people ("每千人口6.5张": ``张/千人``).  A
   metric opening on its denominator gives the same unit ("每千人口床位数达到6张":
   ``张/千人``; "每百名学生拥有骨干教师数…1人": ``人/百名学生``).
   ``年`` is a unit of durations only ("控制在3年以内"; not "2025年底", "3年级").
   Values inside quotation marks ("“最多跑一次”") belong to names and are skipped.
2. Each value is read within its *clause* (cut at ``。;,:!?`` brackets and line
   breaks; ``、`` does not cut, nor do the brackets of a short word inside a noun
   phrase: "执业(助理)医师数"; examples listed before 等 are not part of the metric).
   Before the value comes a comparator word (or none), before that the metric(s); after the value may come a bound word
   (以上/以下/以内/左右).  Two gaps between comparator and value are read: an
   adverb and a verb ("至少配备2名", ``verb_gap`` comparators) and the whole a share
   is taken of ("不超过教学总时长的30%").
3. *Op*: a bound word after the value decides (以上 ``>=``, 以下/以内 ``<=``,
   左右 ``=``); otherwise the comparator's op (不低于 ``>=``, 大于 ``>``, 小于 ``<``,
   不超过/控制在 ``<=``, plain 达/达到/为 ``>=``, "为100%" ``=``); with no comparator
   at all (``研发经费支出占GDP比重1.2%``) ``>=``.  A range is read as a lower bound
   with an upper bound: op ``>=``, ``value`` the lower end, ``value_max`` the upper end;
   and, one target per bound, a second target with op ``<=`` and the upper end.
4. *Changes*: ``change`` is ``"increase"`` (增长/提高/增加/提升/翻番 …) or ``"decrease"``
   (下降/降低/减少 …) when the value is the size of a change, not a level.  Then
   ``op``/``value`` describe the change: "下降20%" is ``change="decrease", op=">=",
   value=20`` (a fall of at least 20 %), "增长不超过5%" is ``change="increase",
   op="<="``, "翻一番" is ``change="increase", op=">=", value=2, unit="倍"``.
   Phrasings with 到/至 name the level reached and are no change: "提高到90%" is
   ``op=">="``, "降至5%" ``op="<="``, ``change=None``.
5. *Metrics*: the noun phrase before the comparator ending in a metric head
   (率/度/比例/面积/经费/系数/…); a subject of people is split off ("师生知晓率",
   "市民对创建工作的知晓率" give subject 师生/市民, metric 知晓率), as are leading
   place words ("建成区绿化覆盖率" -> 绿化覆盖率) and the part before a ``的`` when the
   part after it is a full name ("全民法制宣传教育的普及率" -> 普及率).  Metrics
   joined by 、/和/与/及 share one value and give one target each; "A、B分别达到X和Y"
   pairs metrics and values in order; "不低于80%、不高于95%" gives one target per bound.
6. *Present state*: a figure whose sentence says it describes the present
   (目前/截至/现有/已达 …, ``status_words``), or opens on a year before the plan's own
   (``plan_year``: "2022年,…满意度达到86.5%"), is no target, unless a later clause
   opens with a goal word ("目前为38%,到2015年达到45%").  Nor is the ceiling of a grant
   ("给予补助,单个项目最高不超过200万元", ``grant_words``).
7. *Counts*: a value counting things (个/名/所/家/次 …, ``count_units``) is a target
   only with an explicit bound: a ``bound`` comparator before it, a bound word after
   it, a range ("至少配备2名保洁员", "200家以上", "建成5—8个"), or a level word that
   sets a count to reach (``reach``: "累计上云企业达到3万家"); "新建幼儿园40所" is a
   plain count.  A range without a comparator needs a metric head or a goal word
   (力争 …, ``goal_leaders``): "每组3—5人" is no target.  When the
   counted noun follows the value (directly or after 的) it is the metric
   ("不少于1次的校园体育节或运动会" -> "校园体育节或运动会"; with a verb after the noun
   the metric is composed, offsets -1: "至少有1所医院达到三级医院服务能力" ->
   "达到三级医院服务能力的医院"); otherwise the phrase before the comparator is
   ("培育省级数字化转型标杆企业200家以上").  An amount behaves alike when no metric is
   named before its bound ("设立不少于1000万元的专项资金" -> "专项资金").
8. *Inverted forms* ("80%以上的街道建立市民学校") have no metric before the value;
   the metric is composed and its offsets are -1.  When 的 joins the share to a
   noun, the noun ends the metric ("建立市民学校的街道比例", split at the first verb
   of ``inverted_verbs``); without 的 the share reads over the whole clause
   ("95%以上社区卫生服务中心纳入医保定点" -> "社区卫生服务中心纳入医保定点比例").

``text`` is the clause from the start of the metric phrase (subject included,
opening words like 使/力争/且 and list markers like ③/3./一是 excluded) to the end of
the last value and its bound word; for inverted forms from the value to the end of the
clause, for counted nouns after the value to the end of the noun.  All offsets are
half-open offsets into the string given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from pydantic import field_validator

from .numerals import BIG_UNITS, DIGITS, SMALL_UNITS, cn_to_int
from .vocab import StrictModel, load, unique_words

__all__ = ["TargetMatch", "TargetVocab", "find_targets"]

Op = Literal[">=", ">", "<=", "<", "="]
Change = Literal["increase", "decrease"]
Number = int | float


# --------------------------------------------------------------------------- vocabulary


class Comparator(StrictModel):
    """A word before the value: an explicit bound, a level, or a change."""

    word: str
    kind: Literal["bound", "level", "change"]
    op: Op
    change: Change | None = None
    equal_at_full: bool = False
    # a level word that also sets a count to reach ("企业达到3万家")
    reach: bool = False
    # an adverb that may stand before a verb ("至少配备2名", "至少有1所")
    verb_gap: bool = False


class Bound(StrictModel):
    """A word after the value (以上, 以内 …) and the op it gives."""

    word: str
    op: Op


class TargetVocab(StrictModel):
    """Model of ``data/targets.yaml``."""

    comparators: list[Comparator]
    bounds: list[Bound]
    units: list[str]
    duration_units: list[str]
    duration_blockers: list[str]
    count_units: list[str]
    denominator_units: list[str]
    period_denominators: list[str]
    magnitudes: list[str]
    percent_units: list[str]
    metric_heads: list[str]
    weak_heads: list[str]
    unitless_heads: list[str]
    fillers: list[str]
    leader_exceptions: list[str]
    leaders: list[str]
    subjects: list[str]
    places: list[str]
    status_words: list[str]
    goal_words: list[str]
    goal_leaders: list[str]
    grant_words: list[str]
    qualifier_units: list[str]
    non_metrics: list[str]
    grade_words: list[str]
    inverted_verbs: list[str]

    @field_validator("comparators")
    @classmethod
    def _unique_comparators(cls, items: list[Comparator]) -> list[Comparator]:
        unique_words([c.word for c in items], "targets.yaml comparators")
        for c in items:
            if (c.kind == "change") != (c.change is not None):
                raise ValueError(f"comparator {c.word!r}: change is set exactly for kind change")
            if c.verb_gap and c.kind != "bound":
                raise ValueError(f"comparator {c.word!r}: verb_gap is for kind bound only")
        return items

    @field_validator("bounds")
    @classmethod
    def _unique_bounds(cls, items: list[Bound]) -> list[Bound]:
        unique_words([b.word for b in items], "targets.yaml bounds")
        return items


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class TargetMatch:
    """One quantitative target: one metric with one number.

    ``metric_start``/``metric_end`` are -1 when the metric is composed (inverted forms).
    ``start``/``end`` delimit ``text``; ``value_start``/``value_end`` the number with its unit.
    """

    metric: str
    metric_start: int
    metric_end: int
    subject: str | None
    op: Op
    value: Number
    value_max: Number | None
    unit: str
    change: Change | None
    text: str
    start: int
    end: int
    value_start: int
    value_end: int


# --------------------------------------------------------------------------- grammar

_CN_DIGITS = "".join(c for c in DIGITS if not c.isascii() and c != "０")
_CN_ALL = _CN_DIGITS + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
# Numbers.  Every regex scanned over the whole text starts with a literal or a
# character class, so that the regex engine can skip ahead quickly.
_ANUM_HEAD = r"[0-9](?:[0-9]{0,2}(?:,[0-9]{3}){1,4}(?![0-9])|[0-9]{0,11})(?:\.[0-9]{1,8})?"
_ANUM = r"(?<![0-9.])(?<![0-9],)" + _ANUM_HEAD
_CNUM_HEAD = f"[{_CN_DIGITS}十拾][{_CN_ALL}]{{0,11}}(?:点[{_CN_DIGITS}]{{1,6}})?"
_CNUM = f"(?<![{_CN_ALL}])" + _CNUM_HEAD
_NUM = f"(?:{_ANUM}|{_CNUM})"
_SEP = r"(?:~|～|-|－|—{1,2}|至|到)"
_MAGNITUDE_CHARS = "十百千万亿"
_CJK_CLASS = r"[\u3400-\u9fff]"
_CJK = re.compile(_CJK_CLASS)
# A list marker opening a clause: ①, 3., 3、, 一是 ("(3)" is cut off with its bracket).
_LIST_MARKER = r"[\u2460-\u2473\u2776-\u277f]|[0-9]{1,2}[.、．](?![0-9])|[一二三四五六七八九十]{1,3}是"
# A clause boundary: punctuation, or a comma that is no thousands separator (not after a
# digit, or not followed by exactly three digits).  One character class opens the
# pattern so that the regex engine can skip ahead to candidates; the lookarounds after it
# tell the comma cases apart ("(?<!,)": the character consumed is not a comma).
_BOUNDARY_RE = re.compile(
    r"[,。;!?:\n\r()\[\]【】，；：！？（）](?:(?<!,)|(?<![0-9],)|(?![0-9]{3}(?![0-9])))"
)
_SENTENCE_END = re.compile(r"[。;!?\n；！？]")
#: Where a statement of the present state ends: "截至2022年底,…;…其中…占比48%" runs on over ";".
_STATUS_END = re.compile(r"[。!?\n！？]")
_BARE_BEFORE = frozenset("于过在到达为<>≥≤=")
_CONNECT_CHARS = "、,，和及与或且并 \t"
_WINDOW = 100  # longest left context read before a value
_FORWARD = 80  # longest clause read after a value (inverted forms)


class _Words:
    """A word list answering "which word ends/starts here" by set look-ups, longest first."""

    def __init__(self, words: list[str]) -> None:
        self.words = frozenset(words)
        self.lengths = sorted({len(w) for w in words}, reverse=True)
        self._last = frozenset(w[-1] for w in words)  # a cheap first test for suffix()
        # the words longest first: the first alternative that matches is the longest word
        self._starts = re.compile(_alt(list(self.words))) if self.words else None

    def suffix(self, s: str, shorter: bool = False) -> str | None:
        """The longest word ``s`` ends with (with ``shorter``: only words shorter than ``s``)."""
        n = len(s)
        if not n or s[-1] not in self._last:
            return None
        for k in self.lengths:
            if k < n or (k == n and not shorter):
                w = s[n - k :]
                if w in self.words:
                    return w
        return None

    def prefix(self, s: str, pos: int = 0, end: int | None = None) -> str | None:
        """The longest word in ``s[pos:end]`` starting at ``pos``."""
        if self._starts is None or pos > len(s):
            return None
        m = self._starts.match(s, pos, len(s) if end is None else end)
        return None if m is None else m.group()


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    vocab: TargetVocab
    arabic_re: re.Pattern[str]
    bare_re: re.Pattern[str]
    duration_re: re.Pattern[str]
    chinese_re: re.Pattern[str]
    literal_re: re.Pattern[str]
    verb_gap_re: re.Pattern[str] | None
    of_gap_re: re.Pattern[str]
    marker_re: re.Pattern[str]
    time_head: re.Pattern[str]
    time_tail: re.Pattern[str]
    baseline_tail: re.Pattern[str]
    duiyu: re.Pattern[str]
    separators: re.Pattern[str]
    per_before: re.Pattern[str]
    goal_leaders: re.Pattern[str]
    grant_words: re.Pattern[str]
    qualifier_units: frozenset[str]
    period_words: re.Pattern[str]
    non_metrics: frozenset[str]
    grade_after: re.Pattern[str]
    goal_years: re.Pattern[str]
    comparators: dict[str, Comparator]
    comparator_words: _Words
    bounds: dict[str, Bound]
    bound_words: _Words
    heads: _Words
    fillers: _Words
    leaders: _Words
    long_leaders: list[str]
    leader_exceptions: _Words
    subjects: _Words
    places: _Words
    verbs: list[str]
    verb_words: _Words
    count_units: frozenset[str]
    percent_units: frozenset[str]
    weak_heads: frozenset[str]
    unitless_heads: _Words
    change_words: _Words
    status_re: re.Pattern[str]
    goal_clause_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    v = load("targets.yaml", TargetVocab)
    # durations share their unit with dates ("3年以内", "2025年"): they have a pattern of
    # their own, so that the years and days of dates cost the main pattern nothing
    base = _alt([u for u in v.units if u not in v.duration_units])
    periods = set(v.period_denominators)
    mag = _alt(v.magnitudes)
    den = _alt(v.denominator_units)
    # "0.9吨标煤/万元", "7吨/平方公里·月" (per area and month)
    unit = f"(?:(?:{mag})?(?:{base})(?:/(?:{mag})?(?:{den})(?:[·•](?:月|年|日|天))?)?)"
    # "10/10万": a rate per a power of ten, the unit written "/10万"
    unit_or_ratio = f"(?:{unit}|/[0-9]{{1,4}}(?:{mag}))"
    firsts = {w[0] for w in v.units + v.magnitudes} | set("成~～-－—至到/")
    first = "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"
    tail = f"{first}(?:(?P<ch>成)|(?:(?P<u1>{unit})?{_SEP}(?P<v2>{_NUM}))?(?P<u>{unit_or_ratio}))"
    arabic_re = re.compile(f"(?P<v>{_ANUM_HEAD}){tail}")
    chinese_re = re.compile(f"(?P<v>{_CNUM_HEAD}){tail}")
    bare_re = re.compile(f"[{re.escape(''.join(sorted(_BARE_BEFORE)))}](?P<v>{_ANUM_HEAD})")
    # opening on a digit, the pattern is scanned fast; what comes before is checked in code
    duration_re = re.compile(
        rf"(?P<v>[0-9](?<![0-9.,月][0-9])[0-9]?(?:\.[0-9]{{1,2}})?)(?P<u>{_alt(v.duration_units)})"
        rf"(?!{_alt(v.duration_blockers)}|[0-9])"
    )
    literal_re = re.compile(
        # 每万辆8人
        f"每(?P<pn>{_NUM})?(?P<pm>{mag})?(?P<pd>{den})(?P<pv>{_NUM})(?P<pu>{base})"
        # 百分之八十, 百分之百; 千分之三 (‰), 万分之五 (/万)
        f"|百分之(?P<cv>百|{_NUM})"
        f"|千分之(?P<kv>{_NUM})|万分之(?P<wv>{_NUM})"  # two literals: a class here slows the scan 5x
        # 翻一番, 翻番
        "|翻(?P<fv>一|两|二|三|四|[1-4])?番"
    )
    num_any = f"(?:{_ANUM}|{_CNUM})"
    gap_words = [c.word for c in v.comparators if c.verb_gap]
    bound_words = [c.word for c in v.comparators if (c.kind == "bound" or c.reach) and _CJK.match(c.word[0])]
    return _Grammar(
        vocab=v,
        arabic_re=arabic_re,
        bare_re=bare_re,
        duration_re=duration_re,
        chinese_re=chinese_re,
        literal_re=literal_re,
        # "至少配备2名": an adverb comparator, then a verb of 1-4 characters, then the value
        verb_gap_re=(
            re.compile(f"(?:{_alt(gap_words)})(?:{_CJK_CLASS}){{1,4}}\\Z") if gap_words else None
        ),
        # "不超过教学总时长的30%": a bound, the whole it is a share of, 的, then the value
        of_gap_re=re.compile(f"(?:{_alt(bound_words)})(?:{_CJK_CLASS}|[A-Za-z0-9〇○]){{1,16}}的\\Z"),
        marker_re=re.compile(_LIST_MARKER),
        # "到2025年", "2025年底前", "6月30日前": a time opening the phrase, not the metric
        time_head=re.compile(
            f"(?:到|至|在|于)?(?:(?:[0-9]{{2,4}}|[{_CN_DIGITS}]{{2,4}})年(?:底|末|前|内|度)?(?:前)?"
            f"|[0-9]{{1,2}}月(?:[0-9]{{1,2}}日|底|末)?(?:前|以前|之前))"
        ),
        time_tail=re.compile(f"(?:到|至|在|于)?(?:[0-9]{{2,4}}|[{_CN_DIGITS}]{{2,4}})年(?:底|末|前|内|度)?(?:前)?\\Z"),
        baseline_tail=re.compile(
            f"(?:(?:比|较)(?:上年度|上一年度|上年|去年|上一年|上学期|上学年|上一学年|上季度|上一季度|上月|基期|同期|(?:[0-9]{{4}}|[{_CN_DIGITS}]{{4}})年(?:底|末)?)"
            f"(?:同期)?(?:水平)?(?:\\([^()]{{1,12}}\\))?|同比|(?:由|从)(?:{num_any})(?:{unit})?"
            # "在2018年基础上", "在上年基础上"
            f"|(?:在|以)(?:上年|去年|上一年|基期|(?:[0-9]{{4}}|[{_CN_DIGITS}]{{4}})年(?:底|末)?)(?:的)?基础上)\\Z"
        ),
        duiyu=re.compile("(?<![相绝针面反核应比校])对(?![象比接外口应称于照标话策])"),
        separators=re.compile("、|以及|和|与|及"),
        goal_leaders=re.compile(_alt(v.goal_leaders)),
        grant_words=re.compile(_alt(v.grant_words)),
        qualifier_units=frozenset(v.qualifier_units),
        period_words=re.compile(_alt([w for w in v.fillers if w.startswith("每")])),
        non_metrics=frozenset(v.non_metrics),
        grade_after=re.compile(rf"[ \t]*(?:的)?(?:评定|认定|确定)?为(?:{_alt(v.grade_words)})"),
        # "到2025年,…引进人才10~15人": a goal year opening the sentence
        goal_years=re.compile(r"(?:到|至)(?:19|20)[0-9]{2}年"),
        # "每百户不低于50平方米": the denominator written before the comparator
        per_before=re.compile(
            f"每(?P<d>(?:{_NUM})?(?:{mag})?(?:{_alt([d for d in v.denominator_units if d not in periods])}))"
            r"[ \t]*\Z"
        ),
        comparators={c.word: c for c in v.comparators},
        comparator_words=_Words([c.word for c in v.comparators]),
        bounds={b.word: b for b in v.bounds},
        bound_words=_Words([b.word for b in v.bounds]),
        heads=_Words(v.metric_heads),
        fillers=_Words(v.fillers),
        leaders=_Words(v.leaders),
        long_leaders=[w for w in v.leaders if len(w) >= 2],
        leader_exceptions=_Words(v.leader_exceptions),
        subjects=_Words(v.subjects),
        places=_Words(v.places),
        verbs=sorted(v.inverted_verbs, key=len, reverse=True),
        verb_words=_Words([w for w in v.inverted_verbs if len(w) >= 2]),
        count_units=frozenset(v.count_units),
        percent_units=frozenset(v.percent_units),
        weak_heads=frozenset(v.weak_heads),
        unitless_heads=_Words(v.unitless_heads),
        change_words=_Words([c.word for c in v.comparators if c.kind == "change"]),
        status_re=re.compile(_alt(v.status_words)),
        goal_clause_re=re.compile(f"[,，:：;；] *(?:{_alt(v.goal_words)})"),
    )


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class _Value:
    start: int
    end: int
    value: Number
    value_max: Number | None
    unit: str
    unitless: bool = False
    change: Change | None = None
    is_range: bool = False
    counted: bool = False  # a count followed by the noun it counts ("不少于3名专职人员")


def _number(s: str) -> Number | None:
    if s.isascii():
        s = s.replace(",", "")
        try:
            return float(s) if "." in s else int(s)
        except ValueError:
            return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_to_int(whole)
        if w is None or not all(c in DIGITS for c in frac):
            return None
        return float(f"{w}." + "".join(str(DIGITS[c]) for c in frac))
    return cn_to_int(s)


def _denominator(denom: str) -> str:
    """"万人口" -> "万人": the unit of a per-population rate counts people."""
    return denom[:-1] if denom.endswith("人口") and len(denom) > 2 else denom


def _per(v: _Value, denom: str) -> _Value:
    """``v`` counted per ``denom`` ("张" per "千人口" -> "张/千人")."""
    return replace(v, unit=f"{v.unit}/{_denominator(denom)}")


def _is_count(unit: str, g: _Grammar) -> bool:
    """True for units counting things, with or without a magnitude ("名", "万个")."""
    return unit.lstrip(_MAGNITUDE_CHARS) in g.count_units


def _terminated(text: str, pos: int, g: _Grammar) -> bool:
    """True when a counted value ends its phrase at ``pos`` (no noun follows)."""
    if pos >= len(text):
        return True
    c = text[pos]
    if not _CJK.match(c) or c in "的和及与或且并、":
        return True
    return g.bound_words.prefix(text, pos) is not None


def _values(text: str, g: _Grammar) -> list[_Value]:
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for kind, rx in enumerate((g.literal_re, g.arabic_re, g.chinese_re, g.bare_re, g.duration_re)):
        found.extend((m.start("v") if kind == 3 else m.start(), -m.end(), kind, m) for m in rx.finditer(text))
    found.sort(key=lambda x: (x[0], x[1], x[2]))
    out: list[_Value] = []
    last_end = -1
    for s, neg_e, kind, m in found:
        e = -neg_e
        if s < last_end:
            continue
        value = _read_value(text, s, e, kind, m, g)
        if value is not None:
            out.append(value)
            last_end = e
    return out


def _read_value(text: str, s: int, e: int, kind: int, m: re.Match[str], g: _Grammar) -> _Value | None:
    prev = text[s - 1] if s > 0 else ""
    if kind == 0:  # 每…, 百分之…, 翻…番
        lead = text[s]
        if lead == "每":
            v = _number(m.group("pv"))
            if v is None:
                return None
            denom = (m.group("pn") or "") + (m.group("pm") or "") + m.group("pd")
            return _Value(s, e, v, None, f"{m.group('pu')}/{_denominator(denom)}")
        if lead == "百":
            cv = m.group("cv")
            v = 100 if cv == "百" else _number(cv)
            return None if v is None else _Value(s, e, v, None, "%")
        if lead in "千万":
            v = _number(m.group("kv") or m.group("wv"))
            return None if v is None else _Value(s, e, v, None, "‰" if lead == "千" else "/万")
        fv = m.group("fv")
        n = 1 if fv is None else (_number(fv) or 1)
        return _Value(s, e, 2 ** int(n), None, "倍", change="increase")
    if prev and prev in "每第":
        return None
    if kind in (1, 3, 4) and prev and (prev in "0123456789." or (prev == "," and s > 1 and text[s - 2].isdigit())):
        return None
    if kind == 4 and prev == "月":
        return None  # "6月30日": a date
    if kind == 2 and prev and prev in _CN_ALL:
        return None
    v = _number(m.group("v"))
    if v is None:
        return None
    if kind == 3:
        return _bare_value(text, s, e, v, g)
    if kind == 4:  # "3年", "30日": a duration (the pattern has ruled out dates)
        return _Value(s, e, v, None, m.group("u"))
    if m.group("ch") is not None:  # 八成
        return _Value(s, e, v * 10, None, "%") if _terminated(text, e, g) else None
    if m.group("u") is not None:
        unit = m.group("u")
        if kind == 2 and len(m.group("v")) > 1 and m.group("v")[-1] in "万亿":
            # "五万件" as written: 5, 万件 (like "5万件"), not 50000 件
            head = _number(m.group("v")[:-1])
            if head is not None and not m.group("v2"):
                v, unit = head, m.group("v")[-1] + unit
        counted = _is_count(unit, g) and not _terminated(text, e, g)
        if counted and not _explicit_before(text, s, g):
            return None  # "新建幼儿园40所": a count without a comparator
        v2 = _number(m.group("v2")) if m.group("v2") else None
        if m.group("v2") and v2 is None:
            return None
        return _Value(s, e, v, v2, unit, is_range=v2 is not None, counted=counted)
    return None


def _explicit_before(text: str, s: int, g: _Grammar) -> bool:
    """True when an explicit bound ("不少于", "至少配备") is written right before ``s``."""
    e = s
    while e > 0 and text[e - 1] in " \t":
        e -= 1
    w = g.comparator_words.suffix(text[max(0, e - 6) : e])
    if w is not None:
        return g.comparators[w].kind == "bound"
    return g.verb_gap_re is not None and g.verb_gap_re.search(text, max(0, e - 8), e) is not None


_RATIO = re.compile(r"[:：]([0-9]{1,3})(?![0-9.:：])")


def _bare_value(text: str, s: int, e: int, v: Number, g: _Grammar) -> _Value | None:
    """A number without a unit, right after a comparator ("系数小于0.4"); a ratio
    ("生师比不高于18:1") keeps its second term as the unit (":1")."""
    rm = _RATIO.match(text, e)
    if rm is not None:
        return _Value(s, rm.end(), v, None, ":" + rm.group(1))
    if e < len(text):
        nxt = text[e]
        if nxt in "%‰.0123456789" or (_CJK.match(nxt) and g.bound_words.prefix(text, e) is None):
            return None
    return _Value(s, e, v, None, "", unitless=True)


# --------------------------------------------------------------------------- clauses


#: A short bracketed word inside a noun phrase: "执业(助理)医师数", "乡镇(街道)".
_EMBEDDED = re.compile(rf"{_CJK_CLASS}[((](?:{_CJK_CLASS}{{1,6}}|[0-9.]{{1,6}}[%‰])[))](?={_CJK_CLASS})")


def _sentence_start(text: str, pos: int, ends: re.Pattern[str] = _SENTENCE_END) -> int:
    """Start of the sentence holding ``pos``: after the last of ``ends``, at most _WINDOW back."""
    lo = max(0, pos - _WINDOW)
    for m in ends.finditer(text, lo, pos):
        lo = m.end()
    return lo


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding ``pos``: after the last boundary, at most _WINDOW back.

    Brackets of a short word inside a noun phrase ("每千人口执业(助理)医师数") cut no clause.
    """
    lo = max(floor, pos - _WINDOW, 0)
    bounds = [m.end() for m in _BOUNDARY_RE.finditer(text, lo, pos)]
    while bounds and text[bounds[-1] - 1] in "))":
        close = bounds[-1] - 1
        em = _EMBEDDED.search(text, max(lo, close - 8), close + 2)
        if em is None or em.end() != close + 1:
            break
        bounds = [b for b in bounds if b <= em.start() + 1]  # drop both brackets
    return bounds[-1] if bounds else lo


def _clause_end(text: str, pos: int) -> int:
    m = _BOUNDARY_RE.search(text, pos, min(len(text), pos + _FORWARD))
    return m.start() if m else min(len(text), pos + _FORWARD)


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class _Metric:
    name: str
    start: int
    end: int
    subject: str | None


def _ends_with_head(s: str, g: _Grammar) -> bool:
    return g.heads.suffix(s) is not None


def _strip_tail(text: str, a: int, b: int, g: _Grammar) -> int:
    """Move ``b`` left over fillers, time words and baselines ("要", "2015年", "比上年")."""
    while b > a:
        s = text[a:b]
        stripped = s.rstrip(" \t")
        if len(stripped) < len(s):
            b = a + len(stripped)
            continue
        tail = s[-24:]
        m = g.baseline_tail.search(tail) or g.time_tail.search(tail)
        if m and m.start() + len(s) - len(tail) > 0:
            b -= len(tail) - m.start()
            continue
        if not _ends_with_head(s, g):
            w = g.fillers.suffix(s, shorter=True)
            if w:
                b -= len(w)
                continue
        break
    return b


def _strip_head(text: str, a: int, b: int, g: _Grammar) -> int:
    """Move ``a`` right over punctuation, opening words and time words."""
    while a < b:
        if text[a] in "、,， \t“”\"'" and not (text[a] == "“" and "”" in text[a:b]):
            a += 1
            continue
        s = text[a:b]
        m = g.time_head.match(s) or g.marker_re.match(s)
        if m:
            a += m.end()
            continue
        w = g.leaders.prefix(s)
        if w and g.leader_exceptions.prefix(s) is None:
            a += len(w)
            continue
        break
    return a


def _cut_after_leaders(text: str, a: int, b: int, g: _Grammar) -> int:
    """Move ``a`` after the last multi-character opening word inside the phrase."""
    s = text[a:b]
    best = -1
    for w in g.long_leaders:
        p = s.rfind(w)
        if p > 0 and p + len(w) < len(s) - 1 and s[p + len(w)] != "率":
            best = max(best, p + len(w))
    return a + best if best > 0 else a


def _one_metric(text: str, a: int, b: int, g: _Grammar) -> _Metric:
    """Split subject and metric in ``text[a:b]`` (one item, already stripped)."""
    subject: str | None = None
    s = text[a:b]
    m = g.duiyu.search(s)
    if m is not None and len(s) - m.end() >= 2:
        if m.start() > 0:
            subject = s[: m.start()]
        a += m.end()
    else:
        w = g.subjects.prefix(s)
        if w and (len(s) - len(w) < 2 or s[len(w) :] in g.heads.words):
            w = None
        if w:
            subject = w
            a += len(w)
            if text.startswith("的", a):
                a += 1
    s = text[a:b]
    k = s.rfind("的")
    if k >= 0:
        after = s[k + 1 :]
        if len(after) >= 2 and after not in g.weak_heads:
            a += k + 1
    stripped = True
    while stripped:
        s = text[a:b]
        p = g.places.prefix(s) or ""
        if len(s) - len(p) < 3:
            p = ""
        a += len(p)
        while p and a < b and text[a] in "、,，":  # "城市、农村…": the place was one of a list
            a += 1
        stripped = bool(p)
    return _Metric(text[a:b], a, b, subject)


def _shared_tail(text: str, a: int, b: int, g: _Grammar) -> list[_Metric]:
    """"高血压、糖尿病患者规范管理率": short modifiers sharing the last one's head.

    Each modifier before the last gets the tail of the last metric after a modifier of
    the same length ("高血压" + "患者规范管理率"); those metrics are composed (offsets -1).
    """
    s = text[a:b]
    k = s.rfind("、")
    if k < 0:
        return [_one_metric(text, a, b, g)]
    pieces = s[:k].split("、")
    last = _one_metric(text, a + k + 1, b, g)
    n = len(pieces[-1])
    if not (
        len(pieces) <= 4
        and all(2 <= len(p) <= 6 and (_CJK.match(p[0]) or p[0].isdigit()) and not _ends_with_head(p, g)
                for p in pieces)
        and len(last.name) >= n + 3
        and last.start == a + k + 1
    ):
        return [_one_metric(text, a, b, g)]
    # the modifier in the last item ends where the shared part begins: at the people it
    # counts ("2型糖尿病|患者规范管理率"), after the character the pieces end with ("县图书馆、
    # 文化馆|总分馆制…"), or else after as many characters as the piece before
    name = last.name
    k = next((i for i in range(2, min(len(name) - 2, 8)) if g.subjects.prefix(name, i)), -1)
    if k < 0:
        k = name.find(pieces[-1][-1], 1, n + 3) + 1
    tail = name[k:] if k > 0 and len(name) - k >= 3 else name[n:]
    return [_Metric(p + tail, -1, -1, last.subject) for p in pieces] + [last]


#: Examples listed before 等 ("A、B、C等"), not part of the name that follows.
_EXAMPLES = re.compile(r"、[^、,，。;]{1,12}?等(?![级同于候])")

#: A value with its unit or bound inside a metric candidate: it is another target.
_VALUE_INSIDE = re.compile(r"\d\s*(?:%|‰|以上|以下|以内)")


def _metrics(
    text: str, a: int, b: int, g: _Grammar, *, fallback: bool, longest: int = 12
) -> list[_Metric] | None:
    """Metrics named in ``text[a:b]`` (already stripped), or None when there are none.

    A phrase without a metric head is taken whole with ``fallback``, if it has at most
    ``longest`` characters.
    """
    if b - a < 2:
        return None
    a = _cut_after_leaders(text, a, b, g)
    a = _strip_head(text, a, b, g)
    # "乱扔乱丢、追逐打闹、说脏话等不文明现象": examples before 等, the metric after it
    for em in _EXAMPLES.finditer(text, a, b):
        if b - em.end() >= 2:
            a = em.end()
    # "县领导小组办公室每月督查": who does it, then how often, then the metric
    for pm in g.period_words.finditer(text, a + 1, b):
        if b - pm.end() >= 2:
            a = pm.end()
    s = text[a:b]
    if len(s) < 2:
        return None
    # split at 、/和/与/及 where the part before ends with a metric head
    items: list[tuple[int, int]] = []
    seg = 0
    for m in g.separators.finditer(s):
        piece = s[seg : m.start()]
        if len(piece) >= 3 and _ends_with_head(piece, g):
            items.append((a + seg, a + m.start()))
            seg = m.end()
    items.append((a + seg, b))
    last_a, last_b = items[-1]
    if not _ends_with_head(text[last_a:last_b], g) and (
        not fallback or len(items) > 1 or not 2 <= last_b - last_a <= longest
    ):
        return None
    out = [_one_metric(text, ia, ib, g) for ia, ib in items[:-1]] + _shared_tail(text, last_a, last_b, g)
    if out and out[0].subject:
        out = [out[0]] + [
            _Metric(x.name, x.start, x.end, x.subject or out[0].subject) for x in out[1:]
        ]
    if any(len(x.name) < 2 or _VALUE_INSIDE.search(x.name) or x.name in g.non_metrics for x in out):
        return None  # too short, another target's value ("达80%以上、达90%…"), a pronoun ("对其")
    return out


def _compose_inverted(rest: str, has_de: bool, g: _Grammar) -> str:
    """Name the share of an inverted form.

    With 的 the share quantifies the noun ("80%以上的街道建立市民学校"), and the metric
    ends with that noun: "建立市民学校的街道比例".  Without 的 the share reads over
    the whole clause ("95%以上社区卫生服务中心纳入医保定点"): the clause + "比例".
    """
    if not has_de:
        return rest + "比例"
    best: tuple[int, int] | None = None
    for v in g.verbs:
        p = rest.find(v, 1)
        if p > 0 and (best is None or p < best[0]):
            best = (p, len(v))
    if best is None:
        return rest + "比例"
    p = best[0]
    return f"{rest[p:]}的{rest[:p]}比例"


# --------------------------------------------------------------------------- groups


@dataclass
class _Group:
    metrics: list[_Metric]
    text_start: int
    comparator: Comparator | None
    change: Change | None
    items: list[tuple[_Value, Comparator | None, Bound | None, int]] = field(default_factory=list)
    inverted_end: int = -1
    composed: str = ""
    per: str = ""  # the denominator a metric opened on ("每千人口…"), for every value


def _match_comparator(text: str, a: int, b: int, g: _Grammar) -> tuple[Comparator | None, int]:
    """The comparator before the value at ``b``, and where it starts.

    Usually the comparator ends at ``b`` (skipping "了" and spaces).  Two gaps are read:
    an adverb and a verb ("至少配备2名": the comparator ends before the verb), and the
    whole a share is taken of ("不超过教学总时长的30%").  An adverb before a level word
    gives the op ("至少达到3个": 至少).
    """
    e = b
    while e > a and text[e - 1] in " 了\t":
        e -= 1
    w = g.comparator_words.suffix(text[max(a, e - 6) : e])
    if w is not None:
        comp, start = g.comparators[w], e - len(w)
        if comp.kind == "level":
            w2 = g.comparator_words.suffix(text[max(a, start - 3) : start])
            if w2 is not None and g.comparators[w2].verb_gap:
                return g.comparators[w2], start - len(w2)
        return comp, start
    lo = max(a, e - 8)
    m = g.verb_gap_re.search(text, lo, e) if g.verb_gap_re is not None else None
    if m is None and e > a and text[e - 1] == "的":
        m = g.of_gap_re.search(text, max(a, e - 24), e)
    w = None if m is None else g.comparator_words.prefix(text, m.start(), m.end())
    if m is None or w is None:
        return None, b
    return g.comparators[w], m.start()


def _match_bound(text: str, pos: int, g: _Grammar) -> tuple[Bound | None, int]:
    p = pos
    while p < len(text) and text[p] in " \t":
        p += 1
    w = g.bound_words.prefix(text, p)
    if w is None:
        return None, pos
    return g.bounds[w], p + len(w)


def _op(v: _Value, comp: Comparator | None, bound: Bound | None) -> Op:
    if v.is_range:
        return ">="
    if bound is not None:
        return bound.op
    if comp is None:
        return ">="
    if comp.equal_at_full and v.unit == "%" and v.value == 100:
        return "="
    return comp.op


#: Longest clause kept whole for a target; past it, a value's own segment is its text.
_MAX_CLAUSE = 60


def _clause_of(
    text: str, grp: _Group, items: list[tuple[_Value, Comparator | None, Bound | None, int]], i: int, end: int,
    *, one_metric: bool,
) -> tuple[int, int]:
    """The text of the i-th value's target: the shortest clause holding metric and value.

    Values sharing one metric ("知晓率达80%以上、达90%…") end their clause at their own
    value; a clause that grows long (a run of values) starts after the previous value,
    so that texts, and the work done per target, stay bounded.
    """
    a = grp.text_start
    b = items[i][3] if one_metric and grp.inverted_end < 0 else end
    if b - a > _MAX_CLAUSE and i > 0:
        a = items[i - 1][3]
        while a < b and text[a] in "、,，;； ":
            a += 1
    return a, b


def _emit(text: str, grp: _Group, out: list[TargetMatch]) -> None:
    items = grp.items
    if not items:
        return
    # a bound written once after a list of values applies to all of them
    last_bound = items[-1][2]
    if last_bound is not None:
        items = [(v, c, b if b is not None else last_bound, e) for v, c, b, e in items]
    end = grp.inverted_end if grp.inverted_end >= 0 else max(e for _, _, _, e in items)
    clause = text[grp.text_start:end]
    metrics = grp.metrics
    pairs: list[tuple[_Metric | None, int]] = []
    if not metrics:
        pairs = [(None, i) for i in range(len(items))]
    elif len(items) == 1:
        pairs = [(m, 0) for m in metrics]
    elif len(items) == len(metrics):
        pairs = [(m, i) for i, m in enumerate(metrics)]
    elif len(metrics) == 1:
        pairs = [(metrics[0], i) for i in range(len(items))]
    else:
        pairs = [(m, min(i, len(items) - 1)) for i, m in enumerate(metrics)]
    for m, i in pairs:
        v, comp, bound, _ = items[i]
        a, b = _clause_of(text, grp, items, i, end, one_metric=len(metrics) <= 1)
        change = v.change or (comp.change if comp is not None else None) or grp.change
        # "每千人口…床位数达到6张": 每千人口 is part of the metric, the unit stays 张;
        # only a 每X written with the value ("小于每万辆8人") makes a per-unit
        unit = v.unit
        target = TargetMatch(
            metric=m.name if m else grp.composed,
            metric_start=m.start if m else -1,
            metric_end=m.end if m else -1,
            subject=m.subject if m else None,
            op=_op(v, comp, bound),
            value=v.value,
            value_max=v.value_max,
            unit=unit,
            change=change,
            text=clause if (a, b) == (grp.text_start, end) else text[a:b],
            start=a,
            end=b,
            value_start=v.start,
            value_end=v.end,
        )
        out.append(target)
        if v.is_range and v.value_max is not None and target.op == ">=":
            # a range bounds the metric both ways: its upper end is a target of its own
            out.append(replace(target, op="<=", value=v.value_max, value_max=None))


def find_targets(
    text: str, *, plan_year: int | None = None, goal_spans: list[tuple[int, int]] | None = None
) -> list[TargetMatch]:
    """Find the quantitative targets in ``text`` (working text), in reading order.

    One :class:`TargetMatch` per metric and value; see the module docstring for the
    reading rules and the conventions of ``op``, ``change`` and ``unit``.  ``plan_year``
    (the year the plan is written in) marks sentences about earlier years as the
    starting point, not targets.  ``goal_spans`` are stretches of ``text`` that state
    goals (a 工作目标 section): there a range needs no goal word to be a target.
    """
    goals = goal_spans or []
    g = _grammar()
    out: list[TargetMatch] = []
    group: _Group | None = None
    cursor = 0  # start of the left context of the next value
    prev_end = -1
    for v in _values(text, g):
        cs = _clause_start(text, v.start, 0)
        if cs > prev_end:  # a new clause
            if not (group is not None and _elliptic(text, group, prev_end, cs, v.start, g)):
                if group is not None:
                    _emit(text, group, out)
                group = None
            cursor = cs
        elif group is None and cs < cursor:
            cursor = cs  # a value in brackets inside the phrase ("较2022年(23.6%)提高5个百分点")
        prev_end = v.end
        a = max(cursor, v.start - _WINDOW)
        comp, cstart = _match_comparator(text, a, v.start, g)
        bound, bend = _match_bound(text, v.end, g)
        between = text[a:cstart].strip(_CONNECT_CHARS)
        if group is not None and not between and group.inverted_end < 0:
            # a further value of the same phrase: "分别达到80%和90%", "不低于80%、不高于95%"
            if group.per and "/" not in v.unit and v.unit and v.unit not in g.percent_units:
                v = _per(v, group.per)
            group.items.append((v, comp or group.comparator, bound, bend))
            cursor = bend
            prev_end = bend
            continue
        if v.unitless and comp is None:
            continue
        pm = g.per_before.search(text, a, cstart) if comp is not None and "/" not in v.unit else None
        if pm is not None and v.unit not in g.percent_units and not v.unitless:
            v = _per(v, pm.group("d"))
            cstart = pm.start()
        change: Change | None = None
        b = cstart
        if comp is not None and comp.kind == "bound":  # "增长不超过5%"
            cw = g.change_words.suffix(text[max(a, b - 6) : b])
            if cw is not None:
                change = g.comparators[cw].change
                b -= len(cw)
        b = _strip_tail(text, a, b, g)
        la = _strip_head(text, a, b, g)
        lp = la + len(g.places.prefix(text, la, b) or "")
        if text[lp:b] in g.fillers.words:  # "每学期至少开展2次": no metric before
            lp = b
        count = _is_count(v.unit, g)
        if comp is None and count and bound is not None and bound.op == "=":
            continue  # "遴选学术骨干20名左右": an approximate plan, not a target
        if comp is None and bound is not None and v.unit not in g.percent_units and text.startswith("的", bend):
            continue  # "职工300人以上的企业": which things are meant, not a target
        # a range bounds both ways: "建筑面积300~500平方米", "力争每区建成5—8个"
        explicit = (comp is not None and comp.kind == "bound") or bound is not None or v.is_range
        # "累计上云企业达到3万家": a count reached is a goal, its phrase names the things
        reached = count and comp is not None and comp.reach
        # "至少配备2名保洁员", "不少于1000万元的专项资金": the noun after the value is the
        # metric (for an amount, only when no metric is named before the comparator)
        counted = (
            _count_after(text, v, bend, min(la, cstart), g)
            if explicit and v.unit not in g.percent_units and not v.unitless
            and (count or (comp is not None and comp.kind == "bound" and not _ends_with_head(text[la:b], g)))
            else None
        )
        if counted is not None:
            new_group = counted
        elif lp >= b:
            grp = _inverted(text, v, comp, bound, bend, la, a, g)
            if grp is None:
                continue
            new_group = grp
        else:
            percentish = v.unit in g.percent_units or v.unit == "倍"
            if comp is None and not (percentish or bound is not None or v.is_range):
                continue
            if (
                comp is None and v.is_range and not percentish and not _ends_with_head(text[la:b], g)
                and not _goal_sentence(text, v.start, g)
                and not any(lo <= v.start < hi for lo, hi in goals)
            ):
                continue  # "每组3—5人": a range without a metric or a goal word
            if comp is None and v.change is None and b != cstart and not _ends_with_head(text[la:cstart], g):
                continue
            # a count, or an amount with a bound word ending its clause ("管网300公里以上,"),
            # names things, often with a long phrase ("培训企业经营管理人员和专业技术人员")
            named = (count and (explicit or reached)) or (bound is not None and _clause_end(text, bend) == bend)
            fallback = (comp is not None and (percentish or comp.kind == "bound")) or named
            shared = _distributed(text, la, b, g)
            metrics = shared[0] if shared else _metrics(text, la, b, g, fallback=fallback, longest=24 if named else 12)
            if metrics is None:
                continue
            if v.unitless and g.unitless_heads.suffix(metrics[-1].name) is None:
                continue
            if comp is None and change is None:  # "提高工作效率20%": a change without 提高到
                lead = g.change_words.prefix(metrics[0].name)
                if lead is not None and len(metrics[0].name) - len(lead) >= 2 and metrics[0].start >= 0:
                    m0 = metrics[0]
                    metrics[0] = _Metric(m0.name[len(lead) :], m0.start + len(lead), m0.end, m0.subject)
                    change = g.comparators[lead].change
            per = _PER_CAPITA.search(metrics[0].name, 0, 24) if "/" not in v.unit and not percentish else None
            if per is not None and per.start() > 4:
                per = None
            den = per.group("d") if per is not None and v.unit else ""
            if den:  # "每千人口床位数达到6张": 张 per 千人
                v = _per(v, den)
            if shared:
                text_start = shared[1]
            else:
                text_start = min(m.start for m in metrics if m.start >= 0)
                first = _strip_head(text, la, text_start, g) if text_start > la else la
                text_start = min(first, text_start)
            new_group = _Group(metrics, text_start, comp, change, per=den)
        if _describes_status(text, v.start, g, comp, plan_year) or _quoted(text, a, v.start):
            continue
        if _grant_cap(text, v, comp, bound, g):
            continue
        if v.unit in g.qualifier_units and _QUALIFIES.match(text, bend):
            continue  # "运行超过15年(、漏损严重)的老旧管网", "3岁以下的儿童": who is meant
        if g.grade_after.match(text, bend):
            continue  # "考核得分90分以上为优秀": a grading rule, not a target
        if _QUALIFIES.match(text, bend) and _CONDITION.match(text, cursor):
            continue  # "对床位使用率连续3个月低于80%的病区适当压缩床位": a condition
        if group is not None:
            _emit(text, group, out)
        group = new_group
        group.items.append((v, comp, bound, bend))
        cursor = bend
        prev_end = bend if group.inverted_end < 0 else group.inverted_end
    if group is not None:
        _emit(text, group, out)
    return out


_NOUN_MAX = 20  # longest noun read after a count
_DIGIT = re.compile("[0-9]")
_QUOTES = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"))


def _quoted(text: str, a: int, pos: int) -> bool:
    """True when ``pos`` is inside quotation marks opened after ``a`` ("“最多跑一次”": a name)."""
    for o, c in _QUOTES:
        k = text.rfind(o, a, pos)
        if k >= 0 and text.find(c, k, pos) < 0:
            return True
    return False


def _count_after(text: str, v: _Value, bend: int, text_start: int, g: _Grammar) -> _Group | None:
    """"至少配备2名保洁员", "不少于1次的校园体育节", "3家以上龙头企业": the counted noun.

    The noun after the unit (and 的) to the end of the clause is the metric; when
    a verb follows the noun ("1所医院达到三级医院服务能力") the metric is composed as
    "达到三级医院服务能力的医院".  None when no noun follows, or a verb does (the
    metric is then before the value: "志愿者人数不少于50人参加").
    """
    p = bend
    if text.startswith("的", p):
        p += 1
    end = min(_clause_end(text, p), p + _NOUN_MAX)
    rest = text[p:end].rstrip()
    if len(rest) < 2 or not _CJK.match(rest[0]) or g.bound_words.prefix(rest) is not None:
        return None
    if _DIGIT.search(rest):  # "3岁以下婴幼儿托位数达到3个": another value follows, no noun
        return None
    if g.verb_words.prefix(rest) is not None:
        return None
    best: tuple[int, int] | None = None
    for verb in g.verbs:
        k = rest.find(verb, 2)
        if k > 0 and len(rest) - k - len(verb) >= 2 and (best is None or k < best[0]):
            best = (k, len(verb))
    if best is None:
        grp = _Group([_Metric(rest, p, p + len(rest), None)], text_start, None, None)
    else:
        grp = _Group([], text_start, None, None)
        grp.composed = f"{rest[best[0]:]}的{rest[:best[0]]}"
    grp.inverted_end = p + len(rest)
    return grp


#: A sentence opening on a year as its topic: "2022年,全市森林覆盖率为61.8%".
_YEAR_TOPIC = re.compile(
    r"\s*((?:19|20)\d\d)(?:\s*[—\-–~至]\s*(?:19|20)?\d\d)?\s*(?:年|学年)(?:底|末|度)?"
    r"(?:上学期|下学期|第一学期|第二学期)?\s*[,，]"
)


#: A sentence opening on the past year: "上学年…参与率为88.6%", "去年全县…".
_PAST_OPEN = re.compile(r"\s*(?:上学年|上一学年|去年|上年度|上一年度|上一年|过去一年)")
#: A sentence opening on a year: "2019年全县共完成食品抽检1860批次,抽检合格率97.6%".
_YEAR_OPEN = re.compile(
    r"\s*((?:19|20)\d\d)(?:\s*[—\-–~至]\s*(?:19|20)?\d\d)?\s*(?:年|学年)(?!底前|前|内|以前|之前)"
)


def _describes_status(
    text: str, pos: int, g: _Grammar, comp: Comparator | None = None, plan_year: int | None = None
) -> bool:
    """True when the sentence before ``pos`` says the figure is the present state.

    Status words (目前, 截至 …) say so; so does a sentence opening on a year as its topic
    whose figures are only stated ("2022年,全市森林覆盖率为61.8%"), or on a year before
    the plan's own (``plan_year``: "2022年,…满意度达到86.5%" in a 2023 plan), with no
    goal word.
    """
    lo = _sentence_start(text, pos, _STATUS_END)
    if _PAST_OPEN.match(text, lo) and g.goal_clause_re.search(text, lo, pos) is None:
        return True  # "上学年我校课后服务学生参与率为88.6%"
    topic = _YEAR_TOPIC.match(text, lo)
    opening = _YEAR_OPEN.match(text, lo) if plan_year is not None else None
    if plan_year is not None:  # the plan's year is known: a sentence about an earlier one
        past = opening is not None and int(opening.group(1)) < plan_year
    else:  # unknown: a year as topic whose figures are merely stated ("…为61.8%")
        past = topic is not None and comp is not None and comp.word in ("为", "是")
    if past and g.goal_clause_re.search(text, lo, pos) is None:
        return True
    last = None
    for m in g.status_re.finditer(text, lo, pos):
        last = m
    return last is not None and g.goal_clause_re.search(text, last.end(), pos) is None


#: After a value: 的 and the noun it qualifies, maybe after a further qualifier.
_QUALIFIES = re.compile(r"的|、[^,，。;；、:：]{1,10}的")

#: A clause opening on 对 and naming what it acts on: "对…低于80%的病区,…".
_CONDITION = re.compile(r"[ \t]*对(?![象比接外口应称于照标话策其])")

#: What may stand between a target and an elliptic one: "提高5个百分点,达到28.6%以上".
_ELLIPSIS_GAP = re.compile(r"[ \t]*[,，][ \t]*")


def _elliptic(text: str, group: _Group, prev_end: int, cs: int, pos: int, g: _Grammar) -> bool:
    """True when the clause at ``cs`` is a comparator and a value with no metric of its
    own, right after the previous target's clause: it continues that metric."""
    if group.inverted_end >= 0 or _ELLIPSIS_GAP.fullmatch(text, prev_end, cs) is None:
        return False
    comp, cstart = _match_comparator(text, cs, pos, g)
    return comp is not None and comp.kind != "change" and not text[cs:cstart].strip(_CONNECT_CHARS)


#: A metric opening on its denominator: "每千人口…", "每万人拥有…", "每百名学生拥有…".
_PER_CAPITA = re.compile(
    r"每(?P<d>[0-9]{0,3}(?:十万|百|千|万)(?:名|个|位)?(?:常住人口|户籍人口|人口|在校生|学生|老年人|儿童|居民|职工"
    r"|农户|户|人|平方公里|辆))"
)

#: Short names listed with 、 ("小学、初中", "城镇、农村"), each at most four characters.
_SHORT_LIST = re.compile(r"[^、,，;；:：\s]{1,4}(?:、[^、,，;；:：\s]{1,4}){1,3}")


def _distributed(text: str, a: int, b: int, g: _Grammar) -> tuple[list[_Metric], int] | None:
    """"每百名学生拥有…教师数,小学、初中分别达到4.2人以上和5.3人以上": the metric named in
    the clause before, for each of the short names listed here (composed metrics, offsets
    -1), and where the target's text starts."""
    if a < 2 or text[a - 1] not in ",，" or _SHORT_LIST.fullmatch(text, a, b) is None:
        return None
    names = text[a:b].split("、")
    if any(_ends_with_head(n, g) for n in names):
        return None
    ps = _clause_start(text, a - 1, 0)
    pe = _strip_tail(text, ps, a - 1, g)
    if pe - ps < 2 or not _ends_with_head(text[ps:pe], g):
        return None
    head = _one_metric(text, _strip_head(text, ps, pe, g), pe, g)
    return [_Metric(n + head.name, -1, -1, head.subject) for n in names], _strip_head(text, ps, pe, g)


def _goal_sentence(text: str, pos: int, g: _Grammar) -> bool:
    """True when the sentence before ``pos`` states a goal (力争 …, "到2025年")."""
    lo = _sentence_start(text, pos)
    return g.goal_leaders.search(text, lo, pos) is not None or g.goal_years.search(text, lo, pos) is not None


def _grant_cap(text: str, v: _Value, comp: Comparator | None, bound: Bound | None, g: _Grammar) -> bool:
    """True for the ceiling of a grant ("给予补助,单个项目最高不超过200万元"): policy, not a goal."""
    op = bound.op if bound is not None else (comp.op if comp is not None else None)
    stated = comp is not None and comp.word in ("为", "是") and bound is None  # "补助标准为每课时60元"
    if (op not in ("<=", "<") and not stated) or not v.unit.split("/")[0].endswith("元"):
        return False
    lo = _sentence_start(text, v.start)
    after = _SENTENCE_END.search(text, v.end, v.end + _WINDOW)
    return g.grant_words.search(text, lo, after.start() if after else min(len(text), v.end + _WINDOW)) is not None


def _inverted(
    text: str, v: _Value, comp: Comparator | None, bound: Bound | None, bend: int, la: int, a: int,
    g: _Grammar,
) -> _Group | None:
    """"80%以上的街道建立市民学校": a share of things doing something."""
    if comp is not None or v.unit not in g.percent_units:
        return None
    p = bend
    has_de = text.startswith("的", p)
    if has_de:
        p += 1
    opened = la > a  # an opening word such as 使/确保 came first
    if bound is None and not has_de and not opened:
        return None
    end = _clause_end(text, p)
    rest = text[p:end].strip()
    if len(rest) < 2 or not _CJK.match(rest[0]):
        return None
    grp = _Group([], v.start, None, None, inverted_end=end)
    grp.composed = _compose_inverted(rest, has_de, g)
    return grp
