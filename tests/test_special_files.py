"""What gets read at all: pipes, sockets, devices, link loops, links outside, empty, oversized and binary files.

Each hostile file sits in a batch next to a good document: the batch must go on,
the good document must be counted, and the hostile one must be named in exactly
one warning line.  Cases that used to hang or fill memory run the CLI in a child
process with a timeout, so a regression fails instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from focuscount.cli import cli

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
GOOD_TEXT = "Patrons asked the library for longer hours.\n"  # 7 words: one customer hit, one institution hit
# The default lexicon's report-only categories, counted in every summary: none in these texts.
NO_REPORT_ONLY = {"community": 0, "partners": 0}
TIMEOUT_SECONDS = 30
FORMATS = ("txt", "md", "pdf", "docx", "pptx", "html", "odt", "odp", "rtf", "vtt", "srt")
NEEDS_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


def random_text_bytes() -> bytes:
    """The bytes of fixtures/bad/input_random_bytes.txt: 4 KB of seeded random bytes with the NULs removed."""
    return random.Random("focuscount issue 8: random bytes").randbytes(4096).replace(b"\x00", b"")


def warning(path: Path, reason: str) -> str:
    return f"focuscount: warning: {path}: skipped: {reason}\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding one good document, good.txt."""
    path = tmp_path / "minutes"
    path.mkdir()
    (path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    return path


def run_process(*args: str | Path) -> tuple[int, str, str]:
    """``focuscount ARGS`` in a child process that must finish within the timeout (for what once hung)."""
    result = subprocess.run(
        [sys.executable, "-m", "focuscount", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_SECONDS,
    )
    return result.returncode, result.stdout, result.stderr


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def read_paths(stdout: str) -> list[str]:
    """The paths of the documents an ``analyze -f json`` report counted."""
    return [document["path"] for document in json.loads(stdout)["documents"]]


def assert_batch_goes_on(result: tuple[int, str, str], good: Path, *warnings: str) -> None:
    code, out, err = result
    assert err == "".join(warnings)
    assert code == 0
    assert read_paths(out) == [str(good)]
    summary = json.loads(out)["summary"]
    assert (summary["words"], summary["counts"]) == (7, {"customer": 1, "institution": 1, **NO_REPORT_ONLY})
    assert summary["unreadable"] == len(warnings)


# ----------------------------------------------------------------- pipes, sockets, devices


@NEEDS_FIFO
def test_a_named_pipe_in_a_folder_is_skipped_not_waited_for(folder: Path) -> None:
    os.mkfifo(folder / "x.txt")
    result = run_process("analyze", folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(folder / "x.txt", "a named pipe, not a file"))


@NEEDS_FIFO
def test_a_named_pipe_given_by_name_is_skipped_not_waited_for(folder: Path) -> None:
    pipe = folder / "x.txt"
    os.mkfifo(pipe)
    result = run_process("analyze", pipe, folder / "good.txt", "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(pipe, "a named pipe, not a file"))


@NEEDS_FIFO
def test_a_named_pipe_given_to_dates_exits_2_promptly(folder: Path) -> None:
    pipe = folder.parent / "dates.csv"
    os.mkfifo(pipe)
    started = time.monotonic()
    code, out, err = run_process("analyze", folder, "--dates", pipe)
    assert time.monotonic() - started < TIMEOUT_SECONDS
    assert code == 2
    assert out == ""
    assert err == f"Error: {pipe}: a named pipe, not a file\n"


def test_a_socket_is_skipped(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)  # a socket path must be short: bind it by its relative name
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("talk.txt")
        result = run_cli("analyze", folder, "-f", "json")
    finally:
        server.close()
    assert_batch_goes_on(result, folder / "good.txt", warning(folder / "talk.txt", "a socket, not a file"))


@pytest.mark.parametrize(("name", "device"), [("zero.txt", "/dev/zero"), ("null.md", "/dev/null")])
def test_a_link_to_a_device_in_a_folder_is_never_read(folder: Path, name: str, device: str) -> None:
    (folder / name).symlink_to(device)
    result = run_process("analyze", folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(folder / name, "a character device, not a file"))


def test_a_link_to_dev_zero_given_by_name_is_never_read(folder: Path) -> None:
    link = folder.parent / "zero.txt"
    link.symlink_to("/dev/zero")
    result = run_process("analyze", link, folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(link, "a character device, not a file"))


def test_a_socket_or_a_folder_read_directly_is_named(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from focuscount.errors import ReadError
    from focuscount.readers import read_document

    monkeypatch.chdir(folder)
    (folder / "notes.txt").mkdir()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("talk.txt")
        for name, reason in (("talk.txt", "a socket, not a file"), ("notes.txt", "a directory, not a file")):
            with pytest.raises(ReadError) as caught:
                read_document(folder / name)
            assert str(caught.value) == f"{folder / name}: {reason}"
    finally:
        server.close()


def test_a_folder_named_like_a_document_is_walked(folder: Path) -> None:
    inner = folder / "notes.txt"
    inner.mkdir()
    (inner / "more.txt").write_text("Customers came.\n", encoding="utf-8")
    for given in (folder, inner):
        code, out, err = run_cli("analyze", given, "-f", "json")
        assert (code, err) == (0, "")
        expected = [inner / "more.txt", folder / "good.txt"] if given == folder else [inner / "more.txt"]
        assert sorted(read_paths(out)) == sorted(map(str, expected))


# ----------------------------------------------------------------- link loops and broken links


@pytest.mark.parametrize("where", ["folder", "command line"])
def test_a_symbolic_link_loop_is_one_skipped_file(folder: Path, where: str) -> None:
    loop = folder / "loop.txt"
    loop.symlink_to("loop.txt")
    given = (folder,) if where == "folder" else (loop, folder / "good.txt")
    result = run_cli("analyze", *given, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(loop, "symbolic link loop"))


def test_a_loop_of_two_links_is_two_skipped_files(folder: Path) -> None:
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    result = run_cli("analyze", folder, "-f", "json")
    assert_batch_goes_on(
        result,
        folder / "good.txt",
        warning(folder / "a.md", "symbolic link loop"),
        warning(folder / "b.md", "symbolic link loop"),
    )


def test_a_broken_link_in_a_folder_is_one_skipped_file(folder: Path) -> None:
    link = folder / "gone.txt"
    link.symlink_to("deleted-minutes.txt")
    result = run_cli("analyze", folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(link, "broken link (its target does not exist)"))


def test_a_broken_link_given_by_name_is_a_missing_path(folder: Path) -> None:
    link = folder / "gone.txt"
    link.symlink_to("deleted-minutes.txt")
    code, out, err = run_cli("analyze", link, folder / "good.txt", "-f", "json")
    assert code == 2  # the path given names nothing: the user's mistake, as a missing path is
    assert err == f"focuscount: error: {link}: broken link (its target does not exist)\n"
    assert read_paths(out) == [str(folder / "good.txt")]  # the rest is read and reported


def test_check_exits_2_when_a_file_is_a_loop(folder: Path) -> None:
    (folder / "loop.txt").symlink_to("loop.txt")
    code, out, err = run_cli("check", folder, "--min-ratio", "0.1")
    assert code == 2
    assert out.splitlines()[-1].startswith("focuscount check incomplete: 0 errors, 0 warnings, 1 file unreadable")
    assert err == (
        warning(folder / "loop.txt", "symbolic link loop")
        + "Error: 1 file(s) could not be read; the check is incomplete\n"
    )


# ----------------------------------------------------------------- links leading outside


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the folder, full of words that must never show up unless links are followed."""
    path = tmp_path / "private" / "secrets.txt"
    path.parent.mkdir()
    path.write_text("Zanzibarite quuxification customers.\n", encoding="utf-8")
    return path


def test_a_link_leading_outside_the_folder_is_skipped_and_not_echoed(folder: Path, outside: Path) -> None:
    (folder / "notes.txt").symlink_to(outside)
    reason = f"link to a file outside the folders given ({outside}); use --follow-links to read it"
    result = run_cli("analyze", folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(folder / "notes.txt", reason))
    code, out, err = run_cli("terms", folder, "--unmatched", "-f", "json")
    assert (code, err) == (0, warning(folder / "notes.txt", reason))
    assert "hours" in out  # the good file's unmatched words are listed …
    assert "zanzibarite" not in out.lower()  # … the outside file's are not


def test_a_link_to_an_unprintable_target_does_not_echo_it(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "\x1b[31mred.txt"
    target.write_text("Customers.\n", encoding="utf-8")
    (folder / "notes.txt").symlink_to(target)
    reason = "a link leading outside the folders given; use --follow-links to read it"
    result = run_cli("analyze", folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(folder / "notes.txt", reason))


@pytest.mark.parametrize(
    ("flag", "env", "settings"),
    [
        ("--follow-links", {}, None),
        (None, {"FOCUSCOUNT_FOLLOW_LINKS": "1"}, None),
        (None, {}, "follow_links = true\n"),
    ],
    ids=["flag", "environment", "settings file"],
)
def test_follow_links_reads_a_link_leading_outside(
    folder: Path,
    outside: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    flag: str | None,
    env: dict[str, str],
    settings: str | None,
) -> None:
    (folder / "notes.txt").symlink_to(outside)
    if settings is not None:
        (tmp_path / "focuscount.toml").write_text(settings, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the settings file is found from the working folder up
    code, out, err = run_cli("analyze", folder, "-f", "json", *([flag] if flag else []), env=env)
    assert (code, err) == (0, "")
    assert read_paths(out) == [str(folder / "good.txt"), str(folder / "notes.txt")]
    assert json.loads(out)["summary"]["counts"] == {"customer": 2, "institution": 1, **NO_REPORT_ONLY}


def test_no_follow_links_wins_over_the_environment(folder: Path, outside: Path) -> None:
    (folder / "notes.txt").symlink_to(outside)
    code, _, err = run_cli("analyze", folder, "--no-follow-links", "-f", "json", env={"FOCUSCOUNT_FOLLOW_LINKS": "1"})
    assert code == 0
    assert err.endswith("use --follow-links to read it\n")


def test_a_link_named_on_the_command_line_is_read_wherever_it_leads(folder: Path, outside: Path) -> None:
    link = folder.parent / "shortcut.txt"
    link.symlink_to(outside)
    code, out, err = run_cli("analyze", link, "-f", "json")
    assert (code, err, read_paths(out)) == (0, "", [str(link)])


def test_a_link_to_a_file_inside_the_folder_is_read_once(folder: Path) -> None:
    (folder / "latest.txt").symlink_to(folder / "good.txt")
    code, out, err = run_cli("analyze", folder, "-f", "json")
    assert (code, err, read_paths(out)) == (0, "", [str(folder / "good.txt")])


# ----------------------------------------------------------------- size, permissions, empty and binary files


def test_a_file_over_max_file_mb_is_skipped(folder: Path) -> None:
    big = folder / "big.txt"
    big.write_text("Patrons. " * 200, encoding="utf-8")  # 1,800 bytes; the bound is 1,048 bytes
    result = run_cli("analyze", folder, "--max-file-mb", "0.001", "-f", "json")
    assert_batch_goes_on(
        result, folder / "good.txt", warning(big, "larger than 0.001 MB (raise --max-file-mb to read it)")
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_a_file_without_read_permission_is_skipped(folder: Path) -> None:
    locked = folder / "locked.txt"
    locked.write_text("Patrons.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        result = run_cli("analyze", folder, "-f", "json")
    finally:
        locked.chmod(0o644)
    assert_batch_goes_on(
        result, folder / "good.txt", warning(locked, "permission denied; check the file's permissions")
    )


def test_the_random_bytes_fixture_is_the_seeded_one() -> None:
    assert (BAD / "input_random_bytes.txt").read_bytes() == random_text_bytes()


def test_random_bytes_with_a_text_extension_are_not_counted_as_words(folder: Path) -> None:
    fixture = BAD / "input_random_bytes.txt"
    reason = "not text (23% control or unreadable characters); check that it really is a text file"
    result = run_cli("analyze", fixture, folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(fixture, reason))


@pytest.mark.parametrize("suffix", ["md", "html", "vtt", "srt"])
def test_random_bytes_are_not_text_in_every_text_format(folder: Path, suffix: str) -> None:
    noise = folder / f"noise.{suffix}"
    noise.write_bytes(random_text_bytes())
    reason = "not text (23% control or unreadable characters); check that it really is a text file"
    result = run_cli("analyze", folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", warning(noise, reason))


def test_a_zero_byte_file_is_skipped_alike_in_every_format(folder: Path) -> None:
    empties = [BAD / f"input_empty.{suffix}" for suffix in FORMATS]
    assert all(path.stat().st_size == 0 for path in empties)
    result = run_cli("analyze", *empties, folder, "-f", "json")
    assert_batch_goes_on(result, folder / "good.txt", *(warning(path, "empty file (0 bytes)") for path in empties))


def test_check_exits_2_on_a_zero_byte_file(folder: Path) -> None:
    empty = BAD / "input_empty.docx"
    code, _, err = run_cli("check", empty, folder, "--min-ratio", "0.1")
    assert code == 2
    assert err.startswith(warning(empty, "empty file (0 bytes)"))


# ----------------------------------------------------------------- the progress bar's pre-count


@NEEDS_FIFO
def test_the_progress_pre_count_passes_pipes_and_loops_without_waiting(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from focuscount import cli as cli_module

    class Terminal:
        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "up").symlink_to("..")
    monkeypatch.setattr(cli_module.sys, "stderr", Terminal())
    assert cli_module.progress_for((folder,), ()).total == 3
    assert cli_module.progress_for((folder,), (), follow_links=True).total == 3


# ----------------------------------------------------------------- many small files


@pytest.mark.slow
def test_ten_thousand_small_files_are_analysed_in_seconds(tmp_path: Path) -> None:
    from focuscount.analysis import analyze

    for number in range(10_000):
        sub = tmp_path / f"meeting-{number % 20:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"2024-03-{number % 28 + 1:02d}-note-{number:05d}.txt").write_text(GOOD_TEXT, encoding="utf-8")
    started = time.monotonic()
    analysis = analyze([tmp_path])
    elapsed = time.monotonic() - started
    assert len(analysis.documents) == 10_000
    assert analysis.counts == {"customer": 10_000, "institution": 10_000, **NO_REPORT_ONLY}
    assert analysis.skipped == ()
    assert elapsed < 30, f"10,000 small files took {elapsed:.1f} s"
