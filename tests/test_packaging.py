"""The wheel carries the shipped lexicons, so an installed focuscount finds them without a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import REPO


def test_wheel_contains_the_shipped_lexicons(tmp_path: Path) -> None:
    # No build isolation: hatchling comes from the test extras, so nothing is downloaded.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(REPO)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("focuscount-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "focuscount/lexicons/library.toml" in names
    assert "focuscount/cli.py" in names
    shipped = zipfile.ZipFile(wheel).read("focuscount/lexicons/library.toml")
    assert shipped == (REPO / "lexicons" / "library.toml").read_bytes()


def test_installed_wheel_finds_its_lexicon(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path / "dist"), str(REPO)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("focuscount-*.whl")
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import focuscount.lexicon as lexicon\n"
        "path = lexicon.resolve_lexicon('library')\n"
        "assert str(path).startswith(sys.argv[1]), path\n"
        "print(lexicon.load_lexicon('library').name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "library"
