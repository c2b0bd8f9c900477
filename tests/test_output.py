"""Output writing: files replaced atomically, links followed, devices and pipes written directly, any name written.

The device tests run as root (this suite's CI does): they make their own device nodes
in tmp_path with mknod, so a writer that replaced them would break nothing outside
the test; only the /dev/null test touches a real device, as the issue reported it.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ISSUE_LEXICON

from focuscount.cli import cli
from focuscount.errors import ConfigError
from focuscount.output import append_text, encode_text, write_atomic, write_atomic_with

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (mknod, chown)")
LATIN1_NAME = os.fsdecode(b"r\xe9union.txt")  # 'r\udce9union.txt': how Python holds a Latin-1 file name
LATIN1_SHOWN = "r\\xe9union.txt"
LATIN1_IN_MARKDOWN = "r\\\\xe9union.txt"  # Markdown escapes the backslash itself


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two dated minutes, one with a Latin-1 file name (as old archives have), and the issue's lexicon."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2024-01-16-board.txt").write_text("The library reviewed its procedures.\n", encoding="utf-8")
    (folder / LATIN1_NAME).write_bytes(
        b"Board meeting 2024-03-12\nPatrons and customers came first. The library listened to caf\xe9 users.\n"
    )
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    return tmp_path


def analyze(corpus: Path, *extra: str | Path) -> tuple[int, str, str]:
    return run("analyze", corpus / "minutes", "-l", corpus / "lexicon.toml", *extra)


# Regular files and new paths: atomic, as before.


def test_a_new_file_gets_the_text_and_a_plain_files_mode(tmp_path: Path, umask: None) -> None:
    write_atomic(tmp_path / "report.json", "{}\n")
    assert (tmp_path / "report.json").read_bytes() == b"{}\n"
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
    assert names(tmp_path) == ["report.json"]


def test_a_regular_file_is_replaced_only_once_the_write_is_done(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("last month\n", encoding="utf-8")
    target.chmod(0o640)
    before = target.stat().st_ino
    seen_during_write: list[bytes] = []

    def write(stream) -> None:
        stream.write(b"this month\n")
        seen_during_write.append(target.read_bytes())

    write_atomic_with(target, write)
    assert seen_during_write == [b"last month\n"]
    assert target.read_bytes() == b"this month\n"
    assert target.stat().st_ino != before  # a new file renamed over the old one
    assert target.stat().st_mode & 0o777 == 0o640
    assert names(tmp_path) == ["report.json"]


@pytest.mark.parametrize("stop", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_or_interrupted_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, stop: BaseException
) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b'{"summary": "last month"}\n')

    def write(stream) -> None:
        stream.write(b'{"summ')
        raise stop

    expected = ConfigError if isinstance(stop, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        write_atomic_with(target, write)
    assert target.read_bytes() == b'{"summary": "last month"}\n'
    assert names(tmp_path) == ["report.json"]


def test_a_failure_names_the_path_and_what_was_written(tmp_path: Path) -> None:
    def write(stream) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ConfigError) as caught:
        write_atomic_with(tmp_path / "chart.png", write, "chart")
    assert str(caught.value) == f"{tmp_path}/chart.png: cannot write chart: No space left on device"


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        write_atomic(tmp_path / "missing" / "report.json", "{}")
    assert caught.value.message == f"cannot write output: folder {tmp_path}/missing does not exist; create it first"


def test_a_file_where_a_folder_should_be_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        write_atomic(tmp_path / "notes.txt" / "report.json", "{}")
    assert caught.value.message == "cannot write output: a part of the path is a file, not a folder"


def test_a_name_of_255_bytes_still_gets_its_temporary_file(tmp_path: Path) -> None:
    name = "é" * 125 + ".json"  # 255 bytes in UTF-8: the longest name a folder may hold
    assert len(name.encode("utf-8")) == 255
    write_atomic(tmp_path / name, "{}\n")
    assert names(tmp_path) == [name]


@as_root
def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")
    os.chown(target, 1234, 5678)
    write_atomic(target, "new\n")
    assert (target.stat().st_uid, target.stat().st_gid) == (1234, 5678)


# Links: followed, kept.


def test_a_link_is_followed_and_kept(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "site").mkdir()
    real = tmp_path / "shared" / "report.json"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "site" / "middle.json").symlink_to(real)
    link = tmp_path / "site" / "latest.json"
    link.symlink_to("middle.json")  # a chain, relative, into another folder

    write_atomic(link, "new\n")
    assert os.readlink(link) == "middle.json"
    assert os.readlink(tmp_path / "site" / "middle.json") == str(real)
    assert real.read_text(encoding="utf-8") == "new\n"
    assert names(tmp_path / "shared") == ["report.json"]
    assert names(tmp_path / "site") == ["latest.json", "middle.json"]


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "latest.json"
    link.symlink_to("2024-03.json")
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert (tmp_path / "2024-03.json").read_text(encoding="utf-8") == "new\n"


def test_a_dangling_link_into_a_missing_folder_is_refused_and_kept(tmp_path: Path) -> None:
    link = tmp_path / "latest.json"
    link.symlink_to(tmp_path / "gone" / "report.json")
    with pytest.raises(ConfigError) as caught:
        write_atomic(link, "new\n")
    assert str(caught.value) == f"{link}: cannot write output: folder {tmp_path}/gone does not exist; create it first"
    assert link.is_symlink()
    assert names(tmp_path) == ["latest.json"]


def test_a_link_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    with pytest.raises(ConfigError) as caught:
        write_atomic(tmp_path / "a.json", "{}")
    assert caught.value.message == "cannot write output: symbolic link loop; fix or remove the link"
    assert names(tmp_path) == ["a.json", "b.json"]
    assert os.readlink(tmp_path / "a.json") == "b.json"


# Devices, pipes, sockets, folders: never replaced.


@as_root
def test_dev_null_stays_a_character_device(corpus: Path) -> None:
    code, out, err = analyze(corpus, "-f", "json", "-o", "/dev/null")
    assert (code, out, err) == (0, "", "focuscount: wrote /dev/null\n")
    info = os.stat("/dev/null")
    assert stat.S_ISCHR(info.st_mode)
    assert (os.major(info.st_rdev), os.minor(info.st_rdev)) == (1, 3)


@as_root
def test_a_device_node_is_written_to_not_replaced(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    inode = device.stat().st_ino
    write_atomic(device, "{}\n")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert device.stat().st_ino == inode
    assert names(tmp_path) == ["null"]


@as_root
def test_a_full_device_fails_with_its_error_and_stays(tmp_path: Path) -> None:
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full: every write is ENOSPC
    with pytest.raises(ConfigError) as caught:
        write_atomic(device, "{}\n")
    assert str(caught.value) == f"{device}: cannot write output: No space left on device"
    assert stat.S_ISCHR(device.stat().st_mode)
    assert names(tmp_path) == ["full"]


@as_root
def test_a_block_device_is_refused(tmp_path: Path) -> None:
    device = tmp_path / "disk"
    os.mknod(device, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    with pytest.raises(ConfigError) as caught:
        write_atomic(device, "{}\n")
    assert caught.value.message == (
        "cannot write output: a block device, not a file; name a regular file, a device or a pipe"
    )
    assert stat.S_ISBLK(device.stat().st_mode)


def test_a_named_pipe_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, '{"ratio": 0.5}\n')
    reader.join(timeout=30)
    assert received == [b'{"ratio": 0.5}\n']
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert names(tmp_path) == ["report.fifo"]


def test_a_pipe_gets_nothing_from_a_failed_render(tmp_path: Path) -> None:
    fifo = tmp_path / "chart.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:

        def write(stream) -> None:
            stream.write(b"\x89PNG half a chart")
            raise OSError(28, "No space left on device")

        with pytest.raises(ConfigError, match="No space left on device"):
            write_atomic_with(fifo, write, "chart")
        assert os.read(reader, 100) == b""  # no writer ever opened it: not half a chart
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_pdf_chart_goes_into_a_pipe(corpus: Path, tmp_path: Path) -> None:
    # matplotlib's PDF writer asks its stream for the position, which a pipe cannot tell.
    chart = ("chart", corpus / "minutes", "-l", corpus / "lexicon.toml", "-o")
    assert run(*chart, tmp_path / "plain.pdf")[0] == 0
    fifo = tmp_path / "chart.pdf"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(*chart, fifo)
    reader.join(timeout=60)
    assert (code, err) == (0, f"focuscount: wrote {fifo}\n")
    assert received == [(tmp_path / "plain.pdf").read_bytes()]


def test_a_socket_is_refused_and_stays(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(ConfigError) as caught:
            write_atomic(path, "{}")
        assert caught.value.message == (
            "cannot write output: a socket, not a file; name a regular file, a device or a pipe"
        )
        assert stat.S_ISSOCK(path.stat().st_mode)
    finally:
        server.close()


def test_a_directory_or_a_link_to_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "latest").symlink_to("reports")
    for given in (tmp_path / "reports", tmp_path / "latest"):
        with pytest.raises(ConfigError) as caught:
            write_atomic(given, "{}")
        assert str(caught.value) == f"{given}: cannot write output: a directory, not a file; name a file inside it"
    assert names(tmp_path / "reports") == []
    assert (tmp_path / "latest").is_symlink()


def test_an_open_descriptor_is_written_where_it_stands(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    for name in ("/dev/fd/{}", "/proc/self/fd/{}"):
        target.write_bytes(b"header\n")
        with open(target, "ab") as stream:
            write_atomic(name.format(stream.fileno()), "row\n")
        assert target.read_bytes() == b"header\nrow\n", name  # appended, not reopened at 0 nor replaced


def test_dev_stdout_writes_into_what_the_shell_opened(corpus: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(b"# appended below\n")
    lexicon = corpus / "lexicon.toml"
    command = [sys.executable, "-m", "focuscount", "analyze", corpus / "minutes", "-l", lexicon, "-f", "csv"]
    with open(log, "ab") as stdout:
        done = subprocess.run([*command, "-o", "/dev/stdout"], stdout=stdout, stderr=subprocess.PIPE, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, b"focuscount: wrote /dev/stdout\n")
    plain = subprocess.run(command, capture_output=True, cwd=tmp_path, check=True).stdout
    assert log.read_bytes() == b"# appended below\n" + plain
    assert stat.S_ISREG(log.stat().st_mode)


# Standard output as "-".


def test_dash_is_standard_output(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    plain = analyze(corpus, "-f", "csv")
    assert plain[0] == 0
    assert analyze(corpus, "-f", "csv", "-o", "-") == plain
    report = run("report", corpus / "minutes", "-l", corpus / "lexicon.toml", "-o", "-")
    assert (report[0], report[2]) == (0, "")
    assert report[1].startswith("<!DOCTYPE html>")
    assert not (corpus / "-").exists()


def test_a_file_named_dash_is_written_as_dot_slash_dash(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    code, out, err = analyze(corpus, "-f", "csv", "-o", "./-")
    assert (code, out, err) == (0, "", "focuscount: wrote -\n")
    assert (corpus / "-").read_text(encoding="utf-8").startswith("row,label,path")


def test_a_chart_cannot_go_to_standard_output(corpus: Path) -> None:
    code, out, err = run("chart", corpus / "minutes", "-o", "-")
    assert (code, out) == (2, "")
    assert err == (
        "Error: -o -: a chart cannot go to standard output (its format comes from the file name); "
        "give FILE.png, FILE.svg or FILE.pdf (or a folder, with --kind all)\n"
    )


# Names that are not UTF-8.


def test_text_utf8_cannot_hold_is_escaped_not_an_error(tmp_path: Path) -> None:
    write_atomic(tmp_path / "out.txt", f"{LATIN1_NAME} \ud800\n")
    assert (tmp_path / "out.txt").read_bytes() == b"r\\udce9union.txt \\ud800\n"
    assert encode_text("caf\udce9", "ascii") == b"caf\\udce9"
    assert json.loads(encode_text(json.dumps({"path": LATIN1_NAME}, ensure_ascii=False))) == {"path": LATIN1_NAME}


def test_an_output_name_that_is_not_utf8_is_created_byte_for_byte(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / os.fsdecode(b"r\xe9sum\xe9.json")
    code, out, err = analyze(corpus, "-f", "json", "-o", target)
    assert (code, out) == (0, "")
    assert err == f"focuscount: wrote {tmp_path}/r\\xe9sum\\xe9.json\n"
    assert b"r\xe9sum\xe9.json" in os.listdir(os.fsencode(tmp_path))
    assert json.loads(target.read_bytes())["summary"]["documents"] == 2


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "markdown"])
def test_every_format_writes_a_latin1_file_name(corpus: Path, tmp_path: Path, output_format: str) -> None:
    target = tmp_path / f"report.{output_format}"
    code, _, err = analyze(corpus, "-f", output_format, "-o", target)
    assert (code, err) == (0, f"focuscount: wrote {target}\n")
    code, printed, _ = analyze(corpus, "-f", output_format)
    assert code == 0
    written = target.read_bytes().decode("utf-8")  # strict: the file is valid UTF-8
    assert written == printed
    if output_format == "json":
        paths = [document["path"] for document in json.loads(written)["documents"]]
        assert f"{corpus}/minutes/{LATIN1_SHOWN}" in paths
    elif output_format == "markdown":
        assert LATIN1_IN_MARKDOWN in written
    else:
        assert LATIN1_SHOWN in written


@pytest.mark.parametrize("command", ["explain", "terms"])
def test_explain_and_terms_write_a_latin1_file_name(corpus: Path, tmp_path: Path, command: str) -> None:
    for output_format in ("table", "json", "csv"):
        target = tmp_path / f"{command}.{output_format}"
        code, _, err = run(
            command, corpus / "minutes", "-l", corpus / "lexicon.toml", "-f", output_format, "-o", target
        )
        assert (code, err) == (0, f"focuscount: wrote {target}\n"), output_format
        target.read_bytes().decode("utf-8")


def test_the_step_summary_takes_a_latin1_file_name(corpus: Path, tmp_path: Path) -> None:
    summary = tmp_path / os.fsdecode(b"summ\xe4ry.md")
    summary.write_text("## earlier step\n", encoding="utf-8")
    settings = tmp_path / "focuscount.toml"
    settings.write_text("[check]\nmin_ratio = { per_document = 0.9 }\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    check = ("check", corpus / "minutes", "-l", corpus / "lexicon.toml", "--config", settings, "-f", "github")
    code, out, err = run(*check, env=env)
    assert code == 1
    assert err == ""
    written = summary.read_bytes().decode("utf-8")
    assert written.startswith("## earlier step\n### focuscount check failed\n")
    assert LATIN1_IN_MARKDOWN in written
    assert LATIN1_SHOWN in out


def test_a_step_summary_that_cannot_be_written_is_a_warning(corpus: Path, tmp_path: Path) -> None:
    summary = tmp_path / "gone" / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    code, _, err = run("check", corpus / "minutes", "-l", corpus / "lexicon.toml", "-f", "github", env=env)
    assert code == 0
    assert err == (
        f"focuscount: warning: {summary}: cannot write the step summary: No such file or directory "
        "(the file GITHUB_STEP_SUMMARY names)\n"
    )


def test_a_step_summary_pipe_nobody_reads_does_not_hang(corpus: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.fifo"
    os.mkfifo(summary)
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    results: list[tuple[int, str, str]] = []
    worker = threading.Thread(
        target=lambda: results.append(
            run("check", corpus / "minutes", "-l", corpus / "lexicon.toml", "-f", "github", env=env)
        ),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "focuscount waited for a reader of the step summary"
    code, _, err = results[0]
    assert code == 0
    assert err == (
        f"focuscount: warning: {summary}: cannot write the step summary: nothing is reading from it "
        "(the file GITHUB_STEP_SUMMARY names)\n"
    )


def test_append_text_appends_and_creates(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    append_text(target, "one\n")
    append_text(target, f"{LATIN1_NAME}\n")
    assert target.read_bytes() == b"one\nr\\udce9union.txt\n"
    with pytest.raises(ConfigError) as caught:
        append_text(tmp_path, "x", "the step summary")
    assert caught.value.message == "cannot write the step summary: Is a directory"
