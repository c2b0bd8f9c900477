"""Walking folders: order, hidden and lock files, other formats, missing paths, duplicates."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from focuscount.discovery import MISSING, STDIN, UNREADABLE, Candidate, Skipped, discover, is_standard_input


def make(tmp_path: Path, *names: str) -> None:
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    make(tmp_path, "b.txt", "a/z.md", "a/b/c.pdf", "C.docx", "a.txt")
    found = [item.path.relative_to(tmp_path).as_posix() for item in discover([tmp_path])]
    assert found == ["C.docx", "a/b/c.pdf", "a/z.md", "a.txt", "b.txt"]


def test_hidden_files_folders_and_lock_files_are_skipped(tmp_path: Path) -> None:
    make(tmp_path, ".secret.txt", ".git/notes.txt", "~$minutes.docx", "minutes.docx~", "minutes.docx")
    assert [item.path.name for item in discover([tmp_path])] == ["minutes.docx"]


def test_other_formats_in_folders_are_unsupported_quietly(tmp_path: Path) -> None:
    make(tmp_path, "budget.xlsx", "minutes.txt", "README")
    items = list(discover([tmp_path]))
    assert items == [
        Skipped(tmp_path / "README", "unsupported format (no extension)", "unsupported"),
        Skipped(tmp_path / "budget.xlsx", "unsupported format .xlsx", "unsupported"),
        Candidate(tmp_path / "minutes.txt"),
    ]


def test_named_files_are_explicit_whatever_their_type(tmp_path: Path) -> None:
    make(tmp_path, "budget.xlsx")
    assert list(discover([tmp_path / "budget.xlsx"])) == [Candidate(tmp_path / "budget.xlsx")]


def test_missing_paths_are_missing(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    assert list(discover([tmp_path / "nope", tmp_path / "a.txt" / "below", tmp_path / "a.txt"])) == [
        Skipped(tmp_path / "nope", "no such file or directory", MISSING),
        Skipped(tmp_path / "a.txt" / "below", "no such file or directory", MISSING),  # a file is no folder
        Candidate(tmp_path / "a.txt"),
    ]


def test_a_broken_link_given_by_name_is_missing_and_one_in_a_folder_unreadable(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to("missing.md")
    assert list(discover([tmp_path / "gone.md"])) == [
        Skipped(tmp_path / "gone.md", "broken link (its target does not exist)", MISSING)
    ]
    assert list(discover([tmp_path])) == [
        Skipped(tmp_path / "gone.md", "broken link (its target does not exist)", UNREADABLE)
    ]


def test_a_link_loop_or_a_locked_path_given_by_name_is_unreadable_not_missing(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert [item.kind for item in discover([tmp_path / "loop.txt"]) if isinstance(item, Skipped)] == [UNREADABLE]


def test_a_file_that_vanishes_from_a_folder_during_the_walk_stays_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, "a.txt", "b.txt")
    with os.scandir(tmp_path) as entries:
        listing = list(entries)  # the folder as it was listed ...
    (tmp_path / "b.txt").unlink()  # ... before b.txt was removed

    class Listing(list):  # type: ignore[type-arg]
        def __enter__(self) -> Listing:
            return self

        def __exit__(self, *_exc: object) -> None:
            return None

    monkeypatch.setattr(os, "scandir", lambda _path: Listing(listing))
    assert list(discover([tmp_path])) == [
        Candidate(tmp_path / "a.txt"),
        Skipped(tmp_path / "b.txt", "no such file or directory", UNREADABLE),
    ]


# ----------------------------------------------------------------- standard input


def test_a_dash_is_standard_input_once_and_a_path_named_dash_is_a_file(tmp_path: Path) -> None:
    make(tmp_path, "-", "a.txt")
    assert list(discover(["-", tmp_path / "a.txt", "-", STDIN])) == [Candidate(STDIN), Candidate(tmp_path / "a.txt")]
    assert list(discover([tmp_path / "-"])) == [Candidate(tmp_path / "-")]
    assert is_standard_input("-") and is_standard_input(STDIN)
    assert not is_standard_input(Path("-")) and not is_standard_input("./-")


def test_a_file_named_like_standard_input_is_read_by_its_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, "<stdin>")
    monkeypatch.chdir(tmp_path)
    assert list(discover(["<stdin>"])) == [Candidate(tmp_path / "<stdin>")]


def test_a_file_given_twice_is_read_once(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    items = list(discover([tmp_path / "a.txt", tmp_path, tmp_path / "a.txt"]))
    assert items == [Candidate(tmp_path / "a.txt")]


# ----------------------------------------------------------------- links, loops and special files


def test_a_link_loop_in_a_folder_or_on_the_command_line_is_skipped_not_raised(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert list(discover([tmp_path])) == [
        Candidate(tmp_path / "a.txt"),
        Skipped(tmp_path / "loop.txt", "symbolic link loop"),
    ]
    assert list(discover([tmp_path / "loop.txt"])) == [Skipped(tmp_path / "loop.txt", "symbolic link loop")]


def test_a_folder_reached_through_a_loop_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "here").symlink_to("here")
    assert list(discover([tmp_path / "here" / "x"])) == [Skipped(tmp_path / "here" / "x", "symbolic link loop")]


def test_broken_links_are_unreadable_unless_of_another_format(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to("missing.md")
    (tmp_path / "gone.xlsx").symlink_to("missing.xlsx")
    assert list(discover([tmp_path])) == [
        Skipped(tmp_path / "gone.md", "broken link (its target does not exist)"),
        Skipped(tmp_path / "gone.xlsx", "unsupported format .xlsx", "unsupported"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_special_files_are_named_by_kind_and_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "events")
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    assert list(discover([tmp_path])) == [
        Skipped(tmp_path / "events", "unsupported format (no extension)", "unsupported"),
        Skipped(tmp_path / "pipe.txt", "a named pipe, not a file"),
        Skipped(tmp_path / "zero.pdf", "a character device, not a file"),
    ]
    assert list(discover([tmp_path / "events"])) == [Skipped(tmp_path / "events", "a named pipe, not a file")]


def test_links_inside_may_lead_only_to_the_paths_given(tmp_path: Path) -> None:
    make(tmp_path, "minutes/a.txt", "elsewhere/b.txt", "elsewhere/c.txt")
    minutes = tmp_path / "minutes"
    (minutes / "to-b.txt").symlink_to(tmp_path / "elsewhere" / "b.txt")
    (minutes / "to-c.txt").symlink_to("../elsewhere/c.txt")
    given = tmp_path / "elsewhere" / "c.txt"
    outside = tmp_path / "elsewhere" / "b.txt"
    reason = f"link to a file outside the folders given ({outside}); use --follow-links to read it"
    assert list(discover([minutes, given])) == [
        Candidate(minutes / "a.txt"),
        Skipped(minutes / "to-b.txt", reason),
        Candidate(minutes / "to-c.txt"),  # c.txt itself was given: found here first
    ]
    assert list(discover([minutes], follow_links=True)) == [
        Candidate(minutes / "a.txt"),
        Candidate(minutes / "to-b.txt"),
        Candidate(minutes / "to-c.txt"),
    ]


def test_the_target_of_an_outside_link_is_shown_only_when_printable(tmp_path: Path) -> None:
    make(tmp_path, "minutes/a.txt", "bell\x07.txt")
    (tmp_path / "minutes" / "b.txt").symlink_to(tmp_path / "bell\x07.txt")
    assert list(discover([tmp_path / "minutes"]))[1] == Skipped(
        tmp_path / "minutes" / "b.txt", "a link leading outside the folders given; use --follow-links to read it"
    )


def test_linked_folders_are_walked_only_with_follow_links_and_each_once(tmp_path: Path) -> None:
    make(tmp_path, "minutes/a.txt", "archive/old.txt")
    minutes = tmp_path / "minutes"
    (minutes / "archive").symlink_to(tmp_path / "archive")
    (minutes / "again").symlink_to(tmp_path / "archive")
    (minutes / "self").symlink_to(".")
    (minutes / "up").symlink_to("..")
    assert [item.path for item in discover([minutes])] == [minutes / "a.txt"]
    assert [item.path for item in discover([minutes], follow_links=True)] == [
        minutes / "a.txt",
        minutes / "again" / "old.txt",
    ]


def test_a_linked_folder_given_by_name_is_walked(tmp_path: Path) -> None:
    make(tmp_path, "real/a.txt")
    (tmp_path / "real" / "same.txt").symlink_to("a.txt")
    (tmp_path / "shortcut").symlink_to(tmp_path / "real")
    assert list(discover([tmp_path / "shortcut"])) == [Candidate(tmp_path / "shortcut" / "a.txt")]


def test_a_folder_that_cannot_be_listed_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "a.txt", "locked/b.txt")
    real_scandir = os.scandir

    def scandir(path: Path) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert list(discover([tmp_path])) == [
        Candidate(tmp_path / "a.txt"),
        Skipped(tmp_path / "locked", "cannot open folder (permission denied); check its permissions"),
    ]


def test_folders_nested_deeper_than_the_recursion_limit() -> None:
    # Outside tmp_path, and removed level by level: pytest's own clean-up (shutil.rmtree) recurses too.
    top = Path(tempfile.mkdtemp(prefix="focuscount-deep-"))
    chain = [top]
    try:
        for _ in range(1100):
            chain.append(chain[-1] / "d")
            chain[-1].mkdir()
        (chain[-1] / "bottom.txt").write_text("x", encoding="utf-8")
        assert list(discover([top])) == [Candidate(chain[-1] / "bottom.txt")]
    finally:
        (chain[-1] / "bottom.txt").unlink(missing_ok=True)
        for folder in reversed(chain):
            folder.rmdir()


def test_a_hard_link_is_read_once(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    assert list(discover([tmp_path])) == [Candidate(tmp_path / "a.txt")]


# ----------------------------------------------------------------- missing paths on the command line

MINUTES_TEXT = (
    "Board minutes, 12 March 2024\n\nPatrons and library users asked for longer hours. The budget is tight.\n"
)


def run(*args: str | Path) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from focuscount.cli import cli

    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2024-03-12-board-minutes.txt").write_text(MINUTES_TEXT, encoding="utf-8")
    return folder


def test_analyze_reports_the_rest_then_exits_2_for_a_missing_path(minutes: Path, tmp_path: Path) -> None:
    nope = tmp_path / "nope.txt"
    code, out, err = run("analyze", nope, minutes, "-f", "json")
    assert code == 2
    assert err == f"focuscount: error: {nope}: no such file or directory\n"
    data = json.loads(out)
    assert [Path(d["path"]).name for d in data["documents"]] == ["2024-03-12-board-minutes.txt"]
    assert data["skipped"] == [{"path": str(nope), "reason": "no such file or directory", "kind": "missing"}]
    assert (data["summary"]["documents"], data["summary"]["unreadable"]) == (1, 1)


def test_the_table_says_what_was_not_found(minutes: Path, tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to("missing.md")
    (minutes / "budget.xlsx").write_bytes(b"PK\x03\x04")
    code, out, err = run("analyze", minutes, tmp_path / "gone.md", tmp_path / "nope.txt")
    assert code == 2
    assert err.splitlines() == [
        f"focuscount: error: {tmp_path / 'gone.md'}: broken link (its target does not exist)",
        f"focuscount: error: {tmp_path / 'nope.txt'}: no such file or directory",
    ]
    assert " · 1 document read · 3 skipped (2 not found, 1 of other types) · 2024-03-12" in out.splitlines()[-1]


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("explain", ["-f", "json"]),
        ("terms", ["-f", "json"]),
        ("report", []),
        ("chart", ["-o", "{tmp}/ratio.svg"]),
    ],
)
def test_every_reading_command_exits_2_for_a_missing_path(
    minutes: Path, tmp_path: Path, command: str, options: list[str]
) -> None:
    nope = tmp_path / "nope.docx"
    code, out, err = run(command, minutes, nope, *(option.format(tmp=tmp_path) for option in options))
    assert code == 2
    assert err.splitlines()[0] == f"focuscount: error: {nope}: no such file or directory"
    if command == "chart":
        assert (tmp_path / "ratio.svg").stat().st_size > 1000
        assert err.splitlines()[1:] == [f"focuscount: wrote {tmp_path / 'ratio.svg'}"]
    else:
        assert len(err.splitlines()) == 1
        assert "Patrons" in out or "patron" in out  # the document given was still read and reported


def test_check_is_incomplete_with_a_missing_path(minutes: Path, tmp_path: Path) -> None:
    nope = tmp_path / "nope.txt"
    code, _, err = run("check", minutes, nope, "--min-ratio", "0.1")
    assert code == 2
    assert err.splitlines()[0] == f"focuscount: error: {nope}: no such file or directory"
    assert "Error: 1 file(s) could not be read; the check is incomplete" in err


def test_only_missing_paths_is_no_readable_document(tmp_path: Path) -> None:
    code, out, err = run("analyze", tmp_path / "a.txt", tmp_path / "b.pdf")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"focuscount: error: {tmp_path / 'a.txt'}: no such file or directory",
        f"focuscount: error: {tmp_path / 'b.pdf'}: no such file or directory",
        "Error: no readable document (2 not found); focuscount reads .doc, .docx, .htm, .html, .markdown, .md, "
        ".odp, .odt, .pdf, .ppt, .pptx, .rtf, .srt, .text, .txt, .vtt",
    ]


def test_an_unreadable_file_alone_still_exits_0(minutes: Path) -> None:
    (minutes / "2024-05-14-board-minutes.pdf").write_bytes(b"%PDF-1.4 garbage")
    code, _, err = run("analyze", minutes)
    assert code == 0
    assert err.startswith(f"focuscount: warning: {minutes / '2024-05-14-board-minutes.pdf'}: skipped: ")
