"""Reading input robustly: bytes to text, whatever the format and encoding.

:func:`read_source` reads a file (or standard input) and :func:`decode_bytes` turns
bytes into a :class:`Source`: the decoded text that every span of planparse's
output points into, with the encoding and format that were detected.

Encoding detection is a short cascade rather than a statistical guesser:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. for HTML, a ``<meta charset>`` is tried first (and checked, since pages lie);
3. strict UTF-8 (valid non-ASCII UTF-8 is almost never an accident);
4. NUL bytes on every other position mean BOM-less UTF-16, other NULs a binary file;
5. GB18030 (a superset of GBK and GB2312) and Big5 both decode most CJK bytes
   without error, so each strict decoding is scored by how plausible the Chinese
   is (:func:`plausibility`: share of common characters, with private-use,
   control, unassigned and replacement characters counting against it) and the
   better one wins, if it is plausible at all; otherwise decoding fails rather
   than producing mojibake.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import io
import os
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from .errors import InputError
from .formats import (
    ZIP_ERRORS,
    ZIP_MAGIC,
    DocxError,
    binary_kind,
    declared_charset,
    docx_to_text,
    html_to_text,
    looks_like_html,
    zip_kind,
)

__all__ = ["Source", "decode_bytes", "detect_encoding", "plausibility", "read_source"]

#: File name extensions read as HTML whatever their content.
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml", ".shtm", ".xht"})
#: The legacy Chinese encodings tried, in order of preference on a tie.
CJK_CANDIDATES = ("gb18030", "big5")
#: Minimum :func:`plausibility` for a legacy decoding to be accepted.
MIN_PLAUSIBILITY = 0.5
#: How many leading bytes are scored and checked for binary content.
SAMPLE_BYTES = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Declared encodings that are read with a superset codec.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
    "euc-cn": "gb18030", "euc_cn": "gb18030", "csgb2312": "gb18030", "chinese": "gb18030",
    "ms936": "gb18030", "x-euc-cn": "gb18030", "windows-936": "gb18030",
    "x-big5": "big5", "big5-tw": "big5", "csbig5": "big5",
}
_CJK_CODECS = frozenset({"gb18030", "big5", "cp950", "big5hkscs", "utf-8"})
#: C0 control bytes that never occur in text (tab, newlines, form feed, ^Z, ESC are allowed).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\x0b\x0c\x1a\x1b") + b"\x7f"
_ASCII_WS = b" \t\r\n\x0b\x0c"
#: Punctuation and symbols of ordinary Chinese text.
_CJK_PUNCTUATION = (
    "，。、；：？！“”‘’《》（）【】〔〕〖〗—…·「」『』〈〉　～－＋％＃＠＆＊／＝"
    "①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽○〇●■□△▲◆◇★☆※→←↑↓√×÷±≤≥≠％‰℃"
)


@dataclass(frozen=True)
class Source:
    """A decoded input document."""

    #: The decoded text: every span of planparse's output points into this string.
    text: str
    #: The path as given (``"-"`` for standard input).
    path: str
    #: SHA-256 of the raw bytes, hex.
    sha256: str
    #: Codec that decoded the text ("utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"...),
    #: or ``"docx"`` for a Word document.
    encoding: str
    #: ``"text"``, ``"html"`` or ``"docx"``.
    format: str
    #: What was repaired while reading (e.g. invalid bytes replaced).
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- #
# Reading
# --------------------------------------------------------------------------- #


def read_source(path: str | os.PathLike[str], *, encoding: str | None = None) -> Source:
    """Read and decode the file at ``path`` (``"-"`` reads standard input).

    ``encoding`` overrides detection.  Raises :class:`InputError` with a one-line
    message when the input is missing, a directory, unreadable, empty, binary or
    cannot be decoded.
    """
    name = os.fspath(path)
    data = _read_stdin() if name == "-" else _read_file(name)
    return decode_bytes(data, path=name, encoding=encoding)


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:  # no standard input at all
        return b""
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return bytes(buffer.read())
        return str(stream.read()).encode("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read standard input: {exc.strerror or exc}") from None


def _read_file(name: str) -> bytes:
    try:
        if os.path.isdir(name):
            raise InputError(f"{name} is a directory; use `planparse batch`")
        return Path(name).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"no such file: {name}") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a directory; use `planparse batch`") from None
    except PermissionError:
        raise InputError(f"cannot read {name}: permission denied") from None
    except ValueError as exc:  # e.g. an embedded NUL in the path
        raise InputError(f"cannot read {name}: {exc}") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None


def decode_bytes(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> Source:
    """Turn the raw bytes of a document into a :class:`Source`.

    The format (plain text, HTML, .docx) is recognised by content and by the
    extension of ``path``; ``encoding`` overrides encoding detection.
    """
    name = path
    digest = hashlib.sha256(data).hexdigest()
    codec = _resolve_codec(encoding) if encoding is not None else None
    if not data.strip(_ASCII_WS):
        raise InputError(f"{name} is empty")
    kind = binary_kind(data)
    if kind is not None:
        raise _binary(name, kind)
    if data.startswith(ZIP_MAGIC):
        return _read_zip(data, name, digest)
    ext = os.path.splitext(name)[1].lower()
    is_html = ext in HTML_EXTENSIONS or looks_like_html(data[:20000])
    hint = declared_charset(data) if is_html and codec is None and _bom_codec(data) is None else None
    warnings: tuple[str, ...] = ()
    try:
        text, used = _decode(data, name, codec, hint)
    except InputError:
        lenient = None if codec is not None else _lenient_utf8(data)
        if lenient is None:
            raise
        text, used, bad = lenient
        warnings = (f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD",)
    if not is_html:  # UTF-16/32 pages are recognised once decoded
        is_html = looks_like_html(text[:20000])
    if is_html:
        text = html_to_text(text)
        if not text.strip():
            raise InputError(f"{name} is empty (the page has no visible text)")
        return Source(text=text, path=name, sha256=digest, encoding=used, format="html", warnings=warnings)
    if not text.strip():
        raise InputError(f"{name} is empty")
    return Source(text=text, path=name, sha256=digest, encoding=used, format="text", warnings=warnings)


def _lenient_utf8(data: bytes) -> tuple[str, str, int] | None:
    """UTF-8 with a few damaged bytes (a bad copy, a cut download): the text with U+FFFD
    for each bad sequence, when they are rare and the rest reads as real text."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if not 0 < bad <= max(2, len(text) // 2000):
        return None
    if plausibility(text[:SAMPLE_BYTES]) < MIN_PLAUSIBILITY:
        return None
    return text, "utf-8", bad


def _read_zip(data: bytes, name: str, digest: str) -> Source:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            kind = zip_kind(zf)
    except ZIP_ERRORS:
        raise _binary(name, "damaged ZIP archive") from None
    except DocxError as exc:
        raise InputError(f"cannot read {name} as a Word document: {exc}") from None
    if kind != "docx":
        raise _binary(name, kind)
    try:
        text = docx_to_text(data)
    except DocxError as exc:
        raise InputError(f"cannot read {name} as a Word document: {exc}") from None
    if not text.strip():
        raise InputError(f"{name} is empty (the document has no text)")
    return Source(text=text, path=name, sha256=digest, encoding="docx", format="docx")


def _binary(name: str, kind: str) -> InputError:
    return InputError(
        f"{name} looks like a binary file ({kind}), which planparse cannot read; "
        "convert it to text, .html or .docx first"
    )


# --------------------------------------------------------------------------- #
# Encodings
# --------------------------------------------------------------------------- #


def _resolve_codec(encoding: str) -> str:
    """The codec name for a user-given encoding; unknown names are an :class:`InputError`."""
    label = encoding.strip().lower()
    label = _SUPERSETS.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        raise InputError(f"unknown encoding: {encoding}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"unknown encoding: {encoding} (not a text encoding)")
    return _SUPERSETS.get(info.name, info.name)


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _strict(data: bytes, codec: str, *, final: bool = True) -> str | None:
    """``data`` decoded strictly with ``codec``, or ``None``; ``final=False`` allows a cut tail."""
    try:
        if final:
            return data.decode(codec)
        return codecs.getincrementaldecoder(codec)("strict").decode(data, final=False)
    except UnicodeDecodeError:
        return None


def _decode(data: bytes, name: str, codec: str | None, hint: str | None) -> tuple[str, str]:
    """Decode ``data`` with ``codec`` if given, else by detection; returns (text, codec)."""
    if codec is not None:
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            bad = data[exc.start : exc.start + 1].hex()
            raise InputError(
                f"cannot decode {name} as {codec}: invalid byte 0x{bad} at offset {exc.start}"
            ) from None
        _check_text(text, name)
        return text, codec
    return _detect(data, name, hint)


def detect_encoding(data: bytes) -> str:
    """The codec planparse would use to decode ``data`` (see the module docstring).

    Raises :class:`InputError` when no encoding gives plausible text.
    """
    return _detect(data, "<bytes>", None)[1]


def _detect(data: bytes, name: str, hint: str | None) -> tuple[str, str]:
    bom = _bom_codec(data)
    if bom is not None:
        text = _strict(data, bom)
        if text is None:
            raise InputError(f"cannot decode {name}: it starts with a {bom} byte-order mark but is not {bom}")
        _check_text(text, name)
        return text, bom
    fallback: str | None = None
    if hint is not None:
        try:
            hinted = _resolve_codec(hint)
        except InputError:
            hinted = None
        if hinted in _CJK_CODECS:
            text = _strict(data, hinted)
            if text is not None and (hinted == "utf-8" or plausibility(text[:SAMPLE_BYTES]) >= MIN_PLAUSIBILITY):
                _check_text(text, name)
                return text, hinted
        elif hinted is not None:
            fallback = hinted
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, name)
    sample = data[:SAMPLE_BYTES]
    _check_control_bytes(sample, name)
    text = _utf8(data)
    utf8_score = -1.0
    if text is not None:
        # Valid UTF-8 wins unless it holds characters no real text has (C1 controls,
        # private use...): merely non-Chinese text (Greek, "Café") is still UTF-8.
        utf8_score = 1.0 if sample.isascii() else plausibility(text[:SAMPLE_BYTES])
        if utf8_score >= 0:
            return text, "utf-8"
    scored: list[tuple[float, int, str]] = []
    for rank, candidate in enumerate(CJK_CANDIDATES):
        head = _strict(sample, candidate, final=len(sample) == len(data))
        if head is None and candidate == "big5":
            candidate = "cp950"  # Microsoft's Big5, with a few more characters
            head = _strict(sample, candidate, final=len(sample) == len(data))
        if head is not None:
            scored.append((plausibility(head), -rank, candidate))
    for score, _, candidate in sorted(scored, reverse=True):
        if score < MIN_PLAUSIBILITY or score <= utf8_score:
            break
        decoded = _strict(data, candidate)
        if decoded is not None:
            return decoded, candidate
    if text is not None:  # valid UTF-8 is never refused, only outscored
        return text, "utf-8"
    if fallback is not None:
        text = _strict(data, fallback)
        if text is not None:
            return text, fallback
    tried = ", ".join(["utf-8", *CJK_CANDIDATES])
    raise InputError(f"cannot decode {name}: tried {tried}; pass --encoding")


def _utf8(data: bytes) -> str | None:
    """``data`` as strict UTF-8, tolerating only a last character cut off by truncation."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    return text + "\ufffd" if decoder.getstate()[0] else text


def _decode_utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """Text with NUL bytes: BOM-less UTF-16 if the NULs sit on one side of each pair, else binary."""
    sample = data[:SAMPLE_BYTES]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if len(data) % 2 == 0 and max(even, odd) >= 2:
        codec = "utf-16-le" if odd > even else "utf-16-be"
        if min(even, odd) * 8 <= max(even, odd):
            text = _strict(data, codec)
            if text is not None and "\x00" not in text[:SAMPLE_BYTES] and plausibility(text[:SAMPLE_BYTES]) > 0:
                _check_text(text, name)
                return text, codec
    raise _binary(name, "contains NUL bytes")


def _check_control_bytes(sample: bytes, name: str) -> None:
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > 4 and controls * 100 > len(sample):
        raise _binary(name, "contains control characters")


def _check_text(text: str, name: str) -> None:
    """Reject decoded text that is really binary (NULs, many control characters)."""
    sample = text[:SAMPLE_BYTES]
    if "\x00" in sample:
        raise _binary(name, "contains NUL bytes")
    if sample.isascii():
        _check_control_bytes(sample.encode("ascii"), name)
    else:
        controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0b\x0c\x1a\x1b")
        if controls > 4 and controls * 100 > len(sample):
            raise _binary(name, "contains control characters")


# --------------------------------------------------------------------------- #
# Plausibility of decoded Chinese
# --------------------------------------------------------------------------- #


@functools.cache
def common_characters() -> frozenset[str]:
    """Characters of ordinary Chinese text, in both scripts.

    Taken from the character sets themselves: GB 2312 level 1 (the 3,755 most
    frequent Simplified characters), the 5,401 "frequently used" characters of
    Big5 (Traditional), and common CJK punctuation and full-width forms.
    """
    chars: set[str] = set(_CJK_PUNCTUATION)
    chars.update(chr(code) for code in range(0xFF01, 0xFF5F))
    # each code followed by a newline, decoded in one call: an unassigned code is
    # dropped by errors="ignore" without shifting the codes after it
    gb = [(lead, trail) for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)]
    big5 = [
        (lead, trail)
        for lead in range(0xA4, 0xC7)
        for trail in chain(range(0x40, 0x7F), range(0xA1, 0xFF))
        if (lead, trail) <= (0xC6, 0x7E)
    ]
    for codec, codes in (("gb2312", gb), ("big5", big5)):
        raw = bytes(b for lead, trail in codes for b in (lead, trail, 0x0A))
        chars.update(c for c in raw.decode(codec, errors="ignore") if c != "\n")
    return frozenset(chars)


#: Characters that a correct decoding of a Chinese document practically never yields.
_IMPLAUSIBLE = re.compile(
    "[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f\ud800-\uf8ff\ufffd\ufff0-\ufffc\U000f0000-\U0010ffff]"
)

_INSIDE_LATIN_WORD = re.compile("(?<=[A-Za-z])[^\x00-\x7f](?=[A-Za-z])")


def plausibility(text: str) -> float:
    """How much ``text`` looks like correctly decoded Chinese, from about -4 to 1.

    The score is (common - 4 * implausible) / non-ASCII characters, where common
    characters are those of :func:`common_characters` and implausible ones are
    C0/C1 controls, private-use, surrogate, unassigned and replacement characters,
    and characters standing inside a Latin word (an accented letter read as a pair).
    Mojibake (Big5 read as GB18030 or the reverse) lands on rare characters,
    kana, box drawing and the private-use area, and scores low.  Pure ASCII
    scores 1.
    """
    counts = Counter(text)
    common = common_characters()
    total = good = bad = 0
    for char, count in counts.items():
        if char < "\x80":
            if _IMPLAUSIBLE.match(char):
                bad += count
                total += count
            continue
        total += count
        if char in common:
            good += count
        elif _IMPLAUSIBLE.match(char) or unicodedata.category(char) == "Cn":
            bad += count
    if total == 0:
        return 1.0
    if total < len(text):  # non-ASCII inside Latin words: a Latin-1 accent read as a CJK pair
        bad += len(_INSIDE_LATIN_WORD.findall(text))
    return (good - 4 * bad) / total
