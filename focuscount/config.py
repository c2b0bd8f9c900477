"""Project settings: ``[tool.focuscount]`` in pyproject.toml or a focuscount.toml, then
``FOCUSCOUNT_*`` environment variables, then command-line options (later wins).

The nearest config file above the working folder is used, as other Python tools
do; in one folder, focuscount.toml wins over pyproject.toml.  Unknown keys and
wrong types are errors naming the file and line.  Every numeric setting is checked
by one :class:`NumberSetting` whichever source it comes from (file, environment,
command line), so NaN, infinity and out-of-range values are refused alike.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from focuscount.dating import DateOrder, DatesManifest
from focuscount.errors import ConfigError, ReadError
from focuscount.language import LanguageSetting, check_language
from focuscount.lexicon import Lexicon, load_lexicon
from focuscount.limits import DEFAULT_MAX_FILE_MB, ReadLimits
from focuscount.ocr import DEFAULT_OCR_MODE, OCR_MODES, OcrMode, cache_folder
from focuscount.options import (
    DEFAULT_READ,
    DEFAULT_TIMEOUT_PER_FILE,
    EXECUTOR_KINDS,
    Execution,
    ExecutorKind,
    ReadOptions,
)
from focuscount.readers import DEFAULT_PDF_ENGINE, PDF_ENGINE_NAMES, PdfEngine
from focuscount.reading import NOTES_CHOICES, NotesChoice
from focuscount.render.chart_look import MAX_FONT_SCALE, MIN_FONT_SCALE, parse_chart_size
from focuscount.safeio import read_input_text, read_small_text
from focuscount.timeline import GROUPINGS, Grouping
from focuscount.tomlfile import InvalidToml, LineFinder, parse_toml
from focuscount.uncertainty import CONFIDENCES, DEFAULT_MIN_HITS, Confidence

CONFIG_FILE = "focuscount.toml"
PYPROJECT = "pyproject.toml"
SEVERITIES = ("error", "warning")
DEFAULT_TOLERANCE = 0.02  # no_regression: a drop of up to two points of ratio is noise, not a regression
ENV_PREFIX = "FOCUSCOUNT_"

# rule → the thresholds it takes (a bare number sets the first one)
RULE_KEYS: dict[str, tuple[str, ...]] = {
    "min_ratio": ("overall", "per_document"),
    "max_institution_rate": ("overall", "per_document"),
    "min_words": ("per_document",),
    "no_regression": ("tolerance",),
}
RULE_EXTRA_KEYS: dict[str, tuple[str, ...]] = {"no_regression": ("baseline", "baseline_ref")}
RULE_FLAG_KEYS: dict[str, tuple[str, ...]] = {"no_regression": ("allow_lexicon_change",)}  # true or false
# "point": judge the measured ratio itself; "interval": fail only when its whole 95% interval is past the threshold
CONFIDENCE_RULES = ("min_ratio", "no_regression")  # the rules that judge a ratio, and so take 'confidence'
# min_ratio: the severity of "no evidence" (a document without focus or versus hits), in [check] or in the rule
ON_EMPTY_CHOICES = ("info", "warning", "error")
DEFAULT_ON_EMPTY = "info"
TOP_KEYS = (
    "lexicon",
    "language",
    "focus",
    "versus",
    "paths",
    "exclude",
    "by",
    "dates",
    "max_file_mb",
    "follow_links",
    "metadata_dates",
    "notes",
    "keep_furniture",
    "min_hits",
    "include_thin",
    "jobs",
    "timeout_per_file",
    "cache",
    "cache_dir",
    "pdf_engine",
    "ocr",
    "executor",
    "scheduler",
    "organisation",
    "chart_size",
    "font_scale",
    "series",
    "check",
)
MAX_FILE_MB_LIMIT = 1_000_000.0  # about a terabyte; beyond it the byte count overflows, and no file needs it


@dataclass(frozen=True)
class NumberSetting:
    """What one numeric setting accepts: a finite number within bounds.

    The same object validates the value from the settings file, from its
    ``FOCUSCOUNT_*`` variable and from its command-line option, so NaN or
    infinity (which compare false with everything, and so would turn a gate
    off) is refused from every source alike.
    """

    wanted: str  # completes "must be …": "between 0 and 1"
    low: float = 0.0
    high: float = math.inf
    low_open: bool = False  # True: ``low`` itself is refused
    whole: bool = False

    def accepts(self, value: object) -> bool:
        """True when ``value`` is a number (not a bool) this setting takes."""
        return self._number(value) is not None

    def check(self, value: object, name: str) -> float:
        """``value`` as a float, or a :class:`ConfigError` naming ``name`` (a flag or parameter)."""
        number = self._number(value)
        if number is None:
            raise ConfigError(None, f"{name} must be {self.wanted}, not {value!r}")
        return number

    def _number(self, value: object) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float (TOML integers have no bound here)
            return None
        if not math.isfinite(number) or number > self.high:
            return None
        if number < self.low or (self.low_open and number == self.low):
            return None
        return number if not self.whole or number.is_integer() else None

    def parse(self, text: str, name: str) -> float:
        """``text`` (an environment value or an option as typed) as a float; errors name ``name``."""
        try:
            number = float(text)
        except ValueError as error:
            raise ConfigError(None, f"{name} must be a number, not '{text}'") from error
        if not self.accepts(number):
            raise ConfigError(None, f"{name} must be {self.wanted}, not '{text}'")
        return number


RATIO = NumberSetting("between 0 and 1", high=1.0)
RATE = NumberSetting("0 or more")
WORDS = NumberSetting("a whole number, 0 or more", whole=True)
JOBS = NumberSetting("a whole number, 1 or more", low=1.0, whole=True)
SECONDS = NumberSetting("a number of seconds above 0", low_open=True)
FONT_SCALE = NumberSetting(
    f"a number from {MIN_FONT_SCALE:g} to {MAX_FONT_SCALE:g}", low=MIN_FONT_SCALE, high=MAX_FONT_SCALE
)
MEGABYTES = NumberSetting(
    f"a number of megabytes above 0 and at most {MAX_FILE_MB_LIMIT:.0f}", high=MAX_FILE_MB_LIMIT, low_open=True
)
# The top-level numeric settings of a settings file, and the type each is kept as.
_NUMBER_KEYS: tuple[tuple[str, NumberSetting, type[int] | type[float]], ...] = (
    ("max_file_mb", MEGABYTES, float),
    ("min_hits", WORDS, int),
    ("jobs", JOBS, int),
    ("timeout_per_file", SECONDS, float),
    ("font_scale", FONT_SCALE, float),
)
# The top-level settings that take one of a few words.
_CHOICE_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("notes", NOTES_CHOICES),
    ("pdf_engine", PDF_ENGINE_NAMES),
    ("ocr", OCR_MODES),
    ("executor", EXECUTOR_KINDS),
)
# Every numeric setting: "max_file_mb", or "RULE.KEY" for a rule's threshold.
NUMBER_SETTINGS: dict[str, NumberSetting] = {
    "max_file_mb": MEGABYTES,
    "jobs": JOBS,
    "timeout_per_file": SECONDS,
    "min_hits": WORDS,
    "min_ratio.overall": RATIO,
    "min_ratio.per_document": RATIO,
    "max_institution_rate.overall": RATE,
    "max_institution_rate.per_document": RATE,
    "min_words.per_document": WORDS,
    "no_regression.tolerance": RATIO,
    "font_scale": FONT_SCALE,
}


@dataclass(frozen=True)
class Rule:
    """One check rule: its thresholds and how bad a failure is."""

    name: str
    severity: str = "error"
    thresholds: dict[str, float] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)  # no_regression: baseline, baseline_ref
    flags: dict[str, bool] = field(default_factory=dict)  # no_regression: allow_lexicon_change
    confidence: Confidence = "point"  # min_ratio, no_regression: one of CONFIDENCES


@dataclass(frozen=True)
class Settings:
    """Everything a run can take from configuration."""

    lexicon: str = "library"
    language: LanguageSetting | None = None  # "auto": each document counted with the lexicon of its own language
    # The two poles of a lexicon imported from a format without a ratio (LIWC .dic/.dicx, YAML).
    focus: str | None = None
    versus: str | None = None
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    by: Grouping = "meeting"
    dates: str | None = None
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    follow_links: bool = False
    metadata_dates: bool = True  # date a document by its file metadata when nothing else dates it
    notes: NotesChoice = "include"  # read the speaker notes of slides (include) or not (exclude)
    keep_furniture: bool = False  # count running headers, footers and page numbers as talk
    min_hits: int = DEFAULT_MIN_HITS  # a ratio on fewer hits is thin evidence
    include_thin: bool = False  # count thin periods in the trend
    jobs: int | None = None  # files read and counted at once (None: one per CPU)
    timeout_per_file: float = DEFAULT_TIMEOUT_PER_FILE  # seconds a worker may spend on one file
    cache: bool = True  # keep each file's reading and counts in the cache
    cache_dir: str | None = None  # where (None: the platform's cache folder)
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE
    ocr: OcrMode = DEFAULT_OCR_MODE  # which PDF pages are read by OCR: auto (scans, with Tesseract), never, always
    executor: ExecutorKind = "local"
    scheduler: str | None = None  # with executor "dask": the scheduler's address
    organisation: str | None = None  # whose minutes these are: named in each chart's source line
    chart_size: str | None = None  # a chart's size, as --size spells it (16:9, 13.33x7.5, 1920x1080px)
    font_scale: float = 1.0  # every font size of a chart, times this
    series: str | None = None  # how documents are split into series: folder, prefix or a regular expression
    rules: tuple[Rule, ...] = ()
    on_empty: str = DEFAULT_ON_EMPTY  # [check] on_empty: the severity of "no evidence" under min_ratio
    source: Path | None = None  # the config file these came from
    root: Path | None = None  # the folder paths in the file are relative to

    def rule(self, name: str) -> Rule | None:
        """The configured rule called ``name``."""
        return next((rule for rule in self.rules if rule.name == name), None)

    def resolve(self, value: str) -> Path:
        """A path from the config file, relative to the file's folder (shown relative to the working folder)."""
        path = Path(value)
        if path.is_absolute() or self.root is None:
            return path
        absolute = Path(os.path.normpath(self.root.resolve() / path))
        try:
            return absolute.relative_to(Path.cwd())
        except ValueError:
            return absolute


def find_config(start: Path | None = None) -> Path | None:
    """The nearest focuscount.toml, or pyproject.toml with a ``[tool.focuscount]`` table, at or above ``start``."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_focuscount_table(pyproject):
            return pyproject
    return None


def _has_focuscount_table(pyproject: Path) -> bool:
    try:
        text = read_small_text(pyproject, "settings file")
    except (ReadError, UnicodeDecodeError):
        return False
    return "[tool.focuscount" in text or "tool.focuscount" in text.replace(" ", "")


def load_settings(
    start: Path | None = None,
    environ: Mapping[str, str] | None = None,
    config: Path | None = None,
) -> Settings:
    """Settings from the config file found from ``start`` (or ``config``), then the environment."""
    path = config if config is not None else find_config(start)
    settings = Settings()
    if path is not None:
        settings = read_config(path)
    return apply_environment(settings, os.environ if environ is None else environ)


def read_config(path: Path) -> Settings:
    """Settings from one config file (focuscount.toml, or the ``[tool.focuscount]`` table of pyproject.toml)."""
    text = read_input_text(path, "config file", "cannot read config file", encoding="utf-8-sig")
    try:
        data, lines = parse_toml(text)
    except InvalidToml as error:
        raise ConfigError(path, error.message, error.line) from error
    table = ""
    if path.name == PYPROJECT:
        table = "tool.focuscount"
        data = data.get("tool", {}).get("focuscount", {})
        if not isinstance(data, dict):
            raise ConfigError(path, "[tool.focuscount] must be a table", lines.key("focuscount", "tool"))
    return _settings_from(data, _Where(path, lines, table))


@dataclass(frozen=True)
class _Where:
    """The file being read and how to find lines in it, for error messages."""

    path: Path
    lines: LineFinder
    table: str

    def sub(self, name: str) -> str:
        return f"{self.table}.{name}" if self.table else name

    def error(self, message: str, key: str | None = None, table: str | None = None) -> ConfigError:
        table_name = self.table if table is None else table
        line = self.lines.key(key, table_name) if key else self.lines.table(table_name)
        return ConfigError(self.path, message, line)


def _settings_from(data: dict[str, Any], where: _Where) -> Settings:
    for key in data:
        if key not in TOP_KEYS:
            raise where.error(f"unknown key '{key}' (allowed: {', '.join(TOP_KEYS)})", key)
    settings = Settings(source=where.path, root=where.path.parent)
    if "lexicon" in data:
        settings = replace(settings, lexicon=_string(data["lexicon"], "lexicon", where))
    if "focus" in data:
        settings = replace(settings, focus=_string(data["focus"], "focus", where))
    if "versus" in data:
        settings = replace(settings, versus=_string(data["versus"], "versus", where))
    if "language" in data:
        language = _string(data["language"], "language", where)
        try:
            settings = replace(settings, language=check_language(language))
        except ConfigError as error:
            raise where.error(error.message, "language") from error
    if "dates" in data:
        settings = replace(settings, dates=_string(data["dates"], "dates", where))
    if "by" in data:
        by = _string(data["by"], "by", where)
        grouping = next((choice for choice in GROUPINGS if choice == by), None)
        if grouping is None:
            raise where.error(f"'by' must be one of {', '.join(GROUPINGS)}, not '{by}'", "by")
        settings = replace(settings, by=grouping)
    if "paths" in data:
        settings = replace(settings, paths=_strings(data["paths"], "paths", where))
    if "exclude" in data:
        settings = replace(settings, exclude=_strings(data["exclude"], "exclude", where))
    numbers: dict[str, Any] = {}
    for key, setting, as_type in _NUMBER_KEYS:
        if key in data:
            value = data[key]
            if not setting.accepts(value):  # NaN, infinity, a bool and out of range alike
                raise where.error(f"'{key}' must be {setting.wanted}, not {value!r}", key)
            numbers[key] = as_type(value)
    settings = replace(settings, **numbers)
    choices: dict[str, Any] = {}
    for key, allowed in _CHOICE_KEYS:
        if key in data:
            if data[key] not in allowed:
                raise where.error(f"'{key}' must be one of {', '.join(allowed)}, not {data[key]!r}", key)
            choices[key] = data[key]
    settings = replace(settings, **choices)
    if "cache_dir" in data:
        settings = replace(settings, cache_dir=_string(data["cache_dir"], "cache_dir", where))
    if "organisation" in data:
        settings = replace(settings, organisation=_string(data["organisation"], "organisation", where))
    if "chart_size" in data:
        try:
            parse_chart_size(_string(data["chart_size"], "chart_size", where))
        except ConfigError as error:
            raise where.error(error.message.replace("`size`", "'chart_size'"), "chart_size") from error
        settings = replace(settings, chart_size=data["chart_size"].strip())
    if "scheduler" in data:
        settings = replace(settings, scheduler=_string(data["scheduler"], "scheduler", where))
    if "series" in data:
        settings = replace(settings, series=_series(data["series"], where))
    for key in ("follow_links", "metadata_dates", "keep_furniture", "include_thin", "cache"):
        if key in data:
            if not isinstance(data[key], bool):
                raise where.error(f"'{key}' must be true or false, not {data[key]!r}", key)
            settings = replace(settings, **{key: data[key]})
    if "check" in data:
        settings = replace(settings, rules=_rules(data["check"], where))
        if isinstance(data["check"], dict) and "on_empty" in data["check"]:
            value = data["check"]["on_empty"]
            settings = replace(settings, on_empty=_on_empty(value, where, "on_empty", where.sub("check")))
    return settings


def _series(value: object, where: _Where) -> str:
    """The ``series`` setting: folder, prefix or a regular expression that compiles."""
    from focuscount.series import SeriesRule

    if not isinstance(value, str) or not value.strip():
        raise where.error(f"'series' must be folder, prefix or a regular expression, not {value!r}", "series")
    _no_nul(value, "series", where)
    try:
        SeriesRule.parse(value)
    except ConfigError as error:
        raise where.error(error.message.replace("`series`", "'series'"), "series") from error
    return value


def _string(value: object, key: str, where: _Where) -> str:
    if not isinstance(value, str) or not value.strip():
        raise where.error(f"'{key}' must be a non-empty string, not {value!r}", key)
    _no_nul(value, key, where)
    return value.strip()


def _strings(value: object, key: str, where: _Where) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise where.error(f"'{key}' must be a list of strings, not {value!r}", key)
    for item in value:
        _no_nul(item, key, where)
    return tuple(item.strip() for item in value)


def _no_nul(value: str, key: str, where: _Where, rule: str | None = None, table: str | None = None) -> None:
    """A path or glob with "\\u0000" in it cannot name any file (and the OS calls refuse it)."""
    if "\0" in value:
        name = f"'{key}' of '{rule}'" if rule else f"'{key}'"
        message = f"{name} holds a NUL character (\\u0000), which no path can contain: delete it"
        raise where.error(message, rule or key, table)


def _rules(check: object, where: _Where) -> tuple[Rule, ...]:
    table = where.sub("check")
    if not isinstance(check, dict):
        raise where.error("'check' must be a table of rules", "check")
    default_severity = check.get("severity", "error")
    if default_severity not in SEVERITIES:
        raise where.error(f"severity must be 'error' or 'warning', not {default_severity!r}", "severity", table)
    rules = []
    for name, body in check.items():
        if name in ("severity", "on_empty"):
            continue
        if name not in RULE_KEYS:
            raise where.error(f"unknown rule '{name}' (rules: {', '.join(RULE_KEYS)})", name, table)
        rules.append(_rule(name, body, where, table, default_severity))
    return tuple(rules)


def _rule(name: str, body: object, where: _Where, table: str, severity: str = "error") -> Rule:
    keys = RULE_KEYS[name]
    extra = RULE_EXTRA_KEYS.get(name, ())
    flag_keys = RULE_FLAG_KEYS.get(name, ())
    confidence_keys: tuple[str, ...] = ("confidence",) if name in CONFIDENCE_RULES else ()
    if isinstance(body, bool) or not isinstance(body, int | float | dict):
        raise where.error(f"rule '{name}' takes a number or a table ({', '.join((*keys, 'severity'))})", name, table)
    if not isinstance(body, dict):
        body = {keys[0]: body}
    body = _with_value_and_scope(name, dict(body), where, table)
    thresholds: dict[str, float] = {}
    options: dict[str, str] = {}
    flags: dict[str, bool] = {}
    confidence: Confidence = "point"
    for key, value in body.items():
        if key == "severity":
            if value not in SEVERITIES:
                raise where.error(f"severity of '{name}' must be 'error' or 'warning', not {value!r}", name, table)
            severity = value
        elif key == "on_empty" and name == "min_ratio":
            options[key] = _on_empty(value, where, name, table)
        elif key in confidence_keys:
            if value not in CONFIDENCES:
                raise where.error(f"confidence of '{name}' must be 'point' or 'interval', not {value!r}", name, table)
            confidence = value
        elif key in keys:
            thresholds[key] = _threshold(name, key, value, where, table)
        elif key in extra:
            if not isinstance(value, str) or not value.strip():
                raise where.error(f"'{key}' of '{name}' must be a non-empty string", name, table)
            _no_nul(value, key, where, name, table)
            options[key] = value.strip()
        elif key in flag_keys:
            if not isinstance(value, bool):
                raise where.error(f"'{key}' of '{name}' must be true or false, not {value!r}", name, table)
            flags[key] = value
        else:
            empty = ("on_empty",) if name == "min_ratio" else ()
            allowed = ", ".join((*keys, *extra, *flag_keys, *confidence_keys, *empty, "severity"))
            raise where.error(f"unknown key '{key}' in rule '{name}' (allowed: {allowed})", name, table)
    if name == "no_regression":
        thresholds.setdefault("tolerance", DEFAULT_TOLERANCE)
    if not thresholds:
        raise where.error(f"rule '{name}' sets no threshold ({', '.join(keys)})", name, table)
    return Rule(name, severity, thresholds, options, flags, confidence)


def _on_empty(value: object, where: _Where, key: str, table: str) -> str:
    """The severity of "no evidence": ``key`` is ``on_empty`` in [check], or the rule that sets it."""
    if value not in ON_EMPTY_CHOICES:
        name = "on_empty" if key == "on_empty" else f"on_empty of '{key}'"
        raise where.error(f"{name} must be one of {', '.join(ON_EMPTY_CHOICES)}, not {value!r}", key, table)
    assert isinstance(value, str)
    return value


_SCOPES: dict[str, tuple[str, ...]] = {
    "overall": ("overall",),
    "document": ("per_document",),
    "per_document": ("per_document",),
    "both": ("overall", "per_document"),
}


def _with_value_and_scope(name: str, body: dict[str, Any], where: _Where, table: str) -> dict[str, Any]:
    """``{value = 0.5, scope = "document"}`` spelled as ``{per_document = 0.5}`` (``value`` alone: the first key)."""
    value_keys = [key for key in ("value", "threshold") if key in body]
    if not value_keys:
        if "scope" in body:
            raise where.error(f"'scope' of '{name}' needs a 'value'", name, table)
        return body
    value = body.pop(value_keys[0])
    scope = body.pop("scope", None)
    keys = RULE_KEYS[name]
    if scope is None:
        targets: tuple[str, ...] = (keys[0],)
    elif scope in _SCOPES and set(_SCOPES[scope]) <= set(keys):
        targets = _SCOPES[scope]
    else:
        scopes = ", ".join(scope for scope, wanted in _SCOPES.items() if set(wanted) <= set(keys))
        raise where.error(f"scope of '{name}' must be one of {scopes}, not {scope!r}", name, table)
    return {**body, **dict.fromkeys(targets, value)}


def _threshold(rule: str, key: str, value: object, where: _Where, table: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise where.error(f"'{key}' of '{rule}' must be a number, not {value!r}", rule, table)
    setting = NUMBER_SETTINGS[f"{rule}.{key}"]
    if not setting.accepts(value):
        raise where.error(f"'{key}' of '{rule}' must be {setting.wanted}, not {value!r}", rule, table)
    return float(value)


def apply_environment(settings: Settings, environ: Mapping[str, str]) -> Settings:
    """``FOCUSCOUNT_LEXICON``, ``_PATHS``, ``_EXCLUDE``, ``_BY``, ``_DATES``, ``_MAX_FILE_MB``, ``_FOLLOW_LINKS``
    and ``FOCUSCOUNT_<RULE>`` (e.g. ``FOCUSCOUNT_MIN_RATIO=0.5``) over the file's settings.

    Numbers are checked by the same :data:`NUMBER_SETTINGS` as in the file; errors name the variable.
    """
    changes: dict[str, Any] = {}
    for key in ("lexicon", "language", "focus", "versus", "by", "dates", "cache_dir", "scheduler", "organisation"):
        value = environ.get(ENV_PREFIX + key.upper(), "").strip()
        if value:
            changes[key] = value
    series = environ.get(ENV_PREFIX + "SERIES", "").strip()
    if series:
        from focuscount.series import SeriesRule

        try:
            SeriesRule.parse(series)
        except ConfigError as error:
            raise ConfigError(None, error.message.replace("`series`", ENV_PREFIX + "SERIES")) from error
        changes["series"] = series
    for key in ("paths", "exclude"):
        value = environ.get(ENV_PREFIX + key.upper(), "").strip()
        if value:
            changes[key] = tuple(part.strip() for part in value.replace(os.pathsep, ",").split(",") if part.strip())
    max_file_mb = environ.get(ENV_PREFIX + "MAX_FILE_MB", "").strip()
    if max_file_mb:
        changes["max_file_mb"] = MEGABYTES.parse(max_file_mb, ENV_PREFIX + "MAX_FILE_MB")
    min_hits = environ.get(ENV_PREFIX + "MIN_HITS", "").strip()
    if min_hits:
        changes["min_hits"] = int(WORDS.parse(min_hits, ENV_PREFIX + "MIN_HITS"))
    notes = environ.get(ENV_PREFIX + "NOTES", "").strip().lower()
    if notes:
        if notes not in NOTES_CHOICES:
            raise ConfigError(None, f"{ENV_PREFIX}NOTES must be one of {', '.join(NOTES_CHOICES)}, not '{notes}'")
        changes["notes"] = notes
    jobs = environ.get(ENV_PREFIX + "JOBS", "").strip()
    if jobs:
        changes["jobs"] = int(JOBS.parse(jobs, ENV_PREFIX + "JOBS"))
    chart_size = environ.get(ENV_PREFIX + "CHART_SIZE", "").strip()
    if chart_size:
        try:
            parse_chart_size(chart_size)
        except ConfigError as error:
            raise ConfigError(None, error.message.replace("`size`", ENV_PREFIX + "CHART_SIZE")) from error
        changes["chart_size"] = chart_size
    font_scale = environ.get(ENV_PREFIX + "FONT_SCALE", "").strip()
    if font_scale:
        changes["font_scale"] = FONT_SCALE.parse(font_scale, ENV_PREFIX + "FONT_SCALE")
    timeout = environ.get(ENV_PREFIX + "TIMEOUT_PER_FILE", "").strip()
    if timeout:
        changes["timeout_per_file"] = SECONDS.parse(timeout, ENV_PREFIX + "TIMEOUT_PER_FILE")
    for key, choices in (
        ("pdf_engine", PDF_ENGINE_NAMES),
        ("ocr", OCR_MODES),
        ("executor", EXECUTOR_KINDS),
        ("on_empty", ON_EMPTY_CHOICES),
    ):
        value = environ.get(ENV_PREFIX + key.upper(), "").strip().lower()
        if value:
            if value not in choices:
                raise ConfigError(None, f"{ENV_PREFIX}{key.upper()} must be one of {', '.join(choices)}, not '{value}'")
            changes[key] = value
    for key in ("follow_links", "metadata_dates", "keep_furniture", "include_thin", "cache"):
        value = environ.get(ENV_PREFIX + key.upper(), "").strip().lower()
        if value:
            if value not in _BOOLEANS:
                raise ConfigError(None, f"{ENV_PREFIX}{key.upper()} must be true or false, not '{value}'")
            changes[key] = _BOOLEANS[value]
    if "language" in changes and changes["language"] != "auto":
        raise ConfigError(
            None, f"{ENV_PREFIX}LANGUAGE must be 'auto' (each document counted in its own language), "
            f"not '{changes['language']}'"
        )  # fmt: skip
    if "by" in changes and changes["by"] not in GROUPINGS:
        raise ConfigError(None, f"{ENV_PREFIX}BY must be one of {', '.join(GROUPINGS)}, not '{changes['by']}'")
    settings = replace(settings, **changes)
    for name, keys in RULE_KEYS.items():
        variable = ENV_PREFIX + name.upper()
        value = environ.get(variable, "").strip()
        if value:
            number = NUMBER_SETTINGS[f"{name}.{keys[0]}"].parse(value, variable)
            settings = with_rule(settings, name, keys[0], number)
    return settings


_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def with_rule(settings: Settings, name: str, key: str, value: float, severity: str | None = None) -> Settings:
    """``settings`` with one threshold of rule ``name`` set (the rule is added if missing).

    ``value`` is checked like the same threshold in a settings file (a ConfigError names ``name.key``).
    """
    return replace(settings, rules=with_threshold(settings.rules, name, key, value, severity))


def with_threshold(
    rules: tuple[Rule, ...], name: str, key: str, value: float, severity: str | None = None
) -> tuple[Rule, ...]:
    """``rules`` with one threshold of rule ``name`` set (the rule is added if missing).

    ``value`` is checked like the same threshold in a settings file (a ConfigError names ``name.key``).
    """
    value = NUMBER_SETTINGS[f"{name}.{key}"].check(value, f"{name}.{key}")
    existing = next((rule for rule in rules if rule.name == name), None)
    rule = existing or Rule(name)
    rule = replace(rule, thresholds={**rule.thresholds, key: value}, severity=severity or rule.severity)
    return tuple(rule if r.name == name else r for r in rules) if existing else (*rules, rule)


def with_confidence(rules: tuple[Rule, ...], confidence: str) -> tuple[Rule, ...]:
    """``rules`` with ``confidence`` set on each rule that takes one (:data:`CONFIDENCE_RULES`).

    A ConfigError names ``confidence`` when it is not one of :data:`CONFIDENCES`.
    """
    if confidence not in CONFIDENCES:
        raise ConfigError(
            None, f"`confidence` must be 'point' or 'interval', not {confidence!r}", parameters=("confidence",)
        )
    return tuple(replace(rule, confidence=confidence) if rule.name in CONFIDENCE_RULES else rule for rule in rules)


@dataclass(frozen=True)
class RunOptions:
    """What one command reads and how: command-line values over the settings.

    ``reading`` is how the files are read, all but the dates manifest, which
    :meth:`read_options` loads when a command runs (``dates`` is its path).
    """

    paths: tuple[Path, ...]
    lexicon: str | Path
    settings: Settings
    reading: ReadOptions = DEFAULT_READ
    dates: Path | None = None
    min_hits: int = DEFAULT_MIN_HITS
    include_thin: bool = False
    focus: str | None = None  # the poles of an imported dictionary (LIWC .dic/.dicx, YAML)
    versus: str | None = None
    jobs: int = 1
    timeout_per_file: float | None = DEFAULT_TIMEOUT_PER_FILE
    cache: bool = False
    cache_dir: Path | None = None  # None: the platform's cache folder
    executor: ExecutorKind = "local"
    scheduler: str | None = None

    def execution(self, on_warning: Callable[[str], None] | None = None) -> Execution:
        """Where the work is done, with the cache opened (close it with ``execution.cache.close()``)."""
        cache = None
        if self.cache:
            from focuscount.cache import ResultCache

            cache = ResultCache.open(self.cache_dir, on_warning=on_warning)
        return Execution(self.jobs, self.timeout_per_file, cache, self.executor, self.scheduler)

    def load_lexicon(self) -> Lexicon:
        """The lexicon to count with; an imported dictionary takes its poles from ``focus`` and ``versus``."""
        return load_lexicon(self.lexicon, self.focus, self.versus)

    @property
    def by(self) -> Grouping:
        """The grouping of the settings (a command's ``--by`` overrides it)."""
        return self.settings.by

    def read_options(self) -> ReadOptions:
        """How to read the documents, for the library's corpus functions (the dates manifest is loaded here)."""
        return replace(self.reading, dates=DatesManifest.load(self.dates)) if self.dates else self.reading

    def check_rules(self) -> tuple[Rule, ...]:
        """The [check] rules of the settings, a rule's ``baseline`` path resolved against the settings file."""
        return tuple(
            replace(rule, options={**rule.options, "baseline": str(self.settings.resolve(rule.options["baseline"]))})
            if "baseline" in rule.options
            else rule
            for rule in self.settings.rules
        )


def run_options(
    settings: Settings,
    paths: tuple[Path, ...] = (),
    lexicon: str | None = None,
    dates: Path | None = None,
    date_order: DateOrder | None = None,
    model: str | None = None,
    max_file_mb: float | None = None,
    follow_links: bool | None = None,
    metadata_dates: bool | None = None,
    notes: str | None = None,
    keep_furniture: bool | None = None,
    min_hits: float | None = None,
    include_thin: bool | None = None,
    focus: str | None = None,
    versus: str | None = None,
    language: str | None = None,
    *,
    jobs: int | None = None,
    timeout_per_file: float | None = None,
    cache: bool | None = None,
    cache_dir: Path | None = None,
    pdf_engine: PdfEngine | None = None,
    executor: ExecutorKind | None = None,
    scheduler: str | None = None,
    ocr: OcrMode | None = None,
) -> RunOptions:
    """Combine command-line values (which win) with ``settings``; paths in a config file are relative to it."""
    if not paths:
        paths = tuple(settings.resolve(path) for path in settings.paths)
    if not paths:
        raise ConfigError(
            None, "no PATHS given, and no 'paths' in a focuscount.toml or [tool.focuscount] (see `focuscount init`)"
        )
    chosen_lexicon: str | Path = lexicon or settings.lexicon
    if lexicon is None and _looks_like_path(settings.lexicon):
        chosen_lexicon = settings.resolve(settings.lexicon)
    chosen_dates = dates if dates is not None else (settings.resolve(settings.dates) if settings.dates else None)
    if max_file_mb is not None:
        max_file_mb = MEGABYTES.check(max_file_mb, "--max-file-mb")
    reading = ReadOptions(
        date_order=date_order,
        model=model,
        exclude=settings.exclude,
        limits=ReadLimits(max_file_mb=max_file_mb if max_file_mb is not None else settings.max_file_mb),
        follow_links=settings.follow_links if follow_links is None else follow_links,
        metadata_dates=settings.metadata_dates if metadata_dates is None else metadata_dates,
        notes="exclude" if (notes or settings.notes) == "exclude" else "include",
        keep_furniture=settings.keep_furniture if keep_furniture is None else keep_furniture,
        language=check_language(language) if language is not None else settings.language,
        pdf_engine=pdf_engine or settings.pdf_engine,
    )
    from focuscount.executors import default_jobs

    if jobs is not None:
        jobs = int(JOBS.check(jobs, "--jobs"))
    if timeout_per_file is not None:
        timeout_per_file = SECONDS.check(timeout_per_file, "--timeout-per-file")
    if cache_dir is None and settings.cache_dir:
        cache_dir = settings.resolve(settings.cache_dir)
    cache = settings.cache if cache is None else cache
    # OCR: "always" without Tesseract is refused here, before any file is read; OCRed pages are kept beside the cache.
    reading = replace(reading, ocr=ocr or settings.ocr, ocr_cache=cache_folder(cache_dir) if cache else None)
    return RunOptions(
        paths,
        chosen_lexicon,
        settings,
        reading,
        chosen_dates,
        int(NUMBER_SETTINGS["min_hits"].check(min_hits, "--min-hits")) if min_hits is not None else settings.min_hits,
        settings.include_thin if include_thin is None else include_thin,
        focus or settings.focus,
        versus or settings.versus,
        jobs=jobs or settings.jobs or default_jobs(),
        timeout_per_file=timeout_per_file if timeout_per_file is not None else settings.timeout_per_file,
        cache=cache,
        cache_dir=cache_dir,
        executor=executor or settings.executor,
        scheduler=scheduler or settings.scheduler,
    )


def _looks_like_path(value: str) -> bool:
    return value.endswith(".toml") or "/" in value or "\\" in value
