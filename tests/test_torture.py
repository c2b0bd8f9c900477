"""The torture folder: every hostile file in ``tests/fixtures/bad/`` through every command at once.

Each file is listed with what must become of it: read (with its exact word count)
or skipped (with the start of its reason), or passed over as another type (the
settings, lexicon, manifest and baseline cases, which other tests feed to their
options).  A new file in the folder must be listed here.  Bombs, pipes, sockets and
links are made in the tests that need them, never committed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO

from focuscount.cli import cli
from focuscount.escape import for_terminal

BAD = REPO / "tests" / "fixtures" / "bad"


@dataclass(frozen=True)
class Read:
    words: int


@dataclass(frozen=True)
class Skipped:
    reason: str  # how the reason starts


EXPECTED: dict[str, Read | Skipped] = {
    "baseline_documents_object.json": Skipped('unsupported format .json'),
    "baseline_missing_path.json": Skipped('unsupported format .json'),
    "baseline_nan_ratio.json": Skipped('unsupported format .json'),
    "baseline_wrong_types.json": Skipped('unsupported format .json'),
    "config_nan_threshold.toml": Skipped('unsupported format .toml'),
    "dates_far_future.csv": Skipped('unsupported format .csv'),
    "dates_nul.csv": Skipped('unsupported format .csv'),
    "fuzz_docx_control_bytes_in_message.docx": Skipped('not a valid .docx file'),
    "fuzz_docx_del_in_message.docx": Skipped('not a valid .docx file'),
    "fuzz_html_unclosed_comments.html": Read(words=3),
    "fuzz_html_unclosed_tags.html": Read(words=3),
    "fuzz_md_brackets.md": Read(words=5),
    "fuzz_md_heading_spaces.md": Read(words=5),
    "fuzz_md_table_separator.md": Read(words=6),
    "fuzz_pdf_encryption_key_error.pdf": Skipped('not a valid PDF'),
    "fuzz_pdf_trailer_assertion.pdf": Skipped('not a valid PDF'),
    "fuzz_pptx_missing_slide_part.pptx": Skipped('not a valid .pptx file'),
    "fuzz_rtf_unicode_out_of_range.rtf": Read(words=7),
    "fuzz_srt_long_hours.srt": Read(words=3),
    "fuzz_vtt_blank_lines.vtt": Skipped('not a WebVTT file'),
    "fuzz_vtt_long_hours.vtt": Read(words=3),
    "held_billion_laughs.docx": Skipped('not a valid .docx file'),
    "held_billion_laughs.odt": Skipped('not a valid .odt file'),
    "held_binary.txt": Skipped('binary file, not text'),
    "held_corrupt.docx": Skipped('not a valid .docx file'),
    "held_corrupt.odt": Skipped('not a valid .odt file'),
    "held_corrupt.pdf": Skipped('not a valid PDF'),
    "held_corrupt.pptx": Skipped('not a valid .pptx file'),
    "held_encrypted.docx": Skipped('encrypted'),
    "held_encrypted.odt": Skipped('encrypted'),
    "held_encrypted.pdf": Skipped('encrypted PDF'),
    "held_external_entity.docx": Read(words=25),
    "held_external_entity.odt": Skipped('not a valid .odt file'),
    "held_fake.docx": Skipped('not a valid .docx file'),
    "held_fake.pptx": Skipped('not a valid .pptx file'),
    "held_latin1.txt": Read(words=5),
    "held_not_rtf.rtf": Skipped('not an RTF file'),
    "held_not_vtt.vtt": Skipped('not a WebVTT file'),
    "held_page_tree_loop.pdf": Read(words=5),
    "held_scanned.pdf": Skipped('no extractable text'),
    "held_truncated.pdf": Skipped('damaged PDF'),
    "held_utf16_le_nobom.txt": Read(words=11),
    "input_empty.docx": Skipped('empty file'),
    "input_empty.html": Skipped('empty file'),
    "input_empty.md": Skipped('empty file'),
    "input_empty.odp": Skipped('empty file'),
    "input_empty.odt": Skipped('empty file'),
    "input_empty.pdf": Skipped('empty file'),
    "input_empty.pptx": Skipped('empty file'),
    "input_empty.rtf": Skipped('empty file'),
    "input_empty.srt": Skipped('empty file'),
    "input_empty.txt": Skipped('empty file'),
    "input_empty.vtt": Skipped('empty file'),
    "input_random_bytes.txt": Skipped('not text'),
    "lexicon_regex_term.toml": Skipped('unsupported format .toml'),
    "lexicon_table_description.toml": Skipped('unsupported format .toml'),
    "pdf_damaged_xref.pdf": Read(words=31),
}


UNREADABLE = sum(isinstance(e, Skipped) and not e.reason.startswith("unsupported") for e in EXPECTED.values())


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, str(BAD.relative_to(Path.cwd()))])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def at_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_every_file_of_the_torture_folder_is_listed() -> None:
    assert sorted(path.name for path in BAD.iterdir()) == sorted(EXPECTED)


def test_analyze_reads_or_skips_each_file_as_expected() -> None:
    code, out, err = invoke("analyze", "-f", "json")
    assert code == 0
    report = json.loads(out)
    read = {Path(item["path"]).name: Read(item["words"]) for item in report["documents"]}
    skipped = {Path(item["path"]).name: item["reason"] for item in report["skipped"]}
    for name, expected in EXPECTED.items():
        if isinstance(expected, Read):
            assert read.get(name) == expected, name
        else:
            assert skipped[name].startswith(expected.reason), (name, skipped[name])
    assert set(read) | set(skipped) == set(EXPECTED)
    # One line on standard error per unreadable file, naming it; nothing else.
    unreadable = [item for item in report["skipped"] if item["kind"] == "unreadable"]
    assert err.splitlines() == [
        *(f"focuscount: warning: {item['path']}: skipped: {for_terminal(item['reason'])}" for item in unreadable),
        "focuscount: warning: 2 documents are dated only by their file metadata (unreliable: template, export or "
        "conversion dates); date them in their file names or a --dates CSV, or pass --no-metadata-dates",
    ]


def test_no_control_character_and_no_secret_reaches_any_output() -> None:
    for command in (("analyze",), ("analyze", "-f", "csv"), ("explain",), ("explain", "-f", "csv"), ("terms",)):
        code, out, err = invoke(*command)
        assert code == 0, command
        for text in (out, err):
            assert not any(ord(char) < 32 and char not in "\n\t" for char in text), command
            assert "root:x:0:0" not in text  # the external entity points at /etc/passwd


def test_check_over_the_folder_is_incomplete_exit_2() -> None:
    code, out, err = invoke("check", "-f", "junit")
    assert code == 2
    from xml.etree import ElementTree

    ElementTree.fromstring(out)  # the report still parses
    assert err.splitlines()[-1] == f"Error: {UNREADABLE} file(s) could not be read; the check is incomplete"
