"""focuscount at scale against its floors, in one run on one corpus; writes bench/RESULTS.md.

    python bench/scale.py [--scale 1.0] [--corpus /tmp/focuscount-bench-corpus] [--results bench/RESULTS.md]

Builds (or reuses) the corpus of bench/scale_corpus.py, then runs, each in a fresh child process
measured by its own ``wait4`` usage (wall seconds, CPU seconds, peak RSS):

- the floors (bench/floors.py): bare pdfminer.six / python-docx / python-pptx extraction,
  ``pdftotext`` + ``grep -c`` where poppler-utils is installed, liwc-python counting the
  extracted text with the lexicon written as a LIWC .dic;
- focuscount: ``--version``; cold ``--jobs 1`` with each PDF engine; cold ``--jobs 2``; a warm
  re-run of the unchanged corpus; the run after one new file is added (and that file alone);
  the run after a lexicon change.

A focuscount row whose CLI flags do not exist yet (``analyze --help`` does not list them) is
not run and is listed as such. Results are printed and written into the ``scale`` section of
the results file (the rest of it is kept). Performance is measured here, never in timed tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import scale_corpus  # noqa: E402

# ---------------------------------------------------------------- the CLI flags (adjust here)
# How each measured setting is spelt on the command line. A row runs only if every flag it uses
# appears in `focuscount analyze --help`.
FLAGS: dict[str, Callable[[str], list[str]]] = {
    "jobs": lambda value: ["--jobs", value],
    "cache_dir": lambda value: ["--cache-dir", value],
    "no_cache": lambda _value: ["--no-cache"],
    "pdf_engine": lambda value: ["--pdf-engine", value],
    "lexicon": lambda value: ["-l", value],
}
OUTPUT = ["-f", "json", "-o"]  # followed by a file per run: its summary gives focuscount's word count
SECTION_BEGIN = "<!-- scale.py: begin (written by bench/scale.py; edits inside are lost) -->"
SECTION_END = "<!-- scale.py: end -->"


@dataclass(frozen=True)
class Measured:
    """One child process: wall time, CPU time (user + system, its process tree), peak RSS, outcome."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str
    tree_peak_mb: float = 0.0  # the peak of the summed RSS of the child and all its descendants (sampled)
    # The same with each process's proportional set size: a page shared by n processes (the fork server's
    # preloaded spaCy in every worker) counts 1/n in each, so the sum is the memory the run really holds.
    tree_pss_mb: float = 0.0

    def error(self) -> str:
        """The last line of standard error, for a failed run."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return lines[-1][:200] if lines else f"exit status {self.returncode}"


@dataclass
class Row:
    """One line of the results table."""

    name: str
    measured: Measured | None = None
    documents: int | None = None
    words: int | None = None  # the words the tool itself reports, where it reports them
    note: str = ""
    not_run: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def measure(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Run ``command`` and measure it: wall time, and CPU and memory of its whole process tree.

    ``wait4`` gives the largest single process's peak RSS but misses pool workers that are not
    reaped by the child itself (a forkserver's), so the tree is also sampled every 50 ms with
    psutil: the peak of the summed RSS of every process in it, the peak of their summed PSS
    (Linux), and the CPU seconds of each.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    output: dict[str, str] = {}
    tree = _TreeSampler(process.pid)
    # Both pipes are drained in threads: the child must be reaped by wait4 itself to get its own usage.
    threads = [
        threading.Thread(target=_drain, args=(process.stdout, output, "stdout")),
        threading.Thread(target=_drain, args=(process.stderr, output, "stderr")),
        threading.Thread(target=tree.run),
    ]
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    tree.stop.set()
    for thread in threads:
        thread.join()
    process.returncode = os.waitstatus_to_exitcode(status)  # tells Popen the child is already reaped
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak_mb = usage.ru_maxrss / (1024 * 1024 if platform.system() == "Darwin" else 1024)
    cpu = max(usage.ru_utime + usage.ru_stime, sum(tree.cpu.values()))
    return Measured(
        seconds,
        cpu,
        peak_mb,
        process.returncode,
        output["stdout"],
        output["stderr"],
        tree.peak_bytes / 1024 / 1024,
        tree.peak_pss_bytes / 1024 / 1024,
    )


class _TreeSampler:
    """Samples a process and its descendants until stopped: peak summed RSS, CPU seconds per process."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.stop = threading.Event()
        self.peak_bytes = 0
        self.peak_pss_bytes = 0
        self.cpu: dict[int, float] = {}

    def run(self) -> None:
        """Sample every 50 ms; a process that ends between two looks is simply not in that sample."""
        try:
            import psutil
        except ImportError:  # then only the wait4 figures are reported
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            total = pss = 0
            try:
                members = [root, *root.children(recursive=True)]
            except psutil.Error:
                members = []
            for member in members:
                try:
                    with member.oneshot():
                        total += member.memory_info().rss
                        pss += getattr(member.memory_full_info(), "pss", 0)  # Linux only
                        times = member.cpu_times()
                        self.cpu[member.pid] = times.user + times.system
                except psutil.Error:
                    continue
            self.peak_bytes = max(self.peak_bytes, total)
            self.peak_pss_bytes = max(self.peak_pss_bytes, pss)
            self.stop.wait(0.05)


def _drain(stream: IO[str] | None, output: dict[str, str], name: str) -> None:
    output[name] = stream.read() if stream is not None else ""
    if stream is not None:
        stream.close()


def machine() -> dict[str, str]:
    """CPU model, cores usable, RAM, OS and Python of this machine."""
    cpu = platform.processor() or platform.machine()
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    system = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.system()} {platform.release()})"
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": f"{usable} usable of {os.cpu_count()}",
        "RAM": memory,
        "OS": system,
        "Python": f"{platform.python_version()} ({sys.executable})",
    }


def supported_flags(python: str, source: Path) -> set[str]:
    """The FLAGS names whose spelling appears in ``focuscount analyze --help``."""
    done = subprocess.run(
        [python, "-m", "focuscount", "analyze", "--help"], cwd=source, capture_output=True, text=True, check=False
    )
    text = done.stdout
    return {name for name, spell in FLAGS.items() if spell("x")[0] in text}


class Bench:
    """Runs every measure on one corpus and keeps the rows."""

    def __init__(self, corpus: Path, work: Path, python: str, source: Path) -> None:
        self.corpus = corpus
        self.work = work
        self.python = python
        self.source = source  # the folder `python -m focuscount` runs from (the repository, or a copy)
        self.env = {**os.environ, "PYTHONPATH": str(source)}
        self.supported = supported_flags(python, source)
        self.rows: list[Row] = []
        self.runs = 0

    def floor(self, name: str, *args: str) -> Row:
        """Run ``bench/floors.py ARGS`` as one measured child; its JSON answer goes into the row."""
        row = Row(name)
        measured = measure([self.python, str(HERE / "floors.py"), *args], REPO, self.env)
        row.measured = measured
        if measured.returncode != 0:
            row.not_run = f"failed: {measured.error()}"
        else:
            answer = json.loads(measured.stdout)
            row.documents = answer.get("documents")
            row.words = answer.get("words") or answer.get("tokens")
            row.extra = answer
        self.rows.append(row)
        return row

    def focuscount(
        self, name: str, paths: Sequence[Path], settings: dict[str, str], note: str = "", plain: bool = False
    ) -> Row:
        """Run ``focuscount analyze PATHS`` with ``settings`` (FLAGS names); skip it if a flag is missing.

        The output is JSON in a file (its summary gives the words the run saw); with ``plain`` it is the
        everyday command's table, read from a pipe.
        """
        row = Row(name, note=note)
        missing = [FLAGS[key]("x")[0] for key in settings if key not in self.supported and key != "lexicon"]
        if missing:
            row.not_run = f"not run: focuscount has no {', '.join(missing)} yet"
            self.rows.append(row)
            return row
        self.runs += 1
        out = self.work / f"run-{self.runs}.json"
        args = [arg for key, value in settings.items() for arg in FLAGS[key](value)]
        output = [] if plain else [*OUTPUT, str(out)]
        measured = measure(
            [self.python, "-m", "focuscount", "analyze", *map(str, paths), *args, *output], self.source, self.env
        )
        row.measured = measured
        if plain:
            if measured.returncode != 0:
                row.not_run = f"failed: {measured.error()}"
        elif measured.returncode != 0 or not out.is_file():
            row.not_run = f"failed: {measured.error()}"
        else:
            summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
            row.documents = summary.get("documents")
            row.words = summary.get("words")
            row.extra = {"counts": summary.get("counts")}
        self.rows.append(row)
        return row

    def version(self) -> Row:
        """``focuscount --version``: the best of five runs (start-up cost, no analysis loaded)."""
        best = min(
            (measure([self.python, "-m", "focuscount", "--version"], self.source, self.env) for _ in range(5)),
            key=lambda m: m.seconds,
        )
        row = Row("focuscount --version (best of 5)", best, note="start-up only")
        if best.returncode != 0:
            row.not_run = f"failed: {best.error()}"
        self.rows.append(row)
        return row


def changed_lexicon(folder: Path) -> Path:
    """A copy of lexicons/library.toml with one customer term more: a lexicon change for the cache."""
    text = (REPO / "lexicons" / "library.toml").read_text(encoding="utf-8")
    anchor = '"customer", "patron", "user",'
    if anchor not in text:
        raise SystemExit(
            f"lexicons/library.toml: no line {anchor!r} to add a term after: update changed_lexicon() in bench/scale.py"
        )
    path = folder / "library-changed.toml"
    path.write_text(text.replace(anchor, anchor + ' "service user",', 1), encoding="utf-8")
    return path


def run_all(options: argparse.Namespace) -> tuple[dict[str, object], list[Row], dict[str, str]]:
    """Build the corpus and run every measure; return the manifest, the rows and the machine."""
    # Built in a child process: this one stays small, since a child's peak RSS starts at its parent's at fork.
    build = [options.python, str(HERE / "scale_corpus.py"), "--folder", str(options.corpus)]
    subprocess.run(
        [*build, "--scale", str(options.scale), "--seed", str(options.seed)],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    manifest = json.loads((options.corpus / scale_corpus.MANIFEST).read_text(encoding="utf-8"))
    print(
        f"corpus: {manifest['documents']:,} documents, {manifest['words']:,} words in {options.corpus}", file=sys.stderr
    )
    work = Path(tempfile.mkdtemp(prefix="focuscount-scale-"))
    bench = Bench(options.corpus, work, options.python, options.source.resolve())
    cache = work / "cache"
    new_file = options.corpus / "2030" / "2030-06-04-board-minutes-new.txt"
    try:
        steps: list[tuple[str, Callable[[], Row]]] = [
            (
                "floor: bare libraries",
                lambda: bench.floor(
                    "floor: bare pdfminer.six / python-docx / python-pptx",
                    "bare",
                    str(options.corpus),
                    "--dump",
                    str(work / "text"),
                ),
            ),
        ]
        terms, dic = work / "terms.txt", work / "library.dic"
        for mode, out in (("terms", terms), ("dic", dic)):
            subprocess.run(
                [options.python, str(HERE / "floors.py"), mode, str(out)],
                cwd=REPO,
                env=bench.env,
                check=True,
                capture_output=True,
            )
        import floors

        if floors.physical_floor_missing():
            steps.append(
                (
                    "floor: pdftotext + grep",
                    lambda: _not_run(
                        bench,
                        "floor: pdftotext + grep -c",
                        "not run: "
                        + ", ".join(floors.physical_floor_missing())
                        + " not installed (poppler-utils has pdftotext)",
                    ),
                )
            )
        else:
            steps.append(
                (
                    "floor: pdftotext + grep",
                    lambda: bench.floor("floor: pdftotext + grep -c", "grep", str(options.corpus), str(terms)),
                )
            )
        steps += [
            (
                "floor: liwc",
                lambda: bench.floor(
                    "peer: liwc-python, equivalent .dic (extracted text)", "liwc", str(work / "text"), str(dic)
                ),
            ),
            ("version", bench.version),
        ]
        for jobs in ("1", "2"):
            for engine in ("pdfminer", "pdfium"):
                steps.append(
                    (
                        f"cold {jobs} {engine}",
                        functools.partial(
                            bench.focuscount,
                            f"focuscount cold, --jobs {jobs}, {engine}",
                            [options.corpus],
                            {"jobs": jobs, "pdf_engine": engine, "no_cache": ""},
                        ),
                    )
                )
        steps += [
            (
                "cold defaults",
                lambda: bench.focuscount(
                    "focuscount cold, the defaults (--jobs = CPUs, pdfium, the cache on)",
                    [options.corpus],
                    {"cache_dir": str(cache)},
                    "an empty cache: this run fills it",
                ),
            ),
            (
                "warm",
                lambda: bench.focuscount(
                    "focuscount warm, unchanged corpus", [options.corpus], {"cache_dir": str(cache)}, "the defaults"
                ),
            ),
        ]
        for label, step in steps:
            print(f"running: {label}", file=sys.stderr)
            step()
        new_words = scale_corpus.write_new_document(new_file, options.seed)
        print("running: one new file", file=sys.stderr)
        bench.focuscount(
            "focuscount after one new file (whole run)",
            [options.corpus],
            {"cache_dir": str(cache)},
            f"one txt of {new_words:,} words added; JSON to a file",
        )
        new_file.unlink()
        other_words = scale_corpus.write_new_document(new_file, options.seed + 1)
        bench.focuscount(
            "focuscount after one new file, the everyday command",
            [options.corpus],
            {"cache_dir": str(cache)},
            f"`focuscount analyze DIR`, another txt of {other_words:,} words added; the table to a pipe",
            plain=True,
        )
        bench.focuscount("focuscount, that new file alone", [new_file], {"no_cache": ""}, "no cache")
        print("running: lexicon change", file=sys.stderr)
        bench.focuscount(
            "focuscount after a lexicon change",
            [options.corpus],
            {"cache_dir": str(cache), "lexicon": str(changed_lexicon(work))},
            "one term added: re-counts cached text",
        )
    finally:
        new_file.unlink(missing_ok=True)
        if new_file.parent.is_dir() and not any(new_file.parent.iterdir()):
            new_file.parent.rmdir()
        shutil.rmtree(work, ignore_errors=True)
    return manifest, bench.rows, machine()


def _not_run(bench: Bench, name: str, why: str) -> Row:
    row = Row(name, not_run=why)
    bench.rows.append(row)
    return row


def _find(rows: list[Row], prefix: str) -> Row | None:
    for row in rows:
        if row.name.startswith(prefix) and row.measured is not None and not row.not_run:
            return row
    return None


def _ratio(row: Row, floor: Row | None) -> str:
    if floor is None or floor.measured is None or row.measured is None or floor.measured.seconds <= 0:
        return "–"
    return f"{row.measured.seconds / floor.measured.seconds:.2f}×"


def targets(rows: list[Row]) -> list[tuple[str, str, str]]:
    """The speed targets: (target, the figure, met / not met / not measured)."""
    found = {
        key: _find(rows, prefix)
        for key, prefix in (
            ("bare", "floor: bare"),
            ("grep", "floor: pdftotext"),
            ("cold1", "focuscount cold, --jobs 1, pdfminer"),
            ("cold1p", "focuscount cold, --jobs 1, pdfium"),
            ("cold2", "focuscount cold, --jobs 2, pdfminer"),
            ("warm", "focuscount warm"),
            ("new", "focuscount after one new file (whole run)"),
            ("new_plain", "focuscount after one new file, the everyday command"),
            ("version", "focuscount --version"),
        )
    }

    def seconds(key: str) -> float | None:
        row = found[key]
        return row.measured.seconds if row is not None and row.measured is not None else None

    def check(label: str, figure: float | None, limit: float, unit: str, below: bool = True) -> tuple[str, str, str]:
        if figure is None:
            return (label, "–", "not measured")
        met = figure < limit if below else figure >= limit
        return (label, f"{figure:.2f}{unit}", "met" if met else "NOT met")

    def over(a: str, b: str) -> float | None:
        first, second = seconds(a), seconds(b)
        return first / second if first is not None and second else None

    measured = [row.measured for row in rows if row.name.startswith("focuscount") and row.measured and not row.not_run]
    rss_peaks = [max(m.peak_mb, m.tree_peak_mb) for m in measured]
    # PSS where the system gives it (Linux): shared pages counted once, not once per process.
    pss_peaks = [max(m.peak_mb if m.tree_pss_mb == 0 else 0.0, m.tree_pss_mb) for m in measured]
    return [
        check("cold --jobs 1, pdfium: within 1.5× of pdftotext + grep", over("cold1p", "grep"), 1.5, "×"),
        check("cold --jobs 1, pdfminer: within 1.3× of the bare libraries", over("cold1", "bare"), 1.3, "×"),
        check("--jobs 2 at least 1.7× faster than --jobs 1 (pdfminer)", over("cold1", "cold2"), 1.7, "×", below=False),
        check("warm re-run faster than pdftotext + grep", over("warm", "grep"), 1.0, "×"),
        check("one new file: the whole run under 2 s (JSON to a file)", seconds("new"), 2.0, " s"),
        check("one new file: the whole run under 2 s (`analyze DIR`, the table)", seconds("new_plain"), 2.0, " s"),
        check(
            "peak memory under 500 MB (every focuscount run, all its processes, PSS)",
            max(pss_peaks) if pss_peaks else None,
            500.0,
            " MB",
        ),
        check(
            "peak memory under 500 MB (the same, RSS: shared pages counted in each process)",
            max(rss_peaks) if rss_peaks else None,
            500.0,
            " MB",
        ),
        check("--version under 0.3 s", seconds("version"), 0.3, " s"),
    ]


def render(manifest: dict[str, object], rows: list[Row], about: dict[str, str], options: argparse.Namespace) -> str:
    """The Markdown section: machine, corpus, the table of every figure, the targets."""
    words = int(manifest["words"])  # type: ignore[call-overload]
    docs = int(manifest["documents"])  # type: ignore[call-overload]
    bare, grep, liwc = _find(rows, "floor: bare"), _find(rows, "floor: pdftotext"), _find(rows, "peer: liwc")
    formats: dict[str, dict[str, int]] = manifest["formats"]  # type: ignore[assignment]
    pdf_share = formats["pdf"]["words"] / words if words else 0.0
    lines = [
        SECTION_BEGIN,
        "## At scale (bench/scale.py)",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with `python bench/scale.py --scale {options.scale}"
        f" --seed {options.seed}`.",
        "",
        "Machine:",
        "",
        *[f"- {key}: {value}" for key, value in about.items()],
        "",
        f"Corpus (bench/scale_corpus.py, seed {options.seed}, scale {options.scale}): {docs:,} documents, "
        f"{words:,} words (`str.split` of the source text); PDFs hold {pdf_share:.1%} of the words.",
        "",
        "| format | documents | words |",
        "| --- | ---: | ---: |",
        *[f"| {kind} | {entry['documents']:,} | {entry['words']:,} |" for kind, entry in formats.items()],
        "",
        "Each figure is one fresh child process (wall seconds; CPU = user + system of it and its children; "
        "peak RSS from its own `wait4`; the peaks of all its processes together sampled every 50 ms, as RSS and "
        "as PSS, which counts a page shared by n processes 1/n in each). "
        "Documents/s and words/s use the corpus figures above; "
        '"words seen" is what the tool itself counted. Ratios are seconds over the floor\'s seconds.',
        "",
        "| run | seconds | CPU s | documents/s | words/s | peak RSS, largest process | peak RSS, all processes | "
        "peak PSS, all processes | words seen | ÷ bare libraries | ÷ pdftotext + grep | ÷ liwc | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        m = row.measured
        if row.not_run or m is None:
            lines.append(f"| {row.name} | | | | | | | | | | | | {row.not_run} |")
            continue
        alone = row.name.endswith("alone") or row.name.startswith("focuscount --version")
        run_docs = row.documents if alone else docs
        run_words = row.words if alone else words
        rate_docs = f"{run_docs / m.seconds:,.1f}" if run_docs else ""
        rate_words = f"{run_words / m.seconds:,.0f}" if run_words else ""
        seen = f"{row.words:,}" if isinstance(row.words, int) else ""
        # A ratio of a run over a part of the corpus (or none of it) to a floor over all of it means nothing.
        ratios = "| – | – | –" if alone else f"| {_ratio(row, bare)} | {_ratio(row, grep)} | {_ratio(row, liwc)}"
        tree = f"{m.tree_peak_mb:.0f} MB" if m.tree_peak_mb else "–"
        pss = f"{m.tree_pss_mb:.0f} MB" if m.tree_pss_mb else "–"
        lines.append(
            f"| {row.name} | {m.seconds:.2f} | {m.cpu_seconds:.2f} | {rate_docs} | {rate_words} | {m.peak_mb:.0f} MB"
            f" | {tree} | {pss} | {seen} {ratios} | {row.note} |"
        )
    lines += ["", "Targets (ratios on this run):", "", "| target | figure | |", "| --- | ---: | --- |"]
    lines += [f"| {label} | {figure} | {verdict} |" for label, figure, verdict in targets(rows)]
    dic = liwc.extra if liwc is not None else {}
    lines += [
        "",
        "Notes: the liwc-python row counts text the bare floor extracted (counting only, no reading): "
        "compare it with the lexicon-change row, which re-counts cached text. Its dictionary is "
        "lexicons/library.toml written as a .dic by bench/floors.py (single words with their regular "
        "inflections, wildcards kept); liwc-python matches one token at a time, so the lexicon's phrases "
        "never match and its ignore terms and names rule have no equivalent: same size of dictionary, "
        f"not the same counts (liwc counts: {dic.get('counts', '–')}). pdftotext + grep counts matching "
        "lines (`grep -c -i -w -F`); docx and pptx go through `unzip -p` and `sed`, txt and md straight to grep.",
        SECTION_END,
    ]
    return "\n".join(lines) + "\n"


def write_results(path: Path, section: str, begin: str = SECTION_BEGIN, end: str = SECTION_END) -> None:
    """Put ``section`` (from ``begin`` to ``end``) into the results file, in place of the one there, or at its end."""
    from focuscount.output import write_atomic

    old = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = old.rstrip("\n") + "\n\n" + section
    write_atomic(path, text)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark, print the section and write it into the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size: 1.0 is 2,000 documents, 10 M words")
    parser.add_argument("--seed", type=int, default=scale_corpus.DEFAULT_SEED)
    parser.add_argument("--corpus", type=Path, default=None, help="default /tmp/focuscount-bench-corpus[-SCALE]")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--python", default=sys.executable, help="the Python that runs focuscount and the floors")
    parser.add_argument("--source", type=Path, default=REPO, help="run the focuscount package found in this folder")
    options = parser.parse_args(argv)
    if options.corpus is None:
        suffix = "" if options.scale == 1.0 else f"-{options.scale:g}"
        options.corpus = Path(f"{scale_corpus.DEFAULT_FOLDER}{suffix}")
    manifest, rows, about = run_all(options)
    section = render(manifest, rows, about, options)
    print(section)
    write_results(options.results, section)
    print(f"scale.py: wrote {options.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
