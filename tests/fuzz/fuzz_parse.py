"""Fuzz target: arbitrary bytes -> ``decode_bytes`` -> ``parse_text``.

An :class:`~planparse.errors.InputError` is the expected answer to bytes that are
not a readable document; any other exception, or a span outside the text, is a
crash.  Not collected by pytest (the file name does not start with ``test_``, and
atheris is imported only when run).  See ``tests/fuzz/README.md``.

With atheris (coverage-guided, libFuzzer flags)::

    .venv/bin/python tests/fuzz/fuzz_parse.py -atheris_runs=10000
    .venv/bin/python tests/fuzz/fuzz_parse.py -max_total_time=300 -dict=tests/fuzz/planparse.dict CORPUS_DIR

Without atheris, or with ``--stdlib``, random mutations of the sample (in several
encodings, as HTML and as .docx) are fed instead; the same ``-atheris_runs=N`` /
``-runs=N``, ``-max_total_time=S`` and ``-seed=N`` flags apply::

    .venv/bin/python tests/fuzz/fuzz_parse.py --stdlib -atheris_runs=10000
"""

from __future__ import annotations

import hashlib
import io
import random
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLE = ROOT / "fixtures" / "000_cb6a3499aac80017.txt"
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

#: Fragments of the genre that mutations splice in (also written to planparse.dict).
TOKENS = [
    "一、", "二、", "十一、", "(一)", "（二）", "1.", "2、", "(1)", "（2）", "①", "⑳", "一是",
    "第一篇:", "第二篇：", "第一部分", "第一阶段(", "阶段(", "实施步骤", "實施步驟",
    "2013年3月1日", "二○一三年三月", "3月底前", "-", "至", "达80%以上、", "提高到95%", "300~500平方米",
    "责任单位:", "牵头单位:", "配合单位:", "組長:", "组长:", "副组长:", "成员:", "王 雄",
    "《", "》", "〔2013〕12号", "?2011?", "?", "*", "\n", "\r\n", "\r", "\f", "\t", "\u3000", "\ufeff",
    "<p>", "</p>", "<br>", "<script>", "<table><tr><td>", "<meta charset=\"gbk\">", "<!DOCTYPE html>",
    "&nbsp;", "&#", "%PDF-", "PK\x03\x04",
]
ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-16")


def check_one(data: bytes) -> None:
    """Run the pipeline on ``data``; raise on anything but a clean result or an InputError."""
    from planparse.api import parse_text
    from planparse.errors import InputError
    from planparse.loading import decode_bytes

    try:
        src = decode_bytes(data, path="fuzz-input")
    except InputError:
        return
    result = parse_text(src.text, encoding=src.encoding)
    n = len(src.text)
    for doc in result.documents:
        spans = [doc.span, *(x.span for x in [*doc.phases, *doc.targets, *doc.tasks, *doc.people, *doc.references])]
        if doc.title_span is not None:
            spans.append(doc.title_span)
        stack = list(doc.sections)
        while stack:
            s = stack.pop()
            spans.extend((s.span, s.heading_span))
            stack.extend(s.children)
        for span in spans:
            if not 0 <= span.start <= span.end <= n:
                raise AssertionError(f"span {span} outside the text of {n} characters")


# --------------------------------------------------------------------------- #
# Seeds (shared by both modes)
# --------------------------------------------------------------------------- #


def docx_bytes(text: str) -> bytes:
    from xml.sax.saxutils import escape

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(x)}</w:t></w:r></w:p>' for x in text.split("\n"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def seeds() -> list[bytes]:
    """The sample and pieces of it, in each encoding, as HTML and as .docx."""
    text = SAMPLE.read_text(encoding="utf-8")
    pieces = [text, text[:2000], text[5000:6500], text[-1500:], "\n".join(text.split("\n")[::7])]
    out: list[bytes] = []
    for k, piece in enumerate(pieces):
        codec = ENCODINGS[k % len(ENCODINGS)]
        out.append(piece.encode("utf-8"))
        out.append(piece.encode(codec, errors="replace"))
    html = "<!DOCTYPE html><html><body>" + "".join(f"<p>{x}</p>" for x in pieces[1].split("\n")) + "</body></html>"
    out.append(html.encode("utf-8"))
    out.append(html.replace("<body>", '<head><meta charset="gbk"></head><body>').encode("gb18030"))
    out.append(docx_bytes(pieces[2]))
    return out


def _dict_escape(data: bytes) -> str:
    return "".join(chr(c) if 0x20 <= c < 0x7F and chr(c) not in '"\\' else f"\\x{c:02x}" for c in data)


def write_dictionary(path: Path) -> None:
    """Write :data:`TOKENS` as a libFuzzer dictionary (UTF-8, plus a few in GB18030 and Big5)."""
    lines = ["# libFuzzer dictionary for planparse: the genre's tokens (written by fuzz_parse.py --write-dict)."]
    lines += [f'utf8_{k:02d}="{_dict_escape(t.encode("utf-8"))}"' for k, t in enumerate(TOKENS)]
    for k, token in enumerate(["一、", "(一)", "实施方案", "達80%以上", "责任单位:", "組長:"]):
        for codec in ("gb18030", "big5"):
            try:
                lines.append(f'{codec}_{k:02d}="{_dict_escape(token.encode(codec))}"')
            except UnicodeEncodeError:
                continue
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


# --------------------------------------------------------------------------- #
# atheris mode
# --------------------------------------------------------------------------- #


def run_atheris(argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["planparse"]):
        import planparse.api
        import planparse.extract
        import planparse.formats
        import planparse.loading

        planparse.extract.registry()  # import every extractor under instrumentation
        from planparse.normalize import normalize

        normalize("預熱")  # load OpenCC before fuzzing

    def test_one_input(data: bytes) -> None:
        check_one(data)

    args = list(argv)
    if not any(not a.startswith("-") for a in args[1:]):  # no corpus directory given: seed a fresh one
        corpus = Path(tempfile.mkdtemp(prefix="planparse-fuzz-corpus-"))
        for k, seed in enumerate(seeds()):
            (corpus / f"seed-{k:02d}").write_bytes(seed)
        args.append(str(corpus))
        print(f"fuzz: seeded corpus in {corpus}", file=sys.stderr)
    dictionary = HERE / "planparse.dict"
    if dictionary.exists() and not any(a.startswith("-dict=") for a in args):
        args.insert(1, f"-dict={dictionary}")
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


# --------------------------------------------------------------------------- #
# stdlib fallback: random mutations of the seeds
# --------------------------------------------------------------------------- #


def _flag(argv: list[str], names: tuple[str, ...], default: int) -> int:
    for arg in argv:
        for name in names:
            if arg.startswith(f"-{name}="):
                return int(arg.split("=", 1)[1])
    return default


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """One to four random edits: flips, inserts, deletions, duplications, splices and genre tokens."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # flip a bit
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2 and buf:  # delete a run
            del buf[pos : pos + rng.randint(1, 64)]
        elif op == 3 and buf:  # duplicate a run many times
            chunk = bytes(buf[pos : pos + rng.randint(1, 16)])
            buf[pos:pos] = chunk * rng.choice((2, 10, 100, 1000))
        elif op == 4:  # a genre token, in some encoding
            token = rng.choice(TOKENS) * rng.choice((1, 1, 1, 5, 200))
            buf[pos:pos] = token.encode(rng.choice(ENCODINGS[:3]), errors="replace")
        elif op == 5:  # splice in a piece of another seed
            other = rng.choice(pool)
            a = rng.randrange(len(other) + 1)
            buf[pos:pos] = other[a : a + rng.randint(1, 400)]
        elif op == 6 and buf:  # truncate
            del buf[pos:]
        else:  # overwrite with an interesting byte
            if buf:
                buf[rng.randrange(len(buf))] = rng.choice((0x00, 0x0A, 0x0D, 0x3F, 0x2A, 0x80, 0xA1, 0xFE, 0xFF))
    return bytes(buf)


def mutate_text(rng: random.Random, text: str) -> bytes:
    """Edits at the character level, then an encoding: reaches the parser rather than the decoder.

    (A stray byte makes the whole file undecodable, so byte-level mutants mostly test the loader.)
    """
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(5)
        pos = rng.randrange(len(chars) + 1)
        if op == 0:  # a genre token, possibly repeated
            chars[pos:pos] = rng.choice(TOKENS) * rng.choice((1, 1, 3, 50, 500))
        elif op == 1 and chars:  # delete a run (markers, brackets and line breaks vanish)
            del chars[pos : pos + rng.randint(1, 200)]
        elif op == 2 and chars:  # duplicate a run
            chars[pos:pos] = chars[pos : pos + rng.randint(1, 50)] * rng.choice((2, 20, 300))
        elif op == 3:  # random code points, from all planes
            chars[pos:pos] = [chr(rng.choice((rng.randrange(0x80), rng.randrange(0x3000, 0xA000),
                                              rng.randrange(0x110000)))) for _ in range(rng.randint(1, 8))]
        elif chars:  # swap two characters far apart
            j = rng.randrange(len(chars))
            chars[pos % len(chars)], chars[j] = chars[j], chars[pos % len(chars)]
    out = "".join(chars)
    codec = rng.choice(("utf-8", "utf-8", "utf-8", "gb18030", "big5", "utf-16"))
    return out.encode(codec, errors="surrogatepass" if codec.startswith("utf") else "replace")


def run_stdlib(argv: list[str]) -> int:
    runs = _flag(argv, ("atheris_runs", "runs"), 10_000)
    budget = _flag(argv, ("max_total_time",), 0)
    seed = _flag(argv, ("seed",), int(time.time()))
    rng = random.Random(seed)
    pool = seeds()
    corpus = list(pool)
    sample = SAMPLE.read_text(encoding="utf-8")
    texts = [sample, sample[:3000], sample[8000:11000], sample[-2000:]]
    started = time.monotonic()
    slowest = (0.0, b"")
    print(f"fuzz (stdlib mutations): seed={seed} runs={runs}" + (f" max_total_time={budget}" if budget else ""),
          file=sys.stderr)
    for k in range(1, runs + 1):
        if budget and time.monotonic() - started > budget:
            break
        text_level = rng.random() < 0.5
        data = mutate_text(rng, rng.choice(texts)) if text_level else mutate(rng, rng.choice(corpus), pool)
        t0 = time.perf_counter()
        try:
            check_one(data)
        except Exception:
            name = HERE / f"crash-{hashlib.sha1(data).hexdigest()}"
            name.write_bytes(data)
            traceback.print_exc()
            print(f"fuzz: crash after {k} runs; input saved to {name} ({len(data)} bytes)", file=sys.stderr)
            return 1
        elapsed = time.perf_counter() - t0
        if elapsed > slowest[0]:
            slowest = (elapsed, data)
        if len(corpus) < 200 and rng.random() < 0.05:
            corpus.append(data)  # keep some mutants to mutate further
        if k % 1000 == 0:
            print(f"fuzz: {k} runs, {time.monotonic() - started:.0f} s, slowest {slowest[0] * 1000:.0f} ms "
                  f"({len(slowest[1])} bytes)", file=sys.stderr)
    print(f"fuzz: done, {k} runs in {time.monotonic() - started:.0f} s, no crash; "
          f"slowest input {slowest[0] * 1000:.0f} ms for {len(slowest[1])} bytes", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    stdlib = "--stdlib" in argv
    args = [a for a in argv if a != "--stdlib"]
    if not stdlib:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("fuzz: atheris is not installed; using stdlib random mutations", file=sys.stderr)
            stdlib = True
    if stdlib:
        return run_stdlib(args)
    run_atheris(args)
    return 0


def _reproduce(paths: list[str]) -> Iterator[tuple[str, BaseException | None]]:
    """Run saved inputs once each (``--repro FILE...``)."""
    for p in paths:
        try:
            check_one(Path(p).read_bytes())
        except Exception as exc:
            yield p, exc
        else:
            yield p, None


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write-dict"]:
        write_dictionary(HERE / "planparse.dict")
        sys.exit(0)
    if len(sys.argv) > 1 and sys.argv[1] == "--repro":
        failed = 0
        for path, error in _reproduce(sys.argv[2:]):
            print(f"{path}: {'ok' if error is None else f'{type(error).__name__}: {error}'}")
            failed += error is not None
        sys.exit(1 if failed else 0)
    sys.exit(main(sys.argv))
