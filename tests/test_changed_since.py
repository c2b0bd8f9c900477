"""``check --changed-since REV`` and ``check --changed FILE...`` (the pre-commit hook): judge changed documents only.

Each test makes a git repository in tmp_path.  The per-document rules judge the
changed documents; the rules about the whole set still read every document.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from helpers import CHECK_ENVIRONMENT, REPO, run_check

from focuscount.changes import changed_files
from focuscount.errors import ConfigError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GOOD = "Our patrons, families and students asked for Sunday hours; readers and users came.\n"  # 5 vs 0
BAD = "The library budget, the staff rota and the procurement policy.\n"  # 0 vs 5
RULES = "min_ratio = { overall = 0.5, per_document = 0.5 }\n"


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=folder, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three sets of good minutes, committed on main, and a focuscount.toml reading them."""
    minutes = tmp_path / "minutes"
    minutes.mkdir()
    for month in ("01", "02", "03"):
        (minutes / f"2024-{month}-16-board-minutes.md").write_text(GOOD, encoding="utf-8")
    configure(tmp_path, RULES)
    (tmp_path / ".gitignore").write_text("scratch/\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "minutes")
    monkeypatch.chdir(tmp_path)
    for name in CHECK_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def configure(project: Path, check: str, paths: str = 'paths = ["minutes"]\n') -> None:
    (project / "focuscount.toml").write_text(f"{paths}\n[check]\n{textwrap.dedent(check)}", encoding="utf-8")


run = run_check


def judged(out: str) -> tuple[int | None, int, list[str], list[str | None]]:
    """(judged, documents, notes, the paths of the findings) of a JSON check."""
    data = json.loads(out)
    return data["judged"], data["documents"], data["notes"], [f["path"] for f in data["findings"]]


def test_only_the_changed_documents_are_judged_the_set_is_read_whole(repo: Path) -> None:
    (repo / "minutes" / "2024-02-16-board-minutes.md").write_text(BAD, encoding="utf-8")  # edited, not staged
    (repo / "minutes" / "2024-04-16-board-minutes.md").write_text(BAD, encoding="utf-8")  # new, not added
    code, out, _ = run("--changed-since", "main")
    assert code == 1
    assert out.splitlines() == [
        "ERROR   minutes/2024-02-16-board-minutes.md:1: min_ratio: ratio 0.00 (95% interval 0.00–0.43) is below the "
        "minimum 0.50 (budget 1, library 1, policy 1)",
        "ERROR   minutes/2024-04-16-board-minutes.md:1: min_ratio: ratio 0.00 (95% interval 0.00–0.43) is below the "
        "minimum 0.50 (budget 1, library 1, policy 1)",
        # The whole set (10 vs 10) passes: all four documents were read for it.
        "focuscount check failed: 2 errors, 0 warnings (3 checks on 2 of 4 documents; overall ratio 0.50)",
    ]
    assert judged(run("--changed-since", "main", "-f", "json")[1])[:2] == (2, 4)


def test_staged_and_committed_changes_count_too(repo: Path) -> None:
    (repo / "minutes" / "2024-01-16-board-minutes.md").write_text(BAD, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "January rewritten")
    (repo / "minutes" / "2024-03-16-board-minutes.md").write_text(BAD, encoding="utf-8")
    git(repo, "add", "minutes/2024-03-16-board-minutes.md")
    found = judged(run("--changed-since", "HEAD~1", "-f", "json")[1])
    # The whole set (5 vs 10) fails too: None is the finding about it.
    changed = ["minutes/2024-01-16-board-minutes.md", "minutes/2024-03-16-board-minutes.md"]
    assert found == (2, 3, [], [None, *changed])
    # Against HEAD only the staged change is new.
    assert judged(run("--changed-since", "HEAD", "-f", "json")[1])[3] == [None, "minutes/2024-03-16-board-minutes.md"]


def test_nothing_changed_judges_no_document_but_the_set(repo: Path) -> None:
    code, out, _ = run("--changed-since", "main")
    assert code == 0
    assert out == "focuscount check passed: 0 errors, 0 warnings (1 check on 0 of 3 documents; overall ratio 1.00)\n"


def test_a_changed_settings_file_judges_every_document(repo: Path) -> None:
    (repo / "minutes" / "2024-01-16-board-minutes.md").write_text(BAD, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "January rewritten")
    configure(repo, "min_ratio = { per_document = 0.6 }\n")
    code, out, _ = run("--changed-since", "HEAD")
    assert code == 1
    assert out.splitlines()[-2:] == [
        "note: focuscount.toml changed: every document is judged",
        "focuscount check failed: 1 error, 0 warnings (3 checks on 3 documents; overall ratio 0.67)",
    ]


def test_ignored_and_deleted_files_are_not_changed_documents(repo: Path) -> None:
    (repo / "scratch").mkdir()
    (repo / "scratch" / "draft.md").write_text(BAD, encoding="utf-8")
    (repo / "minutes" / "2024-03-16-board-minutes.md").unlink()
    (repo / "notes.md").write_text(GOOD, encoding="utf-8")
    assert changed_files("main") == (repo.resolve() / "notes.md",)
    # From a subfolder, the repository and its names are the same.
    assert changed_files("main", repo / "minutes") == (repo.resolve() / "notes.md",)


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("nosuchbranch", "Error: --changed-since: unknown revision 'nosuchbranch'\n"),
        ("--output=x", "Error: --changed-since: '--output=x' is not a git revision\n"),
    ],
)
def test_a_bad_revision_is_an_error(repo: Path, revision: str, message: str) -> None:
    code, out, err = run(f"--changed-since={revision}")
    assert (code, out, err) == (2, "", message)
    assert not (repo / "x").exists()


def test_outside_a_git_repository_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "plan.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # stop git looking above tmp_path
    code, out, err = run(".", "--changed-since", "main")
    assert (code, out) == (2, "")
    assert err == "Error: --changed-since: . is not in a git repository\n"
    with pytest.raises(ConfigError, match=r"`changed_since`: .* is not in a git repository") as raised:
        changed_files("main", folder)
    assert raised.value.parameters == ("changed_since",)


def test_changed_and_changed_since_together_is_a_usage_error(repo: Path) -> None:
    code, _, err = run("--changed", "--changed-since", "main", "minutes/2024-01-16-board-minutes.md")
    assert code == 2
    assert "give --changed-since REV or --changed FILE..., not both" in err


# --- --changed FILE...: what pre-commit passes ---------------------------------------------------------------------


def test_changed_files_are_judged_against_the_configured_set(repo: Path) -> None:
    (repo / "minutes" / "2024-02-16-board-minutes.md").write_text(BAD, encoding="utf-8")
    (repo / "pyproject.toml").write_text("[project]\nname = 'minutes'\n", encoding="utf-8")
    code, out, _ = run("--changed", "minutes/2024-02-16-board-minutes.md", "pyproject.toml", "-f", "json")
    assert code == 1
    # pyproject.toml holds no settings here: it is not a document, and changes no rule.
    assert judged(out) == (1, 3, [], ["minutes/2024-02-16-board-minutes.md"])


def test_changed_settings_among_the_files_judge_every_document(repo: Path) -> None:
    (repo / "minutes" / "2024-02-16-board-minutes.md").write_text(BAD, encoding="utf-8")
    code, out, _ = run("--changed", "focuscount.toml", "-f", "json")
    assert code == 1
    assert judged(out) == (None, 3, ["focuscount.toml changed: every document is judged"], [
        "minutes/2024-02-16-board-minutes.md",
    ])  # fmt: skip


def test_changed_without_configured_paths_skips_the_rules_about_the_set(repo: Path) -> None:
    configure(repo, RULES, paths="")
    (repo / "minutes" / "2024-02-16-board-minutes.md").write_text(BAD, encoding="utf-8")
    code, out, _ = run("--changed", "minutes/2024-02-16-board-minutes.md", "focuscount.toml")
    assert code == 1
    assert out.splitlines() == [
        "ERROR   minutes/2024-02-16-board-minutes.md:1: min_ratio: ratio 0.00 (95% interval 0.00–0.43) is below the "
        "minimum 0.50 (budget 1, library 1, policy 1)",
        # focuscount.toml is not a document: without 'paths' only the documents given are read, and all judged
        "note: the rules about the whole set were not evaluated: only the documents given were read",
        "focuscount check failed: 1 error, 0 warnings (1 check on 1 document; overall ratio 0.00)",
    ]


def test_changed_without_files_judges_every_document(repo: Path) -> None:
    # The hook with `pass_filenames: false`: no file names, so the whole set is judged, as without --changed.
    (repo / "minutes" / "2024-02-16-board-minutes.md").write_text(BAD, encoding="utf-8")
    assert judged(run("--changed", "-f", "json")[1]) == (None, 3, [], ["minutes/2024-02-16-board-minutes.md"])


def test_changed_with_no_document_among_the_files(repo: Path) -> None:
    configure(repo, RULES, paths="")
    code, out, err = run("--changed", "focuscount.toml")
    assert (code, out) == (0, "")
    assert err == (
        "focuscount: warning: no documents among the files given, and no 'paths' in the settings: nothing to check\n"
    )


# --- the pre-commit hook -------------------------------------------------------------------------------------------


def hook() -> dict:
    (found,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return found


def test_the_hook_passes_file_names_to_check_changed() -> None:
    found = hook()
    assert (found["id"], found["entry"], found["pass_filenames"]) == (
        "focuscount-check",
        "focuscount check --changed",
        True,
    )


@pytest.mark.parametrize(
    ("name", "runs"),
    [
        ("minutes/2024-03-12.md", True), ("deck.PPTX".lower(), True), ("a/b/minutes.docx", True),
        ("focuscount.toml", True), ("pyproject.toml", True), ("sub/pyproject.toml", True),
        ("README.rst", False), ("my-focuscount.toml", False), ("setup.cfg", False),
    ],
)  # fmt: skip
def test_the_hook_runs_on_documents_and_settings_files(name: str, runs: bool) -> None:
    assert bool(re.search(hook()["files"], name)) is runs


def test_the_hook_entry_on_staged_files(repo: Path) -> None:
    """What pre-commit runs: the entry, then the staged files its ``files`` pattern matches."""
    (repo / "minutes" / "2024-02-16-board-minutes.md").write_text(BAD, encoding="utf-8")
    (repo / "README.rst").write_text("Minutes of the board.\n", encoding="utf-8")
    git(repo, "add", ".")
    staged = git(repo, "diff", "--cached", "--name-only").split()
    passed = [name for name in staged if re.search(hook()["files"], name)]
    assert passed == ["minutes/2024-02-16-board-minutes.md"]
    code, out, _ = run(*hook()["entry"].split()[2:], *passed)
    assert code == 1
    assert out.splitlines()[-1] == (
        "focuscount check failed: 1 error, 0 warnings (2 checks on 1 of 3 documents; overall ratio 0.67)"
    )
