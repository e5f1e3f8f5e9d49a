"""The run cache: what it reads back, and that anything it cannot trust only costs time."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import cache as cache_module
from pipeline.cache import CACHE_NAME, Cache, Entry, FileState
from pipeline.checks.base import Options
from pipeline.checks.structure import id_mismatch
from pipeline.findings import Finding, Severity
from pipeline.layout import Layout
from pipeline.outcome import Settings
from pipeline.render import Form
from pipeline.runner import fingerprint

REPO = Path(__file__).resolve().parents[1]
FINGERPRINT = "v1\x00content\x00locales\x00out"


def _files(root: Path, name: str) -> tuple[str, str, str]:
    paths = []
    parts = (("content", b"# article\n"), ("locales", b'msgid ""\n'), ("out", b"# out\n"))
    for part, data in parts:
        path = root / part / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        # older than the racy margin, as files a run read a while ago are
        old = time.time_ns() - 10_000_000_000
        os.utime(path, ns=(old, old))
        paths.append(str(path))
    return paths[0], paths[1], paths[2]


def _entry(paths: tuple[str, str, str]) -> Entry:
    article, catalog, output = (FileState.of(p, Path(p).read_bytes()) for p in paths)
    assert article is not None
    finding = Finding("span-id-mismatch", Severity.ERROR, "ids differ", "fr-FR/a.md", 3, 7,
                      "seg", "fix the id")
    return Entry(article, catalog, output, (finding,), 12, ("abc", "f00", "2024-01-02"))


def _saved(tmp_path: Path, names: list[str]) -> tuple[Path, dict[str, tuple[str, str, str]]]:
    path = tmp_path / "out" / CACHE_NAME
    cache = Cache.load(path, FINGERPRINT)
    files = {}
    for name in names:
        files[name] = _files(tmp_path, name)
        cache.put(name, _entry(files[name]))
    cache.save(set(names))
    return path, files


def test_an_unchanged_article_is_replayed_with_its_findings_segments_and_edition(
    tmp_path: Path,
) -> None:
    path, files = _saved(tmp_path, ["fr-FR/a.md"])
    replay = Cache.load(path, FINGERPRINT).fresh("fr-FR/a.md", *files["fr-FR/a.md"])
    assert replay is not None
    assert replay.segments == 12
    assert replay.edition == ("abc", "f00", "2024-01-02")
    assert replay.findings == (Finding("span-id-mismatch", Severity.ERROR, "ids differ",
                                       "fr-FR/a.md", 3, 7, "seg", "fix the id"),)


def test_an_edited_or_deleted_file_makes_the_article_stale(tmp_path: Path) -> None:
    path, files = _saved(tmp_path, ["fr-FR/a.md", "fr-FR/b.md", "fr-FR/c.md"])
    Path(files["fr-FR/a.md"][1]).write_bytes(b'msgid ""\nmsgstr ""\n')  # a catalog edit
    Path(files["fr-FR/b.md"][2]).unlink()  # an output deleted
    cache = Cache.load(path, FINGERPRINT)
    assert cache.fresh("fr-FR/a.md", *files["fr-FR/a.md"]) is None
    assert cache.fresh("fr-FR/b.md", *files["fr-FR/b.md"]) is None
    assert cache.fresh("fr-FR/c.md", *files["fr-FR/c.md"]) is not None


def test_a_tree_larger_than_one_chunk_reads_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "_CHUNK", 2)
    names = [f"fr-FR/{i}.md" for i in range(5)]
    path, files = _saved(tmp_path, names)
    cache = Cache.load(path, FINGERPRINT)
    assert all(cache.fresh(name, *files[name]) is not None for name in names)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "trailing", "empty"])
def test_a_damaged_cache_file_is_ignored_not_an_error(tmp_path: Path, damage: str) -> None:
    path, files = _saved(tmp_path, ["fr-FR/a.md", "fr-FR/b.md"])
    data = path.read_bytes()
    path.write_bytes({
        "truncated": data[: len(data) - 5],
        "garbage": os.urandom(len(data)),
        "trailing": data + data[:40],
        "empty": b"",
    }[damage])
    cache = Cache.load(path, FINGERPRINT)
    assert cache.fresh("fr-FR/a.md", *files["fr-FR/a.md"]) is None
    assert cache.raw == {}


def test_a_malformed_entry_costs_only_its_own_article(tmp_path: Path) -> None:
    path, files = _saved(tmp_path, ["fr-FR/a.md", "fr-FR/b.md"])
    cache = Cache.load(path, FINGERPRINT)
    cache.raw["fr-FR/a.md"] = marshal.dumps(["not", "an", "entry"])
    assert cache.fresh("fr-FR/a.md", *files["fr-FR/a.md"]) is None
    assert cache.fresh("fr-FR/b.md", *files["fr-FR/b.md"]) is not None


def test_a_cache_from_other_settings_or_another_python_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, files = _saved(tmp_path, ["fr-FR/a.md"])
    assert Cache.load(path, FINGERPRINT + "x").fresh("fr-FR/a.md", *files["fr-FR/a.md"]) is None
    monkeypatch.setattr(cache_module, "_PYTHON", "3.99/9")
    assert Cache.load(path, FINGERPRINT).fresh("fr-FR/a.md", *files["fr-FR/a.md"]) is None


def test_saving_removes_an_earlier_versions_cache_file(tmp_path: Path) -> None:
    old = tmp_path / "out" / ".pipeline-cache.json"
    old.parent.mkdir(parents=True)
    old.write_text('{"format": 5}')
    path, _ = _saved(tmp_path, ["fr-FR/a.md"])
    assert path.exists() and not old.exists()


def test_a_rerun_that_changed_nothing_does_not_rewrite_the_cache(tmp_path: Path) -> None:
    path, files = _saved(tmp_path, ["fr-FR/a.md"])
    before = path.stat().st_mtime_ns, path.stat().st_ino
    cache = Cache.load(path, FINGERPRINT)
    assert cache.fresh("fr-FR/a.md", *files["fr-FR/a.md"]) is not None
    cache.save({"fr-FR/a.md"})
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before


def test_an_article_gone_from_the_tree_is_dropped_from_the_cache(tmp_path: Path) -> None:
    path, _ = _saved(tmp_path, ["fr-FR/a.md", "fr-FR/b.md"])
    cache = Cache.load(path, FINGERPRINT)
    cache.save({"fr-FR/a.md"})
    assert set(Cache.load(path, FINGERPRINT).raw) == {"fr-FR/a.md"}


def test_a_touched_but_unchanged_file_is_known_by_its_hash_and_then_by_its_status(
    tmp_path: Path,
) -> None:
    """As after a checkout: new mtimes, same bytes. The article is still fresh, and the entry
    is saved with the new status."""
    path, files = _saved(tmp_path, ["fr-FR/a.md"])
    article = Path(files["fr-FR/a.md"][0])
    later = time.time_ns() - 5_000_000_000
    os.utime(article, ns=(later, later))
    cache = Cache.load(path, FINGERPRINT)
    assert cache.fresh("fr-FR/a.md", *files["fr-FR/a.md"]) is not None
    assert cache.dirty
    cache.save({"fr-FR/a.md"})
    saved = marshal.loads(Cache.load(path, FINGERPRINT).raw["fr-FR/a.md"])
    assert saved[0][1] == later  # the article's mtime as it is now


def _run_copy(package_root: Path, tmp_path: Path) -> list[dict[str, object]]:
    """`pipeline locales --format json` run by the package copied under ``package_root``."""
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "locales", "--content", "content", "--locales",
         "locales", "--out", "build", "-j", "1", "-q", "--format", "json"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(package_root)},
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1, done.stderr
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


ID_MISMATCH = id_mismatch.check


def test_a_cache_written_by_other_code_is_not_replayed(tmp_path: Path) -> None:
    """A commit that changes what a check says (or finds) is seen by the next run, though the
    files and ``__version__`` are the same: the cache is keyed on the package's source."""
    package = tmp_path / "pkg"
    shutil.copytree(REPO / "pipeline", package / "pipeline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    md = tmp_path / "content/fr-FR/a.md"
    md.parent.mkdir(parents=True)
    text = (REPO / "content/fr-FR/get-started/install-cli.md").read_text(encoding="utf-8")
    md.write_text(text.replace('data-stu-id="4c1e7-103"', 'data-stu-id="4c1e7-903"'),
                  encoding="utf-8")
    hints = {f["hint"] for f in _run_copy(package, tmp_path) if f["check"] == ID_MISMATCH.id}
    assert hints == {ID_MISMATCH.hint}

    rules = package / "pipeline/checks/structure.py"
    source = rules.read_text(encoding="utf-8")
    assert source.count(f'"{ID_MISMATCH.hint}"') == 1
    rules.write_text(source.replace(f'"{ID_MISMATCH.hint}"', '"the new commit\'s hint"'),
                     encoding="utf-8")
    hints = {f["hint"] for f in _run_copy(package, tmp_path) if f["check"] == ID_MISMATCH.id}
    assert hints == {"the new commit's hint"}
    assert (tmp_path / "build" / CACHE_NAME).is_file()


def test_every_setting_is_in_the_fingerprint_and_equal_settings_agree(tmp_path: Path) -> None:
    base = Settings(Layout(tmp_path / "c", tmp_path / "l", tmp_path / "o"),
                    Options(select=frozenset({"a", "b", "c"})), form=Form.LOCALIZED)
    changed = [
        replace(base, extract=True), replace(base, check=True), replace(base, form=Form.SOURCE),
        replace(base, max_file_size=1), replace(base, publish_machine_translation=False),
        replace(base, options=Options(select=frozenset({"a"}))),
        replace(base, options=replace(base.options, ignore=frozenset({"a"}))),
        replace(base, options=replace(base.options, severities={"a": Severity.INFO})),
        replace(base, options=replace(base.options, link_rewrites=())),
        replace(base, layout=Layout(tmp_path / "c", tmp_path / "l", tmp_path / "o2")),
    ]
    prints = [fingerprint(s) for s in (base, *changed)]
    assert len(set(prints)) == len(prints)
    same = replace(base, options=Options(select=frozenset(["c", "b", "a"])))
    assert fingerprint(same) == fingerprint(base)
def test_an_entry_a_worker_packed_is_saved_and_replayed_as_the_entry_itself(
    tmp_path: Path,
) -> None:
    files = _files(tmp_path, "fr-FR/a.md")
    entry = _entry(files)
    saved = []
    for name, given in (("entry", entry), ("packed", entry.packed())):
        path = tmp_path / name / CACHE_NAME
        path.parent.mkdir()
        cache = Cache.load(path, FINGERPRINT)
        cache.put("fr-FR/a.md", given)
        saved.append(cache.records["fr-FR/a.md"])
        cache.save({"fr-FR/a.md"})
        replay = Cache.load(path, FINGERPRINT).fresh("fr-FR/a.md", *files)
        assert replay is not None and replay.findings == entry.findings
        assert (replay.segments, replay.edition) == (entry.segments, entry.edition)
    assert saved[0] == saved[1]  # the parent keeps what the worker sent, as it would pack it


def test_a_replayed_finding_keeps_its_subject_and_suppression(tmp_path: Path) -> None:
    """A rerun's findings must match a baseline as the first run's did: what a finding is
    about, and whether a catalog flag silenced it, survive the cache."""
    path = tmp_path / "out" / CACHE_NAME
    files = _files(tmp_path, "fr-FR/a.md")
    article, catalog, output = (FileState.of(p, Path(p).read_bytes()) for p in files)
    assert article is not None
    finding = Finding("number-changed", Severity.WARNING, "3 became 4", "fr-FR/a.md", 3, 7,
                      "seg", "hint", subject="0123456789abcdef", suppressed=True)
    cache = Cache.load(path, FINGERPRINT)
    cache.put("fr-FR/a.md", Entry(article, catalog, output, (finding,), 1, None))
    cache.save({"fr-FR/a.md"})
    replay = Cache.load(path, FINGERPRINT).fresh("fr-FR/a.md", *files)
    assert replay is not None and replay.findings == (finding,)


@pytest.mark.parametrize(("recorded", "now", "replayed"), [
    (True, "same", True),  # the handoff as the last run read it
    (False, "absent", True),  # no handoff then, none now
    (True, "edited", False),
    (True, "absent", False),  # the handoff was removed
    (False, "present", False),  # a handoff came after the English
])
def test_an_english_driven_article_is_keyed_on_its_handoff_there_or_not(
    tmp_path: Path, recorded: bool, now: str, replayed: bool,
) -> None:
    files = _files(tmp_path, "fr-FR/a.md")
    handoff = tmp_path / "content" / "fr-FR" / "handoff.md"
    handoff.write_bytes(b"# handoff\n")
    old = time.time_ns() - 10_000_000_000
    os.utime(handoff, ns=(old, old))
    state = FileState.of(handoff, handoff.read_bytes()) if recorded else None
    if not recorded:
        handoff.unlink()
    path = tmp_path / "out" / CACHE_NAME
    cache = Cache.load(path, FINGERPRINT)
    cache.put("fr-FR/a.md", _entry(files)._replace(handoff=state))
    cache.save({"fr-FR/a.md"})
    if now == "edited":
        handoff.write_bytes(b"# other\n")
    elif now == "absent" and recorded:
        handoff.unlink()
    elif now == "present":
        handoff.write_bytes(b"# handoff\n")
    fresh = Cache.load(path, FINGERPRINT).fresh("fr-FR/a.md", *files, str(handoff))
    assert (fresh is not None) is replayed


def test_a_catalog_a_translator_saves_while_the_run_works_on_it_is_redone_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache took a file's status when the article was done, beside the digest of the
    bytes read before: a catalog saved in between was recorded by its new status and its old
    content, and every later run replayed the old findings and left the edit unpublished."""
    from pipeline import job
    from pipeline.cli import main

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    monkeypatch.chdir(tmp_path)
    po = tmp_path / "locales/fr-FR/get-started/install-cli.po"
    page = tmp_path / "build/fr-FR/get-started/install-cli.md"
    finish = job.finish

    def saved_meanwhile(prep: job.Prepared, *args: object) -> object:
        if prep.rel == "fr-FR/get-started/install-cli.md":  # read, not yet recorded
            po.write_bytes(po.read_bytes().replace(b'msgstr "Pr\xc3\xa9requis"',
                                                   b'msgstr "Pr\xc3\xa9alables"'))
            time.sleep(0.2)  # the run goes on: the save is no longer within a racy tick
        return finish(prep, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(job, "finish", saved_meanwhile)
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)
    monkeypatch.setattr(job, "finish", finish)
    assert b"Pr\xc3\xa9alables" in po.read_bytes()
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)
    assert "Préalables" in page.read_text(encoding="utf-8")


def test_a_cache_its_owner_cannot_read_is_saved_readable_again(tmp_path: Path) -> None:
    """A cache left mode 000 (a restored CI cache, a chmod -R) could not be read, and every
    save kept its mode: every later run redid every article, without a word."""
    path, _ = _saved(tmp_path, ["fr-FR/a.md"])
    path.chmod(0o200)
    cache = Cache.load(path, FINGERPRINT)
    cache.put("fr-FR/b.md", _entry(_files(tmp_path, "fr-FR/b.md")))
    cache.save({"fr-FR/a.md", "fr-FR/b.md"})
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_cache_that_cannot_be_saved_is_said_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder where the cache goes (a CI cache step restored one there): every run redid
    every article, and nothing said why."""
    from pipeline.cli import main

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build" / CACHE_NAME).mkdir(parents=True)
    assert main(["locales", "-q", "-j", "1"]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "run cache" in line]
    assert len(said) == 1 and said[0].startswith("pipeline: warning: the run cache was not "
                                                 "saved (") and CACHE_NAME in said[0], said
    assert (tmp_path / "build/fr-FR/get-started/install-cli.md").is_file()
    shutil.rmtree(tmp_path / "build" / CACHE_NAME)
    assert main(["locales", "-q", "-j", "1"]) == 0  # saved: nothing to say
    assert "run cache" not in capsys.readouterr().err


def test_file_state_of_a_digest_hashes_the_file_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold run takes the state of every article it read by its digest: the file read back
    is hashed once, for the comparison and the record alike."""
    path = tmp_path / "a.md"
    path.write_bytes(b"text")
    known = cache_module.digest(b"text")
    calls = []
    real = cache_module.digest
    monkeypatch.setattr(cache_module, "digest", lambda data: calls.append(data) or real(data))
    state = FileState.of(str(path), known)
    assert state is not None and state.digest == known
    assert len(calls) == 1
    assert FileState.of(str(path), cache_module.digest(b"other")) is None


@pytest.mark.parametrize("by_digest", [False, True])
def test_a_file_read_back_with_other_bytes_than_the_run_used_is_not_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by_digest: bool) -> None:
    """Saved between the run's read and the state taken (a translator's edit mid-run): the
    bytes read back are compared with those the run used, by bytes or by digest, and the
    digest recorded is theirs."""
    import builtins
    import io

    path = tmp_path / "a.md"
    path.write_bytes(b"used")
    real = builtins.open
    back = [b"edited"]

    def reread(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            return io.BytesIO(back[0])
        return real(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", reread)
    used = cache_module.digest(b"used") if by_digest else b"used"
    assert FileState.of(str(path), used) is None
    back[0] = b"used"
    state = FileState.of(str(path), used)
    assert state is not None and state.digest == cache_module.digest(b"used")


def test_an_article_a_translator_saves_after_the_run_read_it_is_redone_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run records an article by the status it was read through, not by reading it again
    when done: a save after the read (same size, a later tick) still makes the next run
    redo the article rather than replay it."""
    from pipeline import job
    from pipeline.cli import main

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    monkeypatch.chdir(tmp_path)
    rel = "fr-FR/get-started/install-cli.md"
    article = tmp_path / "content" / rel
    finish = job.finish

    def saved_meanwhile(prep: job.Prepared, *args: object) -> object:
        if prep.rel == rel:  # read, not yet recorded
            time.sleep(0.2)  # the save is no longer within a racy tick of the read
            article.write_bytes(article.read_bytes().replace("Prévisualiser".encode(),
                                                             "Prévisualisez".encode()))
        return finish(prep, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(job, "finish", saved_meanwhile)
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)
    monkeypatch.setattr(job, "finish", finish)
    prepared: list[str] = []
    prepare = job.prepare

    def counted(name: str, *args: object) -> object:
        prepared.append(name)
        return prepare(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(job, "prepare", counted)
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)
    assert prepared == [rel]  # the others replayed: their files are as the first run left them


def test_a_run_records_each_file_as_a_rerun_finds_it_so_a_noop_rerun_reads_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The states a run records without reading its files again (the status it read or wrote
    each through) are the ones a rerun's stat finds: a rerun with nothing changed prepares no
    article and hashes no file, once past the racy window of the first run's save."""
    from pipeline import job
    from pipeline.cli import main

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    monkeypatch.chdir(tmp_path)
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)
    values = cache_module._values((tmp_path / "build" / CACHE_NAME).read_bytes())
    next(values)  # the header
    layout = Layout(tmp_path / "content", tmp_path / "locales", tmp_path / "build",
                    source="en-US")
    recorded = 0
    for chunk in values:
        for rel, raw in chunk.items():
            entry = Entry.from_record(marshal.loads(raw))
            for path, state in zip(layout.paths(rel), (entry.article, entry.catalog,
                                   entry.output, entry.handoff), strict=True):
                if state is not None and path is not None:
                    st = os.stat(path)
                    assert state[:4] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                    recorded += 1
    assert recorded > 10
    time.sleep(0.2)
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)  # hashes the files in the racy tail
    prepared: list[str] = []
    hashed: list[int] = []
    prepare, digest = job.prepare, cache_module.digest
    monkeypatch.setattr(job, "prepare", lambda *a: prepared.append(a[0]) or prepare(*a))
    monkeypatch.setattr(cache_module, "digest", lambda d: hashed.append(len(d)) or digest(d))
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)
    assert prepared == [] and hashed == []


@pytest.mark.parametrize("kind", ["catalog", "output"])
def test_a_file_saved_in_place_right_after_the_run_renamed_it_there_is_redone_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """A file the run wrote was recorded by the status its descriptor gave after the rename:
    a save in place between the rename and that status (a translator's editor, a script
    touching the page) was recorded as the run's own bytes, and every later run replayed the
    article, the catalog's edit unpublished or the page's left standing."""
    from pipeline.cli import main

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    monkeypatch.chdir(tmp_path)
    po = tmp_path / "locales/fr-FR/get-started/install-cli.po"
    page = tmp_path / "build/fr-FR/get-started/install-cli.md"
    po.write_bytes(po.read_bytes() + b"\n")  # not as the run writes it: rewritten
    target = po if kind == "catalog" else page
    old, new = ('"Prérequis"', '"Préalables"') if kind == "catalog" else \
        ("Prérequis", "PréREQUIS")
    replace_file = os.replace

    def saved_right_after(src: str, dst: object) -> None:
        replace_file(src, dst)  # type: ignore[arg-type]
        if os.path.abspath(dst) == str(target):  # type: ignore[call-overload]
            with open(target, "r+b") as fh:  # in place: the inode the run wrote
                data = fh.read().replace(old.encode(), new.encode())
                fh.seek(0)
                fh.write(data)
                fh.truncate()
            time.sleep(0.2)  # the run goes on: the save is no longer within a racy tick

    monkeypatch.setattr(os, "replace", saved_right_after)
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)
    monkeypatch.setattr(os, "replace", replace_file)
    assert new.encode() in target.read_bytes()  # saved, in place, after the run's rename
    assert main(["locales", "-q", "-j", "1"]) in (0, 1)
    text = page.read_text(encoding="utf-8")
    assert ("Préalables" in text) if kind == "catalog" else ("PréREQUIS" not in text)
