"""Adversarial inputs: does every stage stay linear on hostile text?

Not a test: it prints a table and how each input compares with the goals.  Run it
from the repository with the project's interpreter::

    .venv/bin/python benchmarks/adversarial.py              # 100 KB and 1 MB, then the 50 MB CLI run
    .venv/bin/python benchmarks/adversarial.py --no-big     # skip the 50 MB run
    .venv/bin/python benchmarks/adversarial.py --only digits,questions --profile

For each input, :func:`planparse.parse_text` runs on about 100 KB and 1 MB of it
(best of ``--runs``, after one untimed warm-up parse of the sample), each size in a
process of its own, limited to ``--timeout`` seconds and 8 GiB, so that a
super-linear stage is reported rather than waited for.  Goals:

* the 1 MB input parses in under 2 s;
* 10x the input costs at most 12x the time (linear, with some slack for noise).

Inputs that miss a goal are profiled with :mod:`cProfile` and the functions that
dominate are printed (``--profile`` profiles every input); one that exceeds the
limits is timed on 4, 8 and 16 thousand characters and profiled at 8 thousand.  Finally a 50 MB file
(the sample repeated) goes through ``planparse extract`` as a separate process,
reporting its wall time and peak resident memory.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "000_cb6a3499aac80017.txt"
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

GOAL_1MB_S = 2.0
GOAL_RATIO = 12.0
SIZES = (100_000, 1_000_000)
#: Limits of each measuring process: an input that exceeds them is reported, not waited for.
TIMEOUT_S = 60.0
MEMORY_LIMIT = 8 << 30
#: Size at which inputs that exceeded the limits are profiled.
PROFILE_SMALL = 8_000


def repeat(unit: str) -> Callable[[int], str]:
    """``unit`` repeated to exactly ``n`` characters."""

    def make(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    return make


def numbered_lines(n: int) -> str:
    """Headings numbered 1., 2., 3. … one per line: a tree as wide as the input allows."""
    parts: list[str] = []
    size = k = 0
    while size < n:
        k += 1
        line = f"{k}.加强组织领导\n"
        parts.append(line)
        size += len(line)
    return "".join(parts)[:n]


def cn_numbered_lines(n: int) -> str:
    """Top-level headings 一、二、… nested with (一)(二) and 1. 2.: a deep, wide tree."""
    from planparse.formats import int_to_chinese

    parts: list[str] = []
    size = k = 0
    while size < n:
        k += 1
        block = f"{int_to_chinese(k)}、工作目标\n(一)总体要求\n1.完成率达到95%以上。\n(二)具体任务\n"
        parts.append(block)
        size += len(block)
    return "".join(parts)[:n]


def sample_prose_line(n: int) -> str:
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "")
    return repeat(text)(n)


def sample_repeated(n: int) -> str:
    return repeat(SAMPLE.read_text(encoding="utf-8") + "\n")(n)


#: name -> (what it is, generator of n characters)
INPUTS: dict[str, tuple[str, Callable[[int], str]]] = {
    "markers_inline": ("'一、1.(1)①' repeated, no newline", repeat("一、1.(1)①")),
    "markers_lines": ("'一、' '1.' '(1)' each on its own line", repeat("一、\n1.\n(1)\n")),
    "markers_run_in": ("'。一、' run into one line", repeat("。一、")),
    "numbered_1_to_N": ("1. 2. 3. … N. headings, one per line", numbered_lines),
    "cn_tree": ("一、…(一)…1. … blocks numbered upward", cn_numbered_lines),
    "digits": ("one run of digits", repeat("1234567890")),
    "digits_pct": ("digits then %, no separator", repeat("9999999999%")),
    "stage_open": ("'阶段(' without closing brackets", repeat("阶段(")),
    "stage_items": ("'第一阶段(2013年3月' unclosed, one line", repeat("第一阶段(2013年3月")),
    "owner_labels": ("'责任单位:' repeated", repeat("责任单位:")),
    "owner_lines": ("'责任单位:市教育局、' lines", repeat("责任单位:市教育局、市财政局\n")),
    "leader_labels": ("'组长:' repeated", repeat("组长:")),
    "leader_lines": ("'组长:王 雄 副组长:' lines", repeat("组长:王 雄\n副组长:李明\n成员:")),
    "questions": ("a run of '?'", repeat("?")),
    "question_pairs": ("'?2011?' lost-bracket look-alikes", repeat("?2011?")),
    "stars": ("a run of '*'", repeat("*")),
    "prose_line": ("the sample's prose as a single line", sample_prose_line),
    "targets": ("'达80%以上、' repeated", repeat("达80%以上、")),
    "targets_run": ("'知晓率' then '达80%以上、' repeated", lambda n: "知晓率" + repeat("达80%以上、")(n - 3)),
    "targets_metric": ("'覆盖率达80%以上,' repeated", repeat("覆盖率达80%以上,")),
    "brackets_nested": ("'(《“[【' nested, never closed", repeat("(《“[【")),
    "brackets_ascii": ("'(' repeated", repeat("(")),
    "newlines": ("newlines only", repeat("\n")),
    "crlf_blank": ("'\\r\\n' and spaces", repeat(" \r\n")),
    "fullwidth": ("full-width digits and markers", repeat("１２３．（１）达８０％")),
    "dates": ("'2013年3月1日-' chained", repeat("2013年3月1日-")),
    "cn_dates": ("'二○一三年三月' chained", repeat("二○一三年三月")),
    "article_heads": ("'第一篇:' at each line start", repeat("第一篇:实施方案\n")),
    "sample_text": ("the sample repeated (baseline)", sample_repeated),
}


def best_time(fn: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def top_functions(text: str, limit: int) -> str:
    from planparse import parse_text

    profiler = cProfile.Profile()
    profiler.enable()
    parse_text(text)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(limit)
    lines = out.getvalue().splitlines()
    start = next((k for k, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    return "\n".join(lines[start : start + limit + 1])


def child(name: str, n: int, runs: int, profile_lines: int) -> None:
    """In a child process: time (or profile) one input at one size; prints the result."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from planparse import parse_text

    parse_text(SAMPLE.read_text(encoding="utf-8"))  # warm up: vocabularies, OpenCC, regexes
    text = INPUTS[name][1](n)
    if profile_lines:
        print(top_functions(text, profile_lines))
    else:
        print(f"{best_time(lambda: parse_text(text), runs):.6f}")


def in_child(args: list[str], timeout: float) -> str | None:
    """Run this script with ``--child ARGS``; its output, or ``None`` on a timeout or failure."""
    cmd = [sys.executable, __file__, "--child", *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        return f"FAILED: {tail[0]}"
    return proc.stdout


def run_table(names: list[str], runs: int, profile_all: bool, profile_lines: int, timeout: float) -> list[str]:
    print(f"each size in its own process, best of {runs}; {timeout:.0f} s and {MEMORY_LIMIT >> 30} GiB at most")
    print(f"{'input':<18} {'100 KB s':>9} {'1 MB s':>9} {'ratio':>6}  verdict   what")
    missed: list[str] = []
    timed_out: set[str] = set()
    for name in names:
        what = INPUTS[name][0]
        times: list[float | None] = []
        for n in SIZES:
            if times and times[-1] is None:
                times.append(None)  # the smaller size already failed
                continue
            out = in_child([name, str(n), str(runs), "0"], timeout)
            times.append(float(out) if out and not out.startswith("FAILED") else None)
        if None in times:
            timed_out.add(name)
            cells = [f"{t:9.3f}" if t is not None else f"{'> limit':>9}" for t in times]
            print(f"{name:<18} {cells[0]} {cells[1]} {'-':>6}  MISSED    {what}", flush=True)
            missed.append(name)
            continue
        t100, t1m = times[0] or 0.0, times[1] or 0.0
        ratio = t1m / t100 if t100 > 0 else float("inf")
        good = t1m < GOAL_1MB_S and ratio <= GOAL_RATIO
        if not good:
            missed.append(name)
        print(f"{name:<18} {t100:9.3f} {t1m:9.3f} {ratio:6.1f}  {'ok' if good else 'MISSED':<8}  {what}", flush=True)
    for name in names if profile_all else missed:
        # inputs that blew the limit are profiled small, and their growth is shown on small sizes
        n = PROFILE_SMALL if name in timed_out else SIZES[-1]
        if name in timed_out:
            steps = []
            for k in (PROFILE_SMALL // 2, PROFILE_SMALL, PROFILE_SMALL * 2):
                out = in_child([name, str(k), "1", "0"], timeout)
                ok = out is not None and not out.startswith("FAILED")
                steps.append(f"{k:,}: {float(out or 0):.2f} s" if ok else f"{k:,}: > limit")
            print(f"\n{name} on small sizes: " + ", ".join(steps))
        print(f"\n--- profile of {name} at {n:,} characters (by own time) ---")
        print((in_child([name, str(n), "1", str(profile_lines)], timeout * 3) or "(timed out)").rstrip())
    return missed


def run_big(megabytes: int) -> None:
    """The sample repeated to ``megabytes`` MB through ``planparse extract`` in its own process."""
    sample = SAMPLE.read_text(encoding="utf-8") + "\n"
    data = sample.encode("utf-8")
    copies = megabytes * 1_000_000 // len(data) + 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        with path.open("wb") as fh:
            for _ in range(copies):
                fh.write(data)
        size = path.stat().st_size
        out = Path(tmp) / "big.json"
        env = dict(os.environ)
        env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        cmd = [sys.executable, "-m", "planparse", "extract", str(path), "-o", str(out)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
        chars = len(sample) * copies
        print(f"\n{size / 1e6:.1f} MB file ({chars:,} characters) through `planparse extract`:")
        print(f"  exit {proc.returncode}, {elapsed:.1f} s wall, {chars / elapsed / 1e6:.2f} M chars/s, "
              f"peak RSS {rss_mb:,.0f} MB, output {out.stat().st_size / 1e6 if out.exists() else 0:.1f} MB")
        if err.strip():
            print("  stderr:", err.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated input names (default: all)")
    parser.add_argument("--runs", type=int, default=2, help="timed runs per size; the best counts")
    parser.add_argument("--profile", action="store_true", help="profile every input, not only those that miss")
    parser.add_argument("--profile-lines", type=int, default=8)
    parser.add_argument("--big-mb", type=int, default=50, help="size of the CLI run in MB")
    parser.add_argument("--no-big", action="store_true", help="skip the large-file CLI run")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds allowed per measurement")
    parser.add_argument("--list", action="store_true", help="list the inputs and exit")
    parser.add_argument("--child", nargs=4, metavar=("NAME", "N", "RUNS", "PROFILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, n, runs, profile = args.child
        child(name, int(n), int(runs), int(profile))
        return
    if args.list:
        for name, (what, _) in INPUTS.items():
            print(f"{name:<18} {what}")
        return
    names = args.only.split(",") if args.only else list(INPUTS)
    unknown = [n for n in names if n not in INPUTS]
    if unknown:
        parser.error(f"unknown inputs: {', '.join(unknown)} (see --list)")
    missed = run_table(names, args.runs, args.profile, args.profile_lines, args.timeout)
    if not args.no_big:
        run_big(args.big_mb)
    print("all inputs met the goals" if not missed else f"missed the goals: {', '.join(missed)}")


if __name__ == "__main__":
    main()
