"""focuscount on a Dask cluster: the same corpus with 1 and 2 workers, against a local run; writes bench/RESULTS.md.

    python bench/dask_scale.py [--scale 0.1] [--corpus /tmp/focuscount-bench-corpus-dask] [--workers 1,2]

Starts a ``distributed.LocalCluster`` of worker processes on this machine (one thread each, as a
cluster of single-core nodes would run them), then times ``focuscount analyze CORPUS --executor dask
--scheduler ADDRESS --no-cache`` as a fresh child process for each number of workers, and a local
``--jobs 1`` run of the same corpus for comparison. The outputs must be byte-identical (the run stops
otherwise). A cluster's workers each load spaCy once, before their first file: the start-up is in
every figure, as it is for a user. Results go into the ``dask`` section of the results file.

On one machine the workers share its cores with the client, which reads and ships every file and
merges the results: the scaling seen here is a floor for a cluster of separate machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import scale_corpus  # noqa: E402
from scale import Measured, machine, measure, write_results  # noqa: E402

SECTION_BEGIN = "<!-- dask_scale.py: begin (written by bench/dask_scale.py; edits inside are lost) -->"
SECTION_END = "<!-- dask_scale.py: end -->"


def run(options: argparse.Namespace) -> str:
    """Build the corpus, time each run, and return the Markdown section."""
    import distributed

    subprocess.run(
        [options.python, str(HERE / "scale_corpus.py"), "--folder", str(options.corpus), "--scale", str(options.scale)],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    manifest = json.loads((options.corpus / scale_corpus.MANIFEST).read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="focuscount-dask-"))
    base = [options.python, "-m", "focuscount", "analyze", str(options.corpus), "--no-cache", "-f", "json", "-o"]
    rows: list[tuple[str, Measured]] = []
    outputs: dict[str, str] = {}

    def timed(name: str, extra: list[str]) -> Measured:
        out = work / f"{len(rows)}.json"
        measured = measure([*base, str(out), *extra], REPO)
        if measured.returncode != 0:
            raise SystemExit(f"{name}: failed: {measured.error()}")
        outputs[name] = hashlib.sha256(out.read_bytes()).hexdigest()
        rows.append((name, measured))
        print(f"{name}: {measured.seconds:.1f} s", file=sys.stderr)
        return measured

    timed("local, --jobs 1", ["--jobs", "1"])
    for workers in options.workers:
        with distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster:
            name = f"dask, {workers} worker{'s' if workers > 1 else ''}"
            timed(name, ["--executor", "dask", "--scheduler", cluster.scheduler_address])
    if len(set(outputs.values())) != 1:
        raise SystemExit(f"the outputs differ: {outputs}")
    first_dask = next(m for name, m in rows if name.startswith("dask"))
    lines = [
        SECTION_BEGIN,
        "## On a Dask cluster (bench/dask_scale.py)",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with `python bench/dask_scale.py --scale {options.scale}`,"
        f" on the machine above: a LocalCluster of worker processes (one thread each) on its "
        f"{machine()['cores']}. Corpus: {manifest['documents']:,} documents, {manifest['words']:,} words "
        "(bench/scale_corpus.py). Every output is byte-identical to the local run's; no cache.",
        "",
        "| run | seconds | CPU s of the focuscount process (its children too; not the cluster's workers) | "
        "÷ dask, 1 worker |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, measured in rows:
        lines.append(
            f"| {name} | {measured.seconds:.2f} | {measured.cpu_seconds:.2f} | "
            f"{measured.seconds / first_dask.seconds:.2f}× |"
        )
    lines += [
        "",
        "Each task carries one file's bytes (read here within the size limits) and the reading options; the "
        "worker returns its counts; the cache stays on this machine. With every worker on the client's two "
        "cores, the client's own work (reading and shipping each file, merging) competes with the workers'.",
        SECTION_END,
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "focuscount-bench-corpus-dask")
    parser.add_argument("--workers", type=lambda text: [int(n) for n in text.split(",")], default=[1, 2])
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--python", default=sys.executable)
    options = parser.parse_args()
    section = run(options)
    print(section)
    write_results(options.results, section, SECTION_BEGIN, SECTION_END)
    print(f"dask_scale.py: wrote {options.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
