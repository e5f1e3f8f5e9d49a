"""A batch in a worker: what it holds while its files wait to be written, and what it leaves
behind. A worker runs batch after batch; whatever one batch leaves alive, or holds all at once,
is memory that grows with the pages and the tree rather than with one page."""

from __future__ import annotations

import gc
import marshal
import os
import shutil
import time
import weakref
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline import io, job
from pipeline.cache import Entry, FileState
from pipeline.checks.base import Options
from pipeline.layout import Layout
from pipeline.outcome import Outcome, Settings
from pipeline.publish import Guard
from pipeline.render import Form
from pipeline.source import batch

REPO = Path(__file__).resolve().parents[1]
HANDOFFS = ["fr-FR/get-started/install-cli.md", "fr-FR/reference/configuration.md",
            "ar-SA/get-started/install-cli.md"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    content = tmp_path / "content"
    for rel in HANDOFFS:
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "content" / rel, content / rel)
    layout = Layout(content, tmp_path / "locales", tmp_path / "out")
    return Settings(layout, extract=True, check=True, form=Form.LOCALIZED)


ENGLISH = "how-to/preview-locally.md"
DRIVEN = [f"{locale}/{ENGLISH}" for locale in ("ar-SA", "fr-FR", "ja-JP")]


@pytest.fixture
def english(tmp_path: Path) -> Settings:
    """The repository's English article and its catalogs: articles made from their English."""
    content, locales = tmp_path / "content", tmp_path / "locales"
    (content / "en-US" / ENGLISH).parent.mkdir(parents=True)
    shutil.copyfile(REPO / "content" / "en-US" / ENGLISH, content / "en-US" / ENGLISH)
    for rel in DRIVEN:
        po = Path(rel[:-3] + ".po")
        (locales / po).parent.mkdir(parents=True)
        shutil.copyfile(REPO / "locales" / po, locales / po)
    layout = Layout(content, locales, tmp_path / "out", source="en-US")
    assert all(layout.drives(rel) for rel in DRIVEN)
    return Settings(layout, extract=True, check=True, form=Form.LOCALIZED,
                    targets=("ar-SA", "fr-FR", "ja-JP"))


@pytest.fixture
def no_collector() -> Iterator[None]:
    """Only reference counting frees memory: what the collector would free is a cycle."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_a_batch_leaves_no_cycle_for_the_collector(settings: Settings, no_collector: None) -> None:
    """A cycle through the batch's checkers kept every text they had seen alive until the
    collector's rare full pass: a worker's memory then grew batch after batch."""
    batch.process_batch(HANDOFFS, settings)  # the first batch: what runs once is loaded
    gc.collect()  # (a module loaded for it leaves its own garbage, once)
    batch.process_batch(HANDOFFS, settings)
    assert gc.collect() == 0


def test_an_english_driven_batch_leaves_no_cycle_for_the_collector(
        english: Settings, no_collector: None) -> None:
    batch.process_batch(DRIVEN, english)
    gc.collect()
    batch.process_batch(DRIVEN, english)
    assert gc.collect() == 0


def test_a_lean_english_driven_article_finishes_as_the_whole_one_does(english: Settings) -> None:
    from pipeline.source import job as source_job

    for rel in DRIVEN:
        whole = job.write_batch([source_job.prepare(rel, english)], english)
        lean = job.lean(source_job.prepare(rel, english))
        assert lean.article is None and lean.read and lean.handoff_data is None
        again = job.write_batch([lean], english)
        assert whole[0].segments > 0 and whole[0].cache is not None
        assert again == [whole[0]._replace(wrote_catalog=False, wrote_output=False)]


def test_a_guard_and_its_locale_copies_are_freed_by_reference_counting(
    no_collector: None,
) -> None:
    guard = Guard(Options())
    french, arabic = guard.for_locale("fr-FR"), guard.for_locale("ar-SA")
    assert french.options.locale == "fr-FR" and arabic.options.locale == "ar-SA"
    assert guard.for_locale("fr-FR").segments._found is french.segments._found  # shared
    refs = [weakref.ref(g) for g in (guard, french, arabic)]
    del guard, french, arabic
    assert [r() for r in refs] == [None, None, None]


def test_a_batch_holds_no_parsed_article_while_its_files_wait(settings: Settings) -> None:
    prepared = job.prepare(HANDOFFS[0], settings)
    assert prepared.article is not None
    lean = job.lean(prepared)
    assert lean.article is None and lean.article_data == b"" and lean.read
    assert lean.kept is not None and lean.kept.segments == len(prepared.article.segments)


def test_a_lean_article_finishes_as_the_whole_one_does(settings: Settings) -> None:
    """The Outcome (findings, counts, Edition, run cache entry) is the same either way."""
    for rel in HANDOFFS:
        whole = job.write_batch([job.prepare(rel, settings)], settings)
        again = job.write_batch([job.lean(job.prepare(rel, settings))], settings)
        assert whole[0].segments > 0
        # the second write finds its files in place: only what was written differs
        assert again == [whole[0]._replace(wrote_catalog=False, wrote_output=False)]


def test_an_unreadable_article_stays_unreadable_when_lean(settings: Settings) -> None:
    rel = "fr-FR/missing.md"
    prepared = job.lean(job.prepare(rel, settings))
    assert not prepared.read
    [outcome] = job.write_batch([prepared], settings)
    assert outcome.failed and outcome.findings


def _aged(root: Path) -> None:
    """Every file below ``root`` last modified an hour ago: none within a racy tick of now."""
    past = time.time_ns() - 3600 * 10**9
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(past, past))


def _recorded(cache: bytes | None) -> Entry:
    assert cache is not None
    return Entry.from_record(marshal.loads(zlib.decompress(cache)))


def test_a_batch_records_its_files_by_the_status_it_read_and_wrote_them_with(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run cache took each file's state by opening and reading the article, the catalog
    and the page again once they were written (some 30 system calls an article): the status
    taken through the descriptor each was read or written by stands for its bytes."""
    _aged(settings.layout.content)

    def never(cls: type, path: object, data: object) -> None:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(FileState, "of", classmethod(never))
    # the flush takes a tick on a disk: a file renamed in its write's tick is read again
    # (``disk.written_status``), which a tmpfs, flushing nothing, would make every file
    durable = io._make_durable
    monkeypatch.setattr(io, "_make_durable", lambda *a: time.sleep(0.02) or durable(*a))
    rel = HANDOFFS[0]
    [outcome] = job.process_batch([rel], settings)
    entry = _recorded(outcome.cache)
    for path, state in zip(settings.layout.paths(rel)[:3],
                           (entry.article, entry.catalog, entry.output), strict=True):
        st = os.stat(path)
        assert state is not None
        assert state[:4] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino), path


def test_an_article_modified_within_a_tick_of_its_reading_is_read_again_to_be_recorded(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save in the same timestamp tick after the run read the article would leave its
    status as it was: an article modified that recently is read again before it is recorded,
    and recorded only while it holds the bytes the run read."""
    rel = HANDOFFS[0]
    article = settings.layout.content / rel
    article.write_bytes(article.read_bytes())  # modified now
    calls: list[object] = []
    of = FileState.of

    def counted(cls: type, path: object, data: bytes | str) -> FileState | None:
        calls.append(path)
        return of(path, data)  # type: ignore[arg-type]

    monkeypatch.setattr(FileState, "of", classmethod(counted))
    [outcome] = job.process_batch([rel], settings)
    assert calls == [settings.layout.paths(rel)[0]]  # the files written are not read again
    assert _recorded(outcome.cache).article.digest


@pytest.mark.parametrize("to", ["article", "catalog"])
def test_a_page_that_is_a_link_to_its_article_or_catalog_is_refused_and_both_kept(
        settings: Settings, to: str) -> None:
    """A page in the output folder that is a symbolic link into the articles or catalogs (a
    preview set up by hand, `cp -s`) was followed: the rendered page replaced the translator's
    article or catalog it pointed to."""
    layout = settings.layout
    rel = HANDOFFS[0]
    job.process_batch([rel], settings)  # the catalog made
    source = Path(layout.article(rel) if to == "article" else layout.catalog(rel))
    page = Path(layout.output(rel))
    page.unlink()
    page.symlink_to(source)
    before = source.read_bytes()
    first, second, _ = job.process_batch(HANDOFFS, settings)
    assert source.read_bytes() == before and page.is_symlink()
    said = [f for f in first.findings if f.check == "write-failed"]
    assert len(said) == 1 and f"a symbolic link to {os.path.relpath(source)} that this run " \
        "reads" in said[0].message and said[0].hint.startswith("remove the link")
    assert first.cache is None  # redone next run, the error said again
    assert Path(layout.output(HANDOFFS[1])).is_file() and second.cache is not None


@pytest.mark.parametrize("made_from", ["handoff", "english"])
def test_a_page_whose_folder_is_a_link_to_its_articles_folder_is_refused_and_it_kept(
        request: pytest.FixtureRequest, made_from: str) -> None:
    """An output locale folder that is a link to the articles' (`build/fr-FR ->
    ../content/fr-FR`): every page's path was its own article, and the rendered page replaced
    the translator's sxs article, exit 0. Likewise the English's folder for an article made
    from its English."""
    from pipeline.source.batch import process_batch

    s: Settings = request.getfixturevalue("settings" if made_from == "handoff" else "english")
    layout = s.layout
    rel = HANDOFFS[0] if made_from == "handoff" else DRIVEN[1]
    source = Path(layout.article(rel) if made_from == "handoff" else layout.english(rel))
    _refused_through_a_link(s, rel, source,
                            job.process_batch if made_from == "handoff" else process_batch)


def _refused_through_a_link(s: Settings, rel: str, kept: Path,
                            run: Callable[[list[str], Settings], list[Outcome]]) -> None:
    """``rel``'s output locale folder linked to ``kept``'s: the page is refused, one
    write-failed naming the link, and ``kept`` is left as it was."""
    folder = Path(s.layout.output(rel)).parents[1]
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(kept.parents[1], target_is_directory=True)
    before = kept.read_bytes()
    [outcome] = run([rel], s)
    assert kept.read_bytes() == before
    said = [f for f in outcome.findings if f.check == "write-failed"]
    assert len(said) == 1 and f"a symbolic link to {os.path.relpath(kept)} that this run " \
        "reads" in said[0].message, outcome.findings


def test_a_page_whose_folder_links_to_another_locales_articles_is_refused_and_they_kept(
        settings: Settings) -> None:
    """h183: with build/ar-SA a link to content/fr-FR, the ar-SA page of an article both
    locales have replaced the French article at that path, exit 0: only the page's own
    article, catalog and handoff were told by their file."""
    french = Path(settings.layout.article(HANDOFFS[0]))
    _refused_through_a_link(settings, HANDOFFS[2], french, job.process_batch)


def test_a_page_hard_linked_to_its_article_is_replaced_and_the_article_kept(
        settings: Settings) -> None:
    """A page that is another hard link to its article (`cp -al`, a dedup tool over a tree
    whose bilingual pages equal their articles) was refused as the article itself, exit 1,
    though the write's rename replaces the page's entry alone."""
    layout = settings.layout
    rel = HANDOFFS[0]
    job.process_batch([rel], settings)
    article, page = Path(layout.article(rel)), Path(layout.output(rel))
    rendered, before = page.read_bytes(), article.read_bytes()
    page.unlink()
    os.link(article, page)
    [outcome] = job.process_batch([rel], settings)
    assert not [f for f in outcome.findings if f.check == "write-failed"], outcome.findings
    assert page.read_bytes() == rendered and article.read_bytes() == before
    assert not os.path.samefile(page, article)
