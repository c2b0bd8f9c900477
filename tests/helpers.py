"""Helpers shared by the tests: example lexicons and matching shortcuts."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

from focuscount.counting import count_document
from focuscount.lexicon import Lexicon, parse_lexicon
from focuscount.matching import LexiconMatcher
from focuscount.model import Document, DocumentCounts, Location, Segment
from focuscount.nlp import get_pipeline

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = REPO / "examples"

# The lexicon printed in the issue that defined the format.
ISSUE_LEXICON = """
name = "library"
description = "Customer-oriented versus institution-oriented language in library meetings"
language = "en"

[ratio]
focus = "customer"
versus = "institution"

[categories.customer]
label = "Customer-oriented"
terms = ["customer", "patron", "user", "library user", "volunteer*"]

[categories.institution]
label = "Institution-oriented"
terms = ["library", "resource", "administration", "internal procedure"]

[ignore]
terms = ["user interface", "user-friendly", "Library of Congress"]
"""


def lexicon_from(text: str = ISSUE_LEXICON) -> Lexicon:
    """A lexicon parsed from TOML text."""
    return parse_lexicon(textwrap.dedent(text))


def matcher_for(lexicon: Lexicon | None = None) -> LexiconMatcher:
    """A matcher for ``lexicon`` (the issue's example lexicon by default) on the default pipeline."""
    lexicon = lexicon or lexicon_from()
    return LexiconMatcher(lexicon, get_pipeline(lexicon.language))


def count_text(text: str, lexicon: Lexicon | None = None) -> DocumentCounts:
    """Counts for a one-segment document holding ``text``."""
    document = Document(Path("memo.txt"), "txt", (Segment(text, Location("line", 1, line=1)),))
    return count_document(document, matcher_for(lexicon))


def matched(text: str, lexicon: Lexicon | None = None) -> list[tuple[str, str, str]]:
    """``(category, term, matched words)`` for every hit in ``text``, ignore hits included."""
    counts = count_text(text, lexicon)
    hits = sorted(counts.hits + counts.ignored, key=lambda hit: hit.start)
    return [(hit.category, hit.term, hit.matched_text) for hit in hits]


_PROBE = textwrap.dedent(
    """
    import json, resource, sys, time
    from focuscount.errors import ReadError
    from focuscount.limits import ReadLimits
    from focuscount.readers import read_document

    start = time.perf_counter()
    try:
        document = read_document(sys.argv[1], ReadLimits(max_file_mb=float(sys.argv[2])), pdf_engine=sys.argv[3])
        outcome = f"read {len(document.segments)} segments"
    except ReadError as error:
        outcome = error.reason
    # VmHWM is this program's own peak; ru_maxrss would also count the forked pytest before exec.
    status = open("/proc/self/status").read()
    peak_kb = int(status.split("VmHWM:")[1].split()[0]) if "VmHWM:" in status else 0
    peak_mb = (peak_kb or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
    print(json.dumps({"outcome": outcome, "seconds": time.perf_counter() - start, "peak_mb": peak_mb}))
    """
)


def probe_read(path: Path, max_file_mb: float = 200.0, pdf_engine: str = "pdfium") -> tuple[str, float, float]:
    """Read ``path`` in a fresh child under a 3 GB address-space limit: (ReadError reason or "read N segments",
    seconds, peak MB)."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))

    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path), str(max_file_mb), pdf_engine],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_memory,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return report["outcome"], report["seconds"], report["peak_mb"]


# Variables a user's or a CI runner's environment may set that change what `focuscount check` does.
CHECK_ENVIRONMENT = ("GITHUB_STEP_SUMMARY", "FOCUSCOUNT_MIN_RATIO", "FOCUSCOUNT_PATHS", "FOCUSCOUNT_ON_EMPTY")


def run_check(*args: object) -> tuple[int, str, str]:
    """``focuscount check ARGS`` through click's runner: exit status, stdout, stderr (a crash is raised)."""
    from click.testing import CliRunner

    from focuscount.cli import cli

    result = CliRunner().invoke(cli, ["check", *(str(arg) for arg in args)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr

