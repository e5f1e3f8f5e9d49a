"""Bad inputs, end to end: each case in tests/data/bad/ gets its one clear error, naming the file
and the line; no traceback; nothing written for it; a broken catalog never touched; every other
article still processed. Run twice: with libyaml and with the pure-Python YAML parser."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import pipeline.article
import pipeline.article.frontmatter
from pipeline.article import read_article
from pipeline.catalog import parse_po_bytes
from pipeline.cli import main
from pipeline.findings import InputError

REPO = Path(__file__).resolve().parents[1]
BAD = Path(__file__).resolve().parent / "data" / "bad"
LIMIT = 8 * 1024 * 1024  # the default max-file-size
OLD = 1_000_000_000_000_000_000  # an mtime in 2001: any rewrite shows


@dataclass(frozen=True)
class Case:
    file: str  # under tests/data/bad/
    check: str
    line: int
    message: str
    generated: bool

    @property
    def name(self) -> str:
        return Path(self.file).stem

    @property
    def is_catalog(self) -> bool:
        return self.file.startswith("catalogs/")

    def __str__(self) -> str:
        return self.file


def load_cases() -> list[Case]:
    out = []
    for raw in (BAD / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        file, check, line, message, *flags = raw.split("\t")
        out.append(Case(file, check, int(line), message, "generated" in flags))
    return out


CASES = load_cases()
ARTICLES = [c for c in CASES if not c.is_catalog]
CATALOGS = [c for c in CASES if c.is_catalog]


def test_every_file_in_the_corpus_has_an_expectation() -> None:
    on_disk = {str(p.relative_to(BAD)) for p in BAD.rglob("*") if p.is_file()
               and p.suffix in (".md", ".po") and p.name != "article.md"}
    listed = {c.file for c in CASES if not c.generated}
    assert on_disk == listed


@dataclass
class Tree:
    root: Path
    content: Path
    locales: Path
    out: Path

    def article(self, case: Case) -> Path:
        folder = "po" if case.is_catalog else "bad"
        return self.content / "fr-FR" / folder / f"{case.name}.md"

    def catalog(self, case: Case) -> Path:
        folder = "po" if case.is_catalog else "bad"
        return self.locales / "fr-FR" / folder / f"{case.name}.po"

    def output(self, case: Case) -> Path:
        folder = "po" if case.is_catalog else "bad"
        return self.out / "fr-FR" / folder / f"{case.name}.md"

    def args(self, command: str, jobs: int, *more: str) -> list[str]:
        a = [command, "--content", str(self.content), "--locales", str(self.locales),
             "-j", str(jobs), *more]
        if command in ("render", "locales"):
            a += ["--out", str(self.out)]
        return a


def build_tree(root: Path) -> Tree:
    tree = Tree(root, root / "content", root / "locales", root / "build")
    shutil.copytree(REPO / "content", tree.content)
    for case in CASES:
        target = tree.article(case)
        target.parent.mkdir(parents=True, exist_ok=True)
        if case.is_catalog:
            shutil.copyfile(BAD / "catalogs" / "article.md", target)
            tree.catalog(case).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(BAD / case.file, tree.catalog(case))
            os.utime(tree.catalog(case), ns=(OLD, OLD))
        elif case.generated:
            assert case.name == "too-large"
            target.write_bytes(b"---\ntitle: T\n---\n" + b"x" * (LIMIT + 1 - 17))
        else:
            shutil.copyfile(BAD / case.file, target)
    shutil.copyfile(BAD / "catalogs" / "article.md", tree.content / "fr-FR" / "po" / "good.md")
    return tree


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def findings(self) -> list[dict[str, Any]]:
        return list(json.loads(self.out))


def run_cli(argv: list[str]) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return Result(code, out.getvalue(), err.getvalue())


def state(path: Path) -> tuple[bytes, int] | None:
    try:
        return path.read_bytes(), path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


@dataclass
class Runs:
    tree: Tree
    before: dict[str, tuple[bytes, int] | None]
    results: dict[str, Result]
    after: dict[str, dict[str, tuple[bytes, int] | None]]


COMMANDS = (
    ("extract", ()),
    ("check", ("--format", "json")),
    ("render", ()),
    ("locales", ("--format", "json")),
)


@pytest.fixture(scope="module", params=["libyaml", "pure-python"])
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """The four commands in turn over one tree holding every bad case and the good articles."""
    tree = build_tree(tmp_path_factory.mktemp(f"bad-{request.param}"))
    before = {c.file: state(tree.catalog(c)) for c in CASES}
    results: dict[str, Result] = {}
    after: dict[str, dict[str, tuple[bytes, int] | None]] = {}
    with pytest.MonkeyPatch.context() as mp:
        jobs = 2
        if request.param == "pure-python":
            mp.setattr(pipeline.article.frontmatter, "_Loader", yaml.SafeLoader)
            jobs = 1  # the patch lives in this process
        for command, more in COMMANDS:
            results[command] = run_cli(tree.args(command, jobs, *more))
            after[command] = {c.file: state(tree.catalog(c)) for c in CASES}
    return Runs(tree, before, results, after)


def errors_for(findings: list[dict[str, Any]], path: Path) -> list[dict[str, Any]]:
    return [f for f in findings
            if f["severity"] == "error" and Path(os.path.abspath(f["file"])) == path]


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("command", ["check", "locales"])
def test_each_bad_input_gives_its_error_at_its_line(runs: Runs, case: Case, command: str) -> None:
    tree = runs.tree
    where = tree.catalog(case) if case.is_catalog else tree.article(case)
    found = errors_for(runs.results[command].findings, where)
    assert [(f["check"], f["line"]) for f in found] == [(case.check, case.line)], found
    assert case.message in found[0]["message"]
    assert found[0]["hint"], "every input error says what to do"


@pytest.mark.parametrize("command", [c for c, _ in COMMANDS])
def test_every_command_exits_1_without_a_traceback(runs: Runs, command: str) -> None:
    result = runs.results[command]
    assert result.code == 1
    assert "Traceback" not in result.err + result.out


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_text_diagnostic_names_the_file_and_line(runs: Runs, case: Case) -> None:
    tree = runs.tree
    where = os.path.relpath(tree.catalog(case) if case.is_catalog else tree.article(case))
    at = f"{where}:{case.line}:" if case.line else f"{where}:"
    lines = [ln for ln in runs.results["extract"].err.splitlines()
             if ln.startswith(at) and f" error[{case.check}]: " in ln]
    assert len(lines) == 1, runs.results["extract"].err
    assert case.message in lines[0]


@pytest.mark.parametrize("case", ARTICLES, ids=str)
def test_a_bad_article_gets_no_catalog_and_no_output(runs: Runs, case: Case) -> None:
    assert not runs.tree.catalog(case).exists()
    assert not runs.tree.output(case).exists()
    findings = runs.results["locales"].findings
    assert len(errors_for(findings, runs.tree.article(case))) == 1  # nothing else about it


@pytest.mark.parametrize("case", CATALOGS, ids=str)
def test_a_broken_catalog_is_never_touched_and_nothing_is_published(
    runs: Runs, case: Case
) -> None:
    original = (BAD / case.file).read_bytes()
    assert runs.before[case.file] == (original, OLD)
    for command, _ in COMMANDS:
        assert runs.after[command][case.file] == (original, OLD), command
    assert not runs.tree.output(case).exists()
    assert [p.name for p in runs.tree.catalog(case).parent.iterdir()
            if p.name.startswith(f".{case.name}.po.")] == []


def test_the_good_articles_still_get_catalogs_and_outputs(runs: Runs) -> None:
    tree = runs.tree
    for md in sorted((REPO / "content").rglob("*.md")):
        rel = md.relative_to(REPO / "content")
        if rel.parts[0] == "en-US":  # plain English: a catalog and a page per target locale
            within = Path(*rel.parts[1:])  # (the translations are in the repo's catalogs only)
            made = sorted(p for p in tree.locales.glob(f"*/{within.with_suffix('.po')}"))
            assert made
            for po in made:
                assert [m.msgid for m in parse_po_bytes(po.read_bytes(), str(po)).messages]
                assert (tree.out / po.parent.relative_to(tree.locales) / within.name).is_file()
            continue
        po = tree.locales / rel.with_suffix(".po")
        assert po.read_bytes() == (REPO / "locales" / rel.with_suffix(".po")).read_bytes()
        assert (tree.out / rel).is_file()
    good = tree.locales / "fr-FR" / "po" / "good.po"
    assert parse_po_bytes(good.read_bytes(), str(good)).messages
    assert (tree.out / "fr-FR" / "po" / "good.md").is_file()


# ---------------------------------------------------------------- YAML: bounded, never executed


def hostile_front_matter() -> Iterator[tuple[str, bytes]]:
    for case in ARTICLES:
        if case.check == "front-matter":
            yield case.name, (BAD / case.file).read_bytes()
    size = pipeline.article.MAX_FRONT_MATTER - 64
    doc = {
        "flow-items": "a: [" + "b," * (size // 2) + "]\n",
        "flow-map": "a: {" + ", ".join(f"k{i}: v" for i in range(size // 9)) + "}\n",
        "keys": "".join(f"k{i}: v\n" for i in range(size // 9)),
        "nested-flow": "a: " + "[" * 30 + "b, " * (size // 3 - 30) + "]" * 30 + "\n",
        "aliases": "a: &a [" + "x," * 60 + "]\n" + "".join(f"k{i}: *a\n" for i in range(3000)),
        "anchors": "".join(f"k{i}: &a{i} v\n" for i in range(size // 14)),
        "comments": "# c\n" * (size // 4),
        "doc-ends": "a: 1\n" + "...\n" * (size // 4 - 2),
    }
    for name, text in doc.items():
        yield name, ("---\n" + text[:size] + "\n---\nbody\n").encode()


@pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "pure"])
def test_hostile_front_matter_is_settled_within_a_second(
    loader: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline.article.frontmatter, "_Loader", loader)
    for name, data in hostile_front_matter():
        started = time.perf_counter()
        with contextlib.suppress(InputError):
            read_article(data, "fr-FR/hostile.md")
        elapsed = time.perf_counter() - started
        assert elapsed < 1.0, f"{name}: {elapsed:.2f}s"


def test_the_alias_bomb_is_refused_not_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (BAD / "articles/fr-FR/alias-bomb.md").read_bytes()
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        monkeypatch.setattr(pipeline.article.frontmatter, "_Loader", loader)
        started = time.perf_counter()
        with pytest.raises(InputError) as info:
            read_article(data, "fr-FR/bomb.md")
        assert time.perf_counter() - started < 0.1
        assert "alias bomb" in info.value.finding.message


@pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "pure"])
def test_no_yaml_value_is_ever_constructed(
    loader: type, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Front matter is read from parser events only: a constructor is never reached, so a tag
    cannot build an object, whatever it names."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a YAML constructor ran")

    monkeypatch.setattr(pipeline.article.frontmatter, "_Loader", loader)
    for name in ("construct_document", "construct_object", "construct_yaml_object"):
        for cls in (yaml.constructor.BaseConstructor, yaml.constructor.SafeConstructor,
                    yaml.constructor.FullConstructor, yaml.constructor.UnsafeConstructor):
            if name in vars(cls):
                monkeypatch.setattr(cls, name, refuse)
    marker = tmp_path / "pwned"
    hostile = (
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n",
        f"---\n? !!python/object/apply:os.system ['touch {marker}']\n: x\n---\n",
        f"---\n!!python/object/apply:os.system ['touch {marker}']\n---\n",
    )
    for text in hostile:
        with contextlib.suppress(InputError):
            read_article(text.encode(), "fr-FR/x.md")
    assert not marker.exists()
    for md in sorted((REPO / "content").rglob("*.md")):
        assert read_article(md.read_bytes(), str(md.relative_to(REPO / "content"))).meta


@pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "pure"])
def test_meta_lines_stay_article_lines_after_unicode_line_breaks(
    loader: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline.article.frontmatter, "_Loader", loader)
    text = "---\ntitle: 'Titre\u2028suite'\nms.date: 04/15/2021\n---\n"
    assert read_article(text.encode(), "fr-FR/x.md").meta_lines["ms.date"] == 3


# ---------------------------------------------------------------- catalogs: charsets, handoffs


def tree_with_catalog(tmp_path: Path, po: bytes) -> Tree:
    tree = Tree(tmp_path, tmp_path / "content", tmp_path / "locales", tmp_path / "build")
    (tree.content / "fr-FR").mkdir(parents=True)
    (tree.locales / "fr-FR").mkdir(parents=True)
    shutil.copyfile(BAD / "catalogs" / "article.md", tree.content / "fr-FR" / "tool.md")
    (tree.locales / "fr-FR" / "tool.po").write_bytes(po)
    return tree


def good_catalog(tmp_path: Path) -> str:
    tree = tree_with_catalog(tmp_path / "seed", b"")
    (tree.locales / "fr-FR" / "tool.po").unlink()
    assert run_cli(tree.args("extract", 1)).code == 0
    return (tree.locales / "fr-FR" / "tool.po").read_text(encoding="utf-8")


def test_a_catalog_in_its_declared_latin1_is_read_and_kept(tmp_path: Path) -> None:
    text = good_catalog(tmp_path).replace("charset=UTF-8", "charset=ISO-8859-1")
    text = text.replace("’", "'").replace('"Ouvrez un terminal."', '"Ouvrez là un terminal."')
    tree = tree_with_catalog(tmp_path / "t", text.encode("latin-1"))
    assert run_cli(tree.args("check", 1)).code == 0
    assert run_cli(tree.args("locales", 1)).code == 0
    po = (tree.locales / "fr-FR" / "tool.po").read_text(encoding="latin-1")  # kept as it was
    assert 'msgstr "Ouvrez là un terminal."' in po
    assert "charset=ISO-8859-1" in po
    assert "Ouvrez là un terminal." in (tree.out / "fr-FR" / "tool.md").read_text(encoding="utf-8")


def test_entries_of_an_earlier_handoff_become_obsolete_not_foreign(tmp_path: Path) -> None:
    """A new handoff: the old English and its old ids are in the catalog; not an error."""
    text = good_catalog(tmp_path)
    old = text.replace("#. a1b2c-103\n", "#. 9f9f9-107\n").replace(
        'msgid "Run the install command."', 'msgid "Run the setup program."')
    tree = tree_with_catalog(tmp_path / "t", old.encode())
    result = run_cli(tree.args("extract", 1))
    assert result.code == 0, result.err
    po = (tree.locales / "fr-FR" / "tool.po").read_text(encoding="utf-8")
    assert '#~ msgid "Run the setup program."' in po
    assert 'msgid "Run the install command."' in po


@pytest.mark.skipif(shutil.which("msgattrib") is None, reason="needs GNU gettext's msgattrib")
def test_an_earlier_handoffs_obsolete_entry_a_tool_made_active_again_is_obsolete_not_foreign(
        tmp_path: Path) -> None:
    """h174: ``msgattrib --clear-obsolete`` (or a hand that takes the ``#~`` off) makes the
    obsolete entry of English the article no longer has active again. Extract had dropped
    its segment ids and references, and kept its handoff record: the record is the mark of
    extraction too. Before, it was ``po-foreign-entry``, "added by hand", and the whole
    catalog was refused, nothing of it merged or published, until someone fixed it."""
    text = good_catalog(tmp_path)
    old = text.replace("#. a1b2c-103\n", "#. 9f9f9-107\n").replace(
        'msgid "Run the install command."', 'msgid "Run the setup program."')
    tree = tree_with_catalog(tmp_path / "t", old.encode())
    assert run_cli(tree.args("extract", 1)).code == 0
    po = tree.locales / "fr-FR" / "tool.po"
    assert '#~ msgid "Run the setup program."' in po.read_text(encoding="utf-8")
    subprocess.run(["msgattrib", "--clear-obsolete", "--no-wrap", "-o", str(po), str(po)],
                   check=True)
    assert '\nmsgid "Run the setup program."' in po.read_text(encoding="utf-8")
    result = run_cli(tree.args("locales", 1))
    assert "po-foreign-entry" not in result.err
    assert '#~ msgid "Run the setup program."' in po.read_text(encoding="utf-8")
    assert (tree.out / "fr-FR" / "tool.md").exists()


def stripped(tmp_path: Path, *marks: str) -> str:
    """The good catalog as a vendor's tool leaves it: every line starting with ``marks`` gone."""
    return "".join(line for line in good_catalog(tmp_path).splitlines(keepends=True)
                   if not line.startswith(marks))


@pytest.mark.parametrize("marks", [("#.",), ("#.", "#:")], ids=["ids", "ids-and-references"])
def test_an_earlier_handoffs_entry_whose_marks_a_tool_dropped_becomes_obsolete_not_foreign(
        tmp_path: Path, marks: tuple[str, ...]) -> None:
    """A vendor's tool dropped every #. comment (msgmerge against a bare template drops the
    #: lines too); then a handoff changed an English sentence. The old entry keeps its #:
    reference, the mark of extraction; with that gone too, the catalog is still the
    article's (its other entries have the article's English): either way the old entry is
    the earlier handoff's, not a hand's, and the translator's edits are published."""
    text = stripped(tmp_path, *marks)
    assert all(mark not in text for mark in marks)
    old = text.replace('msgid "Run the install command."', 'msgid "Run the setup program."')
    tree = tree_with_catalog(tmp_path / "t", old.encode())
    result = run_cli(tree.args("locales", 1))
    assert "po-foreign-entry" not in result.err
    po = (tree.locales / "fr-FR" / "tool.po").read_text(encoding="utf-8")
    assert '#~ msgid "Run the setup program."' in po
    assert (tree.out / "fr-FR" / "tool.md").exists()


def test_a_catalog_with_no_marks_and_none_of_the_articles_english_is_foreign(
        tmp_path: Path) -> None:
    """The same stripped catalog, but not one entry has the article's English: it is not this
    article's catalog, and stays as it is."""
    text = stripped(tmp_path, "#.", "#:")
    body = text.split("\n\n", 1)[0] + '\n\nmsgid "Reboot."\nmsgstr "Redémarrez."\n'
    tree = tree_with_catalog(tmp_path / "t", body.encode())
    po = tree.locales / "fr-FR" / "tool.po"
    before = po.read_bytes()
    result = run_cli(tree.args("locales", 1))
    assert result.code == 1 and "error[po-foreign-entry]: entry 'Reboot.'" in result.err
    assert po.read_bytes() == before


def test_another_articles_stripped_catalog_sharing_one_sentence_is_foreign(
        tmp_path: Path) -> None:
    """Another article's catalog copied in place, stripped of its marks: it shares one
    sentence with this article ("Next steps"), which does not make it this article's."""
    text = stripped(tmp_path, "#.", "#:")
    header, *entries = text.rstrip("\n").split("\n\n")
    assert len(entries) >= 3
    other = [entries[0], *(f'msgid "Other sentence {n}."\nmsgstr "Autre phrase {n}."'
                           for n in range(len(entries)))]
    tree = tree_with_catalog(tmp_path / "t", ("\n\n".join([header, *other]) + "\n").encode())
    po = tree.locales / "fr-FR" / "tool.po"
    before = po.read_bytes()
    result = run_cli(tree.args("locales", 1))
    assert result.code == 1 and "error[po-foreign-entry]: entry 'Other sentence 0.'" in result.err
    assert po.read_bytes() == before
    assert not (tree.out / "fr-FR" / "tool.md").exists()


def test_a_vendor_entry_whose_english_is_in_the_article_is_welcome(tmp_path: Path) -> None:
    text = good_catalog(tmp_path).replace("#. a1b2c-102\n", "")  # a tool dropped the #. line
    tree = tree_with_catalog(tmp_path / "t", text.encode())
    result = run_cli(tree.args("extract", 1))
    assert result.code == 0, result.err


def test_a_foreign_entry_beside_good_ones_blocks_the_whole_catalog(tmp_path: Path) -> None:
    text = good_catalog(tmp_path) + '\nmsgid "Reboot."\nmsgstr "Redémarrez."\n'
    tree = tree_with_catalog(tmp_path / "t", text.encode())
    po = tree.locales / "fr-FR" / "tool.po"
    before = po.read_bytes()
    result = run_cli(tree.args("locales", 1))
    assert result.code == 1
    assert "error[po-foreign-entry]: entry 'Reboot.'" in result.err
    assert po.read_bytes() == before
    assert not (tree.out / "fr-FR" / "tool.md").exists()


def test_another_locales_catalog_filed_in_this_locales_folder_is_refused_not_published(
        tmp_path: Path) -> None:
    """h185: a vendor's return unpacked into the wrong locale folder (the German catalog of an
    article at locales/fr-FR: the same English, so every entry fits). Before, its German was
    published as the French page with no finding, and the run set Language back to fr_FR, so
    nothing told afterwards."""
    text = good_catalog(tmp_path).replace('"Language: fr_FR\\n"', '"Language: de_DE\\n"')
    assert "de_DE" in text
    tree = tree_with_catalog(tmp_path / "t", text.encode())
    po = tree.locales / "fr-FR" / "tool.po"
    before = po.read_bytes()
    result = run_cli(tree.args("locales", 1))
    line = text[:text.index("Language:")].count("\n") + 1
    assert result.code == 1
    assert f"tool.po:{line}:1: error[po-locale]: the catalog's Language header says 'de_DE', " \
        "but it is in the 'fr-FR' folder" in result.err
    assert po.read_bytes() == before
    assert not (tree.out / "fr-FR" / "tool.md").exists()


@pytest.mark.parametrize("language", ["fr", "fr-ca", "FR_fr", "", "LANGUAGE", "French"])
def test_a_language_header_of_the_folders_language_or_none_is_no_other_locale(
        tmp_path: Path, language: str) -> None:
    """Poedit writes 'fr', msginit leaves it empty or a placeholder: the same language, or
    nothing said; the catalog is merged and published as usual."""
    text = good_catalog(tmp_path).replace('"Language: fr_FR\\n"', f'"Language: {language}\\n"')
    tree = tree_with_catalog(tmp_path / "t", text.encode())
    result = run_cli(tree.args("locales", 1))
    assert result.code == 0 and "po-locale" not in result.err
    assert (tree.out / "fr-FR" / "tool.md").exists()


# ---------------------------------------------------------------- a bug is a finding, too


def test_an_internal_error_is_one_finding_and_the_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.merge import merge as real_merge

    def buggy(article: Any, *args: Any, **kwargs: Any) -> Any:
        if article.rel == "fr-FR/reference/configuration.md":
            raise RuntimeError("simulated bug")
        return real_merge(article, *args, **kwargs)

    monkeypatch.setattr("pipeline.job.merge", buggy)
    tree = Tree(tmp_path, tmp_path / "content", tmp_path / "locales", tmp_path / "build")
    shutil.copytree(REPO / "content", tree.content)
    result = run_cli(tree.args("locales", 1))
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "error[internal-error]: internal error, article skipped: RuntimeError: simulated bug" \
        in result.err
    assert not (tree.locales / "fr-FR/reference/configuration.po").exists()
    assert (tree.locales / "fr-FR/get-started/install-cli.po").is_file()
    assert (tree.out / "fr-FR/get-started/install-cli.md").is_file()


# ---------------------------------------------------------------- any input at all

FUZZ = REPO / "fuzz"
sys.path.insert(0, str(FUZZ))
fuzz_article = importlib.import_module("fuzz_article")
fuzz_catalog = importlib.import_module("fuzz_catalog")
PROPERTY = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROPERTY
@given(fuzz_article.INPUTS)
def test_any_bytes_give_an_article_or_an_input_error(data: bytes) -> None:
    """The article scanner: for any input only InputError escapes, and an article it returns
    is consistent with its text (see fuzz/fuzz_article.py)."""
    fuzz_article.target(data)


@PROPERTY
@given(fuzz_catalog.INPUTS)
def test_any_bytes_give_a_catalog_or_an_input_error(data: bytes) -> None:
    """The catalog reader: for any input only InputError escapes, and a catalog it returns
    survives the writer unchanged (see fuzz/fuzz_catalog.py)."""
    fuzz_catalog.target(data)


@pytest.mark.parametrize("data", [b"\x1c", b"#~\x1c", b'msgid "a"\nmsgstr "b"\n\x85'])
def test_inputs_the_fuzzer_found(data: bytes) -> None:
    fuzz_catalog.target(data)
    fuzz_article.target(data)


@pytest.mark.parametrize("name", ["article", "catalog"])
def test_the_fuzz_targets_run_for_a_bounded_time(name: str) -> None:
    done = subprocess.run([sys.executable, str(FUZZ / f"fuzz_{name}.py"), "--seconds", "1",
                           "--engine", "hypothesis"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "no failure" in done.stderr
