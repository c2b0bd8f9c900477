"""Ctrl-C and SIGTERM: exit 130 and 143 with one line on stderr, the -o file untouched, no temporary file left.

A real process, a corpus that takes seconds, and the signal sent once the process
is reading documents (seen by a file's access time moving: reading it is the only
thing that reads it).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

WORDS = [
    "the", "library", "board", "discussed", "patron", "needs", "and", "the", "internal", "procedures", "of",
    "the", "administration", "with", "customers", "volunteers", "users", "while", "council", "reviewed", "resources",
]  # fmt: skip


def reads_record_access_time(folder: Path) -> bool:
    probe = folder / "probe"
    probe.write_bytes(b"x")
    os.utime(probe, (0, probe.stat().st_mtime))
    probe.read_bytes()
    recorded = probe.stat().st_atime > 0
    probe.unlink()
    return recorded


@pytest.fixture
def big_corpus(tmp_path: Path) -> Path:
    """200 dated minutes of 100 lines each: several seconds of reading."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    if not reads_record_access_time(tmp_path):
        pytest.skip("this file system does not record access times (noatime)")
    shuffle = random.Random(8)
    for number in range(200):
        lines = [" ".join(shuffle.choice(WORDS) for _ in range(12)) + "." for _ in range(100)]
        text = f"Board meeting 2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}\n" + "\n".join(lines) + "\n"
        path = folder / f"{number:03d}.txt"
        path.write_text(text, encoding="utf-8")
        os.utime(path, (0, path.stat().st_mtime))  # an access time before the change: the first read moves it
    return folder


def start_and_wait_for_reading(corpus: Path, output: Path) -> subprocess.Popen[bytes]:
    """``focuscount analyze`` writing to ``output``, returned once it has read the first document."""
    process = subprocess.Popen(
        [sys.executable, "-m", "focuscount", "analyze", corpus, "-f", "json", "-o", output],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=corpus.parent,
        # A test run started in the background of a script inherits an ignored SIGINT; focuscount honours that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    first = corpus / "000.txt"
    deadline = time.monotonic() + 120
    while first.stat().st_atime == 0:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"focuscount never started reading (exit {process.poll()}): {process.communicate()}")
        time.sleep(0.01)
    return process


@pytest.mark.parametrize(
    ("signal_number", "exit_code", "name"), [(signal.SIGINT, 130, "SIGINT"), (signal.SIGTERM, 143, "SIGTERM")]
)
def test_a_signal_while_reading_exits_cleanly_and_leaves_the_output_file(
    big_corpus: Path, tmp_path: Path, signal_number: int, exit_code: int, name: str
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    existing = reports / "existing.json"
    existing.write_bytes(b'{"summary": {"documents": 12}}\n')
    process = start_and_wait_for_reading(big_corpus, existing)
    process.send_signal(signal_number)
    out, err = process.communicate(timeout=60)
    assert process.returncode == exit_code
    assert err.decode() == f"focuscount: interrupted ({name}); no file was left half-written\n"
    assert out == b""
    assert existing.read_bytes() == b'{"summary": {"documents": 12}}\n'
    assert os.listdir(reports) == ["existing.json"]  # no temporary file left beside it


def test_the_same_run_uninterrupted_replaces_the_file(big_corpus: Path, tmp_path: Path) -> None:
    # The control: the corpus is read and the file replaced when nothing stops the run.
    existing = tmp_path / "existing.json"
    existing.write_bytes(b'{"summary": {"documents": 12}}\n')
    process = start_and_wait_for_reading(big_corpus, existing)
    out, err = process.communicate(timeout=300)
    assert (process.returncode, out, err) == (0, b"", f"focuscount: wrote {existing}\n".encode())
    assert b'"documents": 200' in existing.read_bytes()
