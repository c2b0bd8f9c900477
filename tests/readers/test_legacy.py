"""Word and PowerPoint 97-2003 through LibreOffice: conversion, the hint without it, failures, time and size limits,
files in folders, and the cache that spares a second conversion."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from focuscount.cli import cli
from focuscount.discovery import Candidate, Skipped, discover
from focuscount.errors import ReadError, UnsupportedFormatError
from focuscount.limits import ReadLimits
from focuscount.readers import is_supported, legacy, read_document, read_raw_document, supported_extensions

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINUTES = FIXTURES / "legacy-minutes.doc"
DECK = FIXTURES / "legacy-deck.ppt"
HINT = "install LibreOffice to read {} files (soffice not found)"

needs_soffice = pytest.mark.skipif(legacy.find_office() is None, reason="LibreOffice (soffice) is not installed")


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def no_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without LibreOffice: nothing on PATH, nowhere it is usually installed."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(legacy, "INSTALLED_PROGRAMS", ())


def fake_soffice(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ``soffice`` on PATH that runs ``script`` (sh), with ``$OUT`` the folder it was told to write to."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "soffice"
    program.write_text(
        "#!/bin/sh\n"
        'previous=""\n'
        'for arg in "$@"; do if [ "$previous" = --outdir ]; then OUT="$arg"; fi; previous="$arg"; done\n' + script,
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(legacy, "INSTALLED_PROGRAMS", ())
    return program


def counting_soffice(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real soffice behind a wrapper that writes a line to the returned file each time it is called."""
    real = legacy.find_office()
    assert real is not None
    calls = folder / "calls.txt"
    fake_soffice(folder, f'echo called >> "{calls}"\nexec "{real}" "$@"\n', monkeypatch)
    return calls


def gone(pid: int, within: float = 5.0) -> bool:
    """True when process ``pid`` ends within ``within`` seconds (a zombie left to init to reap counts as gone)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat_file:
                if stat_file.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except (ProcessLookupError, FileNotFoundError):
            return True
        time.sleep(0.05)
    return False


# ----------------------------------------------------------------- the registry


def test_doc_and_ppt_have_a_reader() -> None:
    assert is_supported(Path("minutes.DOC")) and is_supported(Path("deck.ppt"))
    assert {".doc", ".ppt"} <= set(supported_extensions())
    assert not is_supported(Path("budget.xls")) and not is_supported(Path("old.wpd"))


def test_wpd_still_gets_the_conversion_hint(tmp_path: Path) -> None:
    path = tmp_path / "old.wpd"
    path.write_bytes(b"\xffWPC")
    with pytest.raises(UnsupportedFormatError) as caught:
        read_document(path)
    assert caught.value.reason == (
        ".wpd is an old binary format; convert it first, e.g. `soffice --headless --convert-to docx old.wpd`"
    )


# ----------------------------------------------------------------- converted by LibreOffice


@needs_soffice
def test_a_doc_is_converted_and_read_as_the_docx_reader_reads_it() -> None:
    document = read_raw_document(MINUTES)
    assert document.path == MINUTES
    assert document.format == "docx"  # the reader that read it
    assert document.title == "Board minutes, March 2011"
    assert [(str(s.location), s.text) for s in document.segments] == [
        ("header", "Millbrook Public Library – Board of Trustees"),
        ("paragraph 1", "Minutes of the regular meeting, 9 March 2011"),
        ("paragraph 2", "Present: five trustees, the Director and the Head of Branches."),
        ("paragraph 3", "1. Services for patrons"),
        (
            "paragraph 4",
            "Patrons asked for longer opening hours on Saturdays. Children and their parents fill the reading "
            "room after school, and library users want more computers.",
        ),
        ("paragraph 5", "2. Budget and buildings"),
        (
            "paragraph 6",
            "The library budget for the next year was approved. Staff costs rose, and the roof of the branch "
            "needs repair before winter.",
        ),
        ("table 1", "Action\tOwner\nSaturday hours\tDirector\nRoof\tFacilities"),
        ("paragraph 7", "The meeting closed at 8.40 pm."),
        ("footer", "Approved minutes"),
    ]
    assert [s.heading for s in document.segments if s.heading] == [True, True, True]


@needs_soffice
def test_a_ppt_gives_the_slides_and_notes_of_the_deck_it_was_saved_from() -> None:
    converted = read_raw_document(DECK)
    original = read_raw_document(FIXTURES / "deck.pptx")
    assert converted.format == "pptx"
    assert converted.path == DECK
    assert converted.title == original.title == "Library Services Review"
    assert [(str(s.location), s.text) for s in converted.segments] == [
        (str(s.location), s.text) for s in original.segments
    ]
    assert [str(s.location) for s in converted.segments] == ["slide 1", "slide 2", "slide 2 (notes)", "slide 3"]


@needs_soffice
def test_analyze_counts_a_folder_of_old_minutes_exactly(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(MINUTES, archive / "2011-03-09-board-minutes.doc")
    shutil.copy(DECK, archive / "2011-04-strategy.ppt")
    (archive / "budget.xls").write_bytes(b"\xd0\xcf\x11\xe0 a workbook")
    code, out, err = run("analyze", archive, "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    rows = [
        (Path(d["path"]).name, d["format"], d["date"], d["counts"]["customer"], d["counts"]["institution"], d["words"])
        for d in data["documents"]
    ]
    assert rows == [
        ("2011-03-09-board-minutes.doc", "docx", "2011-03-09", 5, 8, 85),
        ("2011-04-strategy.ppt", "pptx", "2011-04-01", 4, 5, 30),
    ]
    assert data["skipped"] == [
        {"path": str(archive / "budget.xls"), "reason": "unsupported format .xls", "kind": "unsupported"}
    ]


@needs_soffice
def test_explain_points_at_the_paragraph_and_table_of_the_doc(tmp_path: Path) -> None:
    code, out, err = run("explain", MINUTES, "-f", "json", "-c", "institution")
    assert (code, err) == (0, "")
    hits = [(hit["location"], hit["term"]) for hit in json.loads(out)["hits"]]
    assert hits == [
        ("paragraph 5", "budget"),
        ("paragraph 5", "buildings"),
        ("paragraph 6", "library"),
        ("paragraph 6", "budget"),
        ("paragraph 6", "staff"),
        ("paragraph 6", "costs"),
        ("paragraph 6", "branch"),
        ("table 1", "facility"),
    ]


@needs_soffice
def test_no_process_and_no_temporary_folder_is_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    read_raw_document(MINUTES)
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------- without LibreOffice


@pytest.mark.usefixtures("no_office")
def test_without_libreoffice_each_file_is_skipped_with_the_hint() -> None:
    for path, suffix in ((MINUTES, ".doc"), (DECK, ".ppt")):
        with pytest.raises(UnsupportedFormatError) as caught:
            read_document(path)
        assert str(caught.value) == f"{path}: {HINT.format(suffix)}"


@pytest.mark.usefixtures("no_office")
def test_without_libreoffice_old_files_in_a_folder_are_named_with_the_hint(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2024-03-12-board-minutes.txt").write_text("Patrons asked for longer hours.\n", encoding="utf-8")
    shutil.copy(MINUTES, folder / "2011-03-09-board-minutes.doc")
    shutil.copy(DECK, folder / "2011-04-strategy.ppt")
    (folder / "budget.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "letter.wpd").write_bytes(b"\xffWPC")
    code, out, err = run("analyze", folder)
    assert code == 0
    assert err.splitlines() == [
        f"focuscount: warning: {folder / '2011-03-09-board-minutes.doc'}: skipped: {HINT.format('.doc')}",
        f"focuscount: warning: {folder / '2011-04-strategy.ppt'}: skipped: {HINT.format('.ppt')}",
    ]
    lines = out.splitlines()
    listed = lines.index("Unreadable, not counted:")
    assert lines[listed + 1 : listed + 3] == [
        f"  {folder / '2011-03-09-board-minutes.doc'}: {HINT.format('.doc')}",
        f"  {folder / '2011-04-strategy.ppt'}: {HINT.format('.ppt')}",
    ]
    assert " · 1 document read · 4 skipped (2 unreadable, 2 of other types) · " in lines[-1]


@pytest.mark.usefixtures("no_office")
def test_a_docx_or_rtf_saved_as_doc_needs_no_libreoffice(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "same_text.docx", tmp_path / "same.doc")
    shutil.copy(FIXTURES / "same_text.pptx", tmp_path / "same.ppt")
    shutil.copy(FIXTURES / "same_text.rtf", tmp_path / "wordpad.doc")
    words = ["Minutes", "of", "the", "library", "board", "meeting.", "Customers", "and", "patrons", "praised"]
    for name, format_name in (("same.doc", "docx"), ("same.ppt", "pptx"), ("wordpad.doc", "rtf")):
        document = read_document(tmp_path / name)
        assert (document.format, document.path) == (format_name, tmp_path / name)
        assert document.text.split()[: len(words)] == words


def test_bytes_that_are_no_old_office_file_are_refused_before_any_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = tmp_path / "calls.txt"
    fake_soffice(tmp_path / "bin", f'echo called >> "{calls}"\n', monkeypatch)
    path = tmp_path / "notes.doc"
    path.write_bytes(bytes((i * 73 + 41) % 256 for i in range(512)))  # LibreOffice would import this as text
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert caught.value.reason == "not a Word 97-2003 file (it does not start like one); check that it really is a .doc"
    deck = tmp_path / "deck.ppt"
    deck.write_text("Slides, typed as text.", encoding="utf-8")
    with pytest.raises(ReadError, match=r"^.*deck\.ppt: not a PowerPoint 97-2003 file \(it does not start like one\)"):
        read_document(deck)
    assert not calls.exists()


# ----------------------------------------------------------------- failures, time and size limits


@needs_soffice
def test_a_file_libreoffice_cannot_open_is_skipped_with_its_reason(tmp_path: Path) -> None:
    garbage = FIXTURES / "legacy.doc"  # an OLE signature and zeros: no Word document inside
    with pytest.raises(ReadError) as caught:
        read_document(garbage)
    assert str(caught.value) == f"{garbage}: LibreOffice could not convert it (source file could not be loaded)"
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(garbage, folder / "2010-01-12-board-minutes.doc")
    shutil.copy(MINUTES, folder / "2011-03-09-board-minutes.doc")
    code, out, err = run("analyze", folder, "-f", "json")
    assert code == 0
    assert err == (
        f"focuscount: warning: {folder / '2010-01-12-board-minutes.doc'}: skipped: "
        "LibreOffice could not convert it (source file could not be loaded)\n"
    )
    assert [Path(d["path"]).name for d in json.loads(out)["documents"]] == ["2011-03-09-board-minutes.doc"]


def test_a_conversion_that_writes_nothing_says_what_libreoffice_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(
        tmp_path / "bin", "echo 'Warning: failed to launch javaldx'\necho 'Error: General I/O error'\n", monkeypatch
    )
    with pytest.raises(ReadError) as caught:
        read_document(MINUTES)
    assert caught.value.reason == "LibreOffice could not convert it (General I/O error)"
    fake_soffice(tmp_path / "bin", "exit 3\n", monkeypatch)
    with pytest.raises(ReadError) as caught:
        read_document(MINUTES)
    assert caught.value.reason == "LibreOffice could not convert it (it wrote nothing and exited with status 3)"


def test_a_conversion_past_the_time_limit_is_stopped_with_what_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids.txt"
    # Like LibreOffice's launcher: a child does the work, the launcher waits for it.
    fake_soffice(tmp_path / "bin", f'sleep 30 &\necho $$ $! > "{pids}"\nwait\n', monkeypatch)
    monkeypatch.setattr(legacy, "CONVERSION_SECONDS", 2.0)
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_document(MINUTES)
    assert time.monotonic() - started < 8
    assert caught.value.reason == "LibreOffice took longer than 2 s to convert it"
    launcher, child = (int(pid) for pid in pids.read_text(encoding="ascii").split())
    assert gone(launcher) and gone(child)


def test_a_conversion_that_writes_past_the_size_limit_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path / "bin", 'head -c 3000000 /dev/zero > "$OUT/document.docx"\nsleep 30\n', monkeypatch)
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_raw_document(MINUTES, ReadLimits(max_file_mb=1))
    assert time.monotonic() - started < 10
    assert caught.value.reason == "expands to more than 1 MB (a decompression bomb?)"


def test_a_doc_over_the_size_limit_is_never_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = tmp_path / "calls.txt"
    fake_soffice(tmp_path / "bin", f'echo called >> "{calls}"\n', monkeypatch)
    with pytest.raises(ReadError) as caught:
        read_raw_document(MINUTES, ReadLimits(max_file_mb=0.01))
    assert caught.value.reason == "larger than 0.01 MB (raise --max-file-mb to read it)"
    assert not calls.exists()


def test_a_converted_file_that_is_no_docx_is_a_bad_file_of_the_doc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path / "bin", 'echo "not a zip" > "$OUT/document.docx"\n', monkeypatch)
    with pytest.raises(ReadError) as caught:
        read_document(MINUTES)
    assert caught.value.path == MINUTES
    assert caught.value.reason == (
        "the .docx LibreOffice converted it to cannot be read: not a valid .docx file (not a zip archive); "
        "open and re-save it in Word"
    )


# ----------------------------------------------------------------- the cache


@needs_soffice
def test_a_second_run_with_the_cache_does_not_convert_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_soffice(tmp_path / "bin", monkeypatch)
    cache = tmp_path / "cache"
    first = run("analyze", MINUTES, DECK, "--cache", "--cache-dir", cache, "-f", "json")
    assert first[0] == 0, first[2]
    assert calls.read_text(encoding="utf-8").count("called") == 2
    second = run("explain", MINUTES, DECK, "--cache", "--cache-dir", cache, "-f", "json")
    assert second[0] == 0, second[2]
    assert calls.read_text(encoding="utf-8").count("called") == 2  # read from the cache: no conversion
    assert len(json.loads(second[1])["hits"]) == 13 + 9
    renamed = tmp_path / "2011-03-09-minutes.doc"
    shutil.copy(MINUTES, renamed)  # the same bytes under another name: the same reading
    third = run("analyze", renamed, "--cache", "--cache-dir", cache, "-f", "json")
    assert json.loads(third[1])["documents"][0]["date"] == "2011-03-09"
    assert calls.read_text(encoding="utf-8").count("called") == 2


def test_discovery_lists_old_office_files_in_folders_as_files_to_read(tmp_path: Path) -> None:
    for name in ("a.doc", "b.PPT", "c.xls", "d.wpd"):
        (tmp_path / name).write_bytes(b"x")
    assert list(discover([tmp_path])) == [
        Candidate(tmp_path / "a.doc"),
        Candidate(tmp_path / "b.PPT"),
        Skipped(tmp_path / "c.xls", "unsupported format .xls", "unsupported"),
        Skipped(tmp_path / "d.wpd", "unsupported format .wpd", "unsupported"),
    ]
