"""``-`` reads standard input as a text file: named <stdin>, decoded and bounded like a .txt, never cached."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from focuscount.analysis import analyze
from focuscount.cache import ResultCache
from focuscount.cli import cli
from focuscount.discovery import STDIN
from focuscount.errors import ReadError
from focuscount.limits import ReadLimits
from focuscount.readers.text import read_standard_input, standard_input_document

TRANSCRIPT = """\
Chair: Welcome. Patrons asked for longer opening hours, and library users want more computers.

Director: The library budget is tight, and staff overtime must fall.

Chair: Children and parents fill the reading room on Saturdays.
"""
DATED = "Board of Trustees - minutes of 12 March 2024\n\n" + TRANSCRIPT


def run(*args: str | Path, data: str | bytes = TRANSCRIPT) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args], input=data)
    return result.exit_code, result.stdout, result.stderr


def analyze_json(*args: str | Path, data: str | bytes = TRANSCRIPT) -> dict:
    code, out, err = run("analyze", *args, "-f", "json", data=data)
    assert code == 0, err
    return json.loads(out)


def test_a_transcript_piped_in_is_counted_as_stdin() -> None:
    data = analyze_json("-")
    (document,) = data["documents"]
    assert (document["path"], document["format"]) == ("<stdin>", "txt")
    assert (
        document["title"]
        == "Chair: Welcome. Patrons asked for longer opening hours, and library users want more computers."
    )
    assert (document["counts"]["customer"], document["counts"]["institution"], document["words"]) == (4, 3, 35)
    assert (document["date"], data["undated"]) == (None, ["<stdin>"])
    assert data["skipped"] == []


def test_the_table_names_it_stdin() -> None:
    code, out, err = run("analyze", "-")
    assert (code, err) == (0, "")
    row, undated = [line for line in out.splitlines() if "<stdin>" in line]
    assert row.split()[:6] == ["undated", "undated", "<stdin>", "35", "4", "3"]
    assert undated == "  <stdin>"  # in the list of undated documents


def test_explain_locates_hits_by_line_and_speaker() -> None:
    code, out, err = run("explain", "-", "-f", "json", "-c", "institution")
    assert (code, err) == (0, "")
    hits = [(hit["path"], hit["location"], hit["speaker"], hit["term"]) for hit in json.loads(out)["hits"]]
    assert hits == [
        ("<stdin>", "line 3", "Director", "library"),
        ("<stdin>", "line 3", "Director", "budget"),
        ("<stdin>", "line 3", "Director", "staff"),
    ]


def test_stdin_beside_files_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "2024-03-12-board-minutes.txt").write_text("Patrons came.\n", encoding="utf-8")
    data = analyze_json(tmp_path, "-", "-")  # "-" twice: read once
    assert [d["path"] for d in data["documents"]] == [str(tmp_path / "2024-03-12-board-minutes.txt"), "<stdin>"]


def test_a_date_in_its_first_lines_dates_it_as_in_a_text_file() -> None:
    (document,) = analyze_json("-", data=DATED)["documents"]
    assert (document["date"], document["date_source"]) == ("2024-03-12", "text")


def test_the_working_folder_never_dates_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "2019-06-11"
    folder.mkdir()
    monkeypatch.chdir(folder)  # a file here would be dated by its folder's name
    (document,) = analyze_json("-")["documents"]
    assert document["date"] is None


def test_a_dates_manifest_can_date_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dates.csv").write_text("path,date\n<stdin>,2024-05-14\n", encoding="utf-8")
    (document,) = analyze_json("-", "--dates", "dates.csv")["documents"]
    assert (document["date"], document["date_source"]) == ("2024-05-14", "manifest")


@pytest.mark.parametrize(("given", "shown"), [("./-", "-"), ("<stdin>", "{tmp}/<stdin>")])
def test_a_file_named_dash_or_stdin_is_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str, shown: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / given).write_text("Patrons and users.\n", encoding="utf-8")
    (tmp_path / "2024-03-12.txt").write_text("Patrons came.\n", encoding="utf-8")
    code, out, err = run("analyze", given, "2024-03-12.txt", "-f", "json", data="The budget.\n")
    assert code == 0
    # Named without an extension, the file is refused as any such file is: standard input is not read.
    assert err.startswith(
        f"focuscount: warning: {shown.format(tmp=tmp_path)}: skipped: unsupported format (no extension)"
    )
    assert [d["path"] for d in json.loads(out)["documents"]] == ["2024-03-12.txt"]


def test_it_is_decoded_as_a_text_file_is() -> None:
    data = "Café patrons, naïve users.\n".encode("utf-16")  # with its byte-order mark
    (document,) = analyze_json("-", data=data)["documents"]
    assert (document["counts"]["customer"], document["words"]) == (2, 4)
    (document,) = analyze_json("-", data="The caf\xe9 patrons.\n".encode("cp1252"))["documents"]
    assert document["title"] == "The café patrons."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "standard input is empty"),
        (
            b"\x00\x01\x02binary\x00\xff" * 20,
            "binary file, not text (it contains NUL bytes); check that it really is a text file",
        ),
        (b"patrons " * 200, "larger than 0.001 MB (raise --max-file-mb to read it)"),
    ],
)
def test_what_cannot_be_read_is_skipped_with_the_reason(data: bytes, reason: str) -> None:
    code, out, err = run("analyze", "-", "--max-file-mb", "0.001", data=data)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"focuscount: warning: <stdin>: skipped: {reason}",
        "Error: no readable document (1 unreadable); focuscount reads .doc, .docx, .htm, .html, .markdown, .md, "
        ".odp, .odt, .pdf, .ppt, .pptx, .rtf, .srt, .text, .txt, .vtt",
    ]


def test_exactly_the_limit_is_read() -> None:
    limit = ReadLimits(max_file_mb=0.001)
    data = b"patrons\n" * (limit.max_bytes // 8)
    assert len(data) == limit.max_bytes
    assert standard_input_document(read_standard_input(STDIN, limit, io.BytesIO(data)), STDIN, limit).text
    longer = read_standard_input(STDIN, limit, io.BytesIO(data + b"x" * 10_000))
    assert len(longer) == limit.max_bytes + 1  # read no further than needed to know
    with pytest.raises(ReadError, match=r"larger than 0\.001 MB"):
        standard_input_document(longer, STDIN, limit)


def test_a_failing_standard_input_is_an_error_naming_it() -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, _buffer: object) -> int:
            raise OSError(5, "Input/output error")

    with pytest.raises(ReadError) as caught:
        read_standard_input(STDIN, ReadLimits(), io.BufferedReader(Broken()))
    assert str(caught.value) == "<stdin>: cannot read standard input ([Errno 5] Input/output error)"


def test_it_is_never_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = analyze_json("-", "--cache", "--cache-dir", cache)
    second = analyze_json("-", "--cache", "--cache-dir", cache, data=DATED)
    assert (first["documents"][0]["words"], second["documents"][0]["words"]) == (35, 43)
    info = ResultCache.open(cache).info()
    assert (info.raw_documents, info.counts) == (0, 0)


def test_the_library_reads_it_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TRANSCRIPT.encode("utf-8"))))
    result = analyze(["-"])
    (counts,) = result.documents
    assert (counts.document.path, counts.counts["customer"], counts.counts["institution"]) == (STDIN, 4, 3)


@pytest.mark.slow
def test_it_is_read_here_when_files_are_counted_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Worker processes have no standard input: its bytes go to them with the task.
    monkeypatch.setattr("focuscount.executors.ADAPT_AFTER_SECONDS", 0.0)  # the pool from the first file on
    (tmp_path / "2024-03-12-board-minutes.txt").write_text("Patrons came.\n", encoding="utf-8")
    data = analyze_json(tmp_path, "-", "--jobs", "2")
    assert [(d["path"], d["counts"]["customer"]) for d in data["documents"]] == [
        (str(tmp_path / "2024-03-12-board-minutes.txt"), 1),
        ("<stdin>", 4),
    ]
