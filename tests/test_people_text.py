"""Tests of planparse.people_text: members of leadership groups."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.people_text import find_people, split_names

Row = tuple[str, str | None, str | None]


def _rows(text: str, **kw: bool) -> list[Row]:
    return [(p.role, p.name, p.title) for p in find_people(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组长:曾益民 市长", [("组长", "曾益民", "市长")]),
        ("组 长:曾益民 市长", [("组长", "曾益民", "市长")]),
        ("组长:魏然\n", [("组长", "魏然", None)]),
        ("顾 问:王 雄 市委书记", [("顾问", "王雄", "市委书记")]),
        # several roles on one line
        ("成立领导小组: 顾 问:王 雄 市委书记 组 长:曾益民 市长 副组长:谢学龙 市委副书记 "
         "刘切力 市委常委、宣传部长 李汉田 市人大副主任 梁育清 副市长",
         [("顾问", "王雄", "市委书记"), ("组长", "曾益民", "市长"),
          ("副组长", "谢学龙", "市委副书记"), ("副组长", "刘切力", "市委常委、宣传部长"),
          ("副组长", "李汉田", "市人大副主任"), ("副组长", "梁育清", "副市长")]),
        # one name per line carrying on the role
        ("副组长:李卫国\n赵佑\n皋骞\n成员:李强",
         [("副组长", "李卫国", None), ("副组长", "赵佑", None), ("副组长", "皋骞", None),
          ("成员", "李强", None)]),
        # a wrapped role line; the prose line after it is not a continuation
        ("副主任:颜毅村 市文明办主任\n唐裕奇 市文化局局长\n办公地点设在市文明办,工作人员从各单位抽调。",
         [("副主任", "颜毅村", "市文明办主任"), ("副主任", "唐裕奇", "市文化局局长")]),
        # names run together
        ("成员:李强纪加礼周晓峰王向明左克茂彭忠朱盐生王乃曙于刚薛山",
         [("成员", n, None) for n in
          ["李强", "纪加礼", "周晓峰", "王向明", "左克茂", "彭忠", "朱盐生", "王乃曙", "于刚", "薛山"]]),
        # a name glued to its post, a spaced two-character name
        ("成 员:童建武 市委宣传部副部长 李祖平市广电局局长 毛 杰 团市委书记",
         [("成员", "童建武", "市委宣传部副部长"), ("成员", "李祖平", "市广电局局长"),
          ("成员", "毛杰", "团市委书记")]),
        ("成员:刘建康县教育局局长、张华县长", [("成员", "刘建康", "县教育局局长"), ("成员", "张华", "县长")]),
        # posts before names
        ("组长:市长 曾益民\n副组长:副市长 梁育清、副市长 吴景祥",
         [("组长", "曾益民", "市长"), ("副组长", "梁育清", "副市长"), ("副组长", "吴景祥", "副市长")]),
        # post in brackets, tails dropped
        ("组长:张三(市长)\n办公室主任:李四(兼)", [("组长", "张三", "市长"), ("主任", "李四", None)]),
        ("领导小组组长:张三", [("组长", "张三", None)]),
        ("领导小组成员:张伟、李娜", [("成员", "张伟", None), ("成员", "李娜", None)]),
        ("组长:曾益民市长副组长:谢学龙副市长", [("组长", "曾益民", "市长"), ("副组长", "谢学龙", "副市长")]),
        ("联络员:王芳、李娜", [("联络员", "王芳", None), ("联络员", "李娜", None)]),
        ("副组长:欧阳明 副县长", [("副组长", "欧阳明", "副县长")]),
        ("常务副组长:孙立军 常务副县长", [("常务副组长", "孙立军", "常务副县长")]),
        # role at the start of a line without a colon
        ("组长 王小明 县长\n副组长 李华 副县长", [("组长", "王小明", "县长"), ("副组长", "李华", "副县长")]),
        # the same person in the group and in its office: both roles
        ("成 员:童建武 市委宣传部副部长\n领导小组下设办公室:\n主 任:童建武 市委宣传部副部长",
         [("成员", "童建武", "市委宣传部副部长"), ("主任", "童建武", "市委宣传部副部长")]),
        # prose
        ("由局长任组长。", [("组长", None, "局长")]),
        ("成立以局长魏然为组长、分管局长李卫国、赵佑、皋骞等三位同志为副组长、各科室负责人为成员的领导小组",
         [("组长", "魏然", "局长"), ("副组长", "李卫国", "分管局长"), ("副组长", "赵佑", "分管局长"),
          ("副组长", "皋骞", "分管局长"), ("成员", None, "各科室负责人")]),
        ("由教育局党委书记、局长任组长,局党委委员任副组长,各股室负责人为成员。",
         [("组长", None, "教育局党委书记、局长"), ("副组长", None, "局党委委员"),
          ("成员", None, "各股室负责人")]),
        ("组长由市长担任,副组长由分管副市长担任。",
         [("组长", None, "市长"), ("副组长", None, "分管副市长")]),
        ("由王建国同志任组长。", [("组长", "王建国", None)]),
    ],
)
def test_find_people(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "各小组长要负责本组的卫生工作。",
        "组长单位:市委宣传部",
        "成员单位:市教育局、市公安局",
        "领导小组成员名单",
        "各成员单位指定一名副科级分管领导担任联络员,负责协调解决具体问题。",
        "以市委宣传部为组长单位,各部门为成员单位。",
        "各单位主要负责同志要亲自抓。",
        "领导小组下设办公室,李强同志负责办公室具体工作。",
        "实行组长负责制。",
        "成员:由各单位分管领导组成",
        "成员:各乡镇、各部门主要负责同志",
        "",
    ],
)
def test_find_people_negative(text: str) -> None:
    assert find_people(text) == []


def test_unnamed_flag() -> None:
    assert find_people("由局长任组长。", include_unnamed=False) == []
    (p,) = find_people("由局长任组长。")
    assert p.name is None and not p.named and p.title == "局长"
    assert "由局长任组长。"[p.start:p.end] == "局长"


def test_spans_point_at_names() -> None:
    text = "顾 问:王 雄 市委书记 组 长:曾益民 市长\n成员:李强纪加礼"
    people = find_people(text)
    assert [text[p.start:p.end] for p in people] == ["王 雄", "曾益民", "李强", "纪加礼"]


def test_dedupe_prose_and_list() -> None:
    text = "成立以局长魏然为组长的领导小组。\n领导小组成员名单\n组长:魏然"
    assert _rows(text) == [("组长", "魏然", "局长")]
    assert len(find_people(text, dedupe=False)) == 2


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("李强纪加礼周晓峰", ["李强", "纪加礼", "周晓峰"]),
        ("王向明左克茂彭忠", ["王向明", "左克茂", "彭忠"]),
        ("于刚薛山", ["于刚", "薛山"]),
        ("欧阳小明李华", ["欧阳小明", "李华"]),
        ("李卫国赵佑皋骞", ["李卫国", "赵佑", "皋骞"]),
        ("张伟", ["张伟"]),
    ],
)
def test_split_names(run: str, expected: list[str]) -> None:
    pieces = split_names(run)
    assert pieces is not None
    assert [run[a:b] for a, b in pieces] == expected


@pytest.mark.parametrize("run", ["张", "", "abc", "张三 李四", "由各单位分管领导组成", "王家村创建方案"])
def test_split_names_rejects(run: str) -> None:
    assert split_names(run) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="组长副成员:由任为王李张三市局委书记、 \n同志等各", max_size=60))
def test_spans_in_bounds(text: str) -> None:
    for p in find_people(text):
        assert 0 <= p.start <= p.end <= len(text)
        if p.name is not None:
            assert "".join(text[p.start:p.end].split()) == p.name


def test_jieba_fallback_for_a_surname_outside_the_list() -> None:
    assert split_names("厍建民刘洋") is None  # 厍 is not in data/surnames.txt
    found = [(p.role, p.name) for p in find_people("成员:厍建民刘洋\n")]
    assert found == [("成员", "厍建民"), ("成员", "刘洋")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a post after a name is that name's post, even when it starts with a surname (区)
        ("副组长:黄美玲 副区长\n        郑国华 区政府办公室主任", [("副组长", "黄美玲", "副区长"), ("副组长", "郑国华", "区政府办公室主任")]),
        ("成  员:杨  帆  区政府办主任\n        吴  刚  区政务服务中心主任", [("成员", "杨帆", "区政府办主任"), ("成员", "吴刚", "区政务服务中心主任")]),
        # prose with a spaced name
        ("领导小组下设办公室,办公室设在区政务服务中心,吴  刚同志兼任办公室主任。", [("主任", "吴刚", None)]),
        # a second post after 、 that starts like a post (区…) is the same person's
        ("成  员:王  伟  区委宣传部副部长、区文明办主任", [("成员", "王伟", "区委宣传部副部长、区文明办主任")]),
        # posts glued before names with a middle dot; holders before a comma in prose
        ("成员:县公安局副局长热合曼·托合提,县市场监督管理局局长阿依古丽·买买提。",
         [("成员", "热合曼·托合提", "县公安局副局长"), ("成员", "阿依古丽·买买提", "县市场监督管理局局长")]),
        ("指挥部办公室主任由县应急管理局局长王志刚兼任。", [("主任", "王志刚", "县应急管理局局长")]),
        ("成立领导小组,市长刘建平任组长,常务副市长李志远,副市长陈晓红、周海波任副组长。",
         [("组长", "刘建平", "市长"), ("副组长", "李志远", "常务副市长"), ("副组长", "陈晓红", "副市长"),
          ("副组长", "周海波", "副市长")]),
        ("总务处主任钱志明及各年级组长为成员。", [("成员", "钱志明", "总务处主任")]),
        # posts in quotation marks (lost brackets restored as quotes); a spaced name after a post
        ("组 长:张建军“校长”\n副组长:李 明“副校长”、王秀英“党支部副书记”",
         [("组长", "张建军", "校长"), ("副组长", "李明", "副校长"), ("副组长", "王秀英", "党支部副书记")]),
        ("由校长孙 伟任组长,副校长周晓东、党支部副书记马 丽任副组长。",
         [("组长", "孙伟", "校长"), ("副组长", "周晓东", "副校长"), ("副组长", "马丽", "党支部副书记")]),
        # a list run on into prose on the same line
        ("成 员:李国栋 食品生产股股长 王 磊 办公室主任 各所所长 领导小组下设办公室,办公室设在食品流通股。",
         [("成员", "李国栋", "食品生产股股长"), ("成员", "王磊", "办公室主任")]),
        ("成 员:黄志刚 镇党委委员、宣传委员 刘 洋 镇人大主席团副主席",
         [("成员", "黄志刚", "镇党委委员、宣传委员"), ("成员", "刘洋", "镇人大主席团副主席")]),
        ("县委常委、常务副县长陈卫东和副县长林晓梅为副组长。",
         [("副组长", "陈卫东", "县委常委、常务副县长"), ("副组长", "林晓梅", "副县长")]),
        # posts in brackets, the list ending "及各…"; a bracket inside a generic holder
        ("副组长:刘建华(县交通运输局局长)、黄丽君(县商务局局长)及各乡镇分管负责同志",
         [("副组长", "刘建华", "县交通运输局局长"), ("副组长", "黄丽君", "县商务局局长")]),
        ("成员:陈志刚(镇党政办主任)、各村(社区)党组织书记", [("成员", "陈志刚", "镇党政办主任")]),
        # a post ending in 成员 (党组成员) is a post, not a role
        ("组  长：王  明  省教育厅党组成员、副厅长", [("组长", "王明", "省教育厅党组成员、副厅长")]),
        # prose with the post in brackets after the name
        ("吴丽萍(市卫生健康委基层卫生健康科科长)任办公室副主任,郑凯(市卫生健康委基层卫生健康科副科长)为联络员,负责日常协调。",
         [("副主任", "吴丽萍", "市卫生健康委基层卫生健康科科长"), ("联络员", "郑凯", "市卫生健康委基层卫生健康科副科长")]),
    ],
)
def test_posts_after_names_and_spaced_names(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [(p.role, p.name, p.title) for p in find_people(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # posts first, continued on the next lines; generic holders dropped
        ("副组长:镇党委委员、副镇长 韦建新\n        镇人武部部长 蒙小军\n成 员:镇水利站站长 黄德明\n        各村(社区)党组织书记",
         [("副组长", "韦建新", "镇党委委员、副镇长"), ("副组长", "蒙小军", "镇人武部部长"), ("成员", "黄德明", "镇水利站站长")]),
        # names glued to school posts
        ("成员:张丽娟教导主任、刘芳团委书记、孙晓燕校医、各年级组长",
         [("成员", "张丽娟", "教导主任"), ("成员", "刘芳", "团委书记"), ("成员", "孙晓燕", "校医")]),
        ("组长:陈建华校长", [("组长", "陈建华", "校长")]),
        ("组员:王小明总务主任、赵敏政教主任", [("组员", "王小明", "总务主任"), ("组员", "赵敏", "政教主任")]),
        # labels inside a sentence, a list ending with 及各…
        ("社区成立领导小组,组长:韦振东,副组长:蓝秋萍,成员:覃立新、黄海鹏及各网格员,办公室设在社区综治中心。",
         [("组长", "韦振东", None), ("副组长", "蓝秋萍", None), ("成员", "覃立新", None), ("成员", "黄海鹏", None)]),
    ],
)
def test_more_leadership_layouts(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [(p.role, p.name, p.title) for p in find_people(text)] == expected


def test_a_post_before_a_spaced_name_is_its_post() -> None:
    found = [(p.role, p.name, p.title) for p in find_people("副组长:副总经理 李志强、安全总监 陈  明\n")]
    assert found == [("副组长", "李志强", "副总经理"), ("副组长", "陈明", "安全总监")]


@pytest.mark.parametrize(
    "table",
    [
        "姓名\t职务\t组内职务\n陈志远\t党委副书记、院长\t组长\n周  岚\t副院长\t副组长\n马  骏\t医务科科长\t成员\n",
        "序号  姓名    单位及职务          组内职务\n1     陈志远  党委副书记、院长    组长\n"
        "2     周 岚   副院长              副组长\n3     马骏    医务科科长          成员\n",
    ],
)
def test_a_group_given_as_a_table(table: str) -> None:
    text = "领导小组成员如下:\n" + table + "领导小组下设办公室。\n"
    got = [(p.role, p.name, p.title) for p in find_people(text)]
    assert got == [("组长", "陈志远", "党委副书记、院长"), ("副组长", "周岚", "副院长"), ("成员", "马骏", "医务科科长")]
    for p in find_people(text):
        assert p.name is not None and "".join(text[p.start:p.end].split()) == p.name


def test_a_table_without_a_role_column_names_no_members() -> None:
    assert find_people("姓名\t职务\t电话\n陈志远\t院长\t1234\n") == []


def test_redacted_names_and_posts_glued_before_names() -> None:
    text = "成立以村支书王**为组长、村主任李**为副组长的工作组。\n副组长:县政府办公室副主任任晓峰、县环保局局长李明华\n"
    got = [(p.role, p.name, p.title) for p in find_people(text)]
    assert got == [("组长", "王**", "村支书"), ("副组长", "李**", "村主任"),
                   ("副组长", "任晓峰", "县政府办公室副主任"), ("副组长", "李明华", "县环保局局长")]

