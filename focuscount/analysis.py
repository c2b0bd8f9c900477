"""The whole path from paths to an :class:`Analysis`, usable without the CLI.

Per-file work is independent and streamed: :func:`iter_document_counts` yields
one document's counts (with its hits) at a time, and :func:`analyze` keeps only
the counts, never a corpus-wide list of hits.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from focuscount.breakdown import BREAKDOWNS, BreakdownKind, BreakdownRow, document_breakdown, merge_speakers
from focuscount.cachekeys import counts_key, numbers_key, reading_key
from focuscount.counting import DEFAULT_CONTEXT_WORDS
from focuscount.dating import DatesManifest, assign_date
from focuscount.discovery import MISSING, STDIN, UNREADABLE, UNSUPPORTED, Candidate, Skipped, discover
from focuscount.errors import ConfigError, NoDocumentsError
from focuscount.lexicon import Lexicon, load_lexicon
from focuscount.model import DocumentCounts, Period, ratio_of
from focuscount.options import DEFAULT_READ, SERIAL, Execution, ReadOptions
from focuscount.pipeline_facts import pipeline_facts, ready_to_count
from focuscount.readers import supported_extensions
from focuscount.readers.text import read_standard_input
from focuscount.series import Series, SeriesRule, name_series, split_series
from focuscount.timeline import GROUPINGS, Grouping, Trend, group, no_trend_reason, trend
from focuscount.uncertainty import DEFAULT_MIN_HITS, Interval, is_thin, pooled_interval
from focuscount.work import CacheKeys, CountJob, FileResult, FileTask, content_hash, count_file, shipped, start

if TYPE_CHECKING:
    from focuscount.cache import ResultCache
    from focuscount.executors import Executor

SkipHandler = Callable[[Skipped], None]


@dataclass(frozen=True)
class UnmatchedDate:
    """A row of the dates manifest that dated no document read: a typo, or a file left out."""

    manifest: Path
    line: int
    written: str  # the path as the row writes it

    @property
    def message(self) -> str:
        """``no document read matches 'minutes/2024-13-01.docx'`` (the caller names the manifest and line)."""
        return f"no document read matches '{self.written}'"


@dataclass(frozen=True)
class Analysis:
    """Everything ``focuscount analyze`` reports: documents, periods, trend, and what was skipped."""

    lexicon: Lexicon
    by: Grouping
    documents: tuple[DocumentCounts, ...]  # date order, undated last; without evidence
    periods: tuple[Period, ...]
    trend: Trend | None
    skipped: tuple[Skipped, ...]
    pipeline: str
    breakdowns: dict[str, tuple[BreakdownRow, ...]] = field(default_factory=dict)
    min_hits: int = DEFAULT_MIN_HITS  # a ratio on fewer hits is thin evidence
    include_thin: bool = False  # thin periods were counted in the trend
    lemmas: bool = True  # the pipeline gives lemmas (False: a language without a lookup table)
    unmatched_dates: tuple[UnmatchedDate, ...] = ()  # rows of the dates manifest that dated no document read
    # With a series rule (--series): how documents were split, and each series with its own periods and trend.
    series_rule: str | None = None
    series: tuple[Series, ...] = ()

    @property
    def lexicons_used(self) -> dict[str, int]:
        """With ``--language auto``: documents per lexicon that counted them (empty otherwise)."""
        return dict(Counter(c.lexicon_name for c in self.documents if c.lexicon_name))

    @property
    def interval(self) -> Interval | None:
        """The 95% interval of the overall ratio, corrected for the clustering of hits in documents."""
        focus, versus = self.lexicon.focus, self.lexicon.versus
        return pooled_interval(
            (c.counts.get(focus, 0), c.counts.get(focus, 0) + c.counts.get(versus, 0)) for c in self.documents
        )

    @property
    def thin(self) -> bool:
        """True when the overall ratio rests on fewer than :attr:`min_hits` hits."""
        counts = self.counts
        return is_thin(counts[self.lexicon.focus] + counts[self.lexicon.versus], self.min_hits)

    @property
    def thin_documents(self) -> tuple[DocumentCounts, ...]:
        """The documents whose ratio is thin evidence."""
        return tuple(c for c in self.documents if c.thin)

    @property
    def no_trend_reason(self) -> str:
        """Why there is no trend (when :attr:`trend` is None)."""
        if not self.periods:
            return "No dated documents: no periods and no trend."
        return no_trend_reason(self.periods, self.include_thin)

    @property
    def dated(self) -> tuple[DocumentCounts, ...]:
        """Documents with a date (they make the periods and the trend)."""
        return tuple(c for c in self.documents if c.document.date is not None)

    @property
    def undated(self) -> tuple[DocumentCounts, ...]:
        """Documents without a date: counted, but out of the periods and the trend."""
        return tuple(c for c in self.documents if c.document.date is None)

    @property
    def unreadable(self) -> tuple[Skipped, ...]:
        """Paths that could not be read (each was warned about), the :attr:`missing` ones among them."""
        return tuple(s for s in self.skipped if s.kind != UNSUPPORTED)

    @property
    def missing(self) -> tuple[Skipped, ...]:
        """Paths given that do not exist (an error of the run: the CLI exits 2)."""
        return tuple(s for s in self.skipped if s.kind == MISSING)

    @property
    def unsupported(self) -> tuple[Skipped, ...]:
        """Files of other types found in folders, passed over quietly."""
        return tuple(s for s in self.skipped if s.kind == UNSUPPORTED)

    @property
    def words(self) -> int:
        """Words in all documents read."""
        return sum(c.words for c in self.documents)

    @property
    def counts(self) -> dict[str, int]:
        """Hits per category over all documents read."""
        totals: Counter[str] = Counter({name: 0 for name in self.lexicon.category_names})
        for counts in self.documents:
            totals.update(counts.counts)
        return dict(totals)

    @property
    def ratio(self) -> float | None:
        """The overall ratio over all documents read (dated or not)."""
        counts = self.counts
        return ratio_of(counts[self.lexicon.focus], counts[self.lexicon.versus])

    @property
    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """The first and last document date, if any document is dated."""
        dates = [c.document.date for c in self.dated if c.document.date is not None]
        return (min(dates), max(dates)) if dates else None


def iter_document_counts(
    paths: Iterable[Path | str],
    lexicon: Lexicon,
    *,
    options: ReadOptions = DEFAULT_READ,
    context_words: int = DEFAULT_CONTEXT_WORDS,
    unmatched: bool = False,
    execution: Execution = SERIAL,
    evidence: bool = True,
) -> Iterator[DocumentCounts | Skipped]:
    """Read, date and count each file under ``paths``, one at a time and in a stable order, with its hits.

    ``options`` say how each file is read and dated (see :class:`~focuscount.options.ReadOptions`);
    with ``options.language="auto"``, each document is counted with the lexicon of its own
    language from ``lexicon``'s family (see :mod:`focuscount.language`).  With ``unmatched``,
    each document also counts the content words no term matched.  ``execution`` says where
    the work is done and what is cached (:class:`~focuscount.options.Execution`); the
    results, and their order, are the same whatever it says.  With ``evidence=False`` a
    document may come without its hits (``hits`` and ``ignored`` empty; every count,
    segment and word is there): a run that reports only numbers then reads less from the
    cache.
    """
    job = CountJob(lexicon, options.without_dates(), context_words, unmatched)
    ready_to_count(job, execution.cache)  # an unknown model or a broken lexicon family fails before any file is read
    run = _Run(job, options, execution, evidence)
    try:
        yield from run.results(discover(paths, options.exclude, follow_links=options.follow_links))
    finally:
        run.close()


@dataclass
class _Waiting:
    """A file handed to the executor (its task says where in the cache its result goes)."""

    path: Path


@dataclass
class _Cached:
    """A file whose counts the cache holds: read from it only when its turn comes (memory stays flat)."""

    path: Path
    counts_key: str


class _Run:
    """One stream of files through the cache and an executor, in the order discovery gave them."""

    def __init__(self, job: CountJob, options: ReadOptions, execution: Execution, evidence: bool = True) -> None:
        self.evidence = evidence
        self.job = job
        self.options = options
        self.execution = execution
        self.cache = execution.cache
        self._executor: Executor | None = None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.close()

    def results(self, items: Iterable[Candidate | Skipped]) -> Iterator[DocumentCounts | Skipped]:
        """Each item's result: skips as they are, cached counts at once, the rest through the executor."""
        slots: deque[_Cached | Skipped | _Waiting] = deque()

        def tasks() -> Iterator[FileTask]:
            for item in items:
                if isinstance(item, Skipped):
                    slots.append(item)
                    continue
                ready, task, waiting = self._prepare(item.path)
                if ready is not None:
                    slots.append(ready)
                    continue
                slots.append(waiting)
                yield task

        remote = self.execution.executor == "dask"
        stream = self._executor_for().run(
            start,
            self.job,
            count_file,
            (shipped(task, self.options) for task in tasks()) if remote else tasks(),
            _failed,
        )
        finished: FileResult | None = None
        while True:
            while slots and not isinstance(slots[0], _Waiting):
                yield self._dated(slots.popleft())
            if slots and finished is not None:
                waiting = slots.popleft()
                assert isinstance(waiting, _Waiting)
                yield self._dated(self._store(waiting, finished))
                finished = None
                continue
            try:
                finished = next(stream)  # pulls files through discovery, which may fill ``slots`` first
            except StopIteration:
                if not slots:
                    return
                if not isinstance(slots[0], _Waiting):
                    continue
                raise RuntimeError("the executor gave fewer results than files") from None

    def _executor_for(self) -> Executor:
        from focuscount.executors import make_executor

        if self._executor is None:
            execution = self.execution
            self._executor = make_executor(
                execution.executor,
                execution.jobs,
                execution.timeout_per_file,
                execution.scheduler,
                preload=WORKER_MODULES,
            )
        return self._executor

    def _prepare(self, path: Path) -> tuple[_Cached | None, FileTask, _Waiting]:
        """Where the cache holds ``path``'s counts, or the task that counts it (with its cached reading, if any)."""
        hits = self.evidence
        if path == STDIN:  # read here (a worker has no standard input) and never cached
            data = read_standard_input(path, self.options.limits)
            return None, FileTask(path, data=data, hits=hits), _Waiting(path)
        if self.cache is None:
            return None, FileTask(path, hits=hits), _Waiting(path)
        content = content_hash(path, self.options)
        if content is None:  # unreadable: the reader says why, as it always does
            return None, FileTask(path, hits=hits), _Waiting(path)
        reading = reading_key(content, self.job, pdf=path.suffix.lower() == ".pdf")
        counts = counts_key(reading, self.job)
        if not self.evidence and self.cache.has_counts(numbers_key(counts)):
            return _Cached(path, numbers_key(counts)), FileTask(path), _Waiting(path)
        if self.cache.has_counts(counts):
            return _Cached(path, counts), FileTask(path), _Waiting(path)
        raw = self.cache.get_raw(reading)
        keys = CacheKeys(reading if raw is None else None, counts, numbers_key(counts))
        task = FileTask(path, raw=None if raw is None else replace(raw, path=path), hits=hits, cache=keys)
        return None, task, _Waiting(path)

    def _from_cache(self, cached: _Cached) -> DocumentCounts | Skipped:
        """The cached counts, or (when another run pruned them meanwhile, or they no longer decode) counted here."""
        assert self.cache is not None
        found = self.cache.get_counts(cached.counts_key)
        if found is not None:
            return _moved(found, cached.path)
        start(self.job)  # (nothing to do when this process has counted a file of the job already)
        result = count_file(FileTask(cached.path))
        if result.counts is not None:
            return result.counts
        assert result.skipped is not None
        return result.skipped

    def _store(self, waiting: _Waiting, result: FileResult) -> DocumentCounts | Skipped:
        if result.counts is None:
            assert result.skipped is not None
            return result.skipped
        if self.cache is not None and result.packed:
            self.cache.put_packed(result.packed)  # packed by the worker: this process only writes them
        return result.counts

    def _dated(self, item: DocumentCounts | Skipped | _Cached | _Waiting) -> DocumentCounts | Skipped:
        assert not isinstance(item, _Waiting)
        if isinstance(item, Skipped):
            return item
        if isinstance(item, _Cached):
            item = self._from_cache(item)
            if isinstance(item, Skipped):
                return item
        options = self.options
        document = assign_date(item.document, options.dates, options.date_order, metadata_dates=options.metadata_dates)
        return replace(item, document=document)


# What a worker imports once, before any file: a worker started after a crash is ready sooner.
WORKER_MODULES = ("spacy", "focuscount.work")


def _moved(counts: DocumentCounts, path: Path) -> DocumentCounts:
    """Cached counts of the same bytes, under the name the file has now."""
    return replace(counts, document=replace(counts.document, path=path))


def _failed(task: FileTask, reason: str) -> FileResult:
    """A file whose worker timed out or crashed: skipped with the reason, the run goes on."""
    return FileResult(task.path, skipped=Skipped(task.path, reason))


def counted_documents(
    items: Iterable[DocumentCounts | Skipped], skipped: list[Skipped], on_skip: SkipHandler | None = None
) -> Iterator[DocumentCounts]:
    """The documents of a stream; skipped files go to ``skipped`` (and ``on_skip``) as they come.

    Raises :class:`NoDocumentsError` at the end when no document was read at all.
    """
    read = 0
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            if on_skip is not None:
                on_skip(item)
            continue
        read += 1
        yield item
    if read == 0:
        raise NoDocumentsError(no_documents_message(skipped))


def analyze(
    paths: Iterable[Path | str],
    lexicon: Lexicon | str | Path = "library",
    *,
    by: Grouping = "meeting",
    breakdowns: Iterable[BreakdownKind] = (),
    options: ReadOptions = DEFAULT_READ,
    execution: Execution = SERIAL,
    context_words: int = DEFAULT_CONTEXT_WORDS,
    min_hits: int = DEFAULT_MIN_HITS,
    include_thin: bool = False,
    on_skip: SkipHandler | None = None,
    on_document: Callable[[DocumentCounts], None] | None = None,
    evidence: bool = True,
    series: SeriesRule | str | None = None,
) -> Analysis:
    """Analyse the documents under ``paths`` and group them ``by`` meeting, month, quarter or year.

    ``lexicon`` is a :class:`~focuscount.lexicon.Lexicon`, a shipped lexicon's name or
    a lexicon file; ``options`` say how the files are read and dated
    (:class:`~focuscount.options.ReadOptions`), ``execution`` where the work is done
    and what is cached (:class:`~focuscount.options.Execution`).  ``breakdowns`` names any of
    ``speaker``, ``section``, ``slide`` to report too.  A ratio resting on fewer
    than ``min_hits`` hits is thin evidence, left out of the trend unless
    ``include_thin``.  ``on_document`` sees each document's counts with its hits
    (``context_words`` either side) before they are dropped; with ``evidence=False``
    (no breakdowns asked for) it may see them without their hits.
    ``series`` (``folder``, ``prefix`` or a regular expression, see :mod:`focuscount.series`)
    splits the documents into named series, each with its own periods, trend and interval
    (:attr:`Analysis.series`); the periods and trend of the whole set are kept too.
    Unreadable files do not stop the run: each is passed to ``on_skip`` as it is met
    and listed in :attr:`Analysis.skipped`.  Raises :class:`NoDocumentsError` when
    no file could be read at all, and :class:`ConfigError` naming the parameter for
    a value out of range.
    """
    if by not in GROUPINGS:
        raise ConfigError(None, f"`by` must be one of {', '.join(GROUPINGS)}, not '{by}'", parameters=("by",))
    kinds = tuple(dict.fromkeys(breakdowns))
    for kind in kinds:
        if kind not in BREAKDOWNS:
            raise ConfigError(
                None, f"`breakdowns` must be some of {', '.join(BREAKDOWNS)}, not '{kind}'", parameters=("breakdowns",)
            )
    rule = SeriesRule.parse(series) if isinstance(series, str) else series
    if not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(lexicon)
    documents: list[DocumentCounts] = []
    skipped: list[Skipped] = []
    per_document: dict[Path, dict[str, list[BreakdownRow]]] = {}
    stream = iter_document_counts(
        paths,
        lexicon,
        options=options,
        context_words=context_words,
        execution=execution,
        evidence=evidence or bool(kinds),
    )
    for item in counted_documents(stream, skipped, on_skip):
        if on_document is not None:
            on_document(item)
        if kinds:
            per_document[item.document.path] = {
                kind: document_breakdown(item, kind, lexicon.focus, lexicon.versus) for kind in kinds
            }
        documents.append(replace(item.without_evidence(), thin=is_thin(_ratio_hits(item, lexicon), min_hits)))
    documents.sort(key=lambda c: (c.document.date is None, c.document.date or dt.date.min, str(c.document.path)))
    if rule is not None:
        documents = name_series(documents, rule)
    periods = tuple(group(documents, by, lexicon.focus, lexicon.versus, min_hits))
    breakdown_rows: dict[str, tuple[BreakdownRow, ...]] = {}
    for kind in kinds:
        in_order = [row for counts in documents for row in per_document[counts.document.path][kind]]
        if kind == "speaker":
            in_order = merge_speakers(in_order, lexicon.focus, lexicon.versus)
        breakdown_rows[kind] = tuple(
            replace(row, thin=is_thin(row.counts.get(lexicon.focus, 0) + row.counts.get(lexicon.versus, 0), min_hits))
            for row in in_order
        )
    return Analysis(
        lexicon=lexicon,
        by=by,
        documents=tuple(documents),
        periods=periods,
        trend=trend(periods, documents, lexicon.focus, lexicon.versus, include_thin),
        skipped=tuple(skipped),
        pipeline=_pipeline_names(lexicon, documents, options.model, execution.cache),
        lemmas=options.model is not None
        or pipeline_facts(lexicon.language, options.model, execution.cache).has_word_list,
        breakdowns=breakdown_rows,
        min_hits=min_hits,
        include_thin=include_thin,
        unmatched_dates=_unmatched_dates(options.dates, documents),
        series_rule=None if rule is None else rule.text,
        series=()
        if rule is None
        else split_series(documents, by, lexicon.focus, lexicon.versus, min_hits, include_thin),
    )


def _unmatched_dates(manifest: DatesManifest | None, documents: list[DocumentCounts]) -> tuple[UnmatchedDate, ...]:
    if manifest is None:
        return ()
    rows = manifest.unmatched(counts.document.path for counts in documents)
    return tuple(UnmatchedDate(manifest.path, line, written) for line, written in rows)


def _pipeline_names(
    lexicon: Lexicon, documents: list[DocumentCounts], model: str | None, cache: ResultCache | None
) -> str:
    """The pipeline that counted: ``spacy.blank('en') + lookup lemmas``, or with ``--language auto`` each one
    used, joined by commas."""
    languages = dict.fromkeys([lexicon.language, *(c.language for c in documents if c.language)])
    return ", ".join(pipeline_facts(code, model, cache).name for code in languages)


def _ratio_hits(counts: DocumentCounts, lexicon: Lexicon) -> int:
    return counts.counts.get(lexicon.focus, 0) + counts.counts.get(lexicon.versus, 0)


def no_documents_message(skipped: list[Skipped]) -> str:
    if not skipped:
        return f"no documents found: give files or folders of {_formats()} files"
    missing = sum(1 for s in skipped if s.kind == MISSING)
    unreadable = sum(1 for s in skipped if s.kind == UNREADABLE)
    unsupported = len(skipped) - unreadable - missing
    parts = []
    if missing:
        parts.append(f"{missing} not found")
    if unreadable:
        parts.append(f"{unreadable} unreadable")
    if unsupported:
        parts.append(f"{unsupported} of an unsupported format")
    return f"no readable document ({', '.join(parts)}); focuscount reads {_formats()}"


def _formats() -> str:
    return ", ".join(supported_extensions())
