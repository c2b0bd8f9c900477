"""Fuzzing: every reader on seeded mutants of the real fixtures; nothing crashes, hangs or eats memory.

Each case is reproducible from its label (``FOCUSCOUNT_FUZZ_SEED``, format, case number): the mutant is
built by a ``random.Random`` seeded with that label from one of the committed fixtures.  Mutations are
bit flips, byte insertions and deletions, truncation, duplicated or zeroed chunks, floods of one token,
and format-aware ones: inside the inflated XML members of zip formats (re-zipped, so the XML parsers see
them), inside the decoded content streams of a PDF and in its xref table and trailer (with the xref
rebuilt, so the parser really reaches the mutated object).

Readers run in a worker process (this file run as a script) so that a hang, even one inside C code,
is cut off by a per-case timeout, and memory is capped and watched.  The contract checked for every
mutant: ``read_document`` returns a sane :class:`Document`, or raises ``ReadError`` /
``UnsupportedFormatError`` whose message is one line naming the file.  A failing mutant is saved
under ``test-artifacts/fuzz/`` and named in the assertion message, ready to become a regression
fixture in ``tests/fixtures/bad/``.

The slow variant (``@pytest.mark.slow``) runs ``FOCUSCOUNT_FUZZ_CASES`` mutants per format; the quick
one a few, so ``pytest -m "not slow"`` touches every reader too.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import traceback
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

if __name__ != "__main__":
    from helpers import FIXTURES, REPO
else:  # the worker process: no pytest configuration, so find the repo from this file
    REPO = Path(__file__).resolve().parent.parent
    FIXTURES = REPO / "tests" / "fixtures"

FUZZ_SEED = int(os.environ.get("FOCUSCOUNT_FUZZ_SEED", "8"))
SLOW_CASES = int(os.environ.get("FOCUSCOUNT_FUZZ_CASES", "250"))
QUICK_CASES = 4
CASE_SECONDS = 10.0
LIMIT_MB = 20.0
# The worker's address space is capped (a runaway reader gets MemoryError, not the machine's memory),
# and its peak resident size after a case must stay far below what a 20 MB limit could justify.
WORKER_ADDRESS_SPACE = 4 * 1024**3
MAX_RESIDENT_MB = 1024
ARTIFACTS = REPO / "test-artifacts" / "fuzz"

# The fixtures each format's mutants are made from.
SOURCES: dict[str, tuple[str, ...]] = {
    "txt": ("same_text.txt", "crlf.txt", "cp1252.txt", "utf16_le_bom.txt", "utf16_le_nobom.txt", "utf8_bom.txt"),
    "md": ("same_text.md", "markup.md", "../../examples/minutes/2024-03-19-board-minutes.md"),
    "pdf": ("same_text.pdf", "multipage.pdf", "hyphenated.pdf", "form_xobject.pdf", "encrypted_no_user_password.pdf"),
    "docx": ("same_text.docx", "full.docx"),
    "pptx": ("same_text.pptx", "deck.pptx"),
    "html": ("same_text.html", "minutes.html"),
    "odt": ("same_text.odt", "full.odt"),
    "odp": ("same_text.odp", "deck.odp"),
    "rtf": ("same_text.rtf", "full.rtf"),
    "vtt": ("same_text.vtt", "meeting.vtt"),
    "srt": ("same_text.srt", "meeting.srt"),
}
# Readers of our own code only (no parsing library under them): an exception wrapped by
# read_document ("cannot read rtf file (ValueError: …)") is a bug there, not a library's complaint.
OWN_CODE_FORMATS = frozenset({"md", "html", "rtf", "vtt", "srt"})
ZIP_FORMATS = frozenset({"docx", "pptx", "odt", "odp"})
LOCATION_KINDS = frozenset(
    {"line", "page", "slide", "paragraph", "table", "header", "footer", "footnote", "endnote", "cue", "heading"}
)
_WRAPPED = re.compile(r"cannot read \w+ file \((\w+)")
_TIMESTAMP = re.compile(r"^\d{2,}:\d{2}:\d{2}\.\d{3}$")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

# ---------------------------------------------------------------------------------------------- tokens

_COMMON_TOKENS: tuple[bytes, ...] = (
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # a UTF-8-encoded surrogate
    b"\xc0\x80",
    b"\xf4\x90\x80\x80",  # past U+10FFFF
    b"\r",
    b"\r\n",
    b"\n\n",
    b"\x1b[31m",
    "\u2028".encode(),
    b"\xe2\x80\xae",  # right-to-left override
    b"\xcc\x81",  # a lone combining accent
    b"9" * 40,
    b"-2147483649",
    b"Chair: ",
    b"DIRECTOR: ",
    b"12 March 2024",
    b"2024-02-30",
    b"31/12/99999",
    b"Meeting of 32 Marchember 2024",
    b"library users",
    b"customer",
)
_TEXT_TOKENS: dict[str, tuple[bytes, ...]] = {
    "txt": (b"\t", b"  ", b"-\n", b"4.2 Budget\n", b"\f"),
    "md": (
        b"#",
        b"###### ",
        b"\n```\n",
        b"~~~",
        b"\n---\n",
        b"\n===\n",
        b"> ",
        b"* ",
        b"1. ",
        b"[x](y)",
        b"![a](b)",
        b"[",
        b"](",
        b"<div>",
        b"<!--",
        b"-->",
        b"|a|b|\n|-|-|\n",
        b"\\",
        b"`",
        b"_",
        b"**",
        b"[^1]",
        b"[^1]: note\n",
        b"---\ntitle: x\n---\n",
        b"+++\n",
        b"&#0;",
        b"&#x110000;",
        b"&amp;",
        b"<https://x>",
        b"www.example.org/_x_",
    ),
    "html": (
        b"<",
        b">",
        b"</",
        b"<table>",
        b"<tr>",
        b"<td>",
        b"</td>",
        b"<th>",
        b"<caption>",
        b"<pre>",
        b"</pre>",
        b"<main>",
        b"<article>",
        b"<h1>",
        b"</h2>",
        b"<br>",
        b"</br>",
        b"<p>",
        b"<li>",
        b"<dd>",
        b"<svg>",
        b"<script>",
        b"<style>",
        b"<!--",
        b"<![CDATA[",
        b"<title>",
        b'<meta charset="utf-16">',
        b'<meta charset="bogus-charset">',
        b'<meta charset="utf-7">',
        b'<meta name="date" content="2024-02-30">',
        b'<meta name="dcterms.created" content="9999-12-31">',
        b"&#xD800;",
        b"&#1114112;",
        b"&#0;",
        b"&nbsp;",
        b"&",
        b' hidden style="display:none"',
        b' role="navigation"',
        b'<?xml version="1.0" encoding="utf-32"?>',
    ),
    "rtf": (
        b"{",
        b"}",
        b"\\",
        b"\\u-1",
        b"\\u55296?",
        b"\\u56320?",
        b"\\u1114112?",
        b"\\u-99999?",
        b"\\u9999999999 ",
        b"\\uc5 ",
        b"\\uc-1 ",
        b"\\bin100 ",
        b"\\bin-5 ",
        b"\\'ff",
        b"\\'",
        b"\\par ",
        b"\\cell ",
        b"\\row ",
        b"\\trowd ",
        b"\\intbl ",
        b"{\\*\\xyz ",
        b"{\\footnote ",
        b"\\ftnalt ",
        b"{\\header ",
        b"{\\fonttbl{\\f0\\fcharset128 x;}}",
        b"{\\fonttbl{\\f1\\cpg99999 y;}}",
        b"\\f0 ",
        b"\\f-1 ",
        b"\\ansicpg99999 ",
        b"\\ansicpg65001 ",
        b"\\ansicpg1200 ",
        b"\\cpg1200 ",
        b"\\outlinelevel9 ",
        b"\\outlinelevel0 ",
        b"{\\stylesheet{\\s1 heading 1;}}",
        b"\\s1 ",
        b"{\\info{\\creatim\\yr99999\\mo13\\dy40}}",
        b"{\\info{\\title ",
        b"\\v ",
        b"\\v0 ",
        b"\\deleted ",
        b"{\\shp{\\*\\shpinst{\\shptxt ",
        b"{\\*\\nesttableprops ",
        b"\\nestrow ",
        b"{\\upr{\\*\\ud ",
        b"\\pard ",
        b"\\plain ",
        b"\\deff1 ",
        b"\\mac ",
        b"\\emdash ",
        b"{\\field{\\*\\fldinst HYPERLINK x}{\\fldrslt ",
    ),
    "vtt": (
        b"WEBVTT",
        b"WEBVTT - title\n",
        b"-->",
        b" --> ",
        b"00:00:00.000",
        b"99:99:99.999",
        b"00:01.000 --> 00:02.000\n",
        b"123456789012345678901234567890:00:00.000 --> 0:00:01.000\n",
        b"NOTE ",
        b"STYLE\n",
        b"REGION\n",
        b"<v Chair>",
        b"<v>",
        b"</v>",
        b"<c.x>",
        b"<rt>",
        b"</rt>",
        b"<ruby>",
        b"<00:01.000>",
        b"&amp;",
        b"&#0;",
        b"&#xD800;",
        b"- ",
        b">> ",
        b"\n\n",
        b"::cue",
    ),
    "srt": (
        b"1\n",
        b"00:00:01,000 --> 00:00:02,000\n",
        b"-->",
        b"99:99:99,999",
        b"123456789012345678901234567890:00:00,000 --> 0:00:01,000\n",
        b"\n\n",
        b"<i>",
        b"</i>",
        b'<font color="red">',
        b"{\\an8}",
        b"99999999999999999999\n",
        b"- ",
        b">> ",
    ),
}
_XML_TOKENS: tuple[bytes, ...] = (
    b"<",
    b">",
    b"/>",
    b"</",
    b'"',
    b"&amp;",
    b"&#0;",
    b"&#xFFFE;",
    b"&#1114112;",
    b"&undefined;",
    b"<![CDATA[x]]>",
    b"<!-- -->",
    b'xml:space="preserve"',
    b"<?xml",
    b"<w:p>",
    b"</w:p>",
    b"<w:t>",
    b"</w:t>",
    b"<w:tab/>",
    b"<w:br/>",
    b'<w:pStyle w:val="Heading1"/>',
    b'<w:outlineLvl w:val="99"/>',
    b'<w:numPr><w:ilvl w:val="9"/><w:numId w:val="999"/></w:numPr>',
    b'<w:footnoteReference w:id="999"/>',
    b'r:id="rId999"',
    b"<a:p>",
    b"</a:p>",
    b"<a:t>",
    b"</a:t>",
    b"<p:sp>",
    b"<p:txBody>",
    b'<p:ph type="title"/>',
    b'<p:ph type="sldNum"/>',
    b"<text:p>",
    b"</text:p>",
    b'<text:h text:outline-level="99">',
    b'<text:h text:outline-level="-1">',
    b'<text:s text:c="999999999"/>',
    b'<text:s text:c="-5"/>',
    b"<text:tab/>",
    b"<text:line-break/>",
    b"<text:note>",
    b"<draw:page>",
    b"<draw:frame>",
    b"<presentation:notes>",
    b'<table:table-cell table:number-columns-repeated="1000000">',
    b'<table:table-row table:number-rows-repeated="1000000">',
    b"<dc:date>2024-02-30T00:00:00</dc:date>",
    b"<meta:creation-date>99999-01-01</meta:creation-date>",
    b"<dcterms:created>0000-00-00T00:00:00Z</dcterms:created>",
    b'Target="../../../../etc/passwd"',
    b'TargetMode="External"',
    b'ContentType="application/x-nothing"',
)
_PDF_CONTENT_TOKENS: tuple[bytes, ...] = (
    b" BT ",
    b" ET ",
    b" Tj ",
    b" TJ ",
    b" ' ",
    b' " ',
    b" Td ",
    b" TD ",
    b" Tm ",
    b" T* ",
    b" Tf ",
    b" Tc ",
    b" Tw ",
    b" Tz ",
    b" TL ",
    b" q ",
    b" Q ",
    b" cm ",
    b" Do ",
    b" BI ID ",
    b" EI ",
    b"(",
    b")",
    b"\\",
    b"[",
    b"]",
    b"<",
    b">",
    b"<<",
    b">>",
    b"<FEFF>",
    b"<D800>",
    b" 1e308 ",
    b" -99999999999 ",
    b" 0 ",
    b" NaN ",
    b" /F1 1000 Tf ",
    b" /F9 12 Tf ",
    b" /Nothing Do ",
    b" 99999 0 0 99999 0 0 cm ",
    b" 0 0 0 0 0 0 cm ",
    b" 1 0 0 1 1e30 -1e30 Tm ",
    b" (library users) Tj ",
    b" [(cus) -9999 (tomer)] TJ ",
)
_PDF_OBJECT_TOKENS: tuple[bytes, ...] = (
    b" /Rotate 90 ",
    b" /Rotate 37 ",
    b" /MediaBox [0 0 0 0] ",
    b" /MediaBox [0 0 1e30 1] ",
    b" /MediaBox [ 0 0 ] ",
    b" /Count 999999 ",
    b" /Count -1 ",
    b" /Kids [ 3 0 R 3 0 R ] ",
    b" /Parent 3 0 R ",
    b" /Contents 999 0 R ",
    b" /Length 999999 ",
    b" /Length -1 ",
    b" /Filter /LZWDecode ",
    b" /Filter /JBIG2Decode ",
    b" /Encrypt 1 0 R ",
    b" /Title (\\376\\377\\330\\000) ",
    b" /CreationDate (D:99999999999999) ",
    b" /CreationDate (D:20240230) ",
    b" 6 0 R ",
    b" null ",
    b" << ",
    b" >> ",
    b"endobj",
    b"obj",
)
_XREF_TOKENS: tuple[bytes, ...] = (
    b"xref",
    b"trailer",
    b"startxref",
    b"%%EOF",
    b"0000000000 65535 f \n",
    b"9999999999 00000 n \n",
    b" /Root 1 0 R ",
    b" /Root 99 0 R ",
    b" /Size 0 ",
    b" /Size 999999999 ",
    b" /Prev 0 ",
    b" /Prev 1834 ",
    b" /Info 6 0 R ",
    b"0 999999999\n",
    b"-1",
)


# ---------------------------------------------------------------------------------------------- mutations

Mutator = Callable[[bytes, random.Random, tuple[bytes, ...]], tuple[bytes, str]]


def _position(data: bytes, rng: random.Random) -> int:
    return rng.randrange(len(data) + 1)


def _bit_flip(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, str]:
    if not data:
        return data, "bit flip (empty)"
    at, bit = rng.randrange(len(data)), rng.randrange(8)
    mutated = bytearray(data)
    mutated[at] ^= 1 << bit
    return bytes(mutated), f"flip bit {bit} of byte {at}"


def _insert_token(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, str]:
    at = _position(data, rng)
    token = rng.choice(tokens) if rng.random() < 0.8 else rng.randbytes(rng.randint(1, 16))
    return data[:at] + token + data[at:], f"insert {token!r} at {at}"


def _replace_token(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, str]:
    """Swap an occurrence of one token for another: structure changes that stay well formed-ish."""
    present = [token for token in tokens if len(token) > 1 and token in data]
    if not present:
        return _insert_token(data, rng, tokens)
    old = rng.choice(present)
    starts = [match.start() for match in re.finditer(re.escape(old), data)]
    at = rng.choice(starts)
    new = rng.choice(tokens)
    return data[:at] + new + data[at + len(old) :], f"replace {old!r} at {at} with {new!r}"


def _delete(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, str]:
    at = _position(data, rng)
    size = rng.randint(1, 64)
    return data[:at] + data[at + size :], f"delete {size} bytes at {at}"


def _truncate(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, str]:
    at = _position(data, rng)
    return data[:at], f"truncate at {at}"


def _duplicate(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, str]:
    start = _position(data, rng)
    size = rng.randint(1, 512)
    chunk = data[start : start + size]
    times = rng.choice((1, 1, 2, 8, 64))
    at = _position(data, rng)
    return data[:at] + chunk * times + data[at:], f"copy {len(chunk)} bytes from {start} {times}x to {at}"


def _zero(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, str]:
    at = _position(data, rng)
    size = rng.randint(1, 128)
    filler = rng.choice((b"\x00", b"\xff", b" "))
    end = min(len(data), at + size)
    return data[:at] + filler * (end - at) + data[end:], f"fill {end - at} bytes at {at} with {filler!r}"


def _flood(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, str]:
    """Many copies of one token at one place: finds quadratic loops and deep nesting."""
    at = _position(data, rng)
    token = rng.choice(tokens)
    times = rng.choice((500, 5000, 50_000)) // max(1, len(token) // 4)
    return data[:at] + token * times + data[at:], f"insert {token!r} x{times} at {at}"


_MUTATORS: tuple[tuple[Mutator, int], ...] = (
    (_bit_flip, 4),
    (_insert_token, 6),
    (_replace_token, 3),
    (_delete, 3),
    (_truncate, 2),
    (_duplicate, 3),
    (_zero, 2),
    (_flood, 1),
)


def mutate_bytes(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> tuple[bytes, list[str]]:
    """``data`` with one to three mutations stacked, and what each did."""
    functions, weights = zip(*_MUTATORS, strict=True)
    steps: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        mutator = rng.choices(functions, weights)[0]
        data, step = mutator(data, rng, tokens)
        steps.append(step)
    return data, steps


# ---- zip formats: mutate the inflated XML of a member and zip it again


def _member_weight(name: str) -> int:
    if re.search(r"(document|content|slide\d+|notesSlide\d+|header\d*|footer\d*|footnotes|styles)\.xml$", name):
        return 6
    if name.endswith((".xml", ".rels")):
        return 1
    return 0


def mutate_zip(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """Mutate one or two XML members of a zip container (inflated), or the archive's own bytes."""
    if rng.random() < 0.2:
        return mutate_bytes(data, rng, (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\x00\x00\x00\x00"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    steps: list[str] = []
    names = [info.filename for info, _ in members]
    weights = [_member_weight(name) for name in names]
    chosen = set(rng.choices(range(len(members)), weights, k=rng.choice((1, 1, 2))))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for index, (info, content) in enumerate(members):
            if index in chosen:
                roll = rng.random()
                if roll < 0.05:
                    steps.append(f"drop member {info.filename}")
                    continue
                if roll < 0.1:
                    content, step = _entity_bomb(content)
                    steps.append(f"{info.filename}: {step}")
                else:
                    content, member_steps = mutate_bytes(content, rng, _XML_TOKENS + _COMMON_TOKENS)
                    steps.extend(f"{info.filename}: {step}" for step in member_steps)
            info = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            # mimetype of ODF stays stored, as the format wants it; everything else deflated.
            info.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return output.getvalue(), steps


def _entity_bomb(content: bytes) -> tuple[bytes, str]:
    """An internal-entity expansion ("billion laughs") declared in the member and used in its text."""
    declaration = (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
    )
    end_of_declaration = content.find(b"?>") + 2 if content.startswith(b"<?xml") else 0
    text_at = content.find(b"<", content.find(b">", end_of_declaration + 1) + 1)
    if text_at < 0:
        return declaration + content, "entity bomb declared"
    body = content[end_of_declaration:text_at] + b"&h;" + content[text_at:]
    return content[:end_of_declaration] + declaration + body, "entity bomb declared and used"


# ---- PDF: mutate inside decoded content streams, page objects, the xref table and trailer

_PDF_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b(.*?)\bendobj", re.DOTALL)
_PDF_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*?)\s*endstream\s*$", re.DOTALL)


@dataclass
class _PdfObject:
    number: int
    generation: int
    body: bytes


def _pdf_parts(data: bytes) -> tuple[bytes, list[_PdfObject], bytes] | None:
    """(header, objects, trailer dictionary with its ``trailer`` keyword) of a simple PDF, or None."""
    objects = [_PdfObject(int(m[1]), int(m[2]), m[3]) for m in _PDF_OBJECT.finditer(data)]
    first = _PDF_OBJECT.search(data)
    trailer_at = data.rfind(b"trailer")
    startxref_at = data.rfind(b"startxref")
    if not objects or first is None or trailer_at < 0 or startxref_at < trailer_at:
        return None
    return data[: first.start()], objects, data[trailer_at:startxref_at]


def _pdf_build(header: bytes, objects: list[_PdfObject], trailer: bytes) -> bytes:
    """A PDF with a correct xref table for ``objects`` (so a reader reaches every mutated object)."""
    output = bytearray(header)
    offsets: dict[int, tuple[int, int]] = {}
    for obj in objects:
        offsets[obj.number] = (len(output), obj.generation)
        output += b"%d %d obj" % (obj.number, obj.generation) + obj.body + b"endobj\n"
    xref_at = len(output)
    size = max(offsets, default=0) + 1
    output += b"xref\n0 %d\n" % size
    for number in range(size):
        if number in offsets:
            output += b"%010d %05d n \n" % offsets[number]
        else:
            output += b"0000000000 65535 f \n"
    output += trailer + b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(output)


def _decode_stream(dictionary: bytes, raw: bytes) -> bytes | None:
    filters = re.findall(rb"/(ASCII85Decode|A85|FlateDecode|Fl)\b", dictionary)
    other = re.search(rb"/Filter\s*(?:\[\s*)?/(?!ASCII85Decode|A85|FlateDecode|Fl\b)", dictionary)
    if other is not None:
        return None
    data = raw
    try:
        for name in filters:
            if name in (b"ASCII85Decode", b"A85"):
                data = base64.a85decode(
                    data.strip().removeprefix(b"<~").removesuffix(b"~>"), ignorechars=b" \t\n\r\x0b"
                )
            else:
                data = zlib.decompress(data)
    except (ValueError, zlib.error):
        return None
    return data


def _reencode_stream(dictionary: bytes, content: bytes, rng: random.Random) -> bytes:
    dictionary = re.sub(rb"/Filter\s*(?:\[[^\]]*\]|/\w+)", b"", dictionary)
    if rng.random() < 0.5:
        content = zlib.compress(content)
        dictionary = dictionary.replace(b"<<", b"<< /Filter /FlateDecode", 1)
    dictionary = re.sub(rb"/Length\s+\d+(?:\s+\d+\s+R)?", b"/Length %d" % len(content), dictionary)
    return dictionary + b"stream\n" + content + b"\nendstream\n"


def mutate_pdf(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """Mutate a content stream (decoded), an object's dictionary, the xref/trailer, or the raw bytes."""
    parts = _pdf_parts(data)
    roll = rng.random()
    if parts is None or roll < 0.15:
        return mutate_bytes(data, rng, _PDF_OBJECT_TOKENS + _XREF_TOKENS + _COMMON_TOKENS)
    header, objects, trailer = parts
    if roll < 0.3:  # the xref table and trailer as written, nothing rebuilt
        xref_at = data.rfind(b"xref")
        tail, steps = mutate_bytes(data[xref_at:], rng, _XREF_TOKENS)
        return data[:xref_at] + tail, [f"xref/trailer: {step}" for step in steps]
    if roll < 0.4:
        trailer, steps = mutate_bytes(trailer, rng, _XREF_TOKENS)
        return _pdf_build(header, objects, trailer), [f"trailer (xref rebuilt): {step}" for step in steps]
    streams = [
        (index, match, decoded)
        for index, obj in enumerate(objects)
        if (match := _PDF_STREAM.match(obj.body)) is not None
        and (decoded := _decode_stream(match[1], match[2])) is not None
    ]
    if streams and roll < 0.8:
        index, match, decoded = rng.choice(streams)
        content, steps = mutate_bytes(decoded, rng, _PDF_CONTENT_TOKENS + _COMMON_TOKENS)
        objects[index].body = _reencode_stream(match[1], content, rng)
        where = f"stream of object {objects[index].number} (decoded, xref rebuilt)"
        return _pdf_build(header, objects, trailer), [f"{where}: {step}" for step in steps]
    plain = [index for index, obj in enumerate(objects) if b"stream" not in obj.body] or list(range(len(objects)))
    index = rng.choice(plain)
    objects[index].body, steps = mutate_bytes(objects[index].body, rng, _PDF_OBJECT_TOKENS)
    where = f"object {objects[index].number} (xref rebuilt)"
    return _pdf_build(header, objects, trailer), [f"{where}: {step}" for step in steps]


# ---------------------------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Mutant:
    """One fuzz case: its reproducible label, the fixture it came from, what was done, and the bytes."""

    label: str
    source: str
    steps: tuple[str, ...]
    data: bytes
    extension: str

    def describe(self) -> str:
        return f"{self.label} from {self.source}: {'; '.join(self.steps)}"


_SOURCE_CACHE: dict[str, bytes] = {}


def _source(name: str) -> bytes:
    if name not in _SOURCE_CACHE:
        _SOURCE_CACHE[name] = (FIXTURES / name).read_bytes()
    return _SOURCE_CACHE[name]


def make_mutant(fmt: str, case: int, seed: int = FUZZ_SEED) -> Mutant:
    """Mutant number ``case`` of format ``fmt``: the same bytes for the same seed, every run."""
    label = f"FOCUSCOUNT_FUZZ_SEED={seed} {fmt} case {case}"
    rng = random.Random(label)
    sources = SOURCES[fmt]
    source = sources[case % len(sources)]
    data = _source(source)
    if fmt in ZIP_FORMATS:
        mutated, steps = mutate_zip(data, rng)
    elif fmt == "pdf":
        mutated, steps = mutate_pdf(data, rng)
    else:
        mutated, steps = mutate_bytes(data, rng, _TEXT_TOKENS.get(fmt, ()) + _COMMON_TOKENS)
    return Mutant(label, Path(source).name, tuple(steps), mutated, Path(source).suffix)


# ---------------------------------------------------------------------------------------------- the contract


def document_problems(document: Any, path: Path, fmt: str) -> list[str]:
    """What is wrong with a reader's result (empty when it is a sane Document)."""
    from focuscount.model import Document, Segment

    if not isinstance(document, Document):
        return [f"returned {type(document).__name__}, not a Document"]
    problems: list[str] = []
    if document.format != fmt or document.path != path:
        problems.append(f"format/path {document.format!r} {document.path} instead of {fmt!r} {path}")
    if document.title is not None and (not isinstance(document.title, str) or not _one_line(document.title)):
        problems.append(f"title {document.title!r} is not one line")
    if document.created is not None and not isinstance(document.created, dt.date):
        problems.append(f"created {document.created!r} is not a date")
    if not isinstance(document.segments, tuple):
        problems.append("segments are not a tuple")
    for index, segment in enumerate(document.segments):
        where = f"segment {index}"
        if not isinstance(segment, Segment) or not isinstance(segment.text, str):
            problems.append(f"{where} is {segment!r}, not a Segment with str text")
            continue
        location = segment.location
        if not segment.text.strip():
            problems.append(f"{where} ({location}) has no text")
        if not _encodable(segment.text):
            problems.append(f"{where} ({location}) text cannot be written as UTF-8: {segment.text[:80]!r}")
        if location.kind not in LOCATION_KINDS:
            problems.append(f"{where} has location kind {location.kind!r}")
        for name in ("number", "line"):
            value = getattr(location, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                problems.append(f"{where} has location {name} {value!r}")
        if segment.first_line is not None and segment.first_line < 1:
            problems.append(f"{where} has first_line {segment.first_line!r}")
        if not 0 <= segment.attribution <= len(segment.text):
            problems.append(f"{where} has attribution {segment.attribution} for {len(segment.text)} characters")
        for name in ("speaker", "section", "part"):
            value = getattr(location, name)
            if value is not None and (not isinstance(value, str) or not value.strip() or not _encodable(value)):
                problems.append(f"{where} has {name} {value!r}")
        if location.timestamp is not None and not _TIMESTAMP.match(location.timestamp):
            problems.append(f"{where} has timestamp {location.timestamp!r}")
        try:
            str(segment.location_at(len(segment.text)))
        except Exception as error:
            problems.append(f"{where}: location_at fails ({type(error).__name__}: {error})")
    return problems


def error_problems(message: str, path: Path) -> list[str]:
    """What is wrong with an error's message (empty when it is one line naming the file and a reason)."""
    problems: list[str] = []
    prefix = f"{path}: "
    if not message.startswith(prefix) or not message[len(prefix) :].strip():
        problems.append(f"message does not start with the file name and a reason: {message[:200]!r}")
    if not _one_line(message):
        problems.append(f"message is not one line: {message[:300]!r}")
    if len(message) > len(prefix) + 400:
        problems.append(f"message is {len(message)} characters long")
    return problems


def _one_line(text: str) -> bool:
    return _encodable(text) and not any(char in _LINE_BREAKS for char in text)


def has_control_characters(text: str) -> bool:
    """True when ``text`` holds a control character other than tab and line end (ESC, BEL, NUL …)."""
    return any(unicodedata.category(char) == "Cc" and char not in "\t\n" for char in text)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# ---------------------------------------------------------------------------------------------- the worker


def check_one(path: Path, fmt: str) -> dict[str, Any]:
    """Read one mutant and judge it: ``outcome`` is document, error, problem or crash."""
    from focuscount.errors import InternalReadError, ReadError, UnsupportedFormatError
    from focuscount.limits import ReadLimits
    from focuscount.readers import read_document

    try:
        document = read_document(path, ReadLimits(max_file_mb=LIMIT_MB))
    except (ReadError, UnsupportedFormatError) as error:
        message = str(error)
        problems = error_problems(message, path)
        if isinstance(error, InternalReadError):  # a bug of focuscount's own, whatever the format
            problems.append(f"internal error: {error.reason}")
        wrapped = _WRAPPED.search(message)
        cause = getattr(error, "cause", None)
        where = _traceback_top(cause) if wrapped and cause is not None else ""
        return {
            "outcome": "problem" if problems else "error",
            "detail": "; ".join(problems) or message,
            "wrapped": wrapped[1] if wrapped else None,
            "where": where,
            "control": has_control_characters(message),
        }
    except BaseException as error:  # the contract is broken: anything else escaped read_document
        if isinstance(error, KeyboardInterrupt):
            raise
        return {"outcome": "crash", "detail": f"{type(error).__name__}: {error}"[:500], "where": _traceback_top(error)}
    problems = document_problems(document, path, fmt)
    texts = [document.title or "", *(segment.text for segment in document.segments)]
    return {
        "outcome": "problem" if problems else "document",
        "detail": "; ".join(problems)[:1000],
        "control": any(has_control_characters(text) for text in texts),
    }


def _traceback_top(error: BaseException) -> str:
    """The innermost frames of ``error``'s traceback, on one line."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    return " <- ".join(f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in reversed(frames))


def peak_resident_mb() -> int:
    """This process's own peak resident memory (``VmHWM``).

    Not ``ru_maxrss``: after fork and exec it still holds the parent's peak, and the
    parent is pytest, hundreds of MB into a full run.
    """
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def serve() -> None:
    """The worker: read ``FORMAT PATH`` lines, answer each with one JSON line (memory capped)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (WORKER_ADDRESS_SPACE, WORKER_ADDRESS_SPACE))
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # a library printing to stdout must not garble the answers
    sys.stdout = sys.stderr
    for line in sys.stdin:
        fmt, path = line.rstrip("\n").split(" ", 1)
        answer = check_one(Path(path), fmt)
        answer["resident_mb"] = peak_resident_mb()
        answers.write(json.dumps(answer) + "\n")


class Worker:
    """A reader process that can be cut off when a case hangs and restarted when it dies."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.process: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        with self.log.open("a") as log:
            return subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                cwd=REPO,
                env={**os.environ, "PYTHONPATH": str(REPO)},
            )

    def check(self, fmt: str, path: Path, timeout: float = CASE_SECONDS) -> dict[str, Any]:
        """The worker's verdict on ``path``; ``hang`` past ``timeout`` seconds, ``died`` if it exits."""
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(f"{fmt} {path}\n")
            process.stdin.flush()
        except BrokenPipeError:
            return self._died(process)
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        if not ready:
            self.stop()
            return {"outcome": "hang", "detail": f"no answer within {timeout:g} s"}
        line = process.stdout.readline()
        if not line:
            return self._died(process)
        return json.loads(line)

    def _died(self, process: subprocess.Popen[str]) -> dict[str, Any]:
        code = process.wait()
        self.process = None
        tail = self.log.read_text(errors="replace").strip().splitlines()[-3:]
        return {"outcome": "died", "detail": f"worker exited with {code}: {' | '.join(tail)}"}

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@dataclass
class FuzzRun:
    """What one format's mutants did."""

    fmt: str
    outcomes: Counter[str] = field(default_factory=Counter)
    wrapped: Counter[str] = field(default_factory=Counter)
    wrapped_where: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    # Results (text or message) holding control characters: not a broken contract (every output
    # channel escapes them, see focuscount.escape), but worth knowing about.
    with_control_characters: int = 0


def fuzz_format(fmt: str, cases: range, worker: Worker, folder: Path) -> FuzzRun:
    """Run the cases of one format through the worker; failing mutants are saved under ARTIFACTS."""
    run = FuzzRun(fmt)
    for case in cases:
        mutant = make_mutant(fmt, case)
        path = folder / f"mutant-{fmt}-{case}{mutant.extension}"
        path.write_bytes(mutant.data)
        verdict = worker.check(fmt, path)
        outcome = verdict["outcome"]
        run.outcomes[outcome] += 1
        run.with_control_characters += bool(verdict.get("control"))
        failure = outcome in ("crash", "problem", "hang", "died")
        if verdict.get("wrapped"):
            run.wrapped[verdict["wrapped"]] += 1
            run.wrapped_where.setdefault(verdict["wrapped"], f"{verdict['where']} ({mutant.label})")
            failure = failure or fmt in OWN_CODE_FORMATS
        if verdict.get("resident_mb", 0) > MAX_RESIDENT_MB:
            failure = True
            verdict["detail"] = f"worker grew to {verdict['resident_mb']} MB; " + verdict.get("detail", "")
        if failure:
            saved = _save_failure(mutant, path)
            where = f" at {verdict['where']}" if verdict.get("where") else ""
            run.failures.append(f"{outcome}: {verdict['detail']}{where}\n    {mutant.describe()}\n    saved: {saved}")
            if verdict.get("resident_mb", 0) > MAX_RESIDENT_MB:
                worker.stop()  # start the next case with a fresh peak
        path.unlink()
    return run


def _save_failure(mutant: Mutant, path: Path) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "-", mutant.label).strip("-") + mutant.extension
    saved = ARTIFACTS / name
    shutil.copyfile(path, saved)
    saved.with_suffix(saved.suffix + ".txt").write_text(mutant.describe() + "\n")
    return saved


def assert_clean(run: FuzzRun) -> None:
    shown = "\n  ".join(run.failures[:8])
    more = f"\n  … and {len(run.failures) - 8} more" if len(run.failures) > 8 else ""
    assert not run.failures, f"{len(run.failures)} {run.fmt} mutants broke the contract:\n  {shown}{more}"


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    worker = Worker(tmp_path_factory.mktemp("fuzz-worker") / "worker.log")
    yield worker
    worker.stop()


# ---------------------------------------------------------------------------------------------- tests


def test_mutants_are_reproducible_and_really_mutated() -> None:
    for fmt in SOURCES:
        for case in range(3):
            first, again = make_mutant(fmt, case), make_mutant(fmt, case)
            assert first == again
            assert first.data != _source(SOURCES[fmt][case % len(SOURCES[fmt])]) or "empty" in first.describe()
    assert make_mutant("rtf", 0, seed=1).data != make_mutant("rtf", 0, seed=2).data


def test_zip_mutants_change_the_inflated_xml() -> None:
    changed = 0
    for case in range(20):
        mutant = make_mutant("docx", case)
        if any(step.startswith("word/") for step in mutant.steps):
            with zipfile.ZipFile(io.BytesIO(mutant.data)) as archive:
                member = mutant.steps[0].split(":", 1)[0]
                if member in archive.namelist():
                    changed += archive.read(member) != zipfile.ZipFile(FIXTURES / mutant.source).read(member)
    assert changed >= 5


def test_pdf_mutants_keep_a_valid_xref_for_the_mutated_object() -> None:
    original = _source("multipage.pdf")
    header, objects, trailer = _pdf_parts(original) or pytest.fail("fixture not parsed")
    rebuilt = _pdf_build(header, objects, trailer)
    for match in re.finditer(rb"(\d{10}) 00000 n", rebuilt):
        assert re.match(rb"\d+ \d+ obj", rebuilt[int(match[1]) :])
    streams = [m for obj in objects if (m := _PDF_STREAM.match(obj.body))]
    assert streams and all(_decode_stream(m[1], m[2]) is not None for m in streams)
    assert b"BT" in (_decode_stream(streams[0][1], streams[0][2]) or b"")


def test_the_worker_reports_a_hang_and_carries_on(tmp_path: Path) -> None:
    worker = Worker(tmp_path / "worker.log")
    try:
        memo = tmp_path / "memo.txt"
        memo.write_text("Chair: the library users.\n")
        # No worker answers within a microsecond (it is still starting): cut off, then restarted.
        assert worker.check("txt", memo, timeout=0.000001) == {"outcome": "hang", "detail": "no answer within 1e-06 s"}
        assert worker.check("txt", memo)["outcome"] == "document"
        assert worker.check("txt", FIXTURES / "binary.txt")["outcome"] == "error"
    finally:
        worker.stop()


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_readers_survive_a_few_mutants(fmt: str, worker: Worker, tmp_path: Path) -> None:
    assert_clean(fuzz_format(fmt, range(QUICK_CASES), worker, tmp_path))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_readers_survive_mutants(fmt: str, worker: Worker, tmp_path: Path) -> None:
    run = fuzz_format(fmt, range(QUICK_CASES, QUICK_CASES + SLOW_CASES), worker, tmp_path)
    print(
        f"{fmt}: {dict(run.outcomes)}, {run.with_control_characters} with control characters; "
        f"wrapped exceptions: {dict(run.wrapped)} {run.wrapped_where}"
    )
    assert_clean(run)
    assert run.outcomes["document"] + run.outcomes["error"] == SLOW_CASES


# ---------------------------------------------------------------------------------------------- regressions

BAD = FIXTURES / "bad"
_SEGMENTS: dict[str, list[tuple[str, str]]] = {
    # \uN past U+10FFFF (or negative past -32768) was chr()'d: ValueError / OverflowError.
    "fuzz_rtf_unicode_out_of_range.rtf": [("paragraph 1", "Library users: one, two, three and €four.")],
    # Link, image and footnote patterns scanned to the end of the line from every "[": quadratic.
    "fuzz_md_brackets.md": [
        ("line 1", "Brackets"),
        ("line 3", "Library users wrote this."),
        ("line 5", "[" * 15000),
        ("line 7", "![" * 8000),
        ("line 9", "[^" * 8000),
    ],
    # The table separator pattern backtracked exponentially on "|----… x" (40 dashes: hours).
    "fuzz_md_table_separator.md": [
        ("line 1", "| Topic | Owner |\n|" + "-" * 40 + " x"),  # not a CommonMark table: its pipes are text
        ("line 4", "The library users."),
    ],
    # The ATX heading pattern was quadratic in the spaces inside a heading.
    "fuzz_md_heading_spaces.md": [("line 1", "Budget" + " " * 30000 + "x"), ("line 3", "The library users.")],
    # html.parser rescans to the end of the page for every unclosed comment or tag: quadratic.
    "fuzz_html_unclosed_comments.html": [("paragraph 1", "Library users came.")],
    "fuzz_html_unclosed_tags.html": [("paragraph 1", "Library users came.")],
    # Hours of 5,000 digits were int()'d: ValueError (integer string conversion limit).
    "fuzz_vtt_long_hours.vtt": [("9" * 5000 + ":00:01.000 (cue 1)", "Chair: library users.")],
    "fuzz_srt_long_hours.srt": [("12:00:01.000 (cue 1)", "Chair: library users.")],
}


@pytest.mark.parametrize("name", sorted(_SEGMENTS))
def test_fuzz_finding_is_read(name: str, worker: Worker) -> None:
    from focuscount.readers import read_document

    path = BAD / name
    fmt = path.suffix.lstrip(".")
    assert worker.check("txt", FIXTURES / "same_text.txt")["outcome"] == "document"  # started and warm
    verdict = worker.check(fmt, path, timeout=2)  # ~0.02 s now; a hang (or many seconds) before the fix
    assert verdict["outcome"] == "document", verdict
    document = read_document(path)
    assert [(str(segment.location), segment.text) for segment in document.segments] == _SEGMENTS[name]


def test_fuzz_finding_vtt_blank_lines_is_refused_quickly(worker: Worker) -> None:
    from focuscount.errors import ReadError
    from focuscount.readers import read_document

    # Looking for an SRT timing (for the hint) ran \s* over every blank line from each line: quadratic.
    path = BAD / "fuzz_vtt_blank_lines.vtt"
    assert worker.check("txt", FIXTURES / "same_text.txt")["outcome"] == "document"
    assert worker.check("vtt", path, timeout=2)["outcome"] == "error"
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f'{path}: not a WebVTT file (it does not start with "WEBVTT"); check that it really is a .vtt subtitle file'
    )


# Findings in readers built on a library (pdfminer, python-pptx, zipfile): read_document turns them into
# a ReadError, which keeps the contract; the fixtures keep it kept.
_LIBRARY_FINDINGS = (
    "fuzz_pdf_encryption_key_error.pdf",  # struct.error in pdfminer's compute_encryption_key
    "fuzz_pdf_trailer_assertion.pdf",  # AssertionError in pdfminer's load_trailer
    "fuzz_pptx_missing_slide_part.pptx",  # KeyError in python-pptx's rename_slide_parts
    "fuzz_docx_control_bytes_in_message.docx",  # zip member name with control bytes quoted in the reason
    "fuzz_docx_del_in_message.docx",  # a DEL from the XML quoted in the reason
)


@pytest.mark.parametrize("name", _LIBRARY_FINDINGS)
def test_fuzz_finding_in_a_library_is_a_one_line_read_error(name: str) -> None:
    from focuscount.errors import ReadError
    from focuscount.readers import read_document

    path = BAD / name
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert error_problems(str(caught.value), path) == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("fuzz_pdf_encryption_key_error.pdf", "not a valid PDF ('L' format requires 0 <= number <= 4294967295); "),
        ("fuzz_pdf_trailer_assertion.pdf", "not a valid PDF (/b'trailerJ'); "),
        ("fuzz_pptx_missing_slide_part.pptx", "not a valid .pptx file (no relationship with key 'rId7'); "),
    ],
)
def test_fuzz_finding_in_a_library_says_the_file_is_broken(name: str, reason: str) -> None:
    # A library's failure on a broken file says the file is broken; "internal error …" is for focuscount's own bugs.
    from focuscount.errors import ReadError
    from focuscount.readers import read_document

    with pytest.raises(ReadError) as caught:
        read_document(BAD / name)
    assert caught.value.reason.startswith(reason)


@pytest.mark.slow
def test_rtf_of_a_million_open_groups_reads_in_bounded_memory(tmp_path: Path) -> None:
    # One saved state per "{" took ~400 bytes each: hundreds of times the file's size.
    path = tmp_path / "deep.rtf"
    path.write_bytes(b"{\\rtf1 " + b"{" * 1_000_000 + b"library users" + b"}" * 1_000_000 + b" came\\par}")
    worker = Worker(tmp_path / "worker.log")
    try:
        verdict = worker.check("rtf", path, timeout=30)
    finally:
        worker.stop()
    assert verdict["outcome"] == "document", verdict
    assert verdict["resident_mb"] < 200, verdict


@pytest.mark.slow
def test_html_of_a_million_stray_brackets_reads_in_linear_time(tmp_path: Path) -> None:
    # Text pieces were joined with += on a string held twice: every "<" copied the text so far
    # (about 45 s for this page before; about 3 s now).
    path = tmp_path / "brackets.html"
    path.write_bytes(b"<p>library users " + b"<" * 1_000_000 + b" came</p>")
    worker = Worker(tmp_path / "worker.log")
    try:
        verdict = worker.check("html", path, timeout=15)
    finally:
        worker.stop()
    assert verdict["outcome"] == "document", verdict


class _Timeout(BaseException):
    """Raised by the alarm: a BaseException, so no ``except Exception`` on the way swallows it."""


def _counting_mutants(folder: Path, per_format: int) -> dict[str, Mutant]:
    written: dict[str, Mutant] = {}
    for fmt in sorted(SOURCES):
        for case in range(per_format):
            mutant = make_mutant(fmt, 1000 + case)
            name = f"mutant-{fmt}-{case}{mutant.extension}"
            (folder / name).write_bytes(mutant.data)
            written[name] = mutant
    return written


def _count_folder(folder: Path, mutants: dict[str, Mutant], seconds: int) -> Counter[str]:
    """Run the whole counting path (read, date, match, count) over ``folder``, judging every item."""
    from focuscount.analysis import iter_document_counts
    from focuscount.discovery import Skipped
    from focuscount.lexicon import load_lexicon
    from focuscount.limits import ReadLimits
    from focuscount.model import DocumentCounts
    from focuscount.options import ReadOptions

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    kinds: Counter[str] = Counter()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    current = "(start)"
    try:
        for item in iter_document_counts(
            [folder], load_lexicon("library"), options=ReadOptions(limits=ReadLimits(max_file_mb=LIMIT_MB))
        ):
            if isinstance(item, Skipped):
                current = item.path.name
                assert error_problems(f"{item.path}: {item.reason}", item.path) == [], mutants[current].describe()
                kinds["skipped"] += 1
                continue
            assert isinstance(item, DocumentCounts)
            current = item.document.path.name
            mutant = mutants[current].describe()
            assert document_problems(item.document, item.document.path, item.document.format) == [], mutant
            assert item.words >= 0 and all(count >= 0 for count in item.counts.values()), mutant
            assert sum(item.counts.values()) == len(item.hits), mutant
            for hit in item.hits:
                assert _one_line(hit.context) and hit.matched_text.strip(), (mutant, hit)
                assert 0 <= hit.start < hit.end <= len(item.document.segments[hit.segment].text), (mutant, hit)
            kinds["counted"] += 1
    except _Timeout:
        pytest.fail(f"counting the mutants took more than {seconds} s; the last finished was {current}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return kinds


def test_counting_survives_a_few_mutants(tmp_path: Path) -> None:
    mutants = _counting_mutants(tmp_path, per_format=1)
    kinds = _count_folder(tmp_path, mutants, seconds=60)
    assert kinds["counted"] + kinds["skipped"] == len(mutants)


@pytest.mark.slow
def test_counting_and_reporting_survive_mutants(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from focuscount.cli import cli

    mutants = _counting_mutants(tmp_path, per_format=12)
    kinds = _count_folder(tmp_path, mutants, seconds=90)
    assert kinds["counted"] + kinds["skipped"] == len(mutants)
    assert kinds["counted"] > len(mutants) // 3  # most mutants still read: matching and dating really ran
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--format", "json", "--max-file-mb", "20"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["documents"]) == kinds["counted"]
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--max-file-mb", "20"])
    assert result.exit_code == 0, result.output


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    serve()
