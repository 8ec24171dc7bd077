"""Compare planparse's output with a gold file (fixtures/*.gold.json), field by field.

The gold format is documented in docs/GOLD_FORMAT.md.  Strings are compared without
punctuation and whitespace, in Simplified script, as an analyst's spreadsheet would be.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

_PUNCT = re.compile(r"[\s,，、。.;；:：!！?？()（）\[\]【】〔〕《》<>“”\"'‘’「」『』—\-_~～*·…/]+")


def norm(s: object) -> str:
    return "" if s is None else _PUNCT.sub("", str(s))


def iso(d: object) -> str | None:
    if d is None:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(d))
    if not m:
        return str(d)
    return "-".join(f"{int(x):02d}" if k else x for k, x in enumerate(m.groups()) if x)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        if self.tp == 0:
            return 1.0 if self.fp == 0 and self.fn == 0 else 0.0
        p, r = self.tp / (self.tp + self.fp), self.tp / (self.tp + self.fn)
        return 2 * p * r / (p + r)


def pair(gold: Sequence[Any], pred: Sequence[Any], score: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing by score (> 0), best first."""
    cands = sorted(
        ((score(g, p), -abs(i - j), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if score(g, p) > 0),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def tally(gold: Sequence[Any], pred: Sequence[Any], score: Callable[[Any, Any], float], ok: Callable[[Any, Any], bool]) -> Tally:
    good = sum(1 for i, j in pair(gold, pred, score) if ok(gold[i], pred[j]))
    return Tally(good, len(pred) - good, len(gold) - good)


def metric_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    gm, pm = norm(g.get("metric")), norm(p.get("metric"))
    return bool(pm) and (gm in pm or pm in gm or (len(pm) >= 2 and pm in norm(g.get("text"))))


def value_unit(g: dict[str, Any], p: dict[str, Any]) -> bool:
    try:
        same_value = abs(float(g["value"]) - float(p["value"])) < 1e-6
    except (TypeError, ValueError, KeyError):
        return False
    return same_value and norm(g.get("unit")) == norm(p.get("unit"))


def target_core(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return value_unit(g, p) and g.get("op") == p.get("op")


def role_match(a: str, b: str) -> bool:
    a, b = (re.sub(r"^(领导小组|工作小组|办公室)+", "", x) for x in (a, b))
    return a == b or {a, b} <= {"成员", "组员"}


def score(gold_docs: list[dict[str, Any]], pred_docs: list[dict[str, Any]]) -> dict[str, float]:
    """Per-field figures (F1 or accuracy) over all documents."""
    acc: dict[str, list[bool]] = {k: [] for k in ("title", "date", "doc_number", "complete", "section_kind")}
    t: dict[str, Tally] = {k: Tally() for k in ("sections", "phases", "targets", "target_values", "owners", "owner_lists_exact", "people")}

    def add(name: str, x: Tally) -> None:
        t[name].tp += x.tp
        t[name].fp += x.fp
        t[name].fn += x.fn

    for k, g in enumerate(gold_docs):
        p = pred_docs[k] if k < len(pred_docs) else {}
        titles = {norm(x) for x in [g.get("title"), *g.get("title_alternatives", [])]}
        acc["title"].append(norm(p.get("title")) in titles)
        acc["date"].append(iso(g.get("date")) == iso(p.get("date")))
        acc["doc_number"].append(norm(g.get("doc_number")) == norm(p.get("doc_number")))
        acc["complete"].append(bool(g.get("complete", True)) == bool(p.get("complete", True)))

        gs = [norm(s["heading"]) for s in g.get("sections", [])]
        ps_objs = p.get("sections", [])
        ps = [norm(s["heading"]) for s in ps_objs]
        same = pair(gs, ps, lambda a, b: 2 if a == b else (1 if a and b and (a.startswith(b) or b.startswith(a)) and min(len(a), len(b)) >= 2 else 0))
        add("sections", Tally(len(same), len(ps) - len(same), len(gs) - len(same)))
        acc["section_kind"] += [g["sections"][i].get("kind") == ps_objs[j].get("kind") for i, j in same]

        def ph_score(a: dict[str, Any], b: dict[str, Any]) -> int:
            na, nb = norm(a.get("name")), norm(b.get("name"))
            return (2 if na and nb and (na in nb or nb in na) else 0) + (iso(a.get("start")) == iso(b.get("start")))

        add("phases", tally(g.get("phases", []), p.get("phases", []), ph_score,
                            lambda a, b: iso(a.get("start")) == iso(b.get("start")) and iso(a.get("end")) == iso(b.get("end"))))

        gt, pt = g.get("targets", []), p.get("targets", [])
        add("targets", tally(gt, pt, lambda a, b: (3 if metric_match(a, b) else 1) if target_core(a, b) else 0, metric_match))
        add("target_values", tally(gt, pt, lambda a, b: 1 if value_unit(a, b) else 0, lambda a, b: True))

        go = [[norm(u) for u in ol["owners"]] for ol in g.get("owner_lists", [])]
        po = [[norm(u) for u in task.get("owners", [])] for task in p.get("tasks", []) if task.get("owners")]
        pairs = pair(go, po, lambda a, b: len(set(a) & set(b)))
        tp = sum(len(set(go[i]) & set(po[j])) for i, j in pairs)
        add("owners", Tally(tp, sum(map(len, po)) - tp, sum(map(len, go)) - tp))
        exact = sum(1 for i, j in pairs if go[i] == po[j])
        add("owner_lists_exact", Tally(exact, len(po) - exact, len(go) - exact))

        gp = [(norm(x["role"]), norm(x["name"])) for x in g.get("people", [])]
        pp = [(norm(x.get("role")), norm(x.get("name"))) for x in p.get("people", [])]
        add("people", tally(gp, pp, lambda a, b: 1 if a[1] == b[1] and role_match(a[0], b[0]) else 0, lambda a, b: True))

    out = {k: (sum(v) / len(v) if v else 1.0) for k, v in acc.items()}
    out.update({k: v.f1 for k, v in t.items()})
    out["doc_count"] = float(len(gold_docs) == len(pred_docs))
    return out
