"""What a run says of its language pipeline, known without loading spaCy when the cache has seen it work.

A run whose every file is cached counts nothing, so it need not load spaCy (over a second
of a warm run's two): what it reports of the pipeline (its name, whether it knows words by a
word list) is kept in the cache's ``facts`` table by the first run that loaded it, under a
key that changes with the code and the libraries (:func:`~focuscount.cachekeys.pipeline_key`).
"""

from __future__ import annotations

from dataclasses import dataclass

from focuscount.cache import ResultCache
from focuscount.cachekeys import pipeline_key
from focuscount.language import AUTO
from focuscount.nlp import get_pipeline
from focuscount.work import CountJob, start


@dataclass(frozen=True)
class PipelineFacts:
    """What the reports say of a pipeline: ``spacy.blank('en') + lookup lemmas``, and whether it has a word list."""

    name: str
    has_word_list: bool


def pipeline_facts(language: str, model: str | None, cache: ResultCache | None) -> PipelineFacts:
    """The facts of the pipeline for ``language`` (or ``model``): from the cache, or from the loaded pipeline."""
    key = pipeline_key(language, model)
    if cache is not None:
        found = cache.get_fact(key)
        if found is not None:
            name, has_word_list = found.get("name"), found.get("has_word_list")
            if isinstance(name, str) and isinstance(has_word_list, bool):
                return PipelineFacts(name, has_word_list)
    pipeline = get_pipeline(language, model)
    facts = PipelineFacts(pipeline.name, pipeline.has_word_list)
    if cache is not None:
        cache.put_fact(key, {"name": facts.name, "has_word_list": facts.has_word_list})
    return facts


def ready_to_count(job: CountJob, cache: ResultCache | None) -> None:
    """Fail now, before any file is read, when ``job`` cannot count (an unknown model or language, a broken
    lexicon family); without loading spaCy when the cache holds its pipeline's facts (it loaded before)."""
    options = job.options
    known = cache is not None and cache.get_fact(pipeline_key(job.lexicon.language, options.model)) is not None
    if known and options.language != AUTO:
        return
    start(job)
    pipeline_facts(job.lexicon.language, options.model, cache)
