"""Walking folders: order, hidden and lock files, other formats, missing paths, duplicates."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from focuscount.discovery import Candidate, Skipped, discover


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


def test_missing_paths_are_unreadable(tmp_path: Path) -> None:
    assert list(discover([tmp_path / "nope"])) == [Skipped(tmp_path / "nope", "no such file or directory")]


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
