"""The ``focuscount cache`` commands: where the cache is and what it holds, prune old entries, clear it."""

from __future__ import annotations

from pathlib import Path

import click

from focuscount.cli import CONFIG_OPTION, help_examples

CACHE_DIR_OPTION = click.option(
    "--cache-dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
    help="The cache's folder [default: `cache_dir` of the settings, FOCUSCOUNT_CACHE_DIR, or the platform's "
    "cache folder].",
)  # fmt: skip


def _cache_folder(cache_dir: Path | None, config: Path | None) -> Path:
    """The folder a run would use: the option, else the settings (with FOCUSCOUNT_CACHE_DIR), else the default."""
    from focuscount.cache import default_cache_dir
    from focuscount.config import load_settings

    if cache_dir is not None:
        return cache_dir
    settings = load_settings(config=config)
    return settings.resolve(settings.cache_dir) if settings.cache_dir else default_cache_dir()


def _entries(count: int) -> str:
    return f"{count:,} {'entry' if count == 1 else 'entries'}"


@click.group(
    epilog=help_examples(
        ("focuscount cache info", "where the cache is, its size, and what it holds"),
        ("focuscount cache prune --older-than 30", "forget what no run has used for 30 days"),
        ("focuscount cache clear", "empty it (the next run reads every file again)"),
    )
)
def cache() -> None:
    """Show, prune or clear the cache of each file's reading and counts.

    A run reads only new or changed files: an unchanged file's counts come from the
    cache, and after a lexicon change its text is counted again without being parsed.
    Every entry is keyed by the file's content, the code and the options that shaped it,
    so a cached number is the number a fresh run gives. `--no-cache` bypasses it.
    """


@cache.command(
    epilog=help_examples(
        ("focuscount cache info", "the cache a run here would use"),
        ("focuscount cache info --cache-dir /tmp/fc-cache", "another one"),
    )
)
@CACHE_DIR_OPTION
@CONFIG_OPTION
def info(cache_dir: Path | None, config: Path | None) -> None:
    """Where the cache is, how big, how many files' readings and counts it holds, and when it was last used.

    Exit status 2 when the folder cannot hold a cache (read-only, a file in its place).
    """
    from focuscount.cache import ResultCache
    from focuscount.escape import display_path
    from focuscount.render.rows import plural

    with ResultCache.open(_cache_folder(cache_dir, config)) as opened:
        facts = opened.info()
    click.echo(f"cache: {display_path(facts.path)}")
    click.echo(f"size: {facts.size_bytes / 1_000_000:,.1f} MB")
    # Each file's counts are kept twice: with their hits (explain, report) and without (numbers alone, read faster).
    readings = f"readings: {plural(facts.raw_documents, 'file')}; counts: {_entries(facts.counts)}"
    click.echo(f"{readings}; pipelines: {facts.facts}")
    if facts.oldest_use is not None and facts.newest_use is not None:
        click.echo(f"used: {facts.oldest_use:%Y-%m-%d %H:%M} to {facts.newest_use:%Y-%m-%d %H:%M}")


@cache.command(
    epilog=help_examples(
        ("focuscount cache prune", "forget entries no run has used for 90 days"),
        ("focuscount cache prune --older-than 7", "for a week"),
    )
)
@click.option(
    "--older-than", "days", type=click.FloatRange(min=0), default=90, show_default=True, metavar="DAYS",
    help="Remove the entries no run has used for DAYS days.",
)  # fmt: skip
@CACHE_DIR_OPTION
@CONFIG_OPTION
def prune(days: float, cache_dir: Path | None, config: Path | None) -> None:
    """Remove the entries no run has used for a while (the files they came from may be long gone)."""
    import datetime as dt

    from focuscount.cache import ResultCache

    with ResultCache.open(_cache_folder(cache_dir, config)) as opened:
        removed = opened.prune(dt.timedelta(days=days))
    click.echo(f"focuscount: removed {_entries(removed)} not used for {days:g} days", err=True)


@cache.command(epilog=help_examples(("focuscount cache clear", "empty the cache a run here would use")))
@CACHE_DIR_OPTION
@CONFIG_OPTION
def clear(cache_dir: Path | None, config: Path | None) -> None:
    """Empty the cache: the next run reads and counts every file again."""
    from focuscount.cache import ResultCache

    with ResultCache.open(_cache_folder(cache_dir, config)) as opened:
        removed = opened.clear()
    click.echo(f"focuscount: removed {_entries(removed)}", err=True)
