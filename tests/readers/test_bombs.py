"""Decompression bombs and hostile XML in packages and PDFs: each is refused quickly, in bounded memory.

Every bomb is generated in tmp_path (see tests/bomb_files.py).  Peak memory is
measured in a fresh child process that reads only the bomb and reports its own
peak (``VmHWM``; ``ru_maxrss`` would include the pytest process it was forked
from, and ``RUSAGE_CHILDREN`` every earlier child): nothing else counts.  The child
also runs under a 3 GB address-space limit, so a regression fails the test
instead of exhausting the shared machine.
"""

from __future__ import annotations

import json
import textwrap
import zipfile
import zlib
from pathlib import Path

import bomb_files
import pytest
from click.testing import CliRunner
from helpers import ISSUE_LEXICON, probe_read

from focuscount.cli import cli
from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.readers import PDF_ENGINE_NAMES, read_document
from focuscount.readers._pdfguard import PdfBudget, PdfLimitExceeded, _lzw_decode, _run_length_decode

EXPANDS_200 = "expands to more than 200 MB (a decompression bomb?)"
PACKAGES = ("docx", "pptx", "odt", "odp")
MAX_PEAK_MB = 1024
MAX_SECONDS = 10.0
SAVE_HINT = {"docx": "open and re-save it in Word", "pptx": "open and re-save it in PowerPoint"}


def probe(
    path: Path, max_file_mb: float = DEFAULT_LIMITS.max_file_mb, pdf_engine: str = "pdfium"
) -> tuple[str, float, float]:
    """Read ``path`` in a fresh child process (see helpers.probe_read)."""
    return probe_read(path, max_file_mb, pdf_engine)


def assert_refused_quickly(
    path: Path, reason: str, max_file_mb: float = DEFAULT_LIMITS.max_file_mb, pdf_engine: str = "pdfium"
) -> None:
    outcome, seconds, peak_mb = probe(path, max_file_mb, pdf_engine)
    assert outcome == reason
    assert seconds < MAX_SECONDS
    assert peak_mb < MAX_PEAK_MB


# ----------------------------------------------------------------- zip packages


@pytest.mark.parametrize("extension", PACKAGES)
def test_part_declaring_1_gb_is_refused_before_inflating(tmp_path: Path, extension: str) -> None:
    path = bomb_files.package_bomb(tmp_path, extension, inflated_mb=1024)
    assert path.stat().st_size < 4 * bomb_files.MB
    assert_refused_quickly(path, EXPANDS_200)


@pytest.mark.parametrize("extension", PACKAGES)
def test_header_lying_about_a_1_gb_part_is_caught_while_counting(tmp_path: Path, extension: str) -> None:
    path = bomb_files.package_bomb(tmp_path, extension, inflated_mb=1024, declared="small")
    with zipfile.ZipFile(path) as archive:  # the lie: a ratio and a size nobody would notice
        info = archive.getinfo(bomb_files.BODY_PART[extension])
        assert info.file_size < 10_000
    assert_refused_quickly(path, EXPANDS_200)


@pytest.mark.parametrize("extension", PACKAGES)
def test_small_max_file_mb_is_the_bound_named(tmp_path: Path, extension: str) -> None:
    path = bomb_files.package_bomb(tmp_path, extension, inflated_mb=8)
    with pytest.raises(ReadError) as caught:
        read_document(path, ReadLimits(max_file_mb=5))
    assert caught.value.reason == "expands to more than 5 MB (a decompression bomb?)"


def test_lying_header_within_the_limit_is_a_broken_package_not_a_bomb(tmp_path: Path) -> None:
    path = bomb_files.package_bomb(tmp_path, "docx", inflated_mb=2, declared="small")
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert caught.value.reason == (
        f"not a valid .docx file (Bad CRC-32 for file 'word/document.xml'); {SAVE_HINT['docx']}"
    )


def test_part_under_the_size_limit_with_a_bomb_ratio_is_refused(tmp_path: Path) -> None:
    path = bomb_files.ratio_bomb(tmp_path, "docx", inflated_mb=50)
    assert_refused_quickly(
        path,
        "expands to more than 200 times its compressed size (part word/document.xml: 1008 times; a decompression bomb?)",
    )


def test_ratio_is_not_judged_below_the_floor(tmp_path: Path) -> None:
    # A 1 MB part of spaces compresses about 1000 times, but parts this small are never judged by ratio.
    spaces = bomb_files.deflate(b" " * 1_000_000)
    assert spaces.file_size / len(spaces.raw) > 200
    members = bomb_files.fixture_members(bomb_files.FIXTURES / "same_text.pptx")  # python-pptx reads every part
    members.append(bomb_files.RawMember("customXml/spaces.xml", spaces.raw, spaces.file_size, spaces.crc))
    path = bomb_files.write_zip(tmp_path / "floor.pptx", members)
    assert read_document(path).segments[0].text.startswith("Minutes of the library board meeting.")


@pytest.mark.parametrize("extension", ["docx", "odt"])
def test_100000_members_are_refused_before_zipfile_parses_them(tmp_path: Path, extension: str) -> None:
    path = bomb_files.many_members(tmp_path, extension, count=100_000)
    assert_refused_quickly(path, "more than 10,000 parts inside (a decompression bomb?)")


def test_a_package_with_many_but_not_too_many_members_is_read(tmp_path: Path) -> None:
    path = bomb_files.many_members(tmp_path, "pptx", count=9_000)
    document = read_document(path)
    assert document.segments[0].text.startswith("Minutes of the library board meeting.")


def test_bomb_is_skipped_by_analyze_with_a_one_line_warning(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2024-03-12-board.txt").write_text("The library listened to customers.\n", encoding="utf-8")
    bomb = bomb_files.package_bomb(folder, "docx", inflated_mb=1024)
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(folder), "-l", str(tmp_path / "lexicon.toml"), "-f", "json"])
    assert result.exit_code == 0
    assert result.stderr == f"focuscount: warning: {bomb}: skipped: {EXPANDS_200}\n"
    assert json.loads(result.stdout)["skipped"] == [{"path": str(bomb), "reason": EXPANDS_200, "kind": "unreadable"}]


# ----------------------------------------------------------------- XML entities


_LAUGHS = (
    '<!DOCTYPE r [<!ENTITY l0 "lol">'
    + "".join(f'<!ENTITY l{level} "{f"&l{level - 1};" * 10}">' for level in range(1, 10))
    + "]>"
)
_EXTERNAL = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_entity(tmp_path: Path, extension: str, doctype: str, entity: str) -> Path:
    """The same_text fixture with ``doctype`` in its body part and ``&entity;`` before its first words."""
    fixture = bomb_files.FIXTURES / f"same_text.{extension}"
    part = bomb_files.BODY_PART[extension]
    with zipfile.ZipFile(fixture) as archive:
        xml = archive.read(part).decode()
    declaration_end = xml.index("?>") + 2
    xml = xml[:declaration_end] + doctype + xml[declaration_end:]
    assert "Minutes of" in xml
    xml = xml.replace("Minutes of", f"&{entity}; Minutes of", 1)
    member = bomb_files.deflate(xml.encode())
    members = [
        *bomb_files.fixture_members(fixture, replace=part),
        bomb_files.RawMember(part, member.raw, member.file_size, member.crc),
    ]
    return bomb_files.write_zip(tmp_path / f"{entity}.{extension}", members)


@pytest.mark.parametrize(
    ("extension", "reason"),
    [
        (
            "docx",
            "not a valid .docx file (Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification., "
            "line 1, column 5 (<string>, line 1)); open and re-save it in Word",
        ),
        (
            "pptx",
            "not a valid .pptx file (Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification., "
            "line 1, column 5 (<string>, line 1)); open and re-save it in PowerPoint",
        ),
        (
            "odt",
            "not a valid .odt file (content.xml is not well-formed XML: limit on input amplification factor (from DTD "
            "and entities) breached: line 6, column 62); open and re-save it in LibreOffice Writer",
        ),
        (
            "odp",
            "not a valid .odp file (content.xml is not well-formed XML: limit on input amplification factor (from DTD "
            "and entities) breached: line 7, column 93); open and re-save it in LibreOffice Impress",
        ),
    ],
)
def test_billion_laughs_is_refused_without_expanding(tmp_path: Path, extension: str, reason: str) -> None:
    assert_refused_quickly(with_entity(tmp_path, extension, _LAUGHS, "l9"), reason)


@pytest.mark.parametrize("extension", ["docx", "pptx"])
def test_external_entity_is_never_resolved_in_office_xml(tmp_path: Path, extension: str) -> None:
    document = read_document(with_entity(tmp_path, extension, _EXTERNAL, "xxe"))
    text = "\n".join(segment.text for segment in document.segments)
    assert "root:" not in text
    assert "Customers and patrons praised the new user interface." in text


@pytest.mark.parametrize(
    ("extension", "where", "application"),
    [("odt", "line 6, column 62", "LibreOffice Writer"), ("odp", "line 7, column 93", "LibreOffice Impress")],
)
def test_external_entity_is_an_error_in_opendocument_xml(
    tmp_path: Path, extension: str, where: str, application: str
) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(with_entity(tmp_path, extension, _EXTERNAL, "xxe"))
    assert caught.value.reason == (
        f"not a valid .{extension} file (content.xml is not well-formed XML: undefined entity &xxe;: {where}); "
        f"open and re-save it in {application}"
    )


# ----------------------------------------------------------------- PDF


@pytest.mark.parametrize("engine", PDF_ENGINE_NAMES)
def test_pdf_stream_inflating_to_1_gb_is_refused(tmp_path: Path, engine: str) -> None:
    path = bomb_files.pdf_flate_bomb(tmp_path, inflated_mb=1024)
    assert path.stat().st_size < 3 * bomb_files.MB
    assert_refused_quickly(path, EXPANDS_200, pdf_engine=engine)


@pytest.mark.parametrize("engine", PDF_ENGINE_NAMES)
def test_pdf_stream_with_a_bomb_ratio_under_the_size_limit_is_refused(tmp_path: Path, engine: str) -> None:
    path = bomb_files.pdf_flate_bomb(tmp_path, inflated_mb=100)
    reason = "expands to more than 200 times its compressed size (a stream; a decompression bomb?)"
    assert_refused_quickly(path, reason, pdf_engine=engine)


@pytest.mark.parametrize("engine", PDF_ENGINE_NAMES)
def test_pdf_page_of_text_operators_within_every_ratio_is_bounded_per_page(tmp_path: Path, engine: str) -> None:
    path = bomb_files.pdf_crowded_page(tmp_path, words=400_000)
    assert_refused_quickly(path, "page 1 holds more than 100,000 characters (a decompression bomb?)", pdf_engine=engine)


@pytest.mark.parametrize("engine", PDF_ENGINE_NAMES)
def test_pdf_small_stream_drawn_by_many_pages_is_bounded_in_total(tmp_path: Path, engine: str) -> None:
    path = bomb_files.pdf_many_references(tmp_path, pages=300, words=500)
    assert_refused_quickly(path, "expands to more than 0.05 MB (a decompression bomb?)", 0.05, engine)


def test_pdf_many_references_within_the_limit_are_all_read(tmp_path: Path) -> None:
    path = bomb_files.pdf_many_references(tmp_path, pages=3, words=20)
    document = read_document(path)
    assert [str(segment.location) for segment in document.segments] == ["page 1", "page 2", "page 3"]
    assert document.segments[0].text == " ".join(["library"] * 10) + "\n" + " ".join(["library"] * 10)


@pytest.mark.parametrize("engine", PDF_ENGINE_NAMES)
def test_pdf_shapes_cost_nothing(tmp_path: Path, engine: str) -> None:
    # 40,000 rectangles and one line of text: laid out, the shapes alone would cost about 65 MB.
    shapes = b"".join(b"%d %d 1 1 re f\n" % (number % 600, number * 7 % 800) for number in range(40_000))
    operators = shapes + bomb_files.text_operators(3)
    raw = zlib.compress(operators)
    path = bomb_files.pdf_pages(tmp_path / "shapes.pdf", [4], [bomb_files.stream(raw)])
    outcome, _seconds, peak_mb = probe(path, pdf_engine=engine)
    assert outcome == "read 1 segments"
    assert peak_mb < 70


def test_run_length_decoding_matches_pdfminer_and_is_capped() -> None:
    from pdfminer.runlength import rldecode

    budget = PdfBudget(ReadLimits(max_file_mb=1))
    encoded = bytes([2]) + b"abc" + bytes([254]) + b"x" + bytes([0]) + b"z" + bytes([128]) + b"ignored"
    assert _run_length_decode(budget, encoded) == rldecode(encoded) == b"abcxxxz"
    assert _run_length_decode(budget, bytes([3]) + b"ab") == b"ab"  # truncated run: what it holds
    bomb = (bytes([129]) + b" ") * 20_000  # 2 bytes each for 128: 2.6 MB from 40 KB
    with pytest.raises(PdfLimitExceeded) as caught:
        _run_length_decode(budget, bomb)
    assert caught.value.reason == "expands to more than 1 MB (a decompression bomb?)"


def test_lzw_decoding_is_capped() -> None:
    from pdfminer.lzw import lzwdecode

    sample = bytes.fromhex("800b6050220c0c8501")  # the PDF reference's example: "-----A---B"
    budget = PdfBudget(ReadLimits(max_file_mb=1))
    assert _lzw_decode(budget, sample) == lzwdecode(sample) == b"-----A---B"
    budget = PdfBudget(ReadLimits(max_file_mb=1, max_compression_ratio=1))
    budget.decoded = budget.limits.max_bytes - 5
    with pytest.raises(PdfLimitExceeded) as caught:
        _lzw_decode(budget, sample)
    assert caught.value.reason == "expands to more than 1 MB (a decompression bomb?)"
