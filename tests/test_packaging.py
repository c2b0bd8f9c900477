"""The wheel carries what an installed focuscount needs without a checkout: the shipped lexicons and the
report's template and stylesheet."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import REPO

TEMPLATES = REPO / "focuscount" / "render" / "templates"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once for the module, as the README says: ``python -m build``."""
    folder = tmp_path_factory.mktemp("dist")
    # No build isolation: hatchling comes from the test extras, so nothing is downloaded.
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(folder), str(REPO)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (built,) = folder.glob("focuscount-*.whl")
    return built


def test_wheel_contains_the_shipped_lexicons(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "focuscount/lexicons/library.toml" in names
    assert "focuscount/cli.py" in names
    shipped = zipfile.ZipFile(wheel).read("focuscount/lexicons/library.toml")
    assert shipped == (REPO / "lexicons" / "library.toml").read_bytes()


def test_the_wheel_carries_the_template_and_the_css(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    for name in ("report.html.j2", "report.css"):
        assert archive.read(f"focuscount/render/templates/{name}") == (TEMPLATES / name).read_bytes()


def test_installed_wheel_finds_its_lexicon(wheel: Path, tmp_path: Path) -> None:
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
