"""`focuscount --help` and `--version` load neither the analysis nor spaCy; the public API is there on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import focuscount
from focuscount._version import __version__


def test_importing_the_cli_loads_no_analysis() -> None:
    code = "import sys, focuscount.cli; print(sorted(m for m in ('focuscount.analysis', 'spacy', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_public_names_load_on_first_use() -> None:
    assert focuscount.__version__ == __version__
    from focuscount import Hit, analyze

    assert analyze.__module__ == "focuscount.analysis"
    assert Hit.__module__ == "focuscount.model"
    assert set(focuscount.__all__) <= set(dir(focuscount))
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = focuscount.nope  # type: ignore[attr-defined]
