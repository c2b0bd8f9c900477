"""Run a focuscount command in a child process and measure its wall time and peak memory.

Shared by the benchmarks in this folder; standard library only (Linux or macOS: ``os.wait4``).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measured:
    """One command's wall time, peak resident memory and outcome."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_focuscount(*args: str) -> Measured:
    """Run ``python -m focuscount ARGS`` from the repository and measure it.

    The peak resident set size is the child's own (from ``wait4``), so one run's
    peak never shows up in the next one's figure.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "focuscount", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    output: dict[str, str] = {}
    # Both pipes are drained in threads: the child must be reaped by wait4 itself to get its own usage.
    drains = [
        threading.Thread(target=_drain, args=(process.stdout, output, "stdout")),
        threading.Thread(target=_drain, args=(process.stderr, output, "stderr")),
    ]
    for drain in drains:
        drain.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    for drain in drains:
        drain.join()
    process.returncode = os.waitstatus_to_exitcode(status)  # tells Popen the child is already reaped
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak_mb = usage.ru_maxrss / (1024 * 1024 if platform.system() == "Darwin" else 1024)
    return Measured(seconds, peak_mb, process.returncode, output["stdout"], output["stderr"])


def _drain(stream: IO[str] | None, output: dict[str, str], name: str) -> None:
    output[name] = stream.read() if stream is not None else ""
    if stream is not None:
        stream.close()


def machine() -> str:
    """A one-line description of this machine: CPU model, cores, memory and Python version."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def table_row(*cells: object) -> str:
    """One Markdown table row."""
    return "| " + " | ".join(str(cell) for cell in cells) + " |"
