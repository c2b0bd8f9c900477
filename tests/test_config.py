"""Settings: where they are found, what wins, and every error with file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from focuscount.config import Rule, find_config, load_settings, read_config, run_options, with_rule
from focuscount.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_nearest_config_above_the_working_folder(tmp_path: Path) -> None:
    outer = write(tmp_path / "focuscount.toml", 'lexicon = "outer.toml"\n')
    inner = write(tmp_path / "team" / "pyproject.toml", '[tool.focuscount]\nby = "month"\n')
    deep = tmp_path / "team" / "docs" / "minutes"
    deep.mkdir(parents=True)
    assert find_config(deep) == inner
    assert find_config(tmp_path) == outer


def test_pyproject_without_a_focuscount_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") is None


def test_focuscount_toml_wins_over_pyproject_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.focuscount]\nby = "month"\n')
    own = write(tmp_path / "focuscount.toml", 'by = "year"\n')
    assert find_config(tmp_path) == own
    assert load_settings(tmp_path, environ={}).by == "year"


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "focuscount.toml",
        """
        lexicon = "lexicons/ours.toml"
        paths = ["docs", "plans/2025.md"]
        exclude = ["**/drafts/*"]
        by = "quarter"
        dates = "dates.csv"

        [check]
        min_ratio = 0.5
        max_institution_rate = { per_document = 60, severity = "warning" }
        min_words = { per_document = 200 }
        no_regression = { tolerance = 0.05, baseline_ref = "origin/main" }
        """,
    )
    settings = read_config(path)
    assert (settings.lexicon, settings.paths, settings.exclude, settings.by, settings.dates) == (
        "lexicons/ours.toml", ("docs", "plans/2025.md"), ("**/drafts/*",), "quarter", "dates.csv",
    )  # fmt: skip
    assert settings.rules == (
        Rule("min_ratio", "error", {"overall": 0.5}),
        Rule("max_institution_rate", "warning", {"per_document": 60.0}),
        Rule("min_words", "error", {"per_document": 200.0}),
        Rule("no_regression", "error", {"tolerance": 0.05}, {"baseline_ref": "origin/main"}),
    )
    run = run_options(settings)
    assert run.paths == (tmp_path / "docs", tmp_path / "plans/2025.md")
    assert run.lexicon == tmp_path / "lexicons/ours.toml"
    assert run.dates == tmp_path / "dates.csv"


def test_rule_subtables_in_pyproject(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        """
        [tool.focuscount]
        paths = ["docs"]

        [tool.focuscount.check.min_ratio]
        overall = 0.6
        severity = "warning"
        """,
    )
    assert read_config(path).rules == (Rule("min_ratio", "warning", {"overall": 0.6}),)


def test_environment_over_file_and_command_line_over_both(tmp_path: Path) -> None:
    write(
        tmp_path / "focuscount.toml", 'lexicon = "library"\npaths = ["docs"]\nby = "month"\n[check]\nmin_ratio = 0.4\n'
    )
    environ = {"FOCUSCOUNT_BY": "year", "FOCUSCOUNT_PATHS": "a,b", "FOCUSCOUNT_MIN_RATIO": "0.7"}
    settings = load_settings(tmp_path, environ=environ)
    assert (settings.by, settings.paths) == ("year", ("a", "b"))
    assert settings.rule("min_ratio") == Rule("min_ratio", "error", {"overall": 0.7})
    run = run_options(settings, paths=(Path("given"),), lexicon="mine.toml")
    assert (run.paths, run.lexicon) == ((Path("given"),), "mine.toml")


def test_no_paths_anywhere_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no PATHS given, and no 'paths' in a focuscount\.toml"):
        run_options(load_settings(tmp_path, environ={}))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('paths = ["docs"]\ncolour = "red"\n', 2, "unknown key 'colour' (allowed: lexicon, language, focus, versus, paths, exclude, by, dates, max_file_mb, follow_links, metadata_dates, notes, keep_furniture, min_hits, include_thin, jobs, timeout_per_file, cache, cache_dir, pdf_engine, ocr, executor, scheduler, organisation, chart_size, font_scale, series, check)"),
        ('by = "week"\n', 1, "'by' must be one of meeting, month, quarter, year, not 'week'"),
        ("paths = 3\n", 1, "'paths' must be a list of strings, not 3"),
        ("lexicon = 7\n", 1, "'lexicon' must be a non-empty string, not 7"),
        ("[check]\nmax_ratio = 0.5\n", 2, "unknown rule 'max_ratio' (rules: min_ratio, max_institution_rate, min_words, no_regression)"),
        ("[check]\nmin_ratio = 1.5\n", 2, "'overall' of 'min_ratio' must be between 0 and 1, not 1.5"),
        ('[check]\nmin_ratio = "half"\n', 2, "rule 'min_ratio' takes a number or a table (overall, per_document, severity)"),
        ('[check]\nmin_words = { per_document = 100, severity = "fatal" }\n', 2, "severity of 'min_words' must be 'error' or 'warning', not 'fatal'"),
        ("[check]\n\nmin_words = { each = 100 }\n", 3, "unknown key 'each' in rule 'min_words' (allowed: per_document, severity)"),
        ('[check]\nmin_ratio = { severity = "error" }\n', 2, "rule 'min_ratio' sets no threshold (overall, per_document)"),
        ("check = 3\n", 1, "'check' must be a table of rules"),
        ("paths = [\n", 1, None),
    ],
)  # fmt: skip
def test_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str | None) -> None:
    path = write(tmp_path / "focuscount.toml", text)
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert (raised.value.path, raised.value.line) == (path, line)
    if message is not None:
        assert raised.value.message == message
    else:
        assert raised.value.message.startswith("invalid TOML")
    assert str(raised.value).startswith(f"{path}:{line}: ")


def test_errors_in_pyproject_point_at_its_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.focuscount]\nby = "week"\n')
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert raised.value.line == 5


def test_bad_environment_values(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="FOCUSCOUNT_BY must be one of"):
        load_settings(tmp_path, environ={"FOCUSCOUNT_BY": "week"})
    with pytest.raises(ConfigError, match=r"^FOCUSCOUNT_MIN_RATIO must be a number, not 'half'$"):
        load_settings(tmp_path, environ={"FOCUSCOUNT_MIN_RATIO": "half"})


def test_missing_explicit_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(config=tmp_path / "nope.toml", environ={})


def test_value_scope_and_default_severity_spellings(tmp_path: Path) -> None:
    path = write(
        tmp_path / "focuscount.toml",
        """
        [check]
        severity = "warning"
        min_ratio = { value = 0.5, scope = "both" }
        max_institution_rate = { threshold = 60, scope = "document", severity = "error" }
        min_words = { value = 150 }
        no_regression = { baseline = "before.json" }
        """,
    )
    assert read_config(path).rules == (
        Rule("min_ratio", "warning", {"overall": 0.5, "per_document": 0.5}),
        Rule("max_institution_rate", "error", {"per_document": 60.0}),
        Rule("min_words", "warning", {"per_document": 150.0}),
        Rule("no_regression", "warning", {"tolerance": 0.02}, {"baseline": "before.json"}),
    )


def test_bad_scope(tmp_path: Path) -> None:
    path = write(tmp_path / "focuscount.toml", '[check]\nmin_words = { value = 10, scope = "overall" }\n')
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert (raised.value.line, raised.value.message) == (2, "scope of 'min_words' must be one of document, per_document, not 'overall'")


# Every numeric setting, from every source: NaN and infinity compare false with any threshold,
# so accepting them would silently turn a CI gate off.
NUMBER_CASES = [
    # (TOML line in [check] or at the top, the name in messages, what it must be)
    ("min_ratio = {{ overall = {} }}", "'overall' of 'min_ratio'", "between 0 and 1"),
    ("min_ratio = {{ per_document = {} }}", "'per_document' of 'min_ratio'", "between 0 and 1"),
    ("max_institution_rate = {{ overall = {} }}", "'overall' of 'max_institution_rate'", "0 or more"),
    ("max_institution_rate = {{ per_document = {} }}", "'per_document' of 'max_institution_rate'", "0 or more"),
    ("min_words = {{ per_document = {} }}", "'per_document' of 'min_words'", "a whole number, 0 or more"),
    ("no_regression = {{ tolerance = {} }}", "'tolerance' of 'no_regression'", "between 0 and 1"),
]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "2", "1.5"])
@pytest.mark.parametrize(("line", "name", "wanted"), NUMBER_CASES)
def test_every_threshold_in_the_file_is_validated(tmp_path: Path, line: str, name: str, wanted: str, value: str) -> None:
    path = write(tmp_path / "focuscount.toml", f'paths = ["docs"]\n\n[check]\n{line.format(value)}\n')
    accepted = {"between 0 and 1": (), "0 or more": ("2", "1.5"), "a whole number, 0 or more": ("2",)}[wanted]
    if value in accepted:
        (rule,) = read_config(path).rules
        assert next(iter(rule.thresholds.values())) == float(value)
        return
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert str(raised.value) == f"{path}:4: {name} must be {wanted}, not {value}"
    assert (raised.value.line, raised.value.message) == (4, f"{name} must be {wanted}, not {value}")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nan", "'max_file_mb' must be a number of megabytes above 0 and at most 1000000, not nan"),
        ("inf", "'max_file_mb' must be a number of megabytes above 0 and at most 1000000, not inf"),
        ("0", "'max_file_mb' must be a number of megabytes above 0 and at most 1000000, not 0"),
        ("-1", "'max_file_mb' must be a number of megabytes above 0 and at most 1000000, not -1"),
        ("1e300", "'max_file_mb' must be a number of megabytes above 0 and at most 1000000, not 1e+300"),
        ("true", "'max_file_mb' must be a number of megabytes above 0 and at most 1000000, not True"),
    ],
)
def test_max_file_mb_in_the_file(tmp_path: Path, value: str, message: str) -> None:
    path = write(tmp_path / "focuscount.toml", f'paths = ["docs"]\nmax_file_mb = {value}\n')
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert (raised.value.path, raised.value.line, raised.value.message) == (path, 2, message)


def test_max_file_mb_in_range_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "focuscount.toml", "max_file_mb = 0.5\n")
    assert read_config(path).max_file_mb == 0.5
    assert run_options(read_config(path), paths=(Path("x"),)).reading.limits.max_bytes == 524288


def test_min_words_must_be_whole(tmp_path: Path) -> None:
    path = write(tmp_path / "focuscount.toml", "[check]\nmin_words = 150.5\n")
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert raised.value.message == "'per_document' of 'min_words' must be a whole number, 0 or more, not 150.5"
    assert read_config(write(tmp_path / "focuscount.toml", "[check]\nmin_words = 150.0\n")).rules[0].thresholds == {
        "per_document": 150.0
    }


def test_integer_too_large_for_a_float_is_refused_not_a_crash(tmp_path: Path) -> None:
    huge = "9" * 400
    path = write(tmp_path / "focuscount.toml", f"[check]\nmax_institution_rate = {huge}\n")
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert raised.value.message == f"'overall' of 'max_institution_rate' must be 0 or more, not {huge}"


ENV_CASES = [
    ("FOCUSCOUNT_MIN_RATIO", "between 0 and 1", ()),
    ("FOCUSCOUNT_MAX_INSTITUTION_RATE", "0 or more", ("2",)),
    ("FOCUSCOUNT_MIN_WORDS", "a whole number, 0 or more", ("2",)),
    ("FOCUSCOUNT_NO_REGRESSION", "between 0 and 1", ()),
    ("FOCUSCOUNT_MAX_FILE_MB", "a number of megabytes above 0 and at most 1000000", ("2",)),
]


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-infinity", "-1", "2", "1e999"])
@pytest.mark.parametrize(("variable", "wanted", "accepted"), ENV_CASES)
def test_every_numeric_environment_variable_is_validated(
    tmp_path: Path, variable: str, wanted: str, accepted: tuple[str, ...], value: str
) -> None:
    if value in accepted:
        settings = load_settings(tmp_path, environ={variable: value})
        if variable == "FOCUSCOUNT_MAX_FILE_MB":
            assert settings.max_file_mb == 2.0
        else:
            assert next(iter(settings.rules[0].thresholds.values())) == 2.0
        return
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path, environ={variable: f" {value} "})
    assert (raised.value.path, raised.value.line) == (None, None)
    assert str(raised.value) == f"{variable} must be {wanted}, not '{value}'"


def test_library_callers_are_validated_like_the_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, environ={})
    with pytest.raises(ConfigError) as raised:
        run_options(settings, paths=(Path("x"),), max_file_mb=float("inf"))
    assert str(raised.value) == "--max-file-mb must be a number of megabytes above 0 and at most 1000000, not inf"
    with pytest.raises(ConfigError) as raised:
        with_rule(settings, "min_ratio", "overall", float("nan"))
    assert str(raised.value) == "min_ratio.overall must be between 0 and 1, not nan"


def test_allow_lexicon_change_in_the_regression_rule(tmp_path: Path) -> None:
    path = write(tmp_path / "focuscount.toml", '[check]\nno_regression = { baseline = "b.json", allow_lexicon_change = true }\n')
    assert read_config(path).rules == (
        Rule("no_regression", "error", {"tolerance": 0.02}, {"baseline": "b.json"}, {"allow_lexicon_change": True}),
    )
    path = write(tmp_path / "focuscount.toml", '[check]\nno_regression = { allow_lexicon_change = "yes" }\n')
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert (raised.value.line, raised.value.message) == (
        2, "'allow_lexicon_change' of 'no_regression' must be true or false, not 'yes'",
    )  # fmt: skip


def test_committed_nan_gate_fixture() -> None:
    path = Path(__file__).parent / "fixtures" / "bad" / "config_nan_threshold.toml"
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert str(raised.value) == f"{path}:5: 'overall' of 'min_ratio' must be between 0 and 1, not nan"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('paths = ["docs\\u0000"]\n', 1, "'paths' holds a NUL character (\\u0000), which no path can contain: delete it"),
        ('paths = ["docs"]\ndates = "dates\\u0000.csv"\n', 2, "'dates' holds a NUL character (\\u0000), which no path can contain: delete it"),
        ('exclude = ["x\\u0000"]\n', 1, "'exclude' holds a NUL character (\\u0000), which no path can contain: delete it"),
        ('lexicon = "ours\\u0000.toml"\n', 1, "'lexicon' holds a NUL character (\\u0000), which no path can contain: delete it"),
        ('[check]\nno_regression = { baseline = "b\\u0000.json" }\n', 2, "'baseline' of 'no_regression' holds a NUL character (\\u0000), which no path can contain: delete it"),
    ],
)  # fmt: skip
def test_nul_in_a_path_setting_is_an_error_not_a_crash(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path / "focuscount.toml", text)
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert (raised.value.line, raised.value.message) == (line, message)


@pytest.mark.parametrize("nested", ["[" * 50_000 + "]" * 50_000, "{a=" * 50_000 + "1" + "}" * 50_000])
def test_settings_nested_past_the_stack_are_an_error_not_a_crash(tmp_path: Path, nested: str) -> None:
    path = write(tmp_path / "focuscount.toml", f"paths = {nested}\n")
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    assert str(raised.value) == f"{path}: invalid TOML: arrays or tables nested too deeply"
