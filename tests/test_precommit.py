"""The repository works as a pre-commit hook: exercised for real with ``pre-commit try-repo``, then with a
``.pre-commit-config.yaml`` written as docs/ci.md shows it (``repo:`` a path git can clone, ``rev:`` a SHA).

pre-commit builds the hook's own environment with pip (from the package index, or
pip's cache), so this test takes some seconds; it is skipped, with the reason,
only when pre-commit itself is not installed or the hook environment cannot be
downloaded.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

# Builds the hook's environment with pip (30-140 s), from the package index: skipped, saying so, without one.
pytestmark = [pytest.mark.slow, pytest.mark.network]

NETWORK_TROUBLE = ("Failed to establish a new connection", "No matching distribution", "Could not find a version")


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=folder, check=True, capture_output=True,
    )  # fmt: skip


def try_repo(folder: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook as pre-commit does, on every file (each run builds the hook's environment anew: 30 s or more).

    The run on staged files alone is tested without pre-commit, with the files it would pass
    (tests/test_changed_since.py).
    """
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "focuscount-check", "--all-files"],
        cwd=folder, capture_output=True, text=True, env=environment, check=False, timeout=600,
    )  # fmt: skip


@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed")
def test_pre_commit_hook_fails_then_passes(tmp_path: Path) -> None:
    project = tmp_path / "plans"
    (project / "docs").mkdir(parents=True)
    (project / "focuscount.toml").write_text('paths = ["docs"]\n[check]\nmin_ratio = 0.5\n', encoding="utf-8")
    (project / "docs" / "plan.md").write_text("The library budget and library resources.\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "plan")

    failed = try_repo(project, tmp_path / "pre-commit-home")
    if failed.returncode != 0 and any(text in failed.stdout + failed.stderr for text in NETWORK_TROUBLE):
        pytest.skip("pre-commit could not download the hook's dependencies: " + failed.stdout[-300:])
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "focuscount check" in failed.stdout
    assert "Failed" in failed.stdout
    assert "min_ratio: ratio 0.00 (95% interval 0.00–0.49) is below the minimum 0.50" in failed.stdout
    # pre-commit passed focuscount.toml among the files: its rules are new, so every document is judged.
    assert "note: focuscount.toml changed: every document is judged" in failed.stdout

    # Then as docs/ci.md says, literally: a .pre-commit-config.yaml pinned to a commit of focuscount.
    revision = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {revision.stdout.strip()}\n    hooks:\n      - id: focuscount-check\n",
        encoding="utf-8",
    )
    (project / "docs" / "plan.md").write_text("Our patrons and families come first in the library.\n", encoding="utf-8")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "better plan")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    passed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=project, capture_output=True, text=True, env=environment, check=False, timeout=600,
    )  # fmt: skip
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "focuscount check" in passed.stdout and "Passed" in passed.stdout
