"""Time and peak memory of ``python -m focuscount analyze BOMB`` for each decompression bomb.

Usage: python bench/bombs.py [--max-file-mb 200] [--timeout 600]

Each bomb of tests/bomb_files.py is generated in a temporary folder and
analysed by a fresh process, measured with ``/usr/bin/time -v`` when it exists
(else with ``resource.getrusage`` of the finished child).  Peak memory includes
the spaCy pipeline every ``analyze`` loads; a plain text file is measured first
as the baseline.  One line per bomb: name, size on disk, seconds, peak MB, and
the warning focuscount printed.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import bomb_files  # noqa: E402

BOMBS: dict[str, Callable[[Path], Path]] = {
    "docx, part of 1 GB": lambda folder: bomb_files.package_bomb(folder, "docx", 1024),
    "pptx, part of 1 GB": lambda folder: bomb_files.package_bomb(folder, "pptx", 1024),
    "odt, part of 1 GB": lambda folder: bomb_files.package_bomb(folder, "odt", 1024),
    "odp, part of 1 GB": lambda folder: bomb_files.package_bomb(folder, "odp", 1024),
    "docx, header lying about 1 GB": lambda folder: bomb_files.package_bomb(folder, "docx", 1024, "small"),
    "odt, header lying about 1 GB": lambda folder: bomb_files.package_bomb(folder, "odt", 1024, "small"),
    "docx, 50 MB part at ratio 1000": lambda folder: bomb_files.ratio_bomb(folder, "docx", 50),
    "docx, 100,000 members": lambda folder: bomb_files.many_members(folder, "docx", 100_000),
    "pdf, stream of 1 GB": lambda folder: bomb_files.pdf_flate_bomb(folder, 1024),
    "pdf, stream of 100 MB (ratio)": lambda folder: bomb_files.pdf_flate_bomb(folder, 100),
    "pdf, page of 1.6 M characters": lambda folder: bomb_files.pdf_crowded_page(folder, 400_000),
    "pdf, 1 stream drawn by 300 pages": lambda folder: bomb_files.pdf_many_references(folder, 300, 500),
}


def measure(path: Path, max_file_mb: float, timeout: float) -> tuple[float, float, str]:
    """(seconds, peak MB, last stderr line) of ``python -m focuscount analyze path``."""
    command = [sys.executable, "-m", "focuscount", "analyze", str(path), "--max-file-mb", f"{max_file_mb:g}"]
    timer = shutil.which("time") and Path("/usr/bin/time").exists()
    if timer:
        command = ["/usr/bin/time", "-v", *command]
    start = time.perf_counter()
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, float("nan"), f"(timed out after {timeout:g} s)"
    seconds = time.perf_counter() - start
    if timer:
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
        peak_mb = int(peak.group(1)) / 1024 if peak else float("nan")
    else:
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    said = [line for line in result.stderr.splitlines() if line.startswith("focuscount:")]
    return seconds, peak_mb, said[-1] if said else f"(exit {result.returncode}, no warning)"


def main() -> None:
    """Generate every bomb, analyse each in its own process, print one line per bomb."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-file-mb", type=float, default=200.0)
    parser.add_argument("--timeout", type=float, default=600.0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        baseline = folder / "2024-03-12-minutes.txt"
        baseline.write_text("The library listened to its customers.\n", encoding="utf-8")
        rows = [("baseline: a plain .txt", baseline)]
        for name, build in BOMBS.items():
            bomb_folder = folder / str(len(rows))
            bomb_folder.mkdir()
            rows.append((name, build(bomb_folder)))
        print(f"{'bomb':34} {'on disk':>9} {'seconds':>8} {'peak MB':>8}  focuscount said")
        for name, path in rows:
            seconds, peak_mb, said = measure(path, options.max_file_mb, options.timeout)
            said = said.replace(str(path), path.name)
            size = f"{path.stat().st_size / 1024:.0f} KB"
            print(f"{name:34} {size:>9} {seconds:8.2f} {peak_mb:8.0f}  {said}", flush=True)


if __name__ == "__main__":
    main()
