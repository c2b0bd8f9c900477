"""focuscount check: every rule, every format and every exit code, through the CLI."""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from helpers import ISSUE_LEXICON

from focuscount.baseline import load_report_baseline
from focuscount.cli import cli
from focuscount.errors import ConfigError
from focuscount.lexicon import load_lexicon

STRATEGY = "Our patrons and customers come first. The library serves users.\n"  # 10 words, 3 vs 1
PLAN = "The library budget, library resources and administration.\n"  # 7 words, 0 vs 4


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "strategy.md").write_text(STRATEGY, encoding="utf-8")
    (tmp_path / "docs" / "plan.md").write_text(PLAN, encoding="utf-8")
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_STEP_SUMMARY", "FOCUSCOUNT_MIN_RATIO", "FOCUSCOUNT_PATHS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def configure(project: Path, check: str) -> None:
    text = f'paths = ["docs"]\nlexicon = "lexicon.toml"\n\n[check]\n{textwrap.dedent(check)}'
    (project / "focuscount.toml").write_text(text, encoding="utf-8")


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *(str(arg) for arg in args)])
    return result.exit_code, result.stdout, result.stderr


def test_all_rules_pass_exit_0(project: Path) -> None:
    configure(project, "min_ratio = { overall = 0.3 }\nmin_words = 5\n")
    code, out, err = run()
    assert (code, err) == (0, "")
    assert out == "focuscount check passed: 0 errors, 0 warnings (3 checks on 2 documents; overall ratio 0.38)\n"


def test_min_ratio_overall_and_per_document_fail_exit_1(project: Path) -> None:
    configure(project, "min_ratio = { overall = 0.5, per_document = 0.4 }\n")
    code, out, _ = run()
    assert code == 1
    assert out.splitlines() == [
        "ERROR   (all documents): min_ratio: ratio 0.38 is below the minimum 0.50 (library 3, administration 1, resource 1)",
        "ERROR   docs/plan.md: min_ratio: ratio 0.00 is below the minimum 0.40 (library 2, administration 1, resource 1)",
        "focuscount check failed: 2 errors, 0 warnings (3 checks on 2 documents; overall ratio 0.38)",
    ]


def test_warnings_alone_pass(project: Path) -> None:
    configure(project, 'min_words = { per_document = 8, severity = "warning" }\n')
    code, out, _ = run()
    assert code == 0
    assert out.splitlines()[0] == "WARNING docs/plan.md: min_words: 7 words is below the minimum 8: too short to judge"


def test_max_institution_rate(project: Path) -> None:
    configure(project, "max_institution_rate = { per_document = 300, overall = 250 }\n")
    code, out, _ = run("-f", "json")
    assert code == 1
    data = json.loads(out)
    assert [(f["path"], f["rule"], f["measured"], f["threshold"]) for f in data["findings"]] == [
        (None, "max_institution_rate", 294.1176, 250.0),
        ("docs/plan.md", "max_institution_rate", 571.4286, 300.0),
    ]
    assert data["findings"][1]["top_terms"] == [
        {"category": "institution", "term": "library", "hits": 2},
        {"category": "institution", "term": "administration", "hits": 1},
        {"category": "institution", "term": "resource", "hits": 1},
    ]
    assert (data["passed"], data["errors"], data["warnings"], data["checks"]) == (False, 2, 0, 3)
    assert list(data["files"]) == [".", "docs/plan.md"]


def test_document_without_hits_cannot_pass_min_ratio(project: Path) -> None:
    (project / "docs" / "empty.md").write_text("Nothing about anyone here.\n", encoding="utf-8")
    configure(project, "min_ratio = { per_document = 0.1 }\n")
    code, out, _ = run("-f", "line")
    assert code == 1
    assert "docs/empty.md:1:1:min_ratio:no customer or institution hits: the ratio cannot be judged (minimum 0.10)" in out


def test_line_format(project: Path) -> None:
    configure(project, "min_ratio = { per_document = 0.4 }\n")
    code, out, _ = run("--format", "line")
    assert code == 1
    assert out == (
        "docs/plan.md:1:1:min_ratio:ratio 0.00 is below the minimum 0.40 "
        "(library 2, administration 1, resource 1)\n"
    )


def test_github_format_and_step_summary(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = project / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    configure(project, 'min_ratio = { per_document = 0.4 }\nmin_words = { per_document = 8, severity = "warning" }\n')
    code, out, _ = run("-f", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=docs/plan.md,line=1,col=1,title=focuscount min_ratio::ratio 0.00 is below the minimum 0.40 "
        "(library 2, administration 1, resource 1)"
    )
    assert lines[1].startswith("::warning file=docs/plan.md,line=1,col=1,title=focuscount min_words::7 words")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### focuscount check failed\n")
    assert "| error | docs/plan.md | min_ratio | 0.00 | 0.40 |" in text


def test_junit_format(project: Path) -> None:
    configure(project, "min_ratio = { overall = 0.5, per_document = 0.4 }\n")
    code, out, _ = run("-f", "junit")
    assert code == 1
    root = ElementTree.fromstring(out.encode("utf-8"))
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "2")
    cases = [(case.get("classname"), case.get("name"), case.find("failure") is not None) for case in suite]
    assert cases == [
        ("focuscount.min_ratio", "all documents", True),
        ("focuscount.min_ratio", "docs/plan.md", True),
        ("focuscount.min_ratio", "docs/strategy.md", False),
    ]


def test_output_file(project: Path) -> None:
    configure(project, "min_ratio = 0.3\n")
    code, out, err = run("-f", "json", "-o", "report.json")
    assert (code, out) == (0, "")
    assert err == "focuscount: wrote report.json\n"
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["passed"] is True


def test_default_rule_without_configuration(project: Path) -> None:
    code, out, _ = run("docs", "-l", "lexicon.toml")
    assert code == 1
    assert out.splitlines()[0].startswith("ERROR   (all documents): min_ratio: ratio 0.38 is below the minimum 0.50")


def test_command_line_overrides_file_and_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(project, "min_ratio = 0.5\n")
    monkeypatch.setenv("FOCUSCOUNT_MIN_RATIO", "0.9")
    assert run()[0] == 1
    assert run("--min-ratio", "0.3")[0] == 0
    monkeypatch.setenv("FOCUSCOUNT_MIN_RATIO", "0.2")
    assert run()[0] == 0


def test_unreadable_file_exits_2(project: Path) -> None:
    configure(project, "min_ratio = 0.1\n")
    (project / "docs" / "broken.pdf").write_bytes(b"not a pdf")
    code, _, err = run()
    assert code == 2
    assert "docs/broken.pdf: skipped: not a valid PDF" in err
    assert "Error: 1 file(s) could not be read; the check is incomplete" in err


def test_config_error_exits_2(project: Path) -> None:
    (project / "focuscount.toml").write_text('paths = ["docs"]\n[check]\nmin_ratio = 2\n', encoding="utf-8")
    code, _, err = run()
    assert code == 2
    assert "focuscount.toml:3: 'overall' of 'min_ratio' must be between 0 and 1, not 2" in err


def test_lexicon_error_exits_2(project: Path) -> None:
    (project / "bad.toml").write_text("nonsense = 1\n", encoding="utf-8")
    code, _, err = run("docs", "-l", "bad.toml")
    assert code == 2
    assert "bad.toml:1: unknown key 'nonsense'" in err


def test_usage_error_exits_2(project: Path) -> None:
    assert run("--format", "xml")[0] == 2
    assert run("--min-ratio", "2")[0] == 2


def test_baseline_report(project: Path) -> None:
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    assert CliRunner().invoke(cli, ["analyze", "-f", "json", "-o", "before.json"]).exit_code == 0
    assert run("--baseline", "before.json")[0] == 0
    (project / "docs" / "strategy.md").write_text("The library serves users.\n", encoding="utf-8")
    code, out, _ = run("--baseline", "before.json")
    assert code == 1
    assert out.splitlines()[:2] == [
        "ERROR   (all documents): no_regression: ratio fell from 0.38 (before.json) to 0.17, a drop of 0.21 "
        "(tolerance 0.05) (library 3, administration 1, resource 1)",
        "ERROR   docs/strategy.md: no_regression: ratio fell from 0.75 (before.json) to 0.50, a drop of 0.25 "
        "(tolerance 0.05) (library 1)",
    ]


def test_baseline_finds_a_document_whose_name_is_not_utf8(project: Path) -> None:
    # The saved report spells the Latin-1 byte as \\xe9; the current run must key the file the same way.
    import os

    latin1 = project / "docs" / os.fsdecode(b"strat\xe9gie.md")
    (project / "docs" / "strategy.md").rename(latin1)
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    assert CliRunner().invoke(cli, ["analyze", "-f", "json", "-o", "before.json"]).exit_code == 0
    assert "docs/strat\\\\xe9gie.md" in (project / "before.json").read_text(encoding="utf-8")
    latin1.write_text("The library serves users.\n", encoding="utf-8")
    code, out, _ = run("--baseline", "before.json")
    assert code == 1
    assert out.splitlines()[1] == (
        "ERROR   docs/strat\\xe9gie.md: no_regression: ratio fell from 0.75 (before.json) to 0.50, a drop of 0.25 "
        "(tolerance 0.05) (library 1)"
    )


def test_baseline_that_is_not_a_report_exits_2(project: Path) -> None:
    (project / "other.json").write_text("{}", encoding="utf-8")
    code, _, err = run("docs", "--baseline", "other.json")
    assert code == 2
    assert "baseline is not a focuscount report" in err


def git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=project, check=True, capture_output=True,
    )  # fmt: skip


def test_baseline_ref_reads_git_without_touching_the_checkout(project: Path) -> None:
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "docs", "lexicon.toml")
    git(project, "commit", "-q", "-m", "first")
    (project / "docs" / "strategy.md").write_text("The library serves users.\n", encoding="utf-8")
    status_before = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True).stdout
    code, out, _ = run("--baseline-ref", "main")
    assert code == 1
    assert out.splitlines()[0].startswith("ERROR   (all documents): no_regression: ratio fell from 0.38 (main) to 0.17")
    assert "docs/strategy.md: no_regression: ratio fell from 0.75 (main) to 0.50" in out
    status_after = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True).stdout
    assert status_after == status_before
    assert (project / "docs" / "strategy.md").read_text(encoding="utf-8") == "The library serves users.\n"
    git(project, "commit", "-q", "-am", "second")
    assert run("--baseline-ref", "HEAD")[0] == 0


def test_baseline_ref_errors_exit_2(project: Path) -> None:
    configure(project, "min_ratio = 0.1\n")
    code, _, err = run("--baseline-ref", "main")
    assert code == 2
    assert "--baseline-ref:" in err
    git(project, "init", "-q", "-b", "main")
    code, _, err = run("--baseline-ref", "nosuchbranch")
    assert code == 2
    assert "unknown revision 'nosuchbranch'" in err


def test_regression_rule_without_baseline_exits_2(project: Path) -> None:
    configure(project, "no_regression = 0.05\n")
    code, _, err = run()
    assert code == 2
    assert "rule no_regression needs a baseline" in err


def test_init_writes_a_starter_and_never_overwrites(project: Path) -> None:
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0
    written = (project / "focuscount.toml").read_text(encoding="utf-8")
    assert written.startswith("# focuscount settings.")
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 2
    assert "already exists; focuscount init never overwrites it" in result.stderr
    assert (project / "focuscount.toml").read_text(encoding="utf-8") == written


def test_starter_config_is_valid_and_checks(project: Path) -> None:
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    code, out, err = run("-l", "lexicon.toml")
    assert code == 1, err
    assert "docs/plan.md: min_ratio" in out


BAD = Path(__file__).parent / "fixtures" / "bad"
SAVE_AGAIN = "save the baseline again with `focuscount analyze -f json -o FILE`"


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("baseline_wrong_types.json", "baseline field 'summary.ratio' must be a ratio from 0 to 1, or null, not \"high\""),
        ("baseline_documents_object.json", "baseline field 'documents' must be a list of documents, not an object"),
        ("baseline_missing_path.json", "baseline field 'documents[1].path' is missing"),
        ("baseline_nan_ratio.json", "baseline field 'documents[0].ratio' must be a ratio from 0 to 1, or null, not NaN"),
    ],
)
def test_baseline_with_wrong_value_types_exits_2_naming_the_field(project: Path, fixture: str, message: str) -> None:
    configure(project, "min_ratio = 0.1\n")
    code, out, err = run("--baseline", BAD / fixture)
    assert (code, out) == (2, "")
    assert err == f"Error: {BAD / fixture}: {message}; {SAVE_AGAIN}\n"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["summary"].update(ratio=True), "baseline field 'summary.ratio' must be a ratio from 0 to 1, or null, not true"),
        (lambda r: r["summary"].update(ratio=1.5), "baseline field 'summary.ratio' must be a ratio from 0 to 1, or null, not 1.5"),
        (lambda r: r["summary"].update(ratio=float("inf")), "baseline field 'summary.ratio' must be a ratio from 0 to 1, or null, not Infinity"),
        (lambda r: r.update(summary=[0.5]), "baseline field 'summary' must be an object, not a list"),
        (lambda r: r.pop("summary"), "baseline field 'summary' is missing"),
        (lambda r: r["documents"].append("docs/new.md"), "baseline field 'documents[2]' must be an object with 'path' and 'ratio', not \"docs/new.md\""),
        (lambda r: r["documents"][0].update(path="docs/\u0000plan.md"), "baseline field 'documents[0].path' must be a non-empty string, not \"docs/\\u0000plan.md\""),
        (lambda r: r["documents"][0].update(path=""), "baseline field 'documents[0].path' must be a non-empty string, not \"\""),
        (lambda r: r["documents"][0].pop("ratio"), "baseline field 'documents[0].ratio' is missing"),
        (lambda r: r["lexicon"].update(hash=None), "baseline field 'lexicon.hash' must be a non-empty string, not null"),
    ],
)  # fmt: skip
def test_every_field_of_a_baseline_is_checked(tmp_path: Path, edit: Callable[[dict], object], message: str) -> None:
    report = json.loads((BAD / "baseline_wrong_types.json").read_text(encoding="utf-8"))
    report["summary"]["ratio"] = 0.375
    edit(report)
    path = tmp_path / "before.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_report_baseline(path)
    assert str(raised.value) == f"{path}: {message}; {SAVE_AGAIN}"


def test_baseline_nested_past_the_stack_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_report_baseline(path)
    assert str(raised.value) == f"{path}: baseline is not a readable JSON report (nested too deeply)"


def test_valid_fixture_shape_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = json.loads((BAD / "baseline_wrong_types.json").read_text(encoding="utf-8"))
    report["summary"]["ratio"] = 0.375
    path = tmp_path / "before.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    baseline = load_report_baseline(path)
    assert (baseline.ratio, baseline.documents) == (0.375, {"docs/plan.md": 0.0, "docs/strategy.md": 0.75})
    assert (baseline.lexicon_name, baseline.lexicon_hash) == ("library", report["lexicon"]["hash"])


OTHER_LEXICON = ISSUE_LEXICON.replace('"administration", ', "")  # one term fewer: other counts


def save_baseline_with_other_lexicon(project: Path) -> str:
    (project / "old.toml").write_text(textwrap.dedent(OTHER_LEXICON), encoding="utf-8")
    saved = CliRunner().invoke(cli, ["analyze", "docs", "-l", "old.toml", "-f", "json", "-o", "before.json"])
    assert saved.exit_code == 0, saved.stderr
    return json.loads((project / "before.json").read_text(encoding="utf-8"))["lexicon"]["hash"]


def test_baseline_made_with_another_lexicon_is_refused(project: Path) -> None:
    old_hash = save_baseline_with_other_lexicon(project)
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    current = load_lexicon(project / "lexicon.toml").short_hash
    assert old_hash[:12] != current
    code, out, err = run("--baseline", "before.json")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: before.json: baseline was counted with lexicon library ({old_hash[:12]}), not library ({current}), "
        "so its ratios are not comparable: save a new baseline, or pass --allow-lexicon-change to compare anyway\n"
    )


def test_lexicon_change_allowed_by_flag_or_setting(project: Path) -> None:
    save_baseline_with_other_lexicon(project)  # old ratio 0.43 overall; now 0.38 with 'administration' counted
    configure(project, "no_regression = { tolerance = 0.01 }\n")
    code, out, _ = run("--baseline", "before.json", "--allow-lexicon-change")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "ERROR   (all documents): no_regression: ratio fell from 0.43 (before.json) to 0.38"
    )
    configure(project, 'no_regression = { tolerance = 0.01, baseline = "before.json", allow_lexicon_change = true }\n')
    assert run()[:2] == (code, out)


def test_baseline_with_the_same_lexicon_needs_no_flag(project: Path) -> None:
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    assert CliRunner().invoke(cli, ["analyze", "-f", "json", "-o", "before.json"]).exit_code == 0
    assert run("--baseline", "before.json")[0] == 0


def test_nan_gates_fail_loudly_from_every_source(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(project, "min_ratio = 0.9\n")  # fails: the overall ratio is 0.38
    assert run()[0] == 1
    code, _, err = run("--min-ratio", "nan")
    assert code == 2
    assert err.endswith("Error: Invalid value for '--min-ratio': must be between 0 and 1, not 'nan'\n")
    monkeypatch.setenv("FOCUSCOUNT_MIN_RATIO", "nan")
    assert run() == (2, "", "Error: FOCUSCOUNT_MIN_RATIO must be between 0 and 1, not 'nan'\n")
    monkeypatch.delenv("FOCUSCOUNT_MIN_RATIO")
    configure(project, "min_ratio = nan\n")
    assert run() == (2, "", f"Error: {project / 'focuscount.toml'}:5: 'overall' of 'min_ratio' must be between 0 and 1, not nan\n")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--min-ratio", "nan", "must be between 0 and 1, not 'nan'"),
        ("--min-ratio", "inf", "must be between 0 and 1, not 'inf'"),
        ("--min-ratio", "-1", "must be between 0 and 1, not '-1'"),
        ("--min-ratio", "2", "must be between 0 and 1, not '2'"),
        ("--min-ratio", "half", "must be a number, not 'half'"),
        ("--max-file-mb", "nan", "must be a number of megabytes above 0 and at most 1000000, not 'nan'"),
        ("--max-file-mb", "inf", "must be a number of megabytes above 0 and at most 1000000, not 'inf'"),
        ("--max-file-mb", "-1", "must be a number of megabytes above 0 and at most 1000000, not '-1'"),
        ("--max-file-mb", "0", "must be a number of megabytes above 0 and at most 1000000, not '0'"),
    ],
)
def test_numeric_options_are_validated_like_the_settings(project: Path, option: str, value: str, message: str) -> None:
    code, out, err = run("docs", "-l", "lexicon.toml", option, value)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"Error: Invalid value for '{option}': {message}"


def test_numeric_options_in_range_are_taken(project: Path) -> None:
    assert run("docs", "-l", "lexicon.toml", "--min-ratio", "0.3", "--max-file-mb", "2")[0] == 0
    assert run("docs", "-l", "lexicon.toml", "--min-ratio", "1")[0] == 1


def test_check_run_refuses_a_nan_minimum_from_python(project: Path) -> None:
    from focuscount.check import check_run
    from focuscount.config import load_settings, run_options

    run_ = run_options(load_settings(project, environ={}), paths=(Path("docs"),), lexicon="lexicon.toml")
    with pytest.raises(ConfigError) as raised:
        check_run(run_, min_ratio=float("nan"))
    assert str(raised.value) == "min_ratio.overall must be between 0 and 1, not nan"


def committed(project: Path) -> None:
    configure(project, "no_regression = { tolerance = 0.05 }\n")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "docs", "lexicon.toml")
    git(project, "commit", "-q", "-m", "first")


def test_baseline_ref_reads_the_old_files_with_the_same_options(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import focuscount.check

    committed(project)
    real = focuscount.check.analyze
    calls: list[dict[str, object]] = []

    def spy(paths: list[Path], lexicon: object, **options: object) -> object:
        calls.append(options)
        return real(paths, lexicon, **{**options, "model": None})  # no spaCy model is installed for tests

    monkeypatch.setattr(focuscount.check, "analyze", spy)
    code, _, err = run("--baseline-ref", "main", "--model", "en_test_model", "--max-file-mb", "3", "--date-order", "dmy")
    assert code == 0, err
    current, then = calls
    for key in ("model", "date_order", "limits", "follow_links", "exclude"):
        assert then[key] == current[key], key
    assert (then["model"], then["date_order"], then["limits"].max_file_mb) == ("en_test_model", "dmy", 3.0)
    assert then["dates"] is None  # the manifest names the working tree, not the copies


def test_baseline_ref_obeys_the_size_limit(project: Path) -> None:
    # strategy.md was long (and customer-minded) at main; now it is short. With --max-file-mb the old copy is
    # over the limit, so it is skipped in the baseline too, and no per-document regression can be claimed for it.
    (project / "docs" / "strategy.md").write_text(STRATEGY * 40, encoding="utf-8")
    committed(project)
    (project / "docs" / "strategy.md").write_text("The library serves users.\n", encoding="utf-8")
    code, out, _ = run("--baseline-ref", "main")
    assert code == 1
    assert "docs/strategy.md: no_regression: ratio fell from 0.75 (main) to 0.50" in out
    code, out, _ = run("--baseline-ref", "main", "--max-file-mb", "0.001")  # 1,048 bytes: the old copy has 2,600
    assert (code, out) == (0, "focuscount check passed: 0 errors, 0 warnings (2 checks on 2 documents; overall ratio 0.17)\n")
