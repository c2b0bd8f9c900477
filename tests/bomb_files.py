"""Decompression bombs and other hostile packages, written on demand (never committed).

A bomb's deflate data is built without deflating its whole content: one
chunk is compressed and ended with a full flush, which resets the compressor,
so every further copy of that chunk compresses to the very same bytes.  A
1 GB member costs about a megabyte and a fraction of a second to write.
CRCs of bomb members are not computed (a reader must refuse the member long
before it could check one); every other member is a normal, valid one.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The part each package format reads its body from: where a bomb does the most harm.
BODY_PART = {
    "docx": "word/document.xml",
    "pptx": "ppt/slides/slide1.xml",
    "odt": "content.xml",
    "odp": "content.xml",
}


@dataclass(frozen=True)
class RawMember:
    """A zip member given by its already-compressed bytes and what its headers declare."""

    name: str
    raw: bytes
    file_size: int
    crc: int = 0
    method: int = zipfile.ZIP_DEFLATED


def deflate_repeated(
    prefix: bytes, chunk: bytes, copies: int, suffix: bytes = b"", *, zlib_format: bool = False
) -> bytes:
    """Deflate data of ``prefix + chunk * copies + suffix``, written in time proportional to one chunk.

    Raw deflate (as in a zip) by default; with ``zlib_format``, a zlib stream (as a PDF's
    FlateDecode filter expects) whose checksum is computed over the whole content.
    """
    wbits = zlib.MAX_WBITS if zlib_format else -zlib.MAX_WBITS
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(suffix) + compressor.flush()
    if zlib_format:  # the compressor saw the chunk once: its checksum must count every copy
        checksum = zlib.adler32(prefix)
        for _ in range(copies):
            checksum = zlib.adler32(chunk, checksum)
        tail = tail[:-4] + struct.pack(">L", zlib.adler32(suffix, checksum))
    return head + block * copies + tail


def deflate(data: bytes) -> RawMember:
    """Nothing special: ``data`` deflated, with its true size and CRC (name filled in by the caller)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return RawMember("", compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data))


def write_zip(path: Path, members: Iterable[RawMember]) -> Path:
    """Write a zip of ``members`` exactly as given (sizes and CRCs as declared, no checks)."""
    body = bytearray()
    central = bytearray()
    count = 0
    for member in members:
        name = member.name.encode()
        offset = len(body)
        fields = (20, 0, member.method, 0, 0x21, member.crc, len(member.raw), member.file_size, len(name))
        body += struct.pack("<4s5HL2L2H", b"PK\x03\x04", *fields, 0) + name + member.raw
        central += struct.pack("<4s6HL2L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + name
        count += 1
    end = b""
    if count > 0xFFFF:  # too many for the classic end record: a zip64 one, and a locator pointing at it
        zip64_end = len(body) + len(central)
        end = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(central), len(body))
        end += struct.pack("<4sLQL", b"PK\x06\x07", 0, zip64_end, 1)
    shown = min(count, 0xFFFF)
    end += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, shown, shown, len(central), len(body), 0)
    path.write_bytes(bytes(body + central + end))
    return path


def fixture_members(fixture: Path, replace: str | None = None) -> list[RawMember]:
    """The members of a real fixture package, re-deflated, without ``replace``."""
    members: list[RawMember] = []
    with zipfile.ZipFile(fixture) as archive:
        for info in archive.infolist():
            if info.filename == replace:
                continue
            member = deflate(archive.read(info))
            members.append(RawMember(info.filename, member.raw, member.file_size, member.crc))
    return members


def filler_for(extension: str) -> tuple[bytes, bytes, bytes]:
    """XML (start, repeated chunk, end) that the format's reader would parse as its body."""
    if extension in ("odt", "odp"):
        return (
            b'<?xml version="1.0"?><office:document-content '
            b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>',
            b"<text:p>library patrons </text:p>" * 32_768,
            b"</office:text></office:body></office:document-content>",
        )
    namespace = (
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        if extension == "docx"
        else b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    )
    return (b'<?xml version="1.0"?><root ' + namespace + b">", b" " * MB, b"</root>")


def package_bomb(folder: Path, extension: str, inflated_mb: int = 1024, declared: str = "true") -> Path:
    """A real fixture package whose body part inflates to ``inflated_mb`` MB.

    ``declared`` is what the headers say of its size: ``"true"`` (an honest
    bomb, refused for its size) or ``"small"`` (a lying header: the part's
    original small size, and a ratio nobody would notice).
    """
    fixture = FIXTURES / f"same_text.{extension}"
    part = BODY_PART[extension]
    start, chunk, end = filler_for(extension)
    copies = inflated_mb * MB // len(chunk)
    raw = deflate_repeated(start, chunk, copies, end)
    size = len(start) + len(chunk) * copies + len(end)
    if declared == "small":
        with zipfile.ZipFile(fixture) as archive:
            size = archive.getinfo(part).file_size
    members = [*fixture_members(fixture, replace=part), RawMember(part, raw, size)]
    return write_zip(folder / f"{declared}_{inflated_mb}mb.{extension}", members)


def ratio_bomb(folder: Path, extension: str = "docx", inflated_mb: int = 50) -> Path:
    """A package whose body part is well under the size limit but inflates about 1000 times its size."""
    return package_bomb(folder, extension, inflated_mb)


def many_members(folder: Path, extension: str = "docx", count: int = 100_000) -> Path:
    """A real fixture package padded with ``count`` empty members (a zip64 archive)."""
    empty = deflate(b"")
    padding = (RawMember(f"padding/{number}.xml", empty.raw, 0, empty.crc) for number in range(count))
    members = [*fixture_members(FIXTURES / f"same_text.{extension}"), *padding]
    return write_zip(folder / f"members_{count}.{extension}", members)


# ----------------------------------------------------------------- PDF


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of ``objects`` (object N is ``objects[N - 1]``, catalog first) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def stream(raw: bytes, *, flate: bool = True) -> bytes:
    """A stream object's body holding ``raw`` (already deflated when ``flate``)."""
    filters = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(raw), filters) + raw + b"\nendstream"


def pdf_pages(path: Path, contents: list[int], extra: list[bytes], media_box: bytes = b"[0 0 612 792]") -> Path:
    """A PDF whose page N draws the content stream object ``contents[N - 1]`` with Helvetica as /F1.

    Objects: 1 catalog, 2 page tree, 3 font, then ``extra`` (4, 5 …), then the pages.
    """
    first_page = 4 + len(extra)
    kids = b" ".join(b"%d 0 R" % (first_page + index) for index in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
        *(
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (media_box, content)
            for content in contents
        ),
    ]
    return write_pdf(path, objects)


def text_operators(words: int, word: bytes = b"library") -> bytes:
    """A content stream showing ``words`` words on lines of ten."""
    lines = [b"BT /F1 1 Tf 1 TL 10 780 Td"]
    for start in range(0, words, 10):
        lines.append(b"(" + b" ".join([word] * min(10, words - start)) + b") Tj T*")
    lines.append(b"ET")
    return b"\n".join(lines)


def pdf_flate_bomb(folder: Path, inflated_mb: int = 1024) -> Path:
    """One page whose content stream inflates to ``inflated_mb`` MB of text-showing operators."""
    start, chunk, end = b"BT /F1 1 Tf 1 TL 10 780 Td\n", b"(library patrons) Tj T*\n" * 43_690, b"ET\n"
    raw = deflate_repeated(start, chunk, inflated_mb * MB // len(chunk), end, zlib_format=True)
    return pdf_pages(folder / f"flate_{inflated_mb}mb.pdf", [4], [stream(raw)])


def pdf_many_references(folder: Path, pages: int = 500, words: int = 2_000) -> Path:
    """``pages`` pages all drawing one small content stream of ``words`` words."""
    compressor = zlib.compressobj(9)
    raw = compressor.compress(text_operators(words)) + compressor.flush()
    return pdf_pages(folder / f"references_{pages}.pdf", [4] * pages, [stream(raw)])


def pdf_crowded_page(folder: Path, words: int = 400_000) -> Path:
    """One page showing ``words`` words from a stream compressed well under any ratio limit.

    Each line names a different number, so the stream compresses only a few
    times: no ratio check can catch it, only a bound on the text of a page.
    """
    lines = [b"BT /F1 1 Tf 1 TL 10 780 Td"]
    lines += [b"(library %d patrons %d) Tj T*" % (number, number * 7919 % 100_003) for number in range(words // 4)]
    lines.append(b"ET")
    compressor = zlib.compressobj(9)
    raw = compressor.compress(b"\n".join(lines)) + compressor.flush()
    return pdf_pages(folder / f"crowded_{words}.pdf", [4], [stream(raw)])
