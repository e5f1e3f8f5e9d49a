"""[tool.pipeline] in pyproject.toml: values reach the run; unknown keys and bad values are
clear usage errors (exit 2), never a traceback."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from example import copy_example

from pipeline import checks
from pipeline.cli import main
from pipeline.config import _KEYS, ConfigError, from_table, load
from pipeline.findings import Severity

REPO = Path(__file__).resolve().parents[1]
def KNOWN() -> frozenset[str]:  # the registry's ids, as the CLI passes them
    return frozenset(checks.BY_ID)


def test_values_are_read() -> None:
    config = from_table({
        "content": "docs", "build-locales": ["fr-FR"], "ignore": ["untranslated"],
        "severity": {"number-changed": "info"}, "link-rewrites": {"/en-us/": "/{locale}/"},
        "publish-machine-translation": False, "jobs": 2,
    }, "pyproject.toml", KNOWN)
    assert config.content == Path("docs")
    assert config.build_locales == frozenset({"fr-fr"})
    assert config.ignore == frozenset({"untranslated"})
    assert config.severities == {"number-changed": Severity.INFO}
    assert config.link_rewrites[0].apply("https://x/en-us/a", "fr-FR") == "https://x/fr-fr/a"
    assert config.publish_machine_translation is False
    assert config.jobs == 2


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"contnet": "x"}, "unknown key(s) in [tool.pipeline]: contnet (did you mean content?)"),
        ({"ignore": ["untranslatd"]}, "unknown check id(s) untranslatd (did you mean "
         "untranslated?)"),
        ({"ignore": ["no-such-check"]}, "unknown check id(s) no-such-check"),
        ({"ignore": "untranslated"}, "must be a list of strings"),
        ({"severity": {"untranslated": "fatal"}}, "unknown severity 'fatal'"),
        ({"severity": {"nope": "info"}}, "unknown check id(s) nope"),
        ({"jobs": -1}, "must be a whole number >= 0"),
        ({"jobs": True}, "must be a whole number >= 0"),
        ({"publish-machine-translation": "yes"}, "must be true or false"),
        ({"link-rewrites": ["/en-us/"]}, "must be a table"),
        # an empty part is found between every two characters of every link (h176)
        ({"link-rewrites": {"": "/{locale}/"}}, "link-rewrites has an empty key"),
        ({"out": 3}, "must be a string"),
        # h154: the folder the run started in, pages and catalogs written all over it
        ({"out": ""}, "out is empty: give a path"),
        ({"locales": ""}, "locales is empty: give a path"),
        ({"tm": [""]}, "tm is empty: give a path"),
    ],
)
def test_bad_values_are_named(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as exc:
        from_table(table, "pyproject.toml", KNOWN)
    assert message in str(exc.value)
    assert "pyproject.toml" in str(exc.value)


def test_a_bad_config_is_a_usage_error_with_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.pipeline]\nseverity = { "untranslated" = "loud" }\n')
    assert main(["check", "--content", str(REPO / "content"), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "unknown severity 'loud'" in err and "Traceback" not in err


def test_severity_override_and_build_locales_change_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, locales = tmp_path / "content", tmp_path / "locales"
    copy_example(content, locales)
    md = content / "fr-FR/get-started/install-cli.md"
    md.write_text(md.read_text(encoding="utf-8").replace(
        'data-stu-id="4c1e7-103"', 'data-stu-id="4c1e7-903"'), encoding="utf-8")
    args = ["check", "--content", str(content), "--locales", str(locales), "-j", "1"]
    assert main(args) == 1
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.pipeline]\nseverity = { "span-id-mismatch" = "warning" }\n')
    capsys.readouterr()
    assert main([*args, "--config", str(config)]) == 0
    assert "warning[span-id-mismatch]" in capsys.readouterr().err
    config.write_text('[tool.pipeline]\nbuild-locales = ["de-DE"]\n')
    assert main([*args, "--config", str(config)]) == 0
    assert "1 articles, 45 segments" in capsys.readouterr().err  # de-DE alone


def test_the_readme_sample_configuration_loads(tmp_path: Path) -> None:
    """The [tool.pipeline] a user copies from the README is one the pipeline accepts."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    samples = [block for block in re.findall(r"```toml\n(.*?)```", readme, re.S)
               if "[tool.pipeline]" in block]
    assert len(samples) == 1
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(samples[0], encoding="utf-8")
    table = tomllib.loads(samples[0])["tool"]["pipeline"]
    config = load(pyproject, KNOWN)  # raises ConfigError on any key or value it refuses
    assert set(table) == set(_KEYS)  # the sample shows every setting there is
    assert config.select == frozenset(table["select"])
    assert config.ignore == frozenset(table["ignore"])
    assert {k: v.label for k, v in config.severities.items()} == table["severity"]
    assert config.max_file_size == table["max-file-size"]


@pytest.mark.parametrize("doc", sorted(p.name for p in (REPO / "docs").glob("*.md")))
def test_every_tool_pipeline_sample_in_the_docs_loads(doc: str, tmp_path: Path) -> None:
    """A [tool.pipeline] a user copies from docs/*.md is one the pipeline accepts, its keys
    all known and its values all valid."""
    text = (REPO / "docs" / doc).read_text(encoding="utf-8")
    for block in re.findall(r"```toml\n(.*?)```", text, re.S):
        if "[tool.pipeline]" in block:
            pyproject = tmp_path / "pyproject.toml"
            pyproject.write_text(block, encoding="utf-8")
            load(pyproject, KNOWN)  # raises ConfigError on any key or value it refuses


def test_a_settings_file_named_on_the_command_line_that_is_missing_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--config nosuch.toml`` ran on the defaults, exit 0: the user's settings silently unused."""
    (tmp_path / "content").mkdir()
    assert main(["check", "--content", str(tmp_path / "content"),
                 "--config", str(tmp_path / "nosuch.toml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pipeline: error: --config ") and err.endswith("no such file\n")


def test_a_build_locale_no_folder_has_is_a_warning_and_the_named_ones_still_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``build-locales = ["xx"]`` built nothing, said nothing, and exited 0."""
    copy_example(tmp_path / "content")
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.pipeline]\nbuild-locales = ["xx", "fr-FR"]\n', encoding="utf-8")
    assert main(["extract", "--content", str(tmp_path / "content"), "--locales",
                 str(tmp_path / "locales"), "--config", str(config)]) == 0
    err = capsys.readouterr().err
    assert "warning[layout]: build-locales names 'xx', which no locale folder" in err
    assert "'fr-FR'" not in err and (tmp_path / "locales" / "fr-FR").is_dir()


@pytest.mark.parametrize(("data", "message"), [
    (b'[tool.pipeline]\ncontent = "caf\xe9"\n', ":2: cannot read: the file is not UTF-8 (byte "
                                                "0xe9); save it as UTF-8"),
    (b"\xff\xfe[\x00t\x00", ":1: cannot read: the file is not UTF-8"),
    # h176: the line was in the message's tail, '(at line 2, column 13)', or an offset
    (b'[tool.pipeline]\ncontent = "a\n', ":2:13: cannot read: Illegal character '\\n'\n"),
    (b"tool = 3\n", "[tool] must be a table"),
    # h154: a Windows editor's byte order mark read as 'Invalid statement (at line 1, column 1)'
    (b"\xef\xbb\xbf[tool.pipeline]\njobs = 1\n", "starts with a byte order mark"),
    # h154: 'internal error: RecursionError' (exit 3), from tomllib's recursive reader
    (b"[tool.pipeline]\nno-loc = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deep"),
    (b"[tool.pipeline]\nseverity = " + b"{a=" * 3000 + b"1" + b"}" * 3000 + b"\n",
     "nested too deep"),
])
def test_a_settings_file_toml_cannot_take_is_a_usage_error_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str) -> None:
    """helper-127: a pyproject.toml saved in Latin-1 or UTF-16, or whose 'tool' is no table,
    stopped with 'internal error: UnicodeDecodeError' / 'AttributeError' (exit 3)."""
    (tmp_path / "content").mkdir()
    config = tmp_path / "pyproject.toml"
    config.write_bytes(data)
    assert main(["check", "--content", str(tmp_path / "content"), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"pipeline: error: {config}") and message in err, err
    assert err.count("\n") == 1


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_settings_file_that_is_not_a_file_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    """helper-127: ``--config`` naming a folder (or a FIFO, or pyproject.toml being one) ran
    on the defaults, exit 0: the settings the user meant silently unused."""
    import os

    (tmp_path / "content").mkdir()
    config = tmp_path / "pyproject.toml"
    if kind == "folder":
        config.mkdir()
    else:
        os.mkfifo(config)
    assert main(["check", "--content", str(tmp_path / "content"), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"pipeline: error: {config}: cannot read"), err


@pytest.mark.parametrize("line", ['content = "a\\u0000b"', 'locales = "a\\u0000b"',
                                  'out = "a\\u0000b"', 'baseline = "a\\u0000b"',
                                  'no-loc-file = "a\\u0000b"', 'glossary = "a\\u0000b"',
                                  'tm = ["a\\u0000b"]'])
def test_a_path_setting_holding_a_nul_is_named_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    """TOML lets a string hold a NUL: `baseline`, `no-loc-file` and `tm` stopped with
    `internal error: ValueError: embedded null byte` (exit 3); `locales` and `out` were said
    to be `content: embedded null byte`; `content` and `glossary` printed the NUL raw."""
    copy_example(tmp_path / "content")
    (tmp_path / "pyproject.toml").write_text(f"[tool.pipeline]\n{line}\n", encoding="utf-8")
    key = line.split(" ", 1)[0]
    assert main(["locales", "--content", str(tmp_path / "content"), "--config",
                 str(tmp_path / "pyproject.toml"), "-j", "1"]) == 2
    err = capsys.readouterr().err
    assert err == (f"pipeline: error: {tmp_path / 'pyproject.toml'}:2: [tool.pipeline] {key}: "
                   "'a\\x00b' holds a NUL character, which no path can: take out the \\u0000\n")


@pytest.mark.parametrize(("lines", "said"), [
    ('jobs = "4"', ':6: [tool.pipeline] jobs must be a whole number >= 0, not \'4\''),
    ("selet = []", ":6: unknown key(s) in [tool.pipeline]: selet (did you mean select?)"),
    ('select = [\n  "untranslated",\n  "po-sintax",\n]',
     ":6: [tool.pipeline] select: unknown check id(s) po-sintax (did you mean po-syntax?)"),
    ('severity = { untranslated = "fatal" }',
     ":6: [tool.pipeline] severity: unknown severity 'fatal'"),
    ('[tool.pipeline.severity]\nuntranslated = "info"\nnope = "error"',
     ":8: [tool.pipeline] severity: unknown check id(s) nope"),
    ('"tm-threshold" = 2', ":6: [tool.pipeline] tm-threshold must be a number from 0.5"),
    ("jobs = 2\njobs = 3", ":7:9: cannot read: a key set a second time (TOML takes each key "
     "once): keep one of the two"),
    ('select = ["untranslated", "code-changed"]\nignore = ["code-changed"]',
     ":7: [tool.pipeline] ignore names code-changed, which select names too: give each to one "
     "of the two"),
])
def test_a_bad_setting_is_named_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: str, said: str) -> None:
    """`pyproject.toml: [tool.pipeline] jobs must be …` named no line: in a long pyproject.toml
    the key was to be found by hand."""
    settings = tmp_path / "pyproject.toml"
    settings.write_text(f'[project]\nname = "x"\njobs = 1\n\n[tool.pipeline]\n{lines}\n',
                        encoding="utf-8")
    assert main(["check", "--config", str(settings)]) == 2
    assert capsys.readouterr().err.startswith(f"pipeline: error: {settings}{said}")

