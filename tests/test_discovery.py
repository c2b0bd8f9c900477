"""Walking folders: order, hidden and lock files, other formats, missing paths, duplicates."""

from __future__ import annotations

from pathlib import Path

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
        Candidate(tmp_path / "minutes.txt", explicit=False),
    ]


def test_named_files_are_explicit_whatever_their_type(tmp_path: Path) -> None:
    make(tmp_path, "budget.xlsx")
    assert list(discover([tmp_path / "budget.xlsx"])) == [Candidate(tmp_path / "budget.xlsx", explicit=True)]


def test_missing_paths_are_unreadable(tmp_path: Path) -> None:
    assert list(discover([tmp_path / "nope"])) == [Skipped(tmp_path / "nope", "no such file or directory")]


def test_a_file_given_twice_is_read_once(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    items = list(discover([tmp_path / "a.txt", tmp_path, tmp_path / "a.txt"]))
    assert items == [Candidate(tmp_path / "a.txt", explicit=True)]
